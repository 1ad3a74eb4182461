"""The appendix as a district reads it: a title line, and columns sized from what they hold (issue 18.5).

Each document sizes its task table's columns from its own rows (pipeline/documents/columns.py,
pipeline/autofit.py): never narrower than a column's longest word, the table as wide as the text,
the room between going where it saves lines. Widths are read back with python-docx.
"""

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from builders import build_workbook, sample
from docx_reading import open_docx, texts
from pipeline import output
from pipeline.check import check_docx
from pipeline.autofit import cell as measured_cell
from pipeline.documents.columns import LINES_KEPT_WHOLE, PLAN_TASKS, REPORT_TASKS, TaskTable
from pipeline.documents.common import PLAN_APPENDIX_TITLE
from pipeline.generate import generate
from pipeline.layout import CELL_PADDING, LANDSCAPE_TEXT_WIDTH, SIZES, WORD_SLACK, text_width
from pipeline.render import default_templates_dir
from pipeline.workbook import format as F
from year import year_sheets

KINDS = ("_ke-hoach-", "_phu-luc-", "_bao-cao-")
LONG_NOTE = ("Phối hợp với Công an xã và Ban Chỉ huy Quân sự xã rà soát, cập nhật dữ liệu dân cư "
             "trước khi triển khai; báo cáo kết quả về Văn phòng trước ngày 15 hằng tháng")


def appendix_table(doc):
    return next(t for t in doc.tables if t.rows[0].cells[0].text == "TT")


def grid(table) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def column_widths(table) -> dict[str, int]:
    return {cell.text: width for cell, width in zip(table.rows[0].cells, grid(table))}


def needed(word: str, bold: bool = False) -> int:
    return round(text_width(word, SIZES["table"], bold) * WORD_SLACK) + CELL_PADDING


def made(tmp_path, sheets, period=None) -> dict[str, object]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    result = generate(build_workbook(tmp_path / "so.xlsx", sheets), tmp_path / "out", period=period)
    return {kind: next(p for p in result.written if kind in p.name) for kind in KINDS}


@pytest.mark.parametrize("kind", ["_ke-hoach-", "_phu-luc-"])
def test_the_plans_appendix_has_its_title_line(sample_outputs, kind):
    lines = texts(open_docx(sample_outputs[kind]))
    start = lines.index("PHỤ LỤC")
    assert lines[start + 1] == PLAN_APPENDIX_TITLE
    assert lines[start + 2].startswith("(Kèm theo Kế hoạch số 25/KH-UBND")


def test_a_long_note_widens_the_note_column(tmp_path):
    short = made(tmp_path / "short", sample())
    sheets = sample()
    sheets[F.SHEET_TASKS][2][6] = LONG_NOTE
    long = made(tmp_path / "long", sheets)
    template = next(c.width for c in PLAN_TASKS.columns if c.head == "Ghi chú")
    for kind in KINDS:
        before = column_widths(appendix_table(open_docx(short[kind])))["Ghi chú"]
        after = column_widths(appendix_table(open_docx(long[kind])))["Ghi chú"]
        # 1,3 cm was the complaint; the empty column is already as wide as `Ghi chú` on one line
        assert after >= before + 300 and after > template, (kind, before, after)
        assert after <= LANDSCAPE_TEXT_WIDTH // 3  # and it does not take the table


@pytest.mark.parametrize("kind", KINDS)
def test_no_column_is_narrower_than_its_longest_word_and_the_table_is_the_text_width(sample_outputs, kind):
    table = appendix_table(open_docx(sample_outputs[kind]))
    widths = grid(table)
    assert sum(widths) == LANDSCAPE_TEXT_WIDTH
    assert int(table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w"))) == LANDSCAPE_TEXT_WIDTH
    for row in table.rows:
        cells = list(dict.fromkeys(row.cells))  # a heading row of a field is one merged cell
        if len(cells) != len(widths):
            assert cells[0].width.twips == LANDSCAPE_TEXT_WIDTH
            continue
        for cell, width in zip(cells, widths):
            assert cell.width.twips == width
            for word in cell.text.split():
                assert needed(word, bold=row is table.rows[0]) <= width, (kind, word, width)


def test_each_document_sizes_its_own_columns_from_its_rows(sample_outputs):
    plan = column_widths(appendix_table(open_docx(sample_outputs["_ke-hoach-"])))
    assert plan == column_widths(appendix_table(open_docx(sample_outputs["_phu-luc-"])))
    assert list(plan.values()) != [c.width for c in PLAN_TASKS.columns]  # not the template's fixed widths
    report = column_widths(appendix_table(open_docx(sample_outputs["_bao-cao-"])))
    assert list(report.values()) != [c.width for c in REPORT_TASKS.columns]


def test_empty_columns_keep_only_their_headers_words(tmp_path):
    docs = made(tmp_path, year_sheets(4), period="nam")
    widths = column_widths(appendix_table(open_docx(docs["_ke-hoach-"])))
    # No task has partners or a note: each column is as wide as its header on one line needs.
    for head in ("Phối hợp", "Ghi chú"):
        assert widths[head] == measured_cell([head], SIZES["table"], bold=True).longest_line
    # Every task's lead fits on one line, the room a column of one repeated name asks.
    assert widths["Chủ trì"] >= needed("Văn phòng HĐND và UBND")
    for path in docs.values():
        assert check_docx(path).findings == []


def test_a_column_of_short_notes_keeps_its_header_whole_too(tmp_path):
    """One task noted `x` (or `Có`): the plan's column is as wide as `Ghi chú` on one line, not `Ghi` /
    `chú` (the report's column also holds its results' notes, longer: sized by them)."""
    sheets = sample()
    sheets[F.SHEET_TASKS][2][6] = "x"
    docs = made(tmp_path, sheets)
    for kind in ("_ke-hoach-", "_phu-luc-"):
        widths = column_widths(appendix_table(open_docx(docs[kind])))
        assert widths["Ghi chú"] >= measured_cell(["Ghi chú"], SIZES["table"], bold=True).longest_line, kind


def test_a_users_template_without_the_caption_keeps_its_widths(tmp_path):
    templates = tmp_path / "mau"
    shutil.copytree(default_templates_dir(), templates)
    own = strip_captions(templates / "phu-luc.docx")
    result = generate(build_workbook(tmp_path / "so.xlsx", sample()), tmp_path / "out", templates=templates)
    appendix = open_docx(next(p for p in result.written if "_phu-luc-" in p.name))
    assert grid(appendix_table(appendix)) == own


def strip_captions(path) -> list[int]:
    """The template without its tables' captions (as a user's own template is); its task table's widths."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    body = parts["word/document.xml"].decode()
    assert f'<w:tblCaption w:val="{PLAN_TASKS.caption}"/>' in body
    parts["word/document.xml"] = body.replace(f'<w:tblCaption w:val="{PLAN_TASKS.caption}"/>', "").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return [c.width for c in PLAN_TASKS.columns]


HAVE_TOOLS = output.find_libreoffice() is not None and shutil.which("pdfinfo") is not None


def pdf_of(docx, folder) -> object:
    # A profile of its own: a LibreOffice already running on the default one (another test run, a
    # user's) makes this one exit 1 without converting.
    profile = (Path(folder) / "lo-profile").resolve().as_uri()
    subprocess.run([output.find_libreoffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=600)
    return folder / (docx.stem + ".pdf")


def pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def page_text(pdf, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


# Notes as a clerk writes them, on five of the year's fifteen tasks.
CLERKS_NOTES = {1: "Đã trình Đảng ủy cho ý kiến trước khi ban hành", 3: "Nhiệm vụ thường xuyên, báo cáo hằng tháng",
                8: "Phối hợp Bưu điện xã hướng dẫn người dân", 11: "Trừ văn bản mật",
                15: "Kinh phí từ nguồn CCHC năm 2026"}


def year_with_notes() -> dict[str, list]:
    sheets = year_sheets(4)
    for row in sheets[F.SHEET_TASKS]:
        row[6] = CLERKS_NOTES.get(row[0])
    return sheets


def tasks_on_page(pdf, page: int) -> list[str]:
    return [line.split()[0] for line in page_text(pdf, page).splitlines() if line.split() and line.split()[0].isdigit()]


@pytest.mark.skipif(not HAVE_TOOLS, reason="LibreOffice or poppler-utils not installed")
def test_the_15_task_year_fits_its_pages(tmp_path, monkeypatch):
    """Measured with LibreOffice, against the template's fixed widths: with fitted columns the plan's
    appendix holds 9 tasks on its first page (6 when each note ran to five lines of two words), and
    the year report stays at 6 pages, 3 of them its appendix."""
    fitted = made(tmp_path / "fitted", year_with_notes(), period="nam")
    def fixed_layout(table, rows):
        widths = tuple(c.width for c in table.columns)
        return widths, table.rows_that_may_break(rows, widths)

    monkeypatch.setattr(TaskTable, "layout", fixed_layout)
    fixed = made(tmp_path / "fixed", year_with_notes(), period="nam")
    appendix, fixed_appendix = (pdf_of(docs["_phu-luc-"], tmp_path / "pdf" / name)
                                for name, docs in (("fitted", fitted), ("fixed", fixed)))
    assert len(tasks_on_page(appendix, 1)) >= len(tasks_on_page(fixed_appendix, 1)) + 2, page_text(appendix, 1)
    assert pages(appendix) <= 2
    report = pdf_of(fitted["_bao-cao-"], tmp_path / "pdf" / "fitted")
    assert pages(report) <= 6
    for path in fitted.values():
        assert check_docx(path).findings == []


# A real clerk's year: outcomes of a few sentences, evidence typed as a list of three documents,
# notes on many tasks (issue 18 §5: «a year report spends 8 pages on 15 tasks»).
LONG_OUTCOME = ("Đã triển khai đầy đủ nội dung theo kế hoạch, tổ chức kiểm tra, đôn đốc các bộ phận chuyên môn "
                "thực hiện; kết quả được tổng hợp báo cáo UBND xã hằng tháng")
EVIDENCE_LIST = ("- Kế hoạch số 30/KH-UBND ngày 02/4/2026 của UBND xã;\n- Thông báo số 55/TB-UBND ngày 28/5/2026.\n"
                 "- Biên bản kiểm tra ngày 12/6/2026 của Đoàn kiểm tra CCHC xã")
LONG_NOTE_OF_A_RESULT = "Phối hợp với Công an xã và Văn phòng HĐND-UBND; báo cáo trước ngày 15 hằng tháng"


def year_of_a_real_clerk(grouped: bool) -> dict[str, list]:
    sheets = year_sheets(4, grouped=grouped)
    for row in sheets[F.SHEET_RESULTS]:
        number, _, status, outcome, evidence, _ = row
        row[3] = f"{outcome}. {LONG_OUTCOME}" if outcome else None
        row[4] = EVIDENCE_LIST if status == "Hoàn thành" or evidence else None
        row[5] = LONG_NOTE_OF_A_RESULT if number % 2 else None
    for row in sheets[F.SHEET_TASKS]:
        row[6] = LONG_NOTE_OF_A_RESULT if row[0] % 3 == 0 else None
    return sheets


def rows_kept_whole(docx, folder) -> object:
    """The same document with every task row kept on one page, as the templates had it."""
    doc = open_docx(docx)
    for row in appendix_table(doc).rows[1:]:
        tr_pr = row._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.insert(0, OxmlElement("w:cantSplit"))
    folder.mkdir(parents=True, exist_ok=True)
    doc.save(folder / docx.name)
    return folder / docx.name


@pytest.mark.skipif(not HAVE_TOOLS, reason="LibreOffice or poppler-utils not installed")
@pytest.mark.parametrize("grouped", [True, False], ids=["by-field", "one-list"])
def test_a_real_clerks_year_report_leaves_no_appendix_page_half_empty(tmp_path, grouped):
    """Measured with LibreOffice on this year (15 tasks, most rows 9 to 11 lines): kept whole, a row
    that did not fit moved to the next page and left up to half a page blank (11 pages by field, 10
    as one list); continued under the repeated header, 10 and 9: the appendix's 5 pages are its
    text, not blank space."""
    report = made(tmp_path, year_of_a_real_clerk(grouped), period="nam")["_bao-cao-"]
    assert check_docx(report).findings == []
    now = pages(pdf_of(report, tmp_path / "pdf"))
    before = pages(pdf_of(rows_kept_whole(report, tmp_path / "whole"), tmp_path / "pdf-whole"))
    assert now < before
    assert now <= (10 if grouped else 9)


def kept_whole(row) -> bool:
    return row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None


def row_heights(table) -> list[int]:
    """Each task row's height in lines (as the widths were fitted), asserting it is kept whole
    exactly when short; a field's heading row is always kept whole, with the task below it."""
    header, *rows = table.rows
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    heights, widths = [], grid(table)
    for row in rows:
        cells = list(dict.fromkeys(row.cells))
        if len(cells) == 1:
            assert kept_whole(row)
            continue
        lines = max(measured_cell([c.text], SIZES["table"]).lines(width) for c, width in zip(cells, widths))
        assert kept_whole(row) == (lines <= LINES_KEPT_WHOLE), (cells[0].text, lines)
        heights.append(lines)
    return heights


def test_short_rows_move_whole_and_tall_rows_may_continue_under_the_repeated_header(tmp_path, sample_outputs):
    year = made(tmp_path, year_of_a_real_clerk(grouped=True), period="nam")
    assert max(row_heights(appendix_table(open_docx(year["_bao-cao-"])))) > LINES_KEPT_WHOLE
    for kind in KINDS:
        assert min(row_heights(appendix_table(open_docx(sample_outputs[kind])))) <= LINES_KEPT_WHOLE

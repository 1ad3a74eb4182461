"""`make-report init`: a new plan's workbook for a commune after the 2025 reform, written safely."""

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from builders import build_workbook, sample
from pipeline.documents import REGISTRY
from pipeline.workbook import format as F
from pipeline.cli import main
from pipeline.workbook.reader import read_workbook


def invoke(*args, cwd=None):
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)


@pytest.fixture
def new_workbook(tmp_path) -> Path:
    path = tmp_path / "moi.xlsx"
    result = invoke("init", str(path), "--year", "2026")
    assert result.exit_code == 0, result.output
    return path


NEW_SHEETS = (*F.ALL_SHEETS, *F.OPTIONAL_TABLE_SHEETS)
"""What `init` writes after its guide: format v1.2, for the periodic CCHC report."""


def data_cells(path: Path):
    wb = load_workbook(path)
    for name in NEW_SHEETS:
        for row in wb[name].iter_rows(min_row=2):
            for cell in row:
                if cell.value not in (None, ""):
                    yield name, cell


def validations(path: Path) -> dict:
    """`Sheet!Column letter` -> the data validation of that column."""
    wb = load_workbook(path)
    return {f"{ws.title}!{str(dv.sqref)[0]}": dv for ws in wb.worksheets for dv in ws.data_validations.dataValidation}


def test_init_writes_a_workbook_made_for_excel_that_opens_on_its_guide(new_workbook):
    wb = load_workbook(new_workbook)
    assert wb.sheetnames == [F.SHEET_GUIDE, *NEW_SHEETS]
    assert wb.active.title == F.SHEET_GUIDE
    for name in NEW_SHEETS:
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        assert ws.max_row >= 2
        assert ws["A2"].alignment.wrap_text


def test_the_guide_explains_every_sheet_in_vietnamese_with_the_plans_year(new_workbook):
    guide = load_workbook(new_workbook)[F.SHEET_GUIDE]
    topics = {row[0]: row[1] for row in guide.iter_rows(min_row=3, values_only=True)}
    assert set(NEW_SHEETS) <= set(topics)
    assert "Alt+Enter" in topics[F.SHEET_DOCUMENTS] and "KT. CHỦ TỊCH" in topics[F.SHEET_DOCUMENTS]
    assert "Báo cáo năm" in topics[F.SHEET_DOCUMENTS]
    assert "30/6/2026" in topics[F.SHEET_TASKS] and "Cuối năm" in topics[F.SHEET_TASKS]
    assert "Nhóm theo lĩnh vực" in topics[F.SHEET_INFO]
    assert "2024" not in " ".join(str(v) for v in topics.values())


def test_dropdowns_restrict_fixed_values_and_only_suggest_free_ones(new_workbook):
    found = validations(new_workbook)
    assert found["Kết quả!C"].formula1 == '"Hoàn thành,Đang thực hiện,Chưa thực hiện,Điều chỉnh,Dừng thực hiện"'
    assert found["Kết quả!B"].formula1 == '"I,II,III,IV"'
    assert found["Văn bản!A"].showErrorMessage
    assert "Báo cáo quý IV" in found["Văn bản!A"].formula1 and "Báo cáo năm" in found["Văn bản!A"].formula1
    deadline, authority, title = found["Nhiệm vụ!F"], found["Văn bản!E"], found["Văn bản!F"]
    for suggestion in (deadline, authority, title):
        assert suggestion.type == "list"
        assert not suggestion.showErrorMessage  # free text is still accepted
        assert len(suggestion.formula1) <= 257 and len(suggestion.prompt) <= 255
    assert "Thường xuyên" in deadline.formula1 and "6 tháng cuối năm" in deadline.formula1
    assert "30/6/2026" in deadline.prompt
    assert "TM. ỦY BAN NHÂN DÂN" in authority.formula1 and "KT. CHỦ TỊCH" in authority.prompt
    assert "PHÓ CHỦ TỊCH" in title.formula1


@pytest.mark.parametrize("year", ["2025", "2026"])
def test_a_new_workbook_names_no_district_after_the_2025_reform(tmp_path, year):
    path = tmp_path / "moi.xlsx"
    assert invoke("init", str(path), "--year", year).exit_code == 0
    wb = load_workbook(path)
    texts = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [t for t in texts if "huyện" in t.lower()]
    recipients = [row[1] for row in wb[F.SHEET_RECIPIENTS].iter_rows(min_row=2, values_only=True)]
    assert "UBND tỉnh … (b/c)" in recipients and "Sở Nội vụ tỉnh … (b/c)" in recipients


def test_every_example_left_unchanged_is_warned_about_recipients_included(new_workbook):
    plan = read_workbook(new_workbook)
    warned = {f"{w.sheet}!{w.cell}" for w in plan.warnings if "chữ ví dụ" in w.message}
    examples = {f"{sheet}!{cell.coordinate}" for sheet, cell in data_cells(new_workbook)
                if isinstance(cell.value, str) and ("…" in cell.value or cell.value in (F.EXAMPLE_SIGNER, F.EXAMPLE_SUMMARY))}
    assert examples and warned == examples
    assert {"Nơi nhận!B2", "Nơi nhận!B3", "Nơi nhận!B4", "Văn bản!H3"} <= warned
    assert all(w.hint for w in plan.warnings)
    # each once: the results' outcome column is read by two readers, and Kết quả!D2 was warned twice
    assert len(plan.warnings) == len(set(plan.warnings))


def test_a_new_workbooks_example_result_is_named_as_the_reason_nothing_is_reported(tmp_path, new_workbook):
    """A trial read `sổ chưa có kết quả quý nào` beside the example result row the sheet shows."""
    result = CliRunner().invoke(main, [str(new_workbook), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    said = next(line for line in result.output.splitlines() if "chưa có kết quả quý I" in line)
    assert "dòng quý I ở trang Kết quả còn là dòng ví dụ của sổ mẫu" in said


def test_a_filled_in_workbook_has_no_warning_and_its_guide_is_ignored(tmp_path, new_workbook):
    from pipeline.workbook.new import save_atomically
    from pipeline.workbook.guide import add_guide_sheet

    path = build_workbook(tmp_path / "so.xlsx", sample())
    before = read_workbook(path).warnings
    wb = load_workbook(path)
    add_guide_sheet(wb, 2024)
    save_atomically(wb, path)
    assert load_workbook(path).sheetnames[0] == F.SHEET_GUIDE
    assert read_workbook(path).warnings == before
    assert not [w for w in read_workbook(new_workbook).warnings if F.SHEET_GUIDE in str(w)]


def test_a_new_workbook_generates_all_three_documents(tmp_path, new_workbook):
    result = invoke(str(new_workbook), "--out", str(tmp_path / "kq"))
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "kq" / "2026-Q1").glob("*.docx"))) == 3
    assert "Cảnh báo: Thông tin!B3: ô còn chữ ví dụ “ỦY BAN NHÂN DÂN XÃ …” của sổ mẫu" in result.stderr
    assert "Nơi nhận!B2: ô còn chữ ví dụ “UBND tỉnh … (b/c)”" in result.stderr


@pytest.mark.parametrize("name, fix", [("so.xls", "make-report init so.xlsx"),
                                       ("so-moi", "make-report init so-moi.xlsx"),
                                       ("so.XLSM", "make-report init so.xlsx")])
def test_a_name_that_is_not_xlsx_is_refused_with_the_right_name(tmp_path, name, fix):
    result = invoke("init", name, cwd=tmp_path)
    assert result.exit_code == 2
    assert fix in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("year", ["26", "99999", "1999", "hai"])
def test_a_year_that_is_not_four_digits_of_this_era_is_refused(tmp_path, year):
    result = invoke("init", "so.xlsx", "--year", year, cwd=tmp_path)
    assert result.exit_code == 2
    assert "--year 2026" in result.stderr and f"“{year}”" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_never_overwrites_without_force(tmp_path, new_workbook):
    new_workbook.write_bytes(b"so cua xa")
    result = invoke("init", str(new_workbook), "--year", "2026")
    assert result.exit_code == 2 and "--force" in result.stderr
    assert new_workbook.read_bytes() == b"so cua xa"
    assert invoke("init", str(new_workbook), "--year", "2026", "--force").exit_code == 0
    assert load_workbook(new_workbook).sheetnames[0] == F.SHEET_GUIDE


def test_a_failed_write_on_a_full_disk_leaves_the_old_workbook_whole(tmp_path, new_workbook, monkeypatch):
    from openpyxl import Workbook

    old = new_workbook.read_bytes()

    def save_until_the_disk_is_full(self, target):   # a path or a file object: where it is saved is ours to choose
        part = b"PK\x03\x04" + b"\0" * 8192
        target.write(part) if hasattr(target, "write") else Path(target).write_bytes(part)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "save", save_until_the_disk_is_full)
    result = invoke("init", str(new_workbook), "--year", "2026", "--force")
    assert result.exit_code == 1
    assert f"không ghi được sổ {new_workbook} (đĩa đã đầy). Tệp cũ được giữ nguyên." in result.stderr
    assert new_workbook.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == [new_workbook.name]  # no temporary file left


def test_a_folder_that_is_a_file_is_named(tmp_path):
    (tmp_path / "afile").write_text("x")
    result = invoke("init", str(tmp_path / "afile" / "so.xlsx"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'afile'} là một tệp, không phải thư mục" in result.stderr
    assert "Traceback" not in result.output


def test_init_beside_the_sample_in_inputs_says_the_next_run_makes_both(tmp_path):
    (tmp_path / "inputs").mkdir()
    build_workbook(tmp_path / "inputs" / "ke-hoach-cchc-2024.xlsx", sample())
    result = invoke("init", str(Path("inputs") / "moi.xlsx"), "--year", "2026", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "ke-hoach-cchc-2024.xlsx" in result.stdout and "cả 2 sổ" in result.stdout
    assert f"make-report {Path('inputs') / 'moi.xlsx'}" in result.stdout


def test_init_alone_in_its_folder_adds_no_note(tmp_path):
    result = invoke("init", "moi.xlsx", "--year", "2026", cwd=tmp_path)
    assert result.exit_code == 0
    assert "Lưu ý" not in result.stdout


def test_a_folder_given_as_the_new_workbook_asks_for_a_name_in_it(tmp_path):
    (tmp_path / "inputs").mkdir()
    result = invoke("init", "inputs", cwd=tmp_path)
    assert result.exit_code == 2
    assert f"inputs là một thư mục; hãy ghi tên sổ mới, ví dụ: make-report init {Path('inputs') / 'so.xlsx'}" \
        in result.stderr


def test_the_grouping_label_is_offered_as_yes_or_no(new_workbook):
    info = load_workbook(new_workbook)[F.SHEET_INFO]
    [row] = [r for r in info.iter_rows(min_row=2) if r[0].value == F.INFO_GROUP_BY_FIELD]
    assert row[1].value == F.YES
    [choice] = [dv for dv in info.data_validations.dataValidation if str(dv.sqref) == row[1].coordinate]
    assert choice.formula1 == '"Có,Không"' and choice.showErrorMessage
    assert not [w for w in read_workbook(new_workbook).warnings if F.INFO_GROUP_BY_FIELD in w.message]


def test_the_field_column_offers_the_cchc_fields_listed_on_the_guide(new_workbook):
    from pipeline.domain.cchc_fields import STANDARD_FIELDS

    wb = load_workbook(new_workbook)
    field = validations(new_workbook)["Nhiệm vụ!H"]
    assert not field.showErrorMessage
    sheet, cells = field.formula1.split("!")
    assert sheet.strip("'") == F.SHEET_GUIDE
    listed = [c.value for row in wb[F.SHEET_GUIDE][cells.replace("$", "")] for c in row]
    assert listed == list(STANDARD_FIELDS.values())


def test_every_dropdown_choice_is_read_without_a_problem(tmp_path):
    from pipeline.workbook.new import blank_sheets

    sheets = {name: [list(row) for row in rows] for name, rows in blank_sheets(2026).items()}
    task = sheets[F.SHEET_TASKS][0]
    sheets[F.SHEET_TASKS] = [[number, *task[1:5], deadline, ""]
                             for number, deadline in enumerate(F.COMMON_DEADLINES, start=1)]
    document = sheets[F.SHEET_DOCUMENTS][1]
    sheets[F.SHEET_DOCUMENTS] = [sheets[F.SHEET_DOCUMENTS][0]] + [
        [kind, None, None, None, authority, title, *document[6:]]
        for kind, authority, title in zip(REGISTRY.labels()[1:], F.COMMON_AUTHORITIES * 8, F.COMMON_TITLES * 2)]
    plan = read_workbook(build_workbook(tmp_path / "so.xlsx", sheets))
    assert [t.number for t in plan.tasks] == list(range(1, len(F.COMMON_DEADLINES) + 1))
    assert len(plan.reports) == len(REGISTRY.labels()) - 1


def test_force_on_a_workbook_open_in_excel_is_refused_and_keeps_it(tmp_path, new_workbook):
    old = new_workbook.read_bytes()
    (tmp_path / ("~$" + new_workbook.name)).write_bytes(b"\x0bNguyen Van A")
    result = invoke("init", str(new_workbook), "--year", "2026", "--force")
    assert result.exit_code == 2
    assert f"sổ {new_workbook} đang mở trong Excel; đóng sổ rồi chạy lại" in result.stderr
    assert new_workbook.read_bytes() == old


def test_temporary_files_of_a_killed_init_are_cleaned_by_the_next(tmp_path, new_workbook):
    """A temporary name carries its process's id: a dead process's file goes, a running one's stays."""
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = tmp_path / f".~{new_workbook.name}.p{dead}.k9x2.tmp"
    stale.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    running = tmp_path / f".~{new_workbook.name}.p{os.getppid()}.abc1.tmp"
    running.write_bytes(b"")
    assert invoke("init", str(new_workbook), "--year", "2026", "--force").exit_code == 0
    assert not stale.exists() and running.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([new_workbook.name, running.name])


def test_init_writes_v12_for_the_periodic_cchc_report(new_workbook):
    from pipeline.domain.cchc_outline import ReportForm

    plan = read_workbook(new_workbook)
    assert plan.report_form is ReportForm.CCHC
    assert [label for label in plan.documents if label != "Kế hoạch"] == [
        "Báo cáo quý I", "Báo cáo 6 tháng", "Báo cáo quý III", "Báo cáo năm"]
    warned = {f"{w.sheet}!{w.cell}" for w in plan.warnings if "chữ ví dụ" in w.message}
    assert {"Thông tin!B11", "Nội dung báo cáo!C2"} <= warned  # Căn cứ báo cáo is the clerk's to give
    assert "4625" not in str(load_workbook(new_workbook)[F.SHEET_INFO]["B11"].value)


def test_section_codes_are_a_dropdown_listed_and_explained_on_the_guide(new_workbook):
    from pipeline.domain.cchc_outline import TYPED_CODES

    wb = load_workbook(new_workbook)
    found = validations(new_workbook)
    codes, report = found["Nội dung báo cáo!B"], found["Nội dung báo cáo!A"]
    assert codes.showErrorMessage and report.showErrorMessage
    sheet, cells = codes.formula1.split("!")
    assert sheet.strip("'") == F.SHEET_GUIDE
    assert [c.value for row in wb[F.SHEET_GUIDE][cells.replace("$", "")] for c in row] == list(TYPED_CODES)
    assert "Báo cáo năm" in report.formula1
    topics = {row[0]: row[1] for row in wb[F.SHEET_GUIDE].iter_rows(min_row=3, values_only=True)}
    text = topics[F.SHEET_REPORT_TEXT]
    assert "- Công tác kiểm tra, rà soát:" in text and "II.2.c" in text and "giải ngân vốn đầu tư công" in text
    info = {str(dv.sqref): dv.formula1 for dv in wb[F.SHEET_INFO].data_validations.dataValidation}
    assert '"Báo cáo CCHC định kỳ,Kết quả thực hiện kế hoạch"' in info.values() and '"xã,tỉnh"' in info.values()


def test_the_statistics_sheet_lists_every_figure_a_commune_types_with_empty_values(new_workbook):
    from pipeline.domain.plan import Level
    from pipeline.statistics.catalog import Kind, load_catalog

    ws = load_workbook(new_workbook)[F.SHEET_STATISTICS]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    catalog = load_catalog()
    printed = [i for i in catalog.indicators if i.printed_at(Level.COMMUNE) and i.kind(Level.COMMUNE) is not Kind.GROUP]
    typed = [i.code for i in printed if not i.is_computed_ratio(Level.COMMUNE) and not i.from_plan
             and i.kind(Level.COMMUNE) is not Kind.FORM]
    assert [row[0] for row in rows] == typed
    assert "3.3.2.1" in typed and "1.2.1" not in typed and "3.3.2" not in typed and "2.1.1" not in typed
    assert {row[1:] for row in rows} == {("Quý I", None, None)}
    assert ws["A2"].comment.text == catalog[typed[0]].indicator(Level.COMMUNE)
    assert not [w for w in read_workbook(new_workbook).warnings if w.sheet == F.SHEET_STATISTICS]

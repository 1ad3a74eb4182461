"""A post-reform commune's whole year: plan, quý I–IV, 6 months, 9 months and the year report.

Every figure is checked against the hand-worked standings in tests/year.py.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from builders import build_workbook
from docx_reading import find, open_docx, texts
from pipeline.check import check_docx
from pipeline.cli import main
from pipeline.generate import generate
from year import EXPECTED, ON_TIME_AND_LATE, year_sheets

KINDS = {"quy-1": 1, "quy-2": 2, "6-thang": 2, "quy-3": 3, "9-thang": 3, "quy-4": 4, "nam": 4}


@pytest.fixture(scope="module")
def year_reports(tmp_path_factory):
    """Every report of the year, made from the workbook as it stood when the report was due."""
    root = tmp_path_factory.mktemp("nam")
    made = {}
    for key, upto in KINDS.items():
        workbook = build_workbook(root / f"tan-phu-{key}.xlsx", year_sheets(upto))
        result = generate(workbook, root / "out", period=key)
        made[key] = result
    return made


def report_of(result):
    return open_docx(next(p for p in result.written if "_bao-cao-" in p.name))


def appendix_rows(doc) -> dict[str, list[str]]:
    """Task rows of the report's appendix by TT (group heading rows left out)."""
    rows = {}
    for row in doc.tables[-1].rows[1:]:
        cells = [c.text for c in row.cells]
        if cells[0].isdigit():
            rows[cells[0]] = cells
    return rows


@pytest.mark.parametrize("key", list(KINDS))
def test_each_report_has_the_hand_worked_figures(year_reports, key):
    done, in_progress, not_started, overdue = EXPECTED[KINDS[key]]
    on_time, late = ON_TIME_AND_LATE[KINDS[key]]
    doc = report_of(year_reports[key])
    lines = texts(doc)
    assert f"- Hoàn thành: {done} nhiệm vụ (đúng hạn {on_time}, quá hạn {late}), đạt" in "\n".join(lines)
    assert any(t.startswith(f"- Đang thực hiện: {in_progress} nhiệm vụ") for t in lines)
    if not_started:
        assert any(t.startswith(f"- Chưa thực hiện: {not_started} nhiệm vụ") for t in lines)
    else:
        assert not any(t.startswith("- Chưa thực hiện:") for t in lines)
    if overdue:
        assert any(t.startswith(f"- Quá hạn (đến hạn nhưng chưa hoàn thành): {overdue} nhiệm vụ") for t in lines)
    else:  # never `no task overdue` beside a task finished late
        assert ("- Không còn nhiệm vụ quá hạn chưa hoàn thành." if late else "- Không có nhiệm vụ quá hạn.") in lines
    statuses = [cells[5].split("\n")[0] for cells in appendix_rows(doc).values()]
    assert (statuses.count("Hoàn thành"), statuses.count("Đang thực hiện"), statuses.count("Chưa thực hiện")) == (
        done, in_progress, not_started)


def test_no_zero_count_lines_anywhere_in_the_year(year_reports):
    for result in year_reports.values():
        assert not [t for t in texts(report_of(result)) if re.search(r"\b0 nhiệm vụ, (chiếm|đạt) 0%", t)]


def test_finished_tasks_and_tasks_not_yet_due_are_never_nagged(year_reports):
    warnings = {key: [str(w) for w in result.warnings] for key, result in year_reports.items()}
    # Tasks 10, 13, 15 have no quý II row but are due in quý III and IV: nothing to say yet
    # (a due task without its row: tests/test_what_clerks_type.py).
    assert warnings == {key: [] for key in warnings}


def test_evidence_given_once_is_never_lost(year_reports):
    rows = appendix_rows(report_of(year_reports["quy-4"]))
    finished = {n: cells for n, cells in rows.items() if cells[5].startswith("Hoàn thành")}
    assert len(finished) == 13
    assert all(cells[6] and cells[7] for cells in finished.values()), "a finished task lost its outcome or evidence"
    # Task 11: done in quý IV with a status-only row: the quý III outcome and quý I evidence stand, each
    # saying which report gave it (a reviewer took an earlier quarter's evidence for the new result's).
    assert rows["11"][6] == "Ký số 99% văn bản đi\n(theo báo cáo quý III)"
    assert rows["11"][7] == "Thống kê phần mềm QLVB quý I\n(theo báo cáo quý I)"
    # Task 4: done in quý II with evidence only: the quý I outcome stands.
    assert rows["4"][6].startswith("Đã rà soát 10 văn bản") and rows["4"][6].endswith("(theo báo cáo quý I)")


def test_overdue_is_judged_at_the_cut_off_date(year_reports):
    q1 = appendix_rows(report_of(year_reports["quy-1"]))
    assert q1["7"][5] == "Chưa thực hiện\n(Quá hạn)"  # due 10/3, data to 14/3
    assert q1["6"][5] == "Hoàn thành"  # due Quý I (31/3): done anyway
    q4 = report_of(year_reports["quy-4"])
    rows = appendix_rows(q4)
    assert rows["10"][5] == "Đang thực hiện"  # due 15/12, data to 14/12: not overdue
    assert "8. Nhiệm vụ đến hạn trong quý IV" in texts(q4)
    due = [t for t in texts(q4) if t.startswith("- Nhiệm vụ 10 ")]
    assert due and due[0].endswith("thời hạn: 15/12/2026; tình trạng: đang thực hiện.")


def test_the_change_since_the_last_report_is_stated(year_reports):
    q2 = report_of(year_reports["quy-2"])
    assert find(q2, "- Hoàn thành:").text == "- Hoàn thành: 6 nhiệm vụ (đúng hạn 5, quá hạn 1), đạt 40%, tăng 4 nhiệm vụ so với quý I năm 2026;"
    rows = appendix_rows(q2)
    assert rows["2"][5] == "Hoàn thành\n(Quý I: đang thực hiện)"
    assert rows["3"][5] == "Đang thực hiện"  # unchanged: no previous status shown
    news = [t for t in texts(q2) if t.startswith("- Hoàn thành nhiệm vụ")]
    assert [re.match(r"- Hoàn thành nhiệm vụ (\d+)", t).group(1) for t in news] == ["2", "4", "7", "9"]


@pytest.mark.parametrize("key, folder, file, title, next_heading", [
    ("6-thang", "2026-6T", "xa-tan-phu_bao-cao-6-thang-2026.docx", "6 tháng đầu năm 2026",
     "NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026"),
    ("9-thang", "2026-9T", "xa-tan-phu_bao-cao-9-thang-2026.docx", "9 tháng đầu năm 2026",
     "NHIỆM VỤ QUÝ IV NĂM 2026"),
    ("nam", "2026-N", "xa-tan-phu_bao-cao-nam-2026.docx", "năm 2026", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027"),
    ("quy-4", "2026-Q4", "xa-tan-phu_bao-cao-quy-4-2026.docx", "quý IV năm 2026", "NHIỆM VỤ QUÝ I NĂM 2027"),
])
def test_each_kind_has_its_period_title_folder_and_next_section(year_reports, key, folder, file, title, next_heading):
    result = year_reports[key]
    report = next(p for p in result.written if "_bao-cao-" in p.name)
    assert (report.parent.name, report.name) == (folder, file)
    doc = open_docx(report)
    assert find(doc, "Kết quả thực hiện Kế hoạch số 05/KH-UBND").text.endswith(title)
    assert find(doc, f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ {title.upper()}")
    body = texts(doc)[:texts(doc).index("PHỤ LỤC")]
    assert [t for t in body if re.match(r"^II\. ", t)] == [f"II. {next_heading}"]
    start = "15/12/2025" if key != "quy-4" else "15/9/2026"
    end = {"6-thang": "14/6/2026", "9-thang": "14/9/2026", "nam": "14/12/2026", "quy-4": "14/12/2026"}[key]
    assert find(doc, "(Thời gian lấy số liệu").text == f"(Thời gian lấy số liệu: từ ngày {start} đến ngày {end})"


def progress(doc) -> list[list[str]]:
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Kỳ")
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def test_cumulative_reports_show_each_quarters_progress(year_reports):
    """Each row is the standing at a quarter's cut-off (lũy kế), with the tasks finished within it:
    quý II's 6 done are 2 from quý I and 4 finished in quý II."""
    doc = report_of(year_reports["6-thang"])
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Kỳ")
    assert [c.text for c in table.rows[0].cells] == [
        "Kỳ", "Số nhiệm vụ", "Hoàn thành trong kỳ", "Hoàn thành (lũy kế)", "Đang thực hiện", "Chưa thực hiện",
        "Quá hạn", "Tỷ lệ hoàn thành"]
    assert progress(doc) == [
        ["Lũy kế đến quý I", "15", "2", "2", "8", "5", "1", "13,33%"],
        ["Lũy kế đến quý II", "15", "4", "6", "6", "3", "0", "40%"],
        ["Cả 6 tháng", "15", "6", "6", "6", "3", "0", "40%"],
    ]
    assert "Tiến độ thực hiện lũy kế đến hết từng quý" in " ".join(texts(doc))
    year = progress(report_of(year_reports["nam"]))
    assert [row[0] for row in year] == ["Lũy kế đến quý I", "Lũy kế đến quý II", "Lũy kế đến quý III",
                                        "Lũy kế đến quý IV", "Cả năm"]
    assert sum(int(row[2]) for row in year[:-1]) == int(year[-1][2]) == 13
    assert year[-1] == ["Cả năm", "15", "13", "13", "2", "0", "0", "86,67%"]
    assert not [t for t in report_of(year_reports["quy-2"]).tables if t.rows[0].cells[0].text == "Kỳ"]


def test_the_year_report_gathers_every_finished_task_with_all_its_evidence(year_reports):
    doc = report_of(year_reports["nam"])
    done = [t for t in texts(doc) if t.startswith("- Hoàn thành nhiệm vụ")]
    assert len(done) == 13
    task14 = next(t for t in done if t.startswith("- Hoàn thành nhiệm vụ 14 "))
    assert task14.endswith("Hồ sơ kiểm chứng: Biên bản hội nghị ngày 10/02/2026; Biên bản hội nghị ngày 12/5/2026.")
    assert appendix_rows(doc)["14"][7] == "Biên bản hội nghị ngày 10/02/2026\nBiên bản hội nghị ngày 12/5/2026"


FIELDS = ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "II. CẢI CÁCH THỂ CHẾ",
          "III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "IV. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
          "V. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", "VI. NHIỆM VỤ KHÁC"]


def grouped(table) -> list[str]:
    """The appendix as a list: field headings and task numbers in order."""
    out = []
    for row in table.rows[1:]:
        cells = row.cells
        out.append(cells[0].text if len({id(c._tc) for c in cells}) == 1 else cells[0].text)
    return out


@pytest.mark.parametrize("kind", ["_ke-hoach-", "_phu-luc-", "_bao-cao-"])
def test_appendix_rows_are_grouped_by_cchc_field_in_code_order(year_reports, kind):
    doc = open_docx(next(p for p in year_reports["quy-2"].written if kind in p.name))
    table = doc.tables[-1]
    assert grouped(table) == [FIELDS[0], "1", "2", "3", FIELDS[1], "4", "5", "14", FIELDS[2], "6", "7", "8",
                              FIELDS[3], "9", "10", FIELDS[4], "11", "12", "13", FIELDS[5], "15"]
    heading = table.rows[1]
    assert len({id(c._tc) for c in heading.cells}) == 1, "a field heading spans the whole row"
    paragraph = heading.cells[0].paragraphs[0]
    assert paragraph.runs[0].bold or paragraph.style.font.bold
    assert paragraph.paragraph_format.keep_with_next


def test_the_report_has_one_sub_section_per_field(year_reports):
    doc = report_of(year_reports["quy-2"])
    lines = texts(doc)
    start = lines.index("2. Công tác chỉ đạo, điều hành cải cách hành chính")
    assert lines[start + 1] == "Có 3 nhiệm vụ: hoàn thành 2 (đúng hạn 2, quá hạn 0), đang thực hiện 1; không có nhiệm vụ quá hạn."
    assert lines[start + 2].startswith("- Hoàn thành nhiệm vụ 2 (tiêu chí 1.3)")  # 1 was done in quý I
    assert lines[start + 3] == "3. Cải cách thể chế"
    assert "7. Nhiệm vụ khác" in lines


def test_without_grouping_the_appendix_is_one_list(tmp_path):
    result = generate(build_workbook(tmp_path / "so.xlsx", year_sheets(1, grouped=False)), tmp_path / "out")
    doc = open_docx(next(p for p in result.written if "_phu-luc-" in p.name))
    assert [row.cells[0].text for row in doc.tables[-1].rows[1:]] == [str(n) for n in range(1, 16)]


def test_every_report_of_the_year_passes_the_checker(year_reports):
    for result in year_reports.values():
        for path in result.written:
            report = check_docx(path)
            assert report.findings == [], (path.name, [str(f) for f in report.findings])


def test_ky_on_the_command_line(tmp_path):
    workbook = build_workbook(tmp_path / "tan-phu.xlsx", year_sheets(2))
    result = CliRunner().invoke(main, [str(workbook), "--ky", "6-thang", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "2026-6T" / "xa-tan-phu_bao-cao-6-thang-2026.docx").exists()
    clash = CliRunner().invoke(main, [str(workbook), "--ky", "6-thang", "--quarter", "2"])
    assert clash.exit_code == 2 and "chỉ dùng một tùy chọn" in clash.stderr
    missing = CliRunner().invoke(main, [str(workbook), "--ky", "nam", "--out", str(tmp_path / "out")])
    assert missing.exit_code == 1
    assert "sổ không có dòng “Báo cáo năm” ở trang Văn bản" in missing.stderr


def test_a_rows_own_evidence_is_never_marked_as_another_reports(tmp_path):
    """A reviewer's quý II row gave only evidence: the quý I outcome was marked as quý I's, and the row's
    own evidence wrongly as `(theo báo cáo quý II)`, the report citing itself."""
    from builders import document_row, sample
    from pipeline.workbook import format as F

    sheets = sample()
    row = list(document_row(sheets, "Báo cáo quý I"))
    row[0], row[1], row[2] = "Báo cáo quý II", 60, "20/6/2024"
    sheets[F.SHEET_DOCUMENTS].append(row)
    quarter_one = next(r for r in sheets[F.SHEET_RESULTS] if r[0] == 2 and r[1] == "I")
    sheets[F.SHEET_RESULTS].append([2, "II", "Hoàn thành", None, "Báo cáo số 50/BC-UBND ngày 10/6/2024", None])
    written = generate(build_workbook(tmp_path / "so.xlsx", sheets), tmp_path / "out", period="quy-2").written
    cells = appendix_rows(open_docx(next(p for p in written if "_bao-cao-" in p.name)))["2"]
    assert cells[6] == f"{quarter_one[3]}\n(theo báo cáo quý I)"
    assert cells[7] == "Báo cáo số 50/BC-UBND ngày 10/6/2024"


def test_a_carried_rows_evidence_of_another_quarter_than_its_outcome_says_which(tmp_path):
    """A second review: task 3's quý I outcome and quý II evidence, carried into quý III, showed the
    evidence with no mark, as if quý I's."""
    from builders import document_row, sample
    from pipeline.workbook import format as F

    sheets = sample()
    row = list(document_row(sheets, "Báo cáo quý I"))
    row[0], row[1], row[2] = "Báo cáo quý III", 70, "20/9/2024"
    sheets[F.SHEET_DOCUMENTS].append(row)
    quarter_one = next(r for r in sheets[F.SHEET_RESULTS] if r[0] == 3 and r[1] == "I")
    quarter_one[4] = None
    sheets[F.SHEET_RESULTS].append([3, "II", "Đang thực hiện", None, "Quyết định số 61/QĐ-UBND ngày 5/6/2024", None])
    written = generate(build_workbook(tmp_path / "so.xlsx", sheets), tmp_path / "out", period="quy-3").written
    cells = appendix_rows(open_docx(next(p for p in written if "_bao-cao-" in p.name)))["3"]
    assert cells[6] == f"{quarter_one[3]}\n(theo báo cáo quý I)"
    assert cells[7] == "Quyết định số 61/QĐ-UBND ngày 5/6/2024\n(theo báo cáo quý II)"

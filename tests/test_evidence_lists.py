"""Evidence typed as a list (`- …;` ⏎ `- ….`): the documents write their own punctuation once."""

from builders import build_workbook, sample
from pipeline.workbook import format as F
from pipeline.documents import choose_period, document_jobs
from pipeline.workbook.reader import read_workbook
from pipeline.workbook.results import evidence_lines

TYPED_AS_A_LIST = "- Kế hoạch số 30/KH-UBND ngày 02/4/2026;\n- Thông báo số 55/TB-UBND ngày 28/5/2026."


def test_each_line_loses_its_list_mark_and_end_punctuation():
    assert evidence_lines(TYPED_AS_A_LIST) == (
        "Kế hoạch số 30/KH-UBND ngày 02/4/2026",
        "Thông báo số 55/TB-UBND ngày 28/5/2026",
    )
    assert evidence_lines("Quyết định số 15/QĐ-UBND.") == ("Quyết định số 15/QĐ-UBND",)
    assert evidence_lines("+ Báo cáo số 3/BC-UBND ;\n\n• Công văn số 7/UBND./.") == (
        "Báo cáo số 3/BC-UBND", "Công văn số 7/UBND")


def report_texts(tmp_path, evidence: str) -> tuple[list[str], list[str]]:
    sheets = sample()
    row = next(r for r in sheets[F.SHEET_RESULTS] if r[0] == 1)
    row[4] = evidence
    plan = read_workbook(build_workbook(tmp_path / "so.xlsx", sheets))
    jobs, _ = document_jobs(plan, choose_period(plan, None))
    report = next(job for job in jobs if "_bao-cao-" in job.name)
    body = [p["text"] for p in report.context["body"]]
    cells = [r["evidence"] for r in report.context["rows"] if r.get("number") == "1"]
    return body, cells


def test_a_list_of_evidence_reads_once_punctuated_in_the_report(tmp_path):
    body, cells = report_texts(tmp_path, TYPED_AS_A_LIST)
    finished = next(text for text in body if text.startswith("- Hoàn thành nhiệm vụ 1"))
    assert ("Hồ sơ kiểm chứng: Kế hoạch số 30/KH-UBND ngày 02/4/2026; "
            "Thông báo số 55/TB-UBND ngày 28/5/2026.") in finished
    assert not any(";;" in text or ".." in text for text in body)
    assert cells == ["Kế hoạch số 30/KH-UBND ngày 02/4/2026\nThông báo số 55/TB-UBND ngày 28/5/2026"]


def test_one_evidence_line_ending_with_a_full_stop_gives_one_full_stop(tmp_path):
    body, _ = report_texts(tmp_path, "Kế hoạch số 30/KH-UBND ngày 12/3/2024 của UBND xã.")
    finished = next(text for text in body if text.startswith("- Hoàn thành nhiệm vụ 1"))
    assert finished.endswith("ngày 12/3/2024 của UBND xã.")
    assert ".." not in finished

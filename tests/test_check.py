"""The checker's public API on the good plan and on files that are not documents."""

import json

import docx
import pytest

from check_docs import check, findings, good_plan, set_text
from pipeline.check import (CheckReport, Finding, NotADocx, check_docx, format_report,
                            report_to_dict)


def test_the_good_plan_has_no_finding_at_all(tmp_path):
    report = check(good_plan(), tmp_path)
    assert report.findings == []
    assert report.ok


def test_report_sorts_findings_into_errors_and_warnings(tmp_path):
    plan = good_plan()
    set_text(plan.motto, "Độc lập-Tự do-Hạnh phúc")
    set_text(plan.last_body, "Trên đây là Kế hoạch của Ủy ban nhân dân xã.")
    report = check(plan, tmp_path)
    assert isinstance(report, CheckReport)
    assert [f.rule for f in report.errors] == ["H2"]
    assert [f.rule for f in report.warnings] == ["B3"]
    assert not report.ok


def test_a_warning_alone_still_passes(tmp_path):
    plan = good_plan()
    set_text(plan.last_body, "Trên đây là Kế hoạch của Ủy ban nhân dân xã.")
    report = check(plan, tmp_path)
    assert report.ok and len(report.warnings) == 1


def test_format_report_gives_one_line_per_finding_then_the_verdict(tmp_path):
    plan = good_plan()
    set_text(plan.motto, "Độc lập-Tự do-Hạnh phúc")
    set_text(plan.last_body, "Trên đây là Kế hoạch của Ủy ban nhân dân xã.")
    lines = format_report(check(plan, tmp_path)).splitlines()
    assert lines[0].startswith("[E] H2 bảng 1, ô (1,2) «Độc lập-Tự do-Hạnh phúc»: tìm thấy ")
    assert "; quy định: " in lines[0]
    assert lines[1].startswith("[W] B3 đoạn ")
    assert lines[-1] == "Không đạt: 1 lỗi, 1 cảnh báo"


def test_format_report_of_a_good_document_is_the_verdict_alone(tmp_path):
    assert format_report(check(good_plan(), tmp_path)) == "Đạt: 0 lỗi, 0 cảnh báo"


def test_report_to_dict_is_json_ready(tmp_path):
    plan = good_plan()
    set_text(plan.motto, "Độc lập-Tự do-Hạnh phúc")
    data = report_to_dict(check(plan, tmp_path))
    again = json.loads(json.dumps(data, ensure_ascii=False))
    # issue 19: `check --json` keeps its shape for the programs that read it
    assert list(again) == ["path", "ok", "in_scope", "notice", "errors", "warnings", "verdict", "findings"]
    assert again["ok"] is False and again["errors"] == 1 and again["warnings"] == 0
    assert again["path"].endswith("ke-hoach.docx")
    assert again["findings"][0] == {
        "rule": "H2", "severity": "error", "location": "bảng 1, ô (1,2) «Độc lập-Tự do-Hạnh phúc»",
        "found": again["findings"][0]["found"], "expected": again["findings"][0]["expected"]}
    assert again["verdict"] == "Không đạt: 1 lỗi, 0 cảnh báo"


def test_a_file_that_is_not_a_docx_raises_not_a_docx(tmp_path):
    path = tmp_path / "ghi-chu.docx"
    path.write_text("không phải tệp Word", encoding="utf-8")
    with pytest.raises(NotADocx) as raised:
        check_docx(path)
    assert isinstance(raised.value, Exception)
    assert "Không mở được" in str(raised.value)


def test_an_excel_workbook_given_to_check_is_named_as_one(sample_workbook):
    with pytest.raises(NotADocx, match=r"đây là sổ Excel \(\.xlsx\): lệnh check chỉ kiểm tra văn bản Word"):
        check_docx(sample_workbook)


def test_a_missing_file_raises_not_a_docx(tmp_path):
    with pytest.raises(NotADocx, match="không tìm thấy tệp"):
        check_docx(tmp_path / "khong-co.docx")


def test_an_empty_document_gets_findings_not_a_crash(tmp_path):
    path = tmp_path / "trong.docx"
    docx.Document().save(str(path))
    report = check_docx(path)
    rules = {f.rule for f in report.errors}
    assert {"P1", "P2", "H1", "T1", "B1", "S1", "R1"} <= rules
    assert "K0" not in rules
    assert "P4" not in rules   # one page: no page number needed (spec §1)


def test_a_document_of_plain_paragraphs_gets_findings_not_a_crash(tmp_path):
    document = docx.Document()
    for text in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Hải Định, ngày 05 tháng 3 năm 2024", "BÁO CÁO", "Nội dung"]:
        document.add_paragraph(text)
    path = tmp_path / "thuong.docx"
    document.save(str(path))
    report = check_docx(path)
    assert "K0" not in {f.rule for f in report.findings}
    assert findings(report, "H3") and findings(report, "H4")


def test_a_problem_repeated_everywhere_is_listed_a_few_times_then_counted(tmp_path):
    plan = good_plan()
    plan.document.styles["Normal"].font.name = "Arial"
    for paragraph in plan.body:
        for run in paragraph.runs:
            run.font.name = "Arial"
    report = check(plan, tmp_path)
    arial = [f for f in findings(report, "P3") if "Arial (ascii, hAnsi)" in f.found]
    assert len(arial) == 4
    assert arial[-1].location.startswith("và ") and arial[-1].location.endswith(" vị trí khác")


def test_finding_is_a_frozen_record():
    finding = Finding("P2", "error", "mục 1 (section)", "lề trái 25 mm", "lề trái 30–35 mm")
    with pytest.raises(AttributeError):
        finding.rule = "P1"


def test_the_same_departure_found_twice_is_reported_once():
    from pipeline.check.findings import collapse_repeats, error
    twice = [error("P2", "mục 1 (section)", "lề trên 10 mm", "lề trên 20–25 mm")] * 2
    assert collapse_repeats(twice) == twice[:1]

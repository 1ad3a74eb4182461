"""X1–X5: Unicode form, template leftovers, empty values, legacy encodings, tone marks."""

import unicodedata

import pytest

from check_docs import check, findings, good_plan, set_text


def test_decomposed_unicode_is_a_notice_once_per_document(tmp_path):
    # decomposed text prints the same (spec §13): no departure, a notice named once with the count
    plan = good_plan()
    set_text(plan.summary, unicodedata.normalize("NFD", plan.summary.text))
    set_text(plan.first_body, unicodedata.normalize("NFD", plan.first_body.text))
    report = check(plan, tmp_path)
    assert findings(report, "X1", "error") == [] and report.warnings == []
    [finding] = findings(report, "X1", "notice")
    assert finding.location.startswith("đoạn 3 «")
    assert "và 1 đoạn khác" in finding.found
    assert findings(report, "T1") == []   # the look is still right once normalised


@pytest.mark.parametrize("leftover", ["{{ so_ke_hoach }}", "{% if quy %}", "{# ghi chú #}",
                                      "xã }}"])
def test_a_leftover_template_tag_is_an_error(tmp_path, leftover):
    plan = good_plan()
    set_text(plan.first_body, f"Thực hiện Công văn số {leftover} của UBND huyện.")
    [finding] = findings(check(plan, tmp_path), "X2", "error")
    assert finding.found.startswith("thẻ mẫu còn sót «")


def test_none_printed_from_an_empty_value_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.first_body, "Thực hiện Công văn số None của UBND huyện Hải Lăng.")
    [finding] = findings(check(plan, tmp_path), "X3", "error")
    assert finding.found == "giá trị rỗng in ra thành «None»"


def test_nan_in_a_table_cell_is_an_error(tmp_path):
    plan = good_plan()
    set_text(plan.appendix_table.cell(2, 3).paragraphs[0], "nan")
    [finding] = findings(check(plan, tmp_path), "X3", "error")
    assert finding.location == "bảng 3, ô (3,4) «nan»"


def test_the_vietnamese_word_nan_passes(tmp_path):
    plan = good_plan()
    set_text(plan.first_body, "Giải quyết các vấn đề nan giải trong cải cách hành chính.")
    assert findings(check(plan, tmp_path), "X3") == []


@pytest.mark.parametrize("legacy, encoding", [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "TCVN3 (ABC)"),
    ("§iÒu 1. Ban hµnh kÌm theo QuyÕt ®Þnh nµy", "TCVN3 (ABC)"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "VNI"),
    ("Nöôùc Vieät Nam", "VNI"),
])
def test_legacy_encoded_text_is_an_error(tmp_path, legacy, encoding):
    plan = good_plan()
    set_text(plan.first_body, legacy)
    [finding] = findings(check(plan, tmp_path), "X4", "error")
    assert f"chữ mã cũ {encoding}" in finding.found


def test_a_foreign_name_is_a_warning_and_a_look_alike_letter_in_unicode_text_nothing(tmp_path):
    """A reviewer's `Müller` was an X4 error, and `Ðảng` (Ð, U+00D0, in Unicode text) one too."""
    plan = good_plan()
    set_text(plan.first_body, "Công ty Müller")
    [finding] = findings(check(plan, tmp_path), "X4")
    assert finding.severity == "warning" and "Müller" in finding.found
    for name in ("Công ty Citroën", "Ông Muñoz"):  # a second review: a vowel before the letter too
        set_text(plan.first_body, name)
        assert [f.severity for f in findings(check(plan, tmp_path), "X4")] == ["warning"], name
    for unicode_text in ("Ðảng ủy xã", "Xã Ðông Hà", "Ðoàn thanh niên"):
        set_text(plan.first_body, unicode_text)
        assert not findings(check(plan, tmp_path), "X4"), unicode_text


@pytest.mark.parametrize("text", [
    "Đẩy mạnh công tác cải cách hành chính, hoàn thành nhiệm vụ năm 2024.",
    "Tỷ lệ đạt 83,33% · tăng 5% so với cùng kỳ; nhiệt độ 25°C.",
    "Thủ tục «một cửa» được niêm yết công khai.",
    "Khỏe mạnh, hoà thuận, khuyến khích, quyết tâm, hoàn thiện, thuý, quý, toé.",
])
def test_ordinary_vietnamese_is_not_taken_for_a_legacy_encoding(tmp_path, text):
    plan = good_plan()
    set_text(plan.first_body, text)
    assert findings(check(plan, tmp_path), "X4") == []


def test_one_word_with_both_tone_mark_placements_is_a_warning(tmp_path):
    plan = good_plan()
    set_text(plan.recipients[2], "- Đảng uỷ xã (b/c);")
    set_text(plan.recipients[3], "- Ủy ban Mặt trận Tổ quốc xã, Uỷ ban kiểm tra Đảng uỷ;")
    report = check(plan, tmp_path)
    [finding] = findings(report, "X5", "warning")
    assert finding.location == "bảng 2, ô (1,1) «- Đảng uỷ xã (b/c);»"
    assert "«uỷ» (3 lần)" in finding.found
    assert report.ok


def test_different_words_in_different_placements_are_not_compared(tmp_path):
    # issue 19 §2: «HOÀ» beside «ủy» and «hóa» fired twelve times on one file; the decree mixes so too
    plan = good_plan()
    set_text(plan.national_name, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    set_text(plan.first_body, "Thực hiện chương trình hoà giải ở cơ sở, Ủy ban nhân dân xã số hóa hồ sơ "
                              "hoà giải; Ủy ban Mặt trận Tổ quốc phối hợp, văn hóa cơ sở được giữ gìn.")
    set_text(plan.last_body, "Tổ hoà giải báo cáo Ủy ban nhân dân xã về kết quả số hóa./.")
    report = check(plan, tmp_path)
    assert findings(report, "X5") == []
    assert report.findings == []


def test_a_stray_placement_of_one_word_is_no_finding(tmp_path):
    # ND 30 itself writes «giấy uỷ quyền» once among its «ủy»: a stray copy, not a style
    plan = good_plan()
    set_text(plan.recipients[2], "- Đảng uỷ xã (b/c);")
    assert findings(check(plan, tmp_path), "X5") == []


def test_one_tone_mark_placement_throughout_passes(tmp_path):
    plan = good_plan()
    for paragraph, text in [(plan.issuer, "UỶ BAN NHÂN DÂN"), (plan.authority, "TM. UỶ BAN NHÂN DÂN"),
                            (plan.recipients[2], "- Đảng uỷ xã (b/c);"),
                            (plan.national_name, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")]:
        set_text(paragraph, text)
    for paragraph in [plan.first_body, plan.last_body, plan.appendix_reference]:
        set_text(paragraph, paragraph.text.replace("Ủy", "Uỷ"))
    assert check(plan, tmp_path).findings == []


def test_text_in_the_page_header_is_checked_too(tmp_path):
    plan = good_plan()
    plan.page_number.add_run(" {{ trang }}")
    [finding] = findings(check(plan, tmp_path), "X2", "error")
    assert finding.location.startswith("đầu trang của mục 1 (section)")


@pytest.mark.parametrize("text, doubled", [
    ("Đã ban hành Kế hoạch số 30/KH-UBND ngày 02/4/2026;; Thông báo số 55/TB-UBND.", ";;"),
    ("Thông báo số 55/TB-UBND ngày 28/5/2026..", ".."),
    ("Các nhiệm vụ đã hoàn thành; ; còn lại chuyển sang quý sau.", "; ;"),
])
def test_doubled_punctuation_is_a_warning(tmp_path, text, doubled):
    # issue 18 §1: an evidence list typed with its own ends prints «;;» and «..»
    plan = good_plan()
    set_text(plan.first_body, text)
    report = check(plan, tmp_path)
    [finding] = findings(report, "X6", "warning")
    assert f"«{doubled}»" in finding.found and report.ok


@pytest.mark.parametrize("text", [
    "Trên đây là Kế hoạch của Ủy ban nhân dân xã./.",
    "Các nội dung khác: tuyên truyền, kiểm tra, báo cáo...",
    "Các nội dung khác: tuyên truyền, kiểm tra, báo cáo…",
    "Ngày ..... tháng ..... năm 2024, tại trụ sở Ủy ban nhân dân xã.",
])
def test_the_closing_mark_an_ellipsis_and_blanks_are_not_doubled_punctuation(tmp_path, text):
    plan = good_plan()
    set_text(plan.first_body, text)
    assert findings(check(plan, tmp_path), "X6") == []

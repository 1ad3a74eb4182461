"""`make-report check` on eleven real documents of Vietnamese authorities (tests/data/real-docs).

The README there lists, per file, the true departures from ND 30/2020 (errors) and the cosmetic
ones (warnings at most), found by reading each file against Phụ lục I. The checker must report
as errors exactly those rule families, nothing else; the Party document gets one notice.
"""

from pathlib import Path

import pytest

from pipeline.check import check_docx

REAL_DOCS = Path(__file__).parent / "data" / "real-docs"

TRUE_DEPARTURES = {
    "cp-nd-30-2020.docx": set(),
    "ld-bc-bcd-de-an-06-thang11.docx": set(),
    "ld-bc-tong-ket-pcmt-2025.docx": set(),
    "ld-kh-kiem-tra-cchc-2026.docx": {"P2"},          # bottom margin 10 mm in Phụ lục II
    "ld-snv-ttr-bc-cchc-2025.docx": set(),
    "ld-cat-ttr-xa-khong-ma-tuy.docx": set(),
    "ld-qd-cong-bo-chi-so-cchc-2025.docx": set(),
    "ld-cv-uy-quyen-du-dai-hoi.docx": {"R1"},         # Nơi nhận: at 11 pt
    "ld-tb-ket-luan-cao-toc.docx": {"P2", "P4", "R1"},
    # US Letter, margins, blue text, page number 12 pt, appendix numbered on from the text
    "ld-bc-cchc-quy1-2026.docx": {"P1", "P2", "P3", "P4", "A2"},
}


def test_every_real_document_is_pinned():
    assert set(TRUE_DEPARTURES) | {"dang-hd-36-vptw.docx"} == {p.name for p in REAL_DOCS.glob("*.docx")}
    source = (REAL_DOCS / "README.md").read_text(encoding="utf-8")
    assert "vpubnd49/VBAI" in source and "ericphan28/van-ban-plus" in source   # their source line


# What the README allows as warnings (its «cosmetic» column), as (rule, words of the finding).
# Anything else a checker warns about on these files is a false warning (issue 19).
COSMETIC = {
    "ld-bc-bcd-de-an-06-thang11.docx": {("B1", "contextualSpacing"), ("B1", "thụt đầu dòng")},
    "ld-bc-tong-ket-pcmt-2025.docx": {("H1", "cỡ chữ")},                   # one small size slip
    "ld-kh-kiem-tra-cchc-2026.docx": {("R1", "- Lưu:")},                   # no final «.»
    "ld-cat-ttr-xa-khong-ma-tuy.docx": {("H4", "Số: 409")},                # spacing in the number
    "ld-cv-uy-quyen-du-dai-hoi.docx": {("H6", "cách dòng số, ký hiệu"), ("R1", "- Lưu:")},
    "ld-tb-ket-luan-cao-toc.docx": {("R1", "7 pt")},                       # initials at 7 pt
    "ld-bc-cchc-quy1-2026.docx": {("P3", "VNI-Times")},                    # page number font
}


def _listed(finding, allowed) -> bool:
    return any(finding.rule == rule and words in finding.found for rule, words in allowed)


@pytest.mark.parametrize("name", sorted(TRUE_DEPARTURES))
def test_errors_are_exactly_the_true_departures(name):
    report = check_docx(REAL_DOCS / name)
    assert report.in_scope
    assert {f.rule for f in report.errors} == TRUE_DEPARTURES[name], "\n".join(
        f"{f.rule} {f.location}: {f.found}" for f in report.errors)


@pytest.mark.parametrize("name", sorted(TRUE_DEPARTURES))
def test_no_warning_the_readme_does_not_list(name):
    report = check_docx(REAL_DOCS / name)
    false = [f for f in report.warnings if not _listed(f, COSMETIC.get(name, set()))]
    assert false == [], "\n".join(f"{f.rule} {f.location}: {f.found}" for f in false)


def test_the_party_document_gets_one_notice_and_no_rule_findings():
    report = check_docx(REAL_DOCS / "dang-hd-36-vptw.docx")
    assert not report.in_scope
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in report.notice
    assert [(f.rule, f.severity) for f in report.findings] == [("V0", "notice")]
    assert report.errors == [] and report.warnings == [] and report.ok


# The README's «warnings at most» that this checker reports (the «- Lưu: VT, NC.» lines end in a
# «.» once the drafter's subscript initials are set apart, so they are not among them).
@pytest.mark.parametrize("name, rule, found", [
    ("ld-cv-uy-quyen-du-dai-hoi.docx", "H6", "cách dòng số, ký hiệu"),  # no 6 pt under Số
    ("ld-tb-ket-luan-cao-toc.docx", "R1", "7 pt"),                     # initials at 7 pt
    ("ld-bc-tong-ket-pcmt-2025.docx", "H1", "cỡ chữ"),                 # one letter at 14 pt
    ("ld-bc-bcd-de-an-06-thang11.docx", "B1", "contextualSpacing"),
    ("ld-bc-cchc-quy1-2026.docx", "P3", "VNI-Times"),                  # page number font
])
def test_cosmetic_departures_are_warnings(name, rule, found):
    report = check_docx(REAL_DOCS / name)
    assert any(f.rule == rule and found in f.found for f in report.warnings), "\n".join(
        f"{f.rule} {f.found}" for f in report.warnings)


def test_the_check_command_prints_the_notice_and_the_json_field():
    import json

    from click.testing import CliRunner

    from pipeline.cli import main
    party, report = REAL_DOCS / "dang-hd-36-vptw.docx", REAL_DOCS / "ld-cv-uy-quyen-du-dai-hoi.docx"
    text = CliRunner().invoke(main, ["check", str(party)])
    assert text.exit_code == 0 and "[i] V0 Ngoài phạm vi: văn bản của Đảng" in text.stdout
    assert "[E]" not in text.stdout
    result = CliRunner().invoke(main, ["check", "--json", str(party), str(report)])
    assert result.exit_code == 1   # the công văn has a true departure (Nơi nhận: 11 pt)
    reports = json.loads(result.stdout)
    assert [r["in_scope"] for r in reports] == [False, True]
    assert set(reports[0]) == set(reports[1])   # one shape for both

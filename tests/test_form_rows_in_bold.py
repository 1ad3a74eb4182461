"""Which rows of the seven forms print bold: the rows numbered without a dot, as the real forms print them.

The real quý I 2026 report of Lâm Đồng (a province: every row of every form) bolds STT 1, 2, 3 … and prints
every deeper row plain, the second-level group 7.3.1 (`Thực hiện kết nối, liên thông …`) included. A
province's own CCHC report and the roll-up (DOCX and XLSX) print the same rows bold; a commune's forms have
no group below the top level, so the rule changes nothing there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import build_workbook
from cchc_year import ward_sheets
from docx_reading import form_rows, is_bold, open_docx
from pipeline.generate import generate
from pipeline.workbook import format as F

REAL = Path(__file__).parent / "data" / "real-docs" / "ld-bc-cchc-quy1-2026.docx"


def bold_rows(path: Path) -> dict[int, tuple[list[str], list[str]]]:
    """Form number -> (every STT, the STTs printed bold). The real report's indicator cells mix bold and
    plain runs (`Tỷ lệ hoàn thành …` bold, `(Lũy kế …)` plain): its STT cell says which rows are bold."""
    found = {}
    for number, rows in form_rows(open_docx(path)).items():
        stts = [row.cells[0].text.strip() for row in rows]
        found[number] = (stts, [row.cells[0].text.strip() for row in rows if is_bold(row.cells[0])])
    return found


@pytest.fixture(scope="module")
def province_report(tmp_path_factory) -> Path:
    """A province's own periodic CCHC report (`Cấp` = `tỉnh`): every row of every form, 7.3.1 among them."""
    tmp = tmp_path_factory.mktemp("tinh")
    sheets = ward_sheets(1)
    sheets[F.SHEET_INFO].append([F.INFO_LEVEL, "tỉnh"])
    written = generate(build_workbook(tmp / "tinh.xlsx", sheets), tmp / "out", period="quy-1").written
    return next(p for p in written if "_bao-cao-cchc-" in p.name)


def test_the_real_forms_bold_exactly_the_rows_numbered_without_a_dot():
    for number, (stts, bold) in bold_rows(REAL).items():
        assert bold == [s for s in stts if "." not in s], number
    assert "3.1" in bold_rows(REAL)[7][0]  # the group under 7.3 is there, and plain


def test_a_province_report_bolds_the_rows_the_real_report_bolds(province_report):
    ours, real = bold_rows(province_report), bold_rows(REAL)
    assert sorted(ours) == sorted(real) == list(range(1, 8))
    for number in ours:
        assert ours[number][0] == real[number][0], number  # the same rows …
        assert ours[number][1] == real[number][1], number  # … and the same of them in bold
    for number, rows in form_rows(open_docx(province_report)).items():
        for row in rows:  # our indicator prints as bold as its number
            assert is_bold(row.cells[1]) == is_bold(row.cells[0]), (number, row.cells[0].text)

"""The signature block never splits and never stands alone on a page (issue 8 §2).

Plans, quarter and year reports and roll-ups whose bodies grow one paragraph at a time, so the block meets the page end at
every offset; all converted by one LibreOffice call and read back page by page with pdftotext.
"""

import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from builders import build_workbook, sample, set_document
from ooxml_validation import HAVE_VALIDATOR, assert_valid_ooxml
from pipeline import output
from pipeline.workbook import format as F
from pipeline.generate import render_workbook
from pipeline.render import TemplateSet, default_templates_dir

HAVE_TOOLS = output.find_libreoffice() is not None and shutil.which("pdftotext") is not None
if not HAVE_TOOLS and os.environ.get("CI"):
    raise RuntimeError("CI must have LibreOffice and poppler-utils: .ci/run installs them")
pytestmark = pytest.mark.skipif(not HAVE_TOOLS, reason="LibreOffice or poppler-utils not installed")

LENGTHS = range(24)  # at least 20 (the issue); 24 reach a signature that fills its page
# The CCHC report grows by whole list items, two lines at a time: every other length reaches as far.
LENGTHS_OF = {"_bao-cao-cchc-nam-": range(0, 24, 2)}
DEPUTY = ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An")
FILLERS = [
    "Các ngành, đơn vị rà soát nhiệm vụ được giao.",
    "Công chức phụ trách lĩnh vực theo dõi, đôn đốc việc thực hiện và báo cáo kết quả về Văn phòng "
    "Ủy ban nhân dân xã trước ngày 10 của tháng cuối quý.",
]


def filler(n: int) -> str:
    """Paragraph n of the growing body: one line, then two, so each step moves the end a little."""
    return f"{n + 1}) {FILLERS[n % 2]}"


def signed_by_deputy(sheets, kind: str) -> None:
    for column, value in zip((F.DOC_AUTHORITY, F.DOC_TITLE, F.DOC_SIGNER), DEPUTY):
        set_document(sheets, kind, column, value)


SHORT_CLOSING = "Trên đây là Kế hoạch của Ủy ban nhân dân xã./."


def plan_with(extra: int):
    """The sample plan, `extra` paragraphs longer, closing on one line: the hardest case, where the
    paragraph before the closing sentence must go along to give the signature two lines of text."""
    sheets = sample()
    signed_by_deputy(sheets, "Kế hoạch")
    sheets[F.SHEET_BODY].pop()
    sheets[F.SHEET_BODY] += [["", filler(n)] for n in range(extra)] + [["", SHORT_CLOSING]]
    return sheets


def report_with(extra: int):
    sheets = sample()
    signed_by_deputy(sheets, "Báo cáo quý I")
    proposals = [filler(n) for n in range(extra + 1)]
    set_document(sheets, "Báo cáo quý I", F.DOC_PROPOSALS, "\n".join(proposals))
    return sheets


def year_report_with(extra: int):
    """A post-reform commune's year report (progress table between body parts), growing like the others."""
    from year import year_sheets

    sheets = year_sheets(4)
    signed_by_deputy(sheets, "Báo cáo năm")
    set_document(sheets, "Báo cáo năm", F.DOC_PROPOSALS, "\n".join(filler(n) for n in range(extra + 1)))
    return sheets


def cchc_year_report_with(extra: int):
    """A ward's periodic CCHC year report (two landscape appendices after it), its part V growing."""
    from cchc_year import ward_sheets

    sheets = ward_sheets(4)
    signed_by_deputy(sheets, "Báo cáo năm")
    sheets[F.SHEET_REPORT_TEXT] += [["Báo cáo năm", "V", "- " + FILLERS[n % 2]] for n in range(extra)]
    return sheets


def rollups(tmp: Path, templates: TemplateSet) -> dict[tuple[str, int], Path]:
    """Roll-ups of 1, 2, … copies of the sample commune: each adds a row to both tables."""
    from dataclasses import replace

    from pipeline.cli.rollup import issuer_from_options
    from pipeline.documents.rollup import build_rollup_job
    from pipeline.output import docx_bytes
    from pipeline.domain.period import quarter
    from pipeline.rollup import Rollup
    from pipeline.rollup_units import unit_result
    from pipeline.workbook.reader import read_workbook

    period = quarter(2024, 1)
    unit = unit_result(read_workbook(build_workbook(tmp / "xa.xlsx", sample())), period)
    issuer = issuer_from_options("ỦY BAN NHÂN DÂN HUYỆN HẢI LĂNG", None, None, "UBND", "Hải Lăng", "12",
                                 "10/4/2024", DEPUTY[0].replace("\n", "|"), DEPUTY[1], DEPUTY[2])
    info = next(i for p, i in issuer.reports.items() if p == period)
    documents = {}
    for n in LENGTHS:
        rollup = Rollup(period, [replace(unit, short_name=f"Xã Số {i + 1}") for i in range(n + 1)])
        job = build_rollup_job(rollup, issuer.agency, info, issuer.recipients)
        documents["_tong-hop-", n] = tmp / f"tong-hop-{n:02}.docx"
        documents["_tong-hop-", n].write_bytes(docx_bytes(templates.render(job)))
    return documents


@pytest.fixture(scope="module")
def signed_pdfs(tmp_path_factory) -> dict[tuple[str, int], Path]:
    tmp = tmp_path_factory.mktemp("signature")
    templates = TemplateSet(default_templates_dir())
    documents = rollups(tmp, templates)
    for kind, make, period in (("_ke-hoach-", plan_with, None), ("_bao-cao-", report_with, None),
                               ("_bao-cao-nam-", year_report_with, "nam"),
                               ("_bao-cao-cchc-nam-", cchc_year_report_with, "nam")):
        for n in LENGTHS_OF.get(kind, LENGTHS):
            run = render_workbook(build_workbook(tmp / "so.xlsx", make(n)), period, templates)
            target = tmp / f"{kind.strip('_')}{n:02}.docx"
            target.write_bytes(next(data for name, data in run.files if kind in name))
            documents[kind, n] = target
    with ThreadPoolExecutor(1) as pool:  # LibreOffice converts while the schema check reads
        converting = pool.submit(output.convert_to_pdf, list(documents.values()), timeout=900)
        for document in documents.values():
            if HAVE_VALIDATOR:
                assert_valid_ooxml(document)
        pdfs = converting.result()
    return dict(zip(documents, pdfs))


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def signature_page(pdf: Path) -> str:
    """The page holding `Nơi nhận:` (there is one signature block per document)."""
    found = [page for page in pages(pdf) if "Nơi nhận:" in page]
    assert len(found) == 1, f"{pdf.name}: “Nơi nhận:” on {len(found)} pages"
    return found[0]


def body_lines_above(page: str) -> list[str]:
    """The text lines above `Nơi nhận:` on its page, the running page number left out."""
    above = page[: page.index("Nơi nhận:")].splitlines()
    return [line.strip() for line in above if line.strip() and not re.fullmatch(r"\d+", line.strip())]


@pytest.mark.parametrize("kind", ["_ke-hoach-", "_bao-cao-", "_bao-cao-nam-", "_bao-cao-cchc-nam-", "_tong-hop-"])
def test_signature_block_stays_whole_with_the_closing_lines(signed_pdfs, kind):
    moved_pages = set()
    for n in LENGTHS_OF.get(kind, LENGTHS):
        pdf = signed_pdfs[kind, n]
        page = signature_page(pdf)
        for text in ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An", "- Lưu: VT"):
            assert text in page, f"{pdf.name}: “{text}” is not on the page of “Nơi nhận:”"
        above = body_lines_above(page)
        assert len(above) >= 2 and above[-1].endswith("./."), f"{pdf.name}: the signature stands alone: {above}"
        moved_pages.add(pages(pdf).index(page))
        blank = [i for i, text in enumerate(pages(pdf), 1) if not re.sub(r"[\s\d]", "", text)]
        assert not blank, f"{pdf.name}: page {blank} is blank (the section break spilled over)"
    assert len(moved_pages) >= 2, "the sweep never moved the signature to another page: lengthen it"

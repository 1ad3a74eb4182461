"""PDF through the real LibreOffice, checked from the PDF itself with poppler's tools."""

import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import output
from pipeline.cli import main
from pipeline.errors import PdfProblem

HAVE_TOOLS = output.find_libreoffice() is not None and shutil.which("pdftotext") is not None
if not HAVE_TOOLS and os.environ.get("CI"):
    raise RuntimeError("CI must have LibreOffice and poppler-utils: .ci/run installs them")
needs_libreoffice = pytest.mark.skipif(not HAVE_TOOLS, reason="LibreOffice or poppler-utils not installed")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    from builders import build_workbook, sample

    tmp = tmp_path_factory.mktemp("pdf")
    workbook = build_workbook(tmp / "so.xlsx", sample())
    result = CliRunner().invoke(main, [str(workbook), "--out", str(tmp / "out"), "--pdf"])
    assert result.exit_code == 0, result.output
    assert "phông thay thế" not in result.stderr, result.stderr
    files = sorted((tmp / "out" / "2024-Q1").glob("*.pdf"))
    assert len(files) == 3
    return {kind: next(f for f in files if kind in f.name) for kind in ("_ke-hoach-", "_phu-luc-", "_bao-cao-")}


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True).stdout


def words(pdf: Path, page: int) -> list[tuple[float, float, float, str]]:
    """(xMin, yMin, xMax, word) of every word on a page."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True).stdout
    return [(float(x0), float(y0), float(x1), w) for x0, y0, x1, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)]


A4_PORTRAIT, A4_LANDSCAPE = (595.3, 841.9), (841.9, 595.3)


def is_size(size, expected) -> bool:
    return abs(size[0] - expected[0]) < 1 and abs(size[1] - expected[1]) < 1


@needs_libreoffice
def test_page_counts_and_sizes(pdfs):
    plan = page_sizes(pdfs["_ke-hoach-"])
    portrait = [s for s in plan if is_size(s, A4_PORTRAIT)]
    landscape = [s for s in plan if is_size(s, A4_LANDSCAPE)]
    assert len(portrait) + len(landscape) == len(plan) >= 3
    assert portrait and landscape and plan.index(landscape[0]) == len(portrait)  # appendix pages come last
    assert all(is_size(s, A4_LANDSCAPE) for s in page_sizes(pdfs["_phu-luc-"]))
    report = page_sizes(pdfs["_bao-cao-"])
    assert is_size(report[0], A4_PORTRAIT) and is_size(report[-1], A4_LANDSCAPE)


@needs_libreoffice
@pytest.mark.parametrize("kind", ["_ke-hoach-", "_bao-cao-"])
def test_header_date_and_signer_keep_their_diacritics(pdfs, kind):
    pdf = pdfs[kind]
    first = page_text(pdf, 1)
    for text in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN",
                 "XÃ HẢI ĐỊNH", "UBND HUYỆN HẢI LĂNG"):
        assert text in first
    date = "Hải Định, ngày 05 tháng 3 năm 2024" if kind == "_ke-hoach-" else "Hải Định, ngày 20 tháng 3 năm 2024"
    assert date in first
    everything = "".join(page_text(pdf, n) for n in range(1, len(page_sizes(pdf)) + 1))
    assert "Lê Ngọc Trình" in everything and "TM. ỦY BAN NHÂN DÂN" in everything


@needs_libreoffice
@pytest.mark.parametrize("kind", ["_ke-hoach-", "_bao-cao-"])
def test_page_numbers_from_page_two_not_on_page_one(pdfs, kind):
    pdf = pdfs[kind]
    sizes = page_sizes(pdf)
    portrait_pages = [n for n, s in enumerate(sizes, 1) if is_size(s, A4_PORTRAIT)]
    assert len(portrait_pages) >= 2

    def top_number(page):
        top = [w for x0, y0, x1, w in words(pdf, page) if y0 < 56]  # the 20 mm top margin
        return top

    assert top_number(1) == []
    for page in portrait_pages[1:]:
        assert top_number(page) == [str(page)]
    landscape_pages = [n for n, s in enumerate(sizes, 1) if is_size(s, A4_LANDSCAPE)]
    assert top_number(landscape_pages[0]) == []  # the appendix restarts: its first page unnumbered
    for i, page in enumerate(landscape_pages[1:], start=2):
        assert top_number(page) == [str(i)]


@needs_libreoffice
@pytest.mark.parametrize("kind", ["_ke-hoach-", "_phu-luc-"])
def test_appendix_rows_all_present_in_order_and_inside_the_page(pdfs, kind):
    pdf = pdfs[kind]
    sizes = page_sizes(pdf)
    numbers = []
    for page, size in enumerate(sizes, 1):
        if not is_size(size, A4_LANDSCAPE):
            continue
        page_words = words(pdf, page)
        left_edge = min(x0 for x0, _, _, _ in page_words)
        numbers += [int(w) for x0, y0, x1, w in sorted(page_words, key=lambda t: t[1])
                    if w.isdigit() and x0 < left_edge + 25 and y0 > 56]
        right_limit = size[0] - 56.7 + 2  # right margin 20 mm
        assert max(x1 for _, _, x1, _ in page_words) <= right_limit
    assert numbers == list(range(1, 10))


@needs_libreoffice
@pytest.mark.parametrize("kind", ["_ke-hoach-", "_phu-luc-", "_bao-cao-"])
def test_only_times_compatible_fonts_are_embedded(pdfs, kind):
    listing = subprocess.run(["pdffonts", str(pdfs[kind])], capture_output=True, text=True).stdout
    fonts = {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()}
    assert fonts and all(f.startswith(("LiberationSerif", "TimesNewRoman")) for f in fonts), fonts
    assert output.substituted_fonts(pdfs[kind]) == set()


@needs_libreoffice
def test_two_conversions_at_once_do_not_collide(pdfs, tmp_path):
    copies = []
    for i in range(2):
        folder = tmp_path / f"run{i}"
        folder.mkdir()
        copies.append(folder / pdfs["_phu-luc-"].with_suffix(".docx").name)
        shutil.copy(pdfs["_phu-luc-"].with_suffix(".docx"), copies[-1])
    results, errors = [], []

    def convert(path):
        try:
            results.extend(output.convert_to_pdf([path]))
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=convert, args=(p,)) for p in copies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and sorted(results) == sorted(p.with_suffix(".pdf") for p in copies)


@needs_libreoffice
def test_a_conversion_that_takes_too_long_is_stopped(pdfs):
    with pytest.raises(PdfProblem, match="không xuất xong PDF sau 0 giây"):
        output.convert_to_pdf([pdfs["_phu-luc-"].with_suffix(".docx")], timeout=0)


def test_without_libreoffice_pdf_fails_clearly_and_writes_nothing(sample_workbook, tmp_path, monkeypatch):
    monkeypatch.setattr(output, "find_libreoffice", lambda: None)
    result = CliRunner().invoke(main, [str(sample_workbook), "--out", str(tmp_path / "out"), "--pdf"])
    assert result.exit_code == 1
    assert "chưa cài LibreOffice" in result.stderr and "libreoffice.org" in result.stderr
    assert not (tmp_path / "out").exists()
    assert CliRunner().invoke(main, [str(sample_workbook), "--out", str(tmp_path / "out")]).exit_code == 0

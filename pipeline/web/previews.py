"""What a person sees of a document before downloading it: page images, or its text as HTML blocks.

Page images come from the PDF LibreOffice made (poppler's pdftoppm); without LibreOffice the
DOCX's paragraphs and tables are read as plain blocks, which the page template escapes.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

MAX_PREVIEW_PAGES = 8
PREVIEW_DPI = 60
MAX_BLOCKS = 400


def pdf_pages(pdf: Path) -> list[bytes]:
    """PNG images of the first pages (none when poppler is missing)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        return []
    with tempfile.TemporaryDirectory(prefix="make-report-trang-") as work:
        subprocess.run([pdftoppm, "-png", "-r", str(PREVIEW_DPI), "-l", str(MAX_PREVIEW_PAGES), str(pdf),
                        str(Path(work) / "trang")], capture_output=True, timeout=300, check=False)
        return [page.read_bytes() for page in sorted(Path(work).glob("trang*.png"))]


def docx_blocks(docx: Path) -> list[dict]:
    """The document's body in order: `{"p": text, "bold": bool, "center": bool}` or `{"table": [[cell text]]}`."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(str(docx))
    blocks: list[dict] = []
    for item in document.iter_inner_content():
        if len(blocks) >= MAX_BLOCKS:
            break
        if isinstance(item, Paragraph):
            if item.text.strip():
                blocks.append({"p": item.text, "bold": any(r.bold for r in item.runs),
                               "center": item.alignment == WD_ALIGN_PARAGRAPH.CENTER})
        elif isinstance(item, Table):
            blocks.append({"table": [["\n".join(p.text for p in cell.paragraphs) for cell in row.cells]
                                     for row in item.rows]})
    return blocks


def document_title(docx: Path) -> str:
    """What a person calls the document (`Kế hoạch Khắc phục …`, `Báo cáo Công tác cải cách hành chính
    quý I năm 2026 …`): the title the render step writes into its properties, not its file name."""
    from docx import Document

    return " ".join((Document(str(docx)).core_properties.title or "").split())

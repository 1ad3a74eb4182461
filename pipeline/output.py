"""Write rendered documents: deterministic DOCX bytes, atomic replacement, PDF through LibreOffice.

A run's files are all packed in memory first, then each is written to a temporary file beside its
target and renamed over it. A failure anywhere leaves every target as it was or wholly new, never
half-written, and removes the temporary files.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputProblem, PdfProblem
from .package import zip_bytes
from .render import RenderedDocument

PDF_TIMEOUT_SECONDS = 300


def docx_bytes(doc: RenderedDocument) -> bytes:
    """The package as a zip whose bytes depend only on the content: fixed order, times and flags."""
    return zip_bytes(doc.parts, doc.job.properties.created)


@dataclass(frozen=True)
class PlannedFile:
    path: Path
    data: bytes


def safe_child(directory: Path, name: str) -> Path:
    """`directory/name`, refusing any name that would land outside `directory`."""
    if not name or name in {".", ".."} or any(c in name for c in "/\\:\x00") or name != name.strip():
        raise OutputProblem(directory / "?", f"tên tệp không hợp lệ: {name!r}")
    path = directory / name
    if path.resolve().parent != directory.resolve():
        raise OutputProblem(path, "tên tệp trỏ ra ngoài thư mục kết quả")
    return path


def write_files(files: list[PlannedFile]) -> list[Path]:
    """Write every file or none: temporary files first, a writability check, then renames."""
    temps: list[tuple[Path, Path]] = []
    try:
        for f in files:
            try:
                f.path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".~" + f.path.name, suffix=".tmp", dir=f.path.parent)
                temps.append((Path(tmp), f.path))
                os.chmod(tmp, _file_mode(f.path))
                with os.fdopen(fd, "wb") as fh:
                    fh.write(f.data)
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError as exc:
                raise OutputProblem(f.path, f"không ghi được ({exc.strerror or exc})",
                                    "kiểm tra quyền ghi và dung lượng ổ đĩa của thư mục kết quả") from exc
        for _, target in temps:
            _check_replaceable(target)
        for tmp, target in temps:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OutputProblem(target, f"không thay được tệp ({exc.strerror or exc})",
                                    "đóng tệp nếu đang mở trong Word rồi chạy lại") from exc
    finally:
        for tmp, _ in temps:
            if tmp.exists():
                tmp.unlink()
    return [f.path for f in files]


def _file_mode(target: Path) -> int:
    """A replaced file keeps its mode; a new one gets the user's default, as open() would give.

    mkstemp makes files readable by their owner only: on a shared folder the office could not
    open the documents.
    """
    if target.exists():
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _check_replaceable(target: Path) -> None:
    """A target that is read-only or locked (open in Word on Windows) fails before anything is renamed."""
    if not target.exists():
        return
    try:
        with target.open("r+b"):
            pass
    except OSError as exc:
        raise OutputProblem(target, "tệp đang mở trong Word hoặc chỉ cho phép đọc nên không ghi đè được",
                            "đóng tệp trong Word (hoặc bỏ thuộc tính chỉ đọc) rồi chạy lại") from exc


# ------------------------------------------------------------------------------------------
# PDF


def find_libreoffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    ):
        if Path(candidate).exists():
            return candidate
    return None


def require_libreoffice() -> str:
    """The LibreOffice program, or PdfProblem saying how to install it."""
    soffice = find_libreoffice()
    if soffice is None:
        raise PdfProblem(
            "chưa cài LibreOffice nên không xuất được PDF; chưa tạo tệp nào",
            "cài LibreOffice từ https://www.libreoffice.org (Windows) hoặc "
            "`sudo apt install libreoffice-writer-nogui fonts-liberation2` (Linux), "
            "hoặc chạy lại không có --pdf để chỉ tạo DOCX",
        )
    return soffice


EXPECTED_PDF_FONTS = ("TimesNewRoman", "LiberationSerif")


def substituted_fonts(pdf: Path) -> set[str]:
    """Fonts in a PDF other than Times New Roman or its metric twin (needs poppler's pdffonts)."""
    pdffonts = shutil.which("pdffonts")
    if pdffonts is None:
        return set()
    listing = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, timeout=60).stdout
    names = {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:] if line.strip()}
    return {n for n in names if not n.replace("-", "").startswith(EXPECTED_PDF_FONTS)}


def convert_to_pdf(docx_files: list[Path], timeout: int = PDF_TIMEOUT_SECONDS) -> list[Path]:
    """Convert DOCX files to PDF beside them in one LibreOffice call with a private profile.

    Each PDF is written to a temporary folder first and moved into place only when every one
    was produced, so a failed conversion leaves the old PDFs untouched.
    """
    if not docx_files:
        return []
    soffice = require_libreoffice()
    with tempfile.TemporaryDirectory(prefix="make-report-pdf-") as work:
        work_dir = Path(work)
        profile = (work_dir / "profile").as_uri()
        out_dir = work_dir / "pdf"
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docx_files)]
        try:
            completed = subprocess.run(command, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise PdfProblem(f"LibreOffice không xuất xong PDF sau {timeout} giây",
                             "đóng các cửa sổ LibreOffice đang mở rồi chạy lại") from exc
        produced = []
        for docx in docx_files:
            pdf = out_dir / (docx.stem + ".pdf")
            if not pdf.exists() or pdf.stat().st_size == 0:
                detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
                raise PdfProblem(f"LibreOffice không tạo được PDF cho {docx.name} {detail[0]}".strip(),
                                 "mở tệp DOCX trong Word/LibreOffice để kiểm tra rồi chạy lại")
            produced.append(PlannedFile(docx.with_suffix(".pdf"), pdf.read_bytes()))
        return write_files(produced)

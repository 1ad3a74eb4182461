"""Write rendered documents: deterministic DOCX bytes, atomic replacement, PDF through LibreOffice.

A run's files are all packed in memory first, then each is written to a temporary file beside its
target and renamed over it. A failure anywhere leaves every target as it was or wholly new, never
half-written, and removes the temporary files.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO
from pathlib import Path

from .clib import c_function, last_error
from .errors import OutputProblem, PdfProblem, os_reason
from .package import zip_bytes
from .render import RenderedDocument
from .tempfiles import make_temp, remove_abandoned, remove_mine

PDF_TIMEOUT_SECONDS = 300


def docx_bytes(doc: RenderedDocument) -> bytes:
    """The package as a zip whose bytes depend only on the content: fixed order, times and flags."""
    return zip_bytes(doc.parts, doc.job.properties.created)


@dataclass(frozen=True)
class PlannedFile:
    path: Path
    data: bytes
    writer: Callable[[BinaryIO], None] | None = None
    """Writes the file instead of `data` (a roll-up's workbook, as large as its units, made as written)."""


def safe_child(directory: Path, name: str) -> Path:
    """`directory/name`, refusing any name that would land outside `directory`."""
    if not name or name in {".", ".."} or any(c in name for c in "/\\:\x00") or name != name.strip():
        raise OutputProblem(directory / "?", f"tên tệp không hợp lệ: {name!r}")
    path = directory / name
    # Only a link (on Windows also a junction, which is no link to os.path) can lead elsewhere:
    # resolving every path costs a system call per folder of it, for each of a batch's files.
    if (os.name == "nt" or os.path.islink(path)) and path.resolve().parent != directory.resolve():
        raise OutputProblem(path, "tên tệp trỏ ra ngoài thư mục kết quả")
    return path


def write_files(files: list[PlannedFile], inputs: Iterable[Path] = ()) -> list[Path]:
    """Write every file or none: temporary files first, a writability check, then renames.

    A target that is one of the run's `inputs` (a workbook, a template) is refused before anything
    is written: whatever the paths, the program never overwrites what it reads.
    """
    [written] = write_file_sets([FileSet(files, tuple(inputs))])
    if isinstance(written, OutputProblem):
        raise written
    return written


@dataclass(frozen=True)
class FileSet:
    """One run's files, replaced together or not at all, and the files the run read."""

    files: list[PlannedFile]
    inputs: tuple[Path, ...] = ()
    staged: tuple[tuple[Path, Path], ...] = ()
    """(temporary file, target) pairs already written by `stage_files`: only synced and renamed."""
    synced: bool = False
    """Whether the staged files are on the disk already (`sync_to_disk`): then they are only renamed."""


def stage_files(file_set: FileSet) -> FileSet:
    """The set with its files written as temporary files beside their targets, not yet synced nor
    renamed (a batch writes them while other workbooks render). Raises OutputProblem, leaving none."""
    try:
        staged = tuple(_write_temporary_files(file_set))
    except BaseException:
        for f in file_set.files:
            remove_mine(f.path)
        raise
    return FileSet([PlannedFile(f.path, b"") for f in file_set.files], file_set.inputs, staged)


def discard_staged(file_set: FileSet) -> None:
    """Remove a staged set's temporary files (its targets are left as they were)."""
    for tmp, _ in file_set.staged:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def write_file_sets(sets: list[FileSet]) -> list[list[Path] | OutputProblem]:
    """Several runs' files, each set all or nothing, with one sync to disk for all of them.

    Every temporary file is written, then the disk is synced once (not once per file: each fsync
    waits for its own journal commit, and a batch's parent did them one after another), then each
    set's targets are checked and renamed. A set that fails is its OutputProblem; the others are
    written. Nothing is renamed before its bytes are on the disk.
    """
    results: list[list[Path] | OutputProblem | None] = [None] * len(sets)
    temps: dict[int, list[tuple[Path, Path]]] = {}
    try:
        for i, file_set in enumerate(sets):
            try:
                temps[i] = list(file_set.staged) or _write_temporary_files(file_set)
            except OutputProblem as exc:
                results[i] = exc
        written = [tmp for i, pairs in temps.items() if not sets[i].synced for tmp, _ in pairs]
        try:
            if written:
                sync_to_disk(written)
        except OSError as exc:
            problem = _unwritable(written[0], exc)
            return [r if r is not None else problem for r in results]
        for i, pairs in temps.items():
            try:
                _replace_targets(pairs)
                results[i] = [f.path for f in sets[i].files]
            except OutputProblem as exc:
                results[i] = exc
    finally:
        for file_set, result in zip(sets, results):
            if file_set.staged:  # by name: another set's temporary file may share this one's prefix
                if not isinstance(result, list):
                    discard_staged(file_set)
            else:
                for f in file_set.files:
                    remove_mine(f.path)
    return [r if r is not None else [] for r in results]


def _write_temporary_files(file_set: FileSet) -> list[tuple[Path, Path]]:
    _refuse_inputs(file_set.files, file_set.inputs)
    for folder in dict.fromkeys(f.path.parent for f in file_set.files):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _unwritable(folder, exc) from exc
        remove_abandoned(folder)
    temps: list[tuple[Path, Path]] = []
    for f in file_set.files:
        try:
            fd, tmp = make_temp(f.path.parent, f.path.name)
            temps.append((tmp, f.path))
            os.chmod(tmp, _file_mode(f.path))
            with os.fdopen(fd, "wb") as fh:
                if f.writer is not None:
                    f.writer(fh)
                else:
                    fh.write(f.data)
                if _syncfs() is None:
                    fh.flush()
                    os.fsync(fh.fileno())
        except OSError as exc:
            raise _unwritable(f.path, exc) from exc
    return temps


def _unwritable(path: Path, exc: OSError) -> OutputProblem:
    return OutputProblem(path, f"không ghi được ({os_reason(exc)})",
                         "kiểm tra quyền ghi và dung lượng ổ đĩa của thư mục kết quả")


def _replace_targets(temps: list[tuple[Path, Path]]) -> None:
    for _, target in temps:
        _check_replaceable(target)
    with _interruptions_held():
        for tmp, target in temps:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OutputProblem(target, f"không thay được tệp ({os_reason(exc)})",
                                    f"đóng tệp nếu đang mở trong {_viewer(target)} rồi chạy lại") from exc


@contextlib.contextmanager
def _interruptions_held():
    """Ctrl+C (or a stop request) between two renames would leave a set half replaced: a new plan
    beside an old report. It is held for the few renames and acted on once the set is whole."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def sync_to_disk(paths: list[Path]) -> None:
    """The bytes of the files at `paths` (or in the folders) on the disk before any rename: one
    syncfs(2) per file system on Linux. Elsewhere each file was fsynced as it was written."""
    syncfs = _syncfs()
    if syncfs is None:
        return
    synced: set[int] = set()
    for path in paths:
        device = os.stat(path).st_dev
        if device in synced:
            continue
        fd = os.open(path, os.O_RDONLY)
        try:
            if syncfs(fd) != 0:
                raise last_error()
            synced.add(device)
        finally:
            os.close(fd)


@functools.lru_cache(maxsize=1)
def _syncfs():
    """Linux's syncfs(2), or None where there is none."""
    import ctypes

    return c_function("syncfs", (ctypes.c_int,), use_errno=True)


def _refuse_inputs(files: list[PlannedFile], inputs: Iterable[Path]) -> None:
    """No output may overwrite an input. The inputs are looked at one at a time (a roll-up's are the
    whole country's workbooks), against the few outputs."""
    writing = {identity: f for f in files if (identity := _identity(f.path)) is not None}
    for path in inputs:
        same = writing.get(_identity(Path(path)))
        if same is not None:
            raise OutputProblem(same.path, "tệp kết quả trùng với một tệp đầu vào (sổ Excel hoặc mẫu) nên không ghi",
                                "chọn thư mục --out khác thư mục chứa sổ Excel và mẫu")


def _identity(path: Path):
    """The same file however it is named: (device, inode) when it exists, else its resolved path."""
    try:
        info = path.stat()
        return (info.st_dev, info.st_ino) if info.st_ino else str(path.resolve()).casefold()
    except OSError:
        return None


_VIEWERS = {".pdf": "trình xem PDF", ".xlsx": "Excel", ".docx": "Word"}


def _viewer(target: Path) -> str:
    return _VIEWERS.get(target.suffix.lower(), "chương trình khác")


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
        viewer = _viewer(target)
        raise OutputProblem(target, f"tệp đang mở trong {viewer} hoặc chỉ cho phép đọc nên không ghi đè được",
                            f"đóng tệp trong {viewer} (hoặc bỏ thuộc tính chỉ đọc) rồi chạy lại") from exc


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
    """Convert DOCX files already on disk to PDF beside them (written only when all were produced)."""
    planned = [PlannedFile(p, p.read_bytes()) for p in docx_files]
    return write_files(pdf_files(planned, timeout))


def pdf_files(docx_files: list[PlannedFile], timeout: int = PDF_TIMEOUT_SECONDS) -> list[PlannedFile]:
    """The PDF of each planned DOCX, made in one LibreOffice call with a private profile, nothing written.

    The caller writes DOCX and PDF together, so a PDF that cannot be made or written leaves the
    whole set as it was.
    """
    if not docx_files:
        return []
    soffice = require_libreoffice()
    with tempfile.TemporaryDirectory(prefix="make-report-pdf-") as work:
        work_dir = Path(work)
        (work_dir / "docx").mkdir()
        sources = []
        for i, f in enumerate(docx_files):
            source = work_dir / "docx" / f"{i:05d}_{f.path.name}"  # numbered: two targets may share a name
            source.write_bytes(f.data)
            sources.append(source)
        out_dir = work_dir / "pdf"
        command = [soffice, f"-env:UserInstallation={(work_dir / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, sources)]
        try:
            completed = subprocess.run(command, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL,
                                       env={**os.environ, "TZ": "UTC"})
        except subprocess.TimeoutExpired as exc:
            raise PdfProblem(f"LibreOffice không xuất xong PDF sau {timeout} giây; chưa thay tệp nào",
                             "đóng các cửa sổ LibreOffice đang mở rồi chạy lại") from exc
        produced = []
        for f, source in zip(docx_files, sources):
            pdf = out_dir / (source.stem + ".pdf")
            target = f.path.with_suffix(".pdf")
            if not pdf.exists() or pdf.stat().st_size == 0:
                detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
                raise PdfProblem(f"LibreOffice không tạo được {target.name} {detail[0]}; chưa thay tệp nào".strip(),
                                 "mở tệp DOCX trong Word/LibreOffice để kiểm tra rồi chạy lại")
            produced.append(PlannedFile(target, reproducible_pdf(pdf.read_bytes(), f.data)))
        return produced


_PDF_CREATION_DATE = re.compile(rb"(/CreationDate\(D:)(\d{14})")
_PDF_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]{32})(>\s*<)([0-9A-Fa-f]{32})(>)")
_PDF_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]{32})")
_DOCX_CREATED = re.compile(rb"<dcterms:created[^>]*>(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)")


def reproducible_pdf(pdf: bytes, docx: bytes) -> bytes:
    """LibreOffice's PDF with its run-dependent values fixed: the same DOCX gives the same PDF.

    LibreOffice stamps /CreationDate with the clock and derives /ID and the trailer's /DocChecksum
    from it. They are replaced by values of the same length (so the cross-reference offsets stay
    right): the document's own date from docProps/core.xml and a digest of the DOCX. The time zone suffix is fixed by running
    LibreOffice with TZ=UTC.
    """
    import hashlib
    import io
    import zipfile

    identity = hashlib.md5(docx, usedforsecurity=False).hexdigest().upper().encode()
    pdf = _PDF_ID.sub(lambda m: m.group(1) + identity + m.group(3) + identity + m.group(5), pdf, count=1)
    pdf = _PDF_CHECKSUM.sub(lambda m: m.group(1) + identity, pdf, count=1)
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as zf:
            created = _DOCX_CREATED.search(zf.read("docProps/core.xml"))
    except (zipfile.BadZipFile, KeyError):
        created = None
    if created:
        pdf = _PDF_CREATION_DATE.sub(lambda m: m.group(1) + b"".join(created.groups()), pdf, count=1)
    return pdf

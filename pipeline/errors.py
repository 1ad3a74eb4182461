"""Domain exceptions. The library raises these; only the CLI turns them into messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input, with where it is and how to fix it (both in Vietnamese)."""

    sheet: str
    cell: str
    message: str
    hint: str = ""
    example: str = ""
    """The example text of `init`'s blank workbook left in the cell (`Họ và tên`), when the problem is
    that it was never replaced; empty otherwise."""

    def __str__(self) -> str:
        """`Nhiệm vụ!F7: <what is wrong> — <how to fix it>`; without a place, just the two."""
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        text = " — ".join(part for part in (self.message, self.hint) if part)
        return f"{where}: {text}" if where else text


class MakeReportError(Exception):
    """Base class of every error the library raises on purpose.

    Each keeps the arguments it was built with, so it survives pickling between the processes
    of a batch run (Exception's default pickling would call __init__ with the message only).
    """

    _init_args: tuple = ()

    def __reduce__(self):
        return (self.__class__, self._init_args)

    def summary(self) -> str:
        """One line for a list of failures (a batch's summary, a roll-up's left-out workbooks)."""
        return getattr(self, "message", None) or str(self)

    def summary_hint(self) -> str:
        """How to fix what `summary` says, when the summary does not say it already."""
        return getattr(self, "hint", "") or ""


class InvalidWorkbook(MakeReportError):
    """The workbook cannot be used; every problem found is in `problems`."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = Path(path)
        self.problems = list(problems)
        self._init_args = (path, problems)
        super().__init__(f"{path}: " + "; ".join(str(p) for p in problems))

    def summary(self) -> str:
        """The first problem, and how many more there are."""
        if not self.problems:
            return str(self)
        first = self.problems[0]
        more = f" (và {len(self.problems) - 1} lỗi khác)" if len(self.problems) > 1 else ""
        return (str(first) if first.sheet else first.message) + more

    def summary_hint(self) -> str:
        """The first problem's hint, when the summary left it out (a problem of the whole file)."""
        return self.problems[0].hint if self.problems and not self.problems[0].sheet else ""


class UnreadableWorkbook(InvalidWorkbook):
    """The file is not a workbook we can open at all (wrong format, damaged, protected, hostile)."""

    def __init__(self, path: Path, message: str, hint: str = ""):
        super().__init__(path, [Problem("", "", message, hint)])
        self._init_args = (path, message, hint)


class TemplateProblem(MakeReportError):
    """A template cannot be used or failed to render."""

    def __init__(self, template: Path | str, message: str, excerpt: str = "", hint: str = ""):
        self._init_args = (template, message, excerpt, hint)
        self.template = Path(template)
        self.message = message
        self.excerpt = excerpt
        self.hint = hint
        super().__init__(f"{template}: {message}")


class _PathProblem(MakeReportError):
    """An error about one file or folder: where, what is wrong, how to fix it."""

    def __init__(self, path: Path, message: str, hint: str = ""):
        self._init_args = (path, message, hint)
        self.path = Path(path)
        self.message = message
        self.hint = hint
        super().__init__(f"{path}: {message}")


class OutputProblem(_PathProblem):
    """An output file could not be written; nothing of the run was left half-written."""


class _MessageProblem(MakeReportError):
    """An error that is a message and a hint, tied to no file or cell."""

    def __init__(self, message: str, hint: str = ""):
        self._init_args = (message, hint)
        self.message = message
        self.hint = hint
        super().__init__(message)


class PdfProblem(_MessageProblem):
    """LibreOffice is missing or did not produce a PDF."""


class NotInstalled(_MessageProblem):
    """A part of the program the command needs is not installed (the portal's packages)."""


class NothingToDo(_MessageProblem):
    """The request asks for something the workbook does not have (e.g. a quarter with no report row)."""


class ConflictingWorkbooks(_MessageProblem):
    """Different workbooks of one unit in one run: all refused together (domain.units)."""


class UnreadableFolder(_PathProblem):
    """A folder of workbooks cannot be listed (permissions, a network drive gone)."""

    def __init__(self, path: Path, message: str, hint: str = "kiểm tra quyền đọc thư mục rồi chạy lại"):
        super().__init__(path, message, hint)


class UnexpectedFailure(_MessageProblem):
    """A fault of the program itself while handling one input; carries the traceback for --debug."""

    def __init__(self, message: str, hint: str = "", detail: str = ""):
        super().__init__(message, hint)
        self.detail = detail
        self._init_args = (message, hint, detail)

    @classmethod
    def of(cls, exc: BaseException) -> UnexpectedFailure:
        import traceback

        return cls(f"lỗi không lường trước của chương trình ({type(exc).__name__})",
                   "chạy lại với --debug để xem chi tiết và gửi cho nhóm phát triển cùng tệp đầu vào",
                   "".join(traceback.format_exception(exc)))


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Vietnamese (`Permission denied` -> `không có quyền truy cập`)."""
    import errno

    reasons = {errno.ENOSPC: "đĩa đã đầy", errno.EACCES: "không có quyền truy cập", errno.EPERM: "không có quyền truy cập",
               errno.EROFS: "ổ đĩa chỉ cho phép đọc", errno.ENAMETOOLONG: "tên tệp quá dài",
               errno.ENOENT: "không tìm thấy", errno.EISDIR: "đây là một thư mục", errno.EBUSY: "tệp đang bận",
               errno.EIO: "lỗi đọc ghi đĩa", errno.ELOOP: "lối tắt (liên kết) vòng vòng, trỏ lại chính nó"}
    reason = reasons.get(exc.errno) if exc.errno is not None else None
    return reason or exc.strerror or type(exc).__name__

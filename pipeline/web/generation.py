"""One upload's generation, as the CLI does it: read and validate, generate, check, preview.

Runs in a worker process (jobs.py), never in a request. It reads the upload from the file store,
calls the same library functions as `make-report` and `make-report check`, puts every file it makes
into the store (each whole, or not at all) and returns a plain dict the server records in one
transaction. Killed halfway, it leaves at most files no row points to.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .previews import document_title, docx_blocks, pdf_pages
from .store import FileStore


def generate_upload(data_dir: str, file_hash: str, year: int, period_key: str, pdf: bool) -> dict:
    """What the upload made: `{"state": "xong", "documents": [...], ...}` or `{"state": "tu-choi", "problems": [...]}`."""
    from pipeline import MakeReportError

    store = FileStore(Path(data_dir))
    with store.copy_named(file_hash, "so.xlsx") as workbook:
        try:
            return _generate(store, workbook, workbook.parent / "out", year, period_key, pdf)
        except MakeReportError as exc:
            return refused(exc)
        except Exception as exc:  # noqa: BLE001 - one workbook's fault is its refusal, never the server's
            from pipeline.errors import UnexpectedFailure

            return refused(UnexpectedFailure.of(exc))


def _generate(store: FileStore, workbook: Path, out: Path, year: int, period_key: str, pdf: bool) -> dict:
    from pipeline import NothingToDo, generate, read_workbook
    from pipeline.documents import choose_period
    from pipeline.domain.reported import has_reported
    from pipeline.domain.units import WorkbookProfile
    from pipeline.rollup_units import unit_result, unit_short_name
    from pipeline.vietnamese import match_key

    plan = read_workbook(workbook)
    if plan.year != year:
        raise NothingToDo(f"sổ là kế hoạch năm {plan.year} (mục “Năm” ở trang Thông tin), không phải năm {year} "
                          "đã chọn", f"chọn năm {plan.year} khi tải lên, hoặc tải lên sổ của năm {year}")
    period = choose_period(plan, period_key)
    if period is None:  # only when no period is asked for, which the upload form never does
        raise NothingToDo("chưa chọn kỳ báo cáo", "chọn kỳ báo cáo khi tải lên")
    result = generate(workbook, out, period_key, pdf=pdf)
    return {
        "state": "xong",
        "agency": unit_short_name(plan.agency.name),
        "agency_key": match_key(plan.agency.name),
        "content": WorkbookProfile.of(plan, "").content,
        "completion": unit_result(plan, period).figures.completion,
        "reported": has_reported(plan, period),
        "warnings": [problem_dict(w) for w in result.warnings],
        "documents": [_document(store, docx) for docx in result.written if docx.suffix == ".docx"],
    }


def _document(store: FileStore, docx: Path) -> dict:
    from pipeline.check import check_docx, format_report

    report = check_docx(docx)
    pdf = docx.with_suffix(".pdf")
    preview: dict[str, object]
    if pdf.exists():
        preview = {"pages": [store.put(png) for png in pdf_pages(pdf)]}
    else:
        preview = {"blocks": docx_blocks(docx)}
    preview["title"] = document_title(docx)
    return {
        "name": docx.stem,
        "docx": store.put(docx.read_bytes()),
        "pdf": store.put(pdf.read_bytes()) if pdf.exists() else None,
        "check_text": format_report(report),
        "check_ok": bool(report.ok),
        "preview": json.dumps(preview, ensure_ascii=False),
    }


UPLOAD_AGAIN = "tải sổ lên lại"
"""What a unit does where the command line's hint says to run it again."""

_COMMAND_LINE_WORDS = (
    # (the CLI's words, the portal's): options a portal user has no command line to type
    (" hoặc chọn kỳ khác bằng --ky", " hoặc chọn kỳ khác"),
    (" hoặc chạy riêng sổ này với --ky", " hoặc chọn kỳ khác ở ô Kỳ báo cáo"),
    (" hoặc chạy lại không có --pdf để chỉ tạo DOCX", ""),
    (" hoặc dùng các tùy chọn --nguoi-ky…", ""),
    ("sổ --thong-tin", "sổ thông tin của tỉnh"),
    ("chạy lại với --debug để xem chi tiết và gửi cho nhóm phát triển cùng tệp đầu vào",
     "báo cho người quản trị cổng, kèm sổ đã tải lên"),
)


def in_portal_words(hint: str, again: str = UPLOAD_AGAIN) -> str:
    """A library hint worded for the portal: no command-line option, `again` for running it again."""
    for command_line, portal in _COMMAND_LINE_WORDS:
        hint = hint.replace(command_line, portal)
    hint = _CHOSEN_PERIOD.sub("ở ô Kỳ báo cáo", hint)  # `chọn kỳ 6 tháng … bằng --ky 6-thang`
    return hint.replace("chạy lại", again)


_CHOSEN_PERIOD = re.compile(r"bằng --ky [a-z0-9-]+")


def problem_dict(problem, again: str = UPLOAD_AGAIN) -> dict:
    return {"sheet": problem.sheet, "cell": problem.cell, "message": problem.message,
            "hint": in_portal_words(problem.hint or "", again)}


def refused(exc, again: str = UPLOAD_AGAIN) -> dict:
    """The error as rows of the problems table: the CLI's own messages, split into their parts, their
    hints in the portal's words."""
    from pipeline import InvalidWorkbook

    if isinstance(exc, InvalidWorkbook):
        problems = [problem_dict(p, again) for p in exc.problems]
    else:
        where = str(getattr(exc, "template", "") or "")
        problems = [{"sheet": "", "cell": "", "message": (f"{Path(where).name}: " if where else "")
                     + (getattr(exc, "message", None) or str(exc)),
                     "hint": in_portal_words(getattr(exc, "hint", "") or "", again)}]
    return {"state": "tu-choi", "problems": problems}

"""Sheet `Kết quả`: what was done on each task, quarter by quarter."""

from __future__ import annotations

import re


from ..domain.deadlines import respelled
from ..domain.period import parse_quarter
from ..domain.result import QuarterResult, Status
from ..vietnamese import clean_text, match_key, roman
from . import format as F
from .sheets import Reader, closest
from .tasks import whole_number


def read_results(reader: Reader, ws, grid, task_numbers: set[int]) -> list[QuarterResult]:
    if ws is None:
        return []
    statuses = {match_key(s.value): s for s in Status}
    results = []
    seen: dict[tuple[int, int], str] = {}
    status_cells: dict[tuple[int, int], str] = {}
    for row in reader.table(ws, F.SHEET_RESULTS, F.RESULT_COLUMNS, grid):
        number = whole_number(reader, row, F.RESULT_TASK)
        if number is not None and task_numbers and number not in task_numbers:
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_TASK), f"TT {number} không có trong trang Nhiệm vụ",
                           "sửa TT cho khớp với một nhiệm vụ, hoặc thêm nhiệm vụ đó")
            number = None
        raw_quarter = row.values.get(F.RESULT_QUARTER)
        quarter = parse_quarter(raw_quarter) if raw_quarter is not None else None
        if quarter is None:
            shown = clean_text(raw_quarter) if raw_quarter is not None else ""
            meant = parse_quarter(respelled(shown)) if shown else None
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_QUARTER),
                           f"quý “{shown}” không hợp lệ" if shown else "chưa nhập quý",
                           f"có phải “Quý {roman(meant)}”?" if meant else "chọn I, II, III hoặc IV")
        status_text = reader.text(row, F.RESULT_STATUS)
        status = statuses.get(match_key(status_text))
        if status is None:
            guess = closest(status_text, list(F.STATUSES)) if status_text else None
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_STATUS),
                           f"tình trạng “{status_text}” không hợp lệ" if status_text else "chưa nhập tình trạng",
                           f"có phải “{guess}”?" if guess else "chọn: " + ", ".join(F.STATUSES))
        if number is None or quarter is None or status is None:
            continue
        if (number, quarter) in seen:
            reader.problem(F.SHEET_RESULTS, row.cell(F.RESULT_TASK),
                           f"nhiệm vụ {number} quý {roman(quarter)} đã có kết quả ở {seen[(number, quarter)]}",
                           "gộp hai dòng thành một")
            continue
        seen[(number, quarter)] = row.cell(F.RESULT_TASK)
        status_cells[(number, quarter)] = row.cell(F.RESULT_STATUS)
        results.append(
            QuarterResult(
                task_number=number,
                quarter=quarter,
                status=status,
                outcome=reader.text(row, F.RESULT_OUTCOME),
                evidence=evidence_lines(reader.text(row, F.RESULT_EVIDENCE)),
                note=reader.text(row, F.RESULT_NOTE),
            )
        )
    _warn_done_then_undone(reader, status_cells, results)
    return results


def _warn_done_then_undone(reader: Reader, status_cells: dict[tuple[int, int], str], results: list[QuarterResult]) -> None:
    """A task `Hoàn thành` in quý I and `Chưa thực hiện` in quý II: one of the two rows is wrong."""
    by_task: dict[int, list[QuarterResult]] = {}
    for result in results:
        by_task.setdefault(result.task_number, []).append(result)
    for number, rows in by_task.items():
        rows.sort(key=lambda r: r.quarter)
        done = next((r for r in rows if r.status is Status.DONE), None)
        if done is None:
            continue
        for later in (r for r in rows if r.quarter > done.quarter and r.status is not Status.DONE):
            reader.warn(F.SHEET_RESULTS, status_cells[(number, later.quarter)],
                        f"nhiệm vụ {number} đã “{Status.DONE.value}” ở quý {roman(done.quarter)} "
                        f"({F.SHEET_RESULTS}!{status_cells[(number, done.quarter)]}) nhưng quý {roman(later.quarter)} "
                        f"ghi “{later.status.value}”",
                        f"sửa một trong hai dòng: nhiệm vụ đã xong thì không cần dòng quý {roman(later.quarter)}; "
                        f"chưa xong thì sửa tình trạng quý {roman(done.quarter)}")


_LIST_MARK = re.compile(r"^[-+•*–]\s*")
_END_PUNCTUATION = re.compile(r"(?:\s*(?:\./\.|[.;,:]))+$")


def evidence_lines(text: str) -> tuple[str, ...]:
    """`- Kế hoạch số 30/KH-UBND;` ⏎ `- Thông báo số 55/TB-UBND.` -> the two documents alone.

    A clerk types evidence as a list; the documents write their own list marks and punctuation
    (`…; …`), so each line's own mark and end punctuation go, or the report prints `;;` and `..`.
    """
    lines = (_END_PUNCTUATION.sub("", _LIST_MARK.sub("", line.strip())) for line in text.split("\n"))
    return tuple(line for line in lines if line)

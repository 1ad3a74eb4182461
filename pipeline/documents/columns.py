"""The appendix task tables' columns, and their widths sized from a document's own rows.

`tools/build_templates.py` builds the tables from these columns (headers, and the fixed widths a
template keeps); a document's job carries the widths its rows ask for (pipeline.autofit), keyed
by the table's caption (`w:tblCaption`, Word's Alt Text title), and the render step applies them
to the table with that caption. A user's template whose table has no such caption keeps its widths.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..autofit import Cell, cell, fit
from ..layout import LANDSCAPE_TEXT_WIDTH, SIZES

LINES_KEPT_WHOLE = 6
"""A task row of up to this many lines moves to the next page whole (a fifth of a landscape page
left blank at most); a taller one continues there under the repeated header, as a real appendix's
rows do: kept whole, rows of ten lines left half of every page blank (issue 18 §5)."""


def field(name: str) -> Callable[[dict], list[str]]:
    return lambda row: [row[name]]


@dataclass(frozen=True)
class Column:
    head: str
    texts: Callable[[dict], list[str]]
    """What a task row prints in the column, a paragraph each."""
    width: int
    """Twips in the template: the width when no document's rows decide it."""


@dataclass(frozen=True)
class TaskTable:
    """An appendix table of one row per task (heading rows of CCHC fields span it whole)."""

    caption: str
    columns: tuple[Column, ...]

    def layout(self, rows: Sequence[dict]) -> tuple[tuple[int, ...], tuple[bool, ...]]:
        """Each column's width for these rows on a landscape page (its longest word at least, the
        rest where it saves lines), and which rows may break there."""
        measured = self._measured(rows, LANDSCAPE_TEXT_WIDTH)
        return measured.widths, self._breaks(rows, measured, measured.widths)

    def rows_that_may_break(self, rows: Sequence[dict], widths: Sequence[int]) -> tuple[bool, ...]:
        """For each row (a field's heading row among them), whether it may continue on the next page."""
        return self._breaks(rows, self._measured(rows, sum(widths)), tuple(widths))

    @staticmethod
    def _breaks(rows: Sequence[dict], measured: _Measured, widths: tuple[int, ...]) -> tuple[bool, ...]:
        tall = measured.tall_rows(widths)
        tasks = iter(tall)
        return tuple(False if row.get("group") else next(tasks) for row in rows)

    def _measured(self, rows: Sequence[dict], total: int) -> _Measured:
        texts = tuple(tuple(tuple(text for text in column.texts(row) if text) for column in self.columns)
                      for row in rows if not row.get("group"))
        return _measure(tuple(column.head for column in self.columns), texts, total)


@dataclass(frozen=True)
class _Measured:
    """A table's task rows as measured cells, and the widths fitted to them."""

    cells: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]
    _tall: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def tall_rows(self, widths: tuple[int, ...]) -> tuple[bool, ...]:
        """For each task row, whether it is taller than a row kept whole at these widths."""
        known = self._tall.get(widths)
        if known is None:
            known = self._tall[widths] = tuple(max(c.lines(w) for c, w in zip(row, widths)) > LINES_KEPT_WHOLE
                                               for row in self.cells)
        return known


@functools.lru_cache(maxsize=8)
def _measure(heads: tuple[str, ...], texts: tuple[tuple[tuple[str, ...], ...], ...], total: int) -> _Measured:
    """Done once per table text: a plan and its appendix print the same table, and its rows' heights
    are measured again at the widths found."""
    size = SIZES["table"]
    head = tuple(cell([text], size, bold=True) for text in heads)
    tasks = tuple(tuple(cell(list(paragraphs), size) for paragraphs in row) for row in texts)
    return _Measured(tasks, tuple(fit([head, *tasks], total, header_floors(head, heads, tasks))))


def header_floors(head: tuple[Cell, ...], heads: tuple[str, ...], tasks: tuple[tuple[Cell, ...], ...]) -> list[int]:
    """For a column whose every task's text is no wider than its header kept whole, the width that
    keeps it so (`head_lines`); 0 for the others, which the fit sizes by their text."""
    floors = []
    for i, (cell_, text) in enumerate(zip(head, heads)):
        floor = cell_.narrowest(head_lines(text))
        floors.append(floor if all(row[i].longest_line <= floor for row in tasks) else 0)
    return floors


def head_lines(head: str) -> int:
    """The most lines the header of a column of short texts takes: two words (`Ghi chú`, `Phối hợp`)
    stay on one line, a longer header takes two. Sized by its longest word alone, an empty column (or
    one of `Có`, `x`) printed `Ghi / chú`, which no appendix typed in Word has; a column of longer
    texts keeps the room for its text (raising every header to this cost a real year's report a page)."""
    return 1 if len(head.split()) <= 2 else 2


def _status(row: dict) -> list[str]:
    return [row["status"], "(Quá hạn)" if row["overdue"] else "", row["previous"]]


# The template's widths (what a user's copy keeps when its table loses the caption) add up to the
# landscape text width, shared out as a year of real use asks; a document's own rows decide its widths.
PLAN_TASKS = TaskTable("Nhiệm vụ của kế hoạch", (
    Column("TT", field("number"), 570),
    Column("Lĩnh vực/Tiêu chí/Tiêu chí thành phần", field("criterion"), 3380),
    Column("Giải pháp/Sản phẩm đầu ra", field("solution"), 3600),
    Column("Chủ trì", field("lead"), 2000),
    Column("Phối hợp", field("partners"), 1450),
    Column("Thời gian hoàn thành", field("deadline"), 1653),
    Column("Ghi chú", field("note"), 1350),
))

REPORT_TASKS = TaskTable("Kết quả thực hiện nhiệm vụ", (
    Column("TT", field("number"), 570),
    Column("Tiêu chí", field("criterion"), 1850),
    Column("Nhiệm vụ", field("solution"), 1830),
    Column("Chủ trì", field("lead"), 1450),
    Column("Thời gian hoàn thành", field("deadline"), 1500),
    Column("Tình trạng", _status, 1300),
    Column("Kết quả thực hiện", field("outcome"), 1900),
    Column("Hồ sơ kiểm chứng", field("evidence"), 2253),
    Column("Ghi chú", field("note"), 1350),
))

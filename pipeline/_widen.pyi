"""The column fit's widening, compiled (pipeline/_widen.c; pipeline/autofit.py, `_Fitting.widen_compiled`)."""

from collections.abc import Sequence

INTERFACE: int

def widen(columns: Sequence[tuple[Sequence[tuple[int, tuple[tuple[int, ...], ...]]], Sequence[int]]], rows: int,
          widths: Sequence[int], maxima: Sequence[int], room: int, step: int, counts: Sequence[int], padding: int,
          bound_margin: float, tie_margin: float) -> tuple[list[int], int]: ...

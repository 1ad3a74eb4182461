"""make-report: Vietnamese administrative documents (ND 30/2020) from one Excel workbook.

    >>> from pipeline import generate
    >>> result = generate("inputs/ke-hoach-cchc-2024.xlsx", "outputs")
    >>> [p.name for p in result.written]
    ['xa-hai-dinh_ke-hoach-2024.docx', 'xa-hai-dinh_phu-luc-ke-hoach-2024.docx', 'xa-hai-dinh_bao-cao-quy-1-2024.docx']

The pipeline, one module per step: workbook (read, validate) -> models -> documents -> render ->
output. The names below are the whole public API; everything raises pipeline.errors classes.
"""

from .startup import quiet_interrupt_at_start

quiet_interrupt_at_start()   # before the slow imports below: Ctrl+C while they load prints one line

from .batch import generate_batch  # noqa: E402
from .errors import (  # noqa: E402
    InvalidWorkbook,
    MakeReportError,
    NothingToDo,
    OutputProblem,
    PdfProblem,
    Problem,
    TemplateProblem,
    UnreadableWorkbook,
)
from .generate import generate, generate_rollup  # noqa: E402
from .workbook.reader import read_issuer_workbook, read_workbook  # noqa: E402

__all__ = [
    "InvalidWorkbook", "MakeReportError", "NothingToDo", "OutputProblem", "PdfProblem", "Problem",
    "TemplateProblem", "UnreadableWorkbook", "generate", "generate_batch", "generate_rollup",
    "read_issuer_workbook", "read_workbook",
]

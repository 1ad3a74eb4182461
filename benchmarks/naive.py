"""The straightforward way, for the benchmark to compare with: one process, one workbook after another,
openpyxl's reader and a fresh DocxTemplate per document, on the same templates and contexts.

    cd <a checkout> && python benchmarks/naive.py FOLDER OUT      # prints the seconds it took

Run from the checkout whose `pipeline` should read the workbooks (the benchmark uses the one of
before issue 21, whose reader is openpyxl's). Measures, never asserts.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())


def main(folder: Path, out: Path) -> float:
    from docxtpl import DocxTemplate

    from pipeline.documents import choose_period, document_jobs
    from pipeline.render import _jinja_env, default_templates_dir

    try:
        from pipeline.workbook.reader import read_workbook
    except ImportError:  # the layout of before the package moves
        from pipeline.workbook import read_workbook  # type: ignore[attr-defined,no-redef]

    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for i, workbook in enumerate(sorted(folder.glob("*.xlsx"))):
        plan = read_workbook(workbook)
        jobs, _ = document_jobs(plan, choose_period(plan, None))
        for job in jobs:
            template = DocxTemplate(default_templates_dir() / job.template)
            template.render(job.context, jinja_env=_jinja_env(), autoescape=True)
            template.save(out / f"{i}-{job.name}.docx")
    return time.perf_counter() - start


if __name__ == "__main__":
    print(f"{main(Path(sys.argv[1]), Path(sys.argv[2])):.3f}")

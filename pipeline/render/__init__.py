"""Templates -> package parts: each template compiled once (and cached on disk), rendered sandboxed.

`template.py` renders one template, `cache.py` keeps compiled templates between runs, `sandbox.py`
bounds what a template may do.
"""

from __future__ import annotations

from pathlib import Path

from ..documents.common import DocumentJob
from .cache import CompileCache
from .heap import give_back_freed_memory, keep_freed_memory
from .tables import forget_rendered
from .template import CORE_PROPERTIES, CompiledTemplate, RenderedDocument, _jinja_env, default_templates_dir

__all__ = ["CORE_PROPERTIES", "CompileCache", "CompiledTemplate", "RenderedDocument", "TemplateSet", "_jinja_env",
           "default_templates_dir"]


class TemplateSet:
    """The templates of a run, each compiled on first use and then reused for every document."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._compiled: dict[str, CompiledTemplate] = {}

    def get(self, name: str) -> CompiledTemplate:
        if name not in self._compiled:
            self._compiled[name] = CompiledTemplate(self.directory / name)
        return self._compiled[name]

    def render(self, job: DocumentJob) -> RenderedDocument:
        # A process that renders renders document after document: their large parts reuse the heap.
        # Asked here, not when the set is made: a batch's parent makes one and only receives its
        # workers' documents, and a kept heap there would only grow with them.
        keep_freed_memory()
        return self.get(job.template).render(job)

    def release(self) -> None:
        """What the run kept for its next documents, given back: it made its last large one.

        A roll-up makes one document as large as its units; the tables remembered for a next
        document and the heap its render freed would otherwise stay beside the roll-up's workbook.
        """
        forget_rendered()
        give_back_freed_memory()

    def files(self) -> list[Path]:
        """The template files read so far: inputs a run must never overwrite."""
        return [t.path for t in self._compiled.values()]

"""Our own templates compiled to shorter code for the two steps every printed field takes.

A field `{{ r.value }}` of a row costs a call to the sandbox's `getattr`, then to `finalize`,
then to markupsafe's `escape`, which builds a Markup only to be joined into the part: a third of
rendering a report's seven statistics forms. For our own templates (render/bundled.py), the
same steps are written into the compiled code: a dict's item is looked up in place (what
`LimitedSandbox.getattr` does first, for any name a dict has no attribute of), a string is
escaped by markupsafe's own escaping function, and there is no `finalize` (for our templates it
returns its value unchanged). Anything else takes the sandbox's way. The output is the same
text (tests/test_trusted_code.py); a user's template is compiled as before.
"""

from __future__ import annotations

from jinja2.compiler import optimizeconst
from markupsafe import escape

from .sandbox import _DICT_ATTRIBUTES, _BoundedCodeGenerator

try:
    from markupsafe._speedups import _escape_inner
except ImportError:  # markupsafe without its C extension, or a later one that renamed it
    _escape_inner = None


def trust(env) -> None:
    """Compile our own templates in `env` to the shorter code (before any compiling)."""
    env.finalize = None
    env.code_generator_class = _TrustedCodeGenerator
    env.escaped = _escaped if _escape_inner is not None else escape


def _escaped(value):
    """`escape(value)` as text: a string without the Markup around it, which the part's join drops anyway."""
    if type(value) is str:
        return _escape_inner(value)
    return escape(value)


class _TrustedCodeGenerator(_BoundedCodeGenerator):
    def _output_child_pre(self, node, frame, finalize):
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape or finalize.src is not None:
            super()._output_child_pre(node, frame, finalize)
        else:
            self.write("environment.escaped(")

    @optimizeconst
    def visit_Getattr(self, node, frame):
        """`x.name`: `x['name']` when x is a plain dict holding it, else the sandbox's getattr."""
        if node.attr in _DICT_ATTRIBUTES or self.environment.is_async:
            super().visit_Getattr(node, frame)
            return
        self.write(f"(_item[{node.attr!r}] if type(_item := ")
        self.visit(node.node, frame)
        self.write(f") is dict and {node.attr!r} in _item else environment.getattr(_item, {node.attr!r}))")

"""The sandbox our own templates render in: their code shorter, their output UTF-8 bytes.

A field `{{ r.value }}` of a row costs a call to the sandbox's `getattr`, then to `finalize`,
then to markupsafe's `escape`, which builds a Markup only to be joined into the part: a third of
rendering a report's seven statistics forms. For our own templates (render/bundled.py), the
same steps are written into the compiled code: a dict's item is looked up in place (what
`LimitedSandbox.getattr` does first, for any name a dict has no attribute of), a loop's `loop.last`
read as the attribute it is, a string is
escaped by markupsafe's own escaping function, there is no `finalize` (for our templates it
returns its value unchanged), and a loop's count of its iterations is called directly. Anything
else takes the sandbox's way.

And the output is bytes: the template's text is encoded once, when compiling, and only the
values are encoded as they are printed. Joining text that holds Vietnamese letters and encoding
300 KB of it to UTF-8 took a tenth of a report's render. A template that captures output as text
(`{% set %}` blocks, macros, `{% filter %}`, recursive loops, `{% autoescape %}`) is compiled to
text as before. The output is the same text (tests/test_trusted_code.py); a user's template is
compiled as before, in `LimitedSandbox`.
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.compiler import optimizeconst
from markupsafe import escape

from .sandbox import _COUNTED, _DICT_ATTRIBUTES, LimitedSandbox, _BoundedCodeGenerator
from .tables import RenderedTable

try:
    from markupsafe._speedups import _escape_inner
except ImportError:  # markupsafe without its C extension, or a later one that renamed it
    _escape_inner = None  # type: ignore[assignment]


class TrustedSandbox(LimitedSandbox):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.finalize = None

    def _generate(self, source, name, filename, defer_init=False):
        """The template's code, to bytes where it can be, else to text."""
        for generator_class in (_BytesCodeGenerator, _TextCodeGenerator):
            generator = generator_class(self, name, filename, None, defer_init, self.optimized)
            try:
                generator.visit(source)
            except _TextNeeded:
                continue
            return generator.stream.getvalue()
        raise AssertionError("the text code generator needs no text")

    def concat(self, parts):
        parts = list(parts)
        if parts and type(parts[0]) is bytes:
            return b"".join(parts)
        return super().concat(parts)

    @staticmethod
    def escaped(value):
        """`escape(value)` as text: a string without the Markup around it, which the part's join drops anyway."""
        if type(value) is str and _escape_inner is not None:
            return _escape_inner(value)
        return escape(value)

    @staticmethod
    def escaped_bytes(value) -> bytes:
        """`escape(value)` in UTF-8; a table rendered to bytes (tables.py) as it is."""
        if type(value) is str and _escape_inner is not None:
            return _escape_inner(value).encode()
        if type(value) is RenderedTable and type(value.xml) is bytes:
            return value.xml
        return str(escape(value)).encode()


_LOOP_ATTRIBUTES = frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth",
                              "depth0", "previtem", "nextitem", "cycle", "changed"})
"""The public attributes of Jinja's LoopContext, all safe to the sandbox."""


class _TextNeeded(Exception):
    """The template captures output to use as text: it is compiled to text."""


class _TextCodeGenerator(_BoundedCodeGenerator):
    """The shorter code, printing text."""

    escaping = "environment.escaped("

    def _output_child_pre(self, node, frame, finalize):
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape or finalize.src is not None:
            super()._output_child_pre(node, frame, finalize)
        else:
            self.write(self.escaping)

    @optimizeconst
    def visit_Getattr(self, node, frame):
        """`x.name`: `x['name']` when x is a plain dict holding it, else the sandbox's getattr."""
        if node.attr in _DICT_ATTRIBUTES or self.environment.is_async:
            super().visit_Getattr(node, frame)
            return
        self.write(f"(_item[{node.attr!r}] if type(_item := ")
        self.visit(node.node, frame)
        self.write(f") is dict and {node.attr!r} in _item else ")
        if node.attr in _LOOP_ATTRIBUTES:   # `loop.last`: what the sandbox's getattr finds, without its checks
            self.write(f"_item.{node.attr} if type(_item) is LoopContext else ")
        self.write(f"environment.getattr(_item, {node.attr!r}))")

    def visit_Call(self, node, frame, forward_caller=False):
        """Each `{% for %}`'s count of its iterations (`LimitedSandbox._parse`), called as itself: the
        sandbox's checks on a call are for a template's own calls, not this one of ours."""
        if isinstance(node.node, nodes.Name) and node.node.name == _COUNTED and len(node.args) == 1 \
                and not (node.kwargs or node.dyn_args or node.dyn_kwargs or forward_caller):
            self.write("environment._counted(")
            self.visit(node.args[0], frame)
            self.write(")")
            return
        super().visit_Call(node, frame, forward_caller=forward_caller)


class _BytesCodeGenerator(_TextCodeGenerator):
    """The shorter code, printing UTF-8: the template's text as bytes constants, each value encoded."""

    escaping = "environment.escaped_bytes("

    def buffer(self, frame):
        raise _TextNeeded   # output captured into a value, which must be text

    def _output_child_pre(self, node, frame, finalize):
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape or finalize.src is not None:
            raise _TextNeeded
        self.write(self.escaping)

    def _output_const_repr(self, group) -> str:
        return repr("".join(group).encode("utf-8"))

"""The Jinja sandbox user templates run in, with bounds on time, size and work.

Jinja's sandbox keeps a template away from Python's internals, not from exhausting the machine:
`{{ 'A' * 3000000000 }}`, `{{ 10 ** 10 ** 10 }}`, `lipsum(1000000)`, 25 nested loops. Here:

- `*`, `**`, `%` and `+` are checked before they run (and so are not folded at compile time either);
- `~` (string joining) and the text a macro or a `{% set %}` block captures are checked as they
  are joined; every filter and every call is checked on its result, and the filters and `str`
  methods that can multiply their input (`replace('', b)`, `center`, `indent`, `wordwrap`, `join`,
  `batch`…) before they run (`growth.py`);
- every string a render makes draws from one budget of MAX_PRODUCED_CHARS (a list's item as
  ITEM_CHARS), so doubling in a loop or a macro stops whatever operator it uses;
- `range` draws from one budget of iterations per render, so nested loops stop;
- `center`, `indent` and `format` refuse widths no document needs, `lipsum` and `urlize` are gone;
- a document's render, all its parts together, stops after RENDER_SECONDS of CPU (SIGPROF where the
  platform has it, and at every output chunk everywhere) or when its output passes MAX_OUTPUT_BYTES.

These bounds are in the process, not a child process under RLIMIT_AS: they hold the same on
Windows (which has no rlimits), cost no process start per document in a batch or the web portal,
and keep the compile cache. What no in-process check can bound, compiling a huge template, is
refused before compiling (`TemplateSize`).

Every refusal is a `TemplateLimit`, which the renderer reports with the paragraph it came from.
"""

from __future__ import annotations

import contextlib
import functools
import re
import signal
import threading
import time

from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import _PassArg

from . import growth

RENDER_SECONDS = 10.0
MAX_OUTPUT_BYTES = 20_000_000
"""The appendix takes about 2,500 bytes per task: 20 MB is 8,000 tasks. The document is then
copied, parsed and zipped a few times over, which a larger part would take past 500 MB."""
MAX_VALUE_CHARS = 1_000_000
MAX_ITERATIONS = 1_000_000
MAX_EXPONENT = 1_000
MAX_NUMBER_BITS = 10_000
"""About 3,000 digits: squaring a number in a loop otherwise grows it to gigabytes."""
MAX_WIDTH = 1_000
MAX_PRODUCED_CHARS = 100_000_000
"""Every string a render makes, kept or not: twice the largest document's text."""
ITEM_CHARS = 64
"""A list's item costs what 64 characters do (a pointer and a small object): `range(999999)|list`
twenty times over is 720 MB of integers in lists that are each under a million items long."""
MAX_TEMPLATE_TAGS = 5_000
"""In all the templated parts of a template: ours have under 100 tags; compiling costs about 11 KB per tag."""
MAX_TEMPLATED_CHARS = 4 * 1024 * 1024
"""In all the templated parts of a template (body, headers, footers, notes): ours have under 60,000."""
_BIG_FORMAT_WIDTH = re.compile(r"\d{5,}")
_STAR_WIDTH = re.compile(r"%[-#0 +]*(\*|\d*\.\*)")
_NESTED_FORMAT_FIELD = re.compile(r"\{[^{}]*:[^{}]*\{")
_TAG = re.compile(r"\{(?:<[^>]*>)*[{%#]")
"""A tag's opening, split across runs by Word or not: docxtpl joins `{</w:t></w:r><w:r><w:t>{`."""
_SIZED = (str, bytes, list, tuple)
_COUNTED = "_counted_loop"
_DICT_ATTRIBUTES = frozenset(dir(dict))
"""What `getattr` finds on a plain dict: any other name after the dot can only be one of its keys."""


class TemplateLimit(Exception):
    """A template asked for more time, memory or work than any document needs (Vietnamese reason)."""


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's compiler, with every `~` handed to the sandbox to measure."""

    def visit_Concat(self, node, frame):
        """`a ~ b ~ c`: the operands measured before they are joined, the result after."""
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"environment.produced({join}(environment.operands((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))))")


class LimitedSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _BoundedCodeGenerator

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.iterations_left = MAX_ITERATIONS
        self.produced_left = MAX_PRODUCED_CHARS
        self.output_left = MAX_OUTPUT_BYTES
        self.deadline = 0.0
        self.bounded = False
        self.finalize = self.printed
        self.globals["range"] = self._budgeted_range
        self.globals[_COUNTED] = self._counted
        self.globals.pop("lipsum", None)
        self.filters.pop("urlize", None)
        for name, function in list(self.filters.items()):
            self.filters[name] = self._measured_filter(name, function)
        for name in ("center", "indent"):
            self.filters[name] = _width_checked(self.filters[name])
        self.filters["format"] = _format_checked(self.filters["format"])

    def start_render(self, bounded: bool) -> None:
        """A fresh budget for one document, all its parts together (a thousand headers of 9 s each
        would otherwise take hours); `bounded`: a user's template, whose captures are measured."""
        self.iterations_left = MAX_ITERATIONS
        self.produced_left = MAX_PRODUCED_CHARS
        self.output_left = MAX_OUTPUT_BYTES
        self.deadline = time.process_time() + RENDER_SECONDS
        self.bounded = bounded

    def getattr(self, obj, attribute):
        """`row.number` of a plain dict is its item, looked up first: Jinja's sandbox tries the attribute,
        fails and then takes the item, an exception for every field of every row. Same result, as a
        dict has no attribute of that name; its methods (`items`, `pop`) still go through the checks."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                pass
        return super().getattr(obj, attribute)

    def _budgeted_range(self, *args):
        """A range longer than the iterations left is refused at once (the loop would stop anyway)."""
        numbers = range(*args)
        if len(numbers) > self.iterations_left:
            raise TemplateLimit(f"range({', '.join(map(str, args))}) quá lớn "
                                f"(mỗi văn bản tối đa {_number(MAX_ITERATIONS)} vòng lặp)")
        return numbers

    def _parse(self, source, name, filename):
        """Every `{% for %}` draws its iterations from the render's budget, whatever it loops over.

        Without it only `range` was counted: two loops over a long string ran on until the
        CPU deadline, and forever where there is none (Windows, a worker thread).
        """
        from jinja2 import nodes

        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.Name(_COUNTED, "load"), [loop.iter], [], None, None, lineno=loop.lineno)
        return tree

    def _counted(self, iterable):
        for item in iterable:
            self.iterations_left -= 1
            if self.iterations_left < 0:
                raise TemplateLimit(f"mẫu chạy quá {_number(MAX_ITERATIONS)} vòng lặp trong một văn bản")
            yield item

    def operands(self, parts: tuple) -> tuple:
        """The operands of `~`, refused when joined they would be too long."""
        _refuse_long(sum(growth.text_size(part) for part in parts))
        return parts

    def printed(self, value):
        """Every `{{ … }}` of a user's template: `{{ [s] * 999 }}` is short as a list, long as text."""
        if self.bounded and not isinstance(value, str):
            _refuse_long(growth.text_size(value))
        return value

    def produced(self, value):
        """Every value a render makes passes here: too long, or past the render's budget, stops it."""
        if isinstance(value, int) and value.bit_length() > MAX_NUMBER_BITS:
            raise TemplateLimit(f"một số có hơn {_number(MAX_NUMBER_BITS * 3 // 10)} chữ số, quá lớn")
        if isinstance(value, _SIZED):
            _refuse_long(len(value))
            self.produced_left -= len(value) * (ITEM_CHARS if isinstance(value, (list, tuple)) else 1)
            if self.produced_left < 0:
                raise TemplateLimit(f"mẫu tạo ra quá nhiều chuỗi ký tự (hơn {_number(MAX_PRODUCED_CHARS)}) "
                                    "hay danh sách trong một văn bản")
        return value

    def concat(self, parts):   # noqa: D102 - what a macro or `{% set %}` block captured, joined
        if not self.bounded:
            return "".join(parts)
        parts = parts if isinstance(parts, list) else list(parts)
        _refuse_long(sum(map(len, parts)))
        return self.produced("".join(parts))

    def _measured_filter(self, name: str, function):
        skip = 1 if _PassArg.from_obj(function) is not None else 0

        @functools.wraps(function)
        def measured(*args, **kwargs):
            if name in growth.MATERIALISED and len(args) > skip and not isinstance(args[skip], (list, tuple)):
                args = (*args[:skip], list(args[skip]), *args[skip + 1:])
            _refuse_long(growth.filter_bound(name, args[skip:], kwargs))
            return self.produced(function(*args, **kwargs))

        return measured

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "+" and isinstance(left, _SIZED) and isinstance(right, _SIZED):
            _refuse_long(len(left) + len(right))
        elif operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise TemplateLimit(f"lũy thừa {right} quá lớn")
        elif operator == "%" and isinstance(left, str):
            if _unbounded_format(left):
                raise TemplateLimit("định dạng chuỗi với độ rộng quá lớn")
            _refuse_long(growth.percent_formatted(left, right))
        return self.produced(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value):
        """`'{:>9}'.format(x)` (Jinja 3.1.5+ sandboxes str.format here, earlier in format_string)."""
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str) and getattr(value, "__name__", "") in ("format", "format_map"):
            _refuse_wide_fields(owner)
        return super().wrap_str_format(value)

    def format_string(self, s, args, kwargs, format_func=None):
        _refuse_wide_fields(s)
        return self.produced(super().format_string(s, args, kwargs, format_func))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        if getattr(__obj, "__name__", "") == "join" and isinstance(getattr(__obj, "__self__", None), str) \
                and args and not isinstance(args[0], (list, tuple)):
            args = (list(args[0]), *args[1:])
        _refuse_long(growth.method_bound(__obj, args, kwargs))
        return __self.produced(super().call(__context, __obj, *args, **kwargs))


class TemplateSize:
    """A template's templated parts added up, refused past the limits before compiling: compiling is
    not interruptible, and a thousand headers of 4,999 tags each are as costly as one of five million."""

    def __init__(self):
        self.chars = 0
        self.tags = 0

    def add(self, part: str, text: str) -> None:
        self.chars += len(text)
        self.tags += len(_TAG.findall(text))
        if self.chars > MAX_TEMPLATED_CHARS:
            raise TemplateLimit(f"các phần có thẻ mẫu dài {_number(self.chars)} ký tự (tính đến phần {part}), "
                                f"quá lớn (tối đa {_number(MAX_TEMPLATED_CHARS)})")
        if self.tags > MAX_TEMPLATE_TAGS:
            raise TemplateLimit(f"mẫu có {_number(self.tags)} thẻ mẫu, quá nhiều (tối đa {_number(MAX_TEMPLATE_TAGS)} "
                                f"cho mọi phần cộng lại, tính đến phần {part})")


def _refuse_long(length: int) -> None:
    if length > MAX_VALUE_CHARS:
        raise TemplateLimit(f"một giá trị dài {_number(length)} ký tự, quá lớn")


def _refuse_wide_fields(s: str) -> None:
    if _BIG_FORMAT_WIDTH.search(s) or _NESTED_FORMAT_FIELD.search(s):
        raise TemplateLimit("định dạng chuỗi với độ rộng quá lớn")


def _unbounded_format(spec: str) -> bool:
    return _BIG_FORMAT_WIDTH.search(spec) is not None or _STAR_WIDTH.search(spec) is not None


def _number(n: int) -> str:
    """`1.000.000`: Vietnamese digit grouping."""
    return f"{n:,}".replace(",", ".")


def _check_repeat(sequence, times) -> None:
    if isinstance(sequence, (str, list, tuple)) and isinstance(times, int) and not isinstance(times, bool):
        if len(sequence) * times > MAX_VALUE_CHARS:
            raise TemplateLimit(f"phép nhân chuỗi tạo ra {_number(len(sequence) * times)} ký tự, quá lớn")


def _width_checked(filter_function):
    def checked(value, width=80, *args, **kwargs):
        if isinstance(width, int) and width > MAX_WIDTH:
            raise TemplateLimit(f"độ rộng {width} quá lớn")
        return filter_function(value, width, *args, **kwargs)

    return checked


def _format_checked(filter_function):
    def checked(value, *args, **kwargs):
        if isinstance(value, str) and _unbounded_format(value):
            raise TemplateLimit("định dạng chuỗi với độ rộng quá lớn")
        return filter_function(value, *args, **kwargs)

    return checked


def render_trusted(template, context: dict, fresh: bool = True) -> str:
    """One of our own templates: tested with any workbook the reader accepts, so not time-bounded."""
    if fresh:
        template.environment.start_render(bounded=False)
    return template.render(context)


def render_bounded(template, context: dict, fresh: bool = True) -> str:
    """The template rendered within the document's budget: iterations, CPU time, output size.

    `fresh`: a budget of its own; else the one `start_render` began for the whole document.
    """
    env = template.environment
    if fresh:
        env.start_render(bounded=True)
    chunks: list[str] = []
    with _alarm(env.deadline - time.process_time()):
        for chunk in template.generate(context):
            env.output_left -= len(chunk) if chunk.isascii() else 3 * len(chunk)   # UTF-8 bytes, at most
            if env.output_left < 0:
                raise TemplateLimit(f"mẫu tạo ra văn bản hơn {_number(MAX_OUTPUT_BYTES // 1_000_000)} MB")
            if time.process_time() > env.deadline:
                raise TemplateLimit(f"mẫu chạy quá {RENDER_SECONDS:g} giây")
            chunks.append(chunk)
    return "".join(chunks)


@contextlib.contextmanager
def _alarm(seconds: float):
    """Interrupt pure-Python work (an empty nested loop) after `seconds` of CPU, where signals allow it.

    CPU time, not wall time: on a loaded server a render that waits for the processor is not the
    template's fault, and the iteration budget must stay the limit a template meets first.
    """
    if seconds <= 0:
        raise TemplateLimit(f"mẫu chạy quá {RENDER_SECONDS:g} giây")
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise TemplateLimit(f"mẫu chạy quá {RENDER_SECONDS:g} giây")

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


_PYTHON_ERRORS = {"ZeroDivisionError": "chia cho 0", "RecursionError": "gọi lồng nhau (đệ quy) quá sâu",
                  "OverflowError": "số quá lớn", "MemoryError": "không đủ bộ nhớ"}


def python_error_in_vietnamese(exc: BaseException) -> str:
    name = type(exc).__name__
    return _PYTHON_ERRORS.get(name) or f"{name}: {exc}"[:200]


def template_line(exc: BaseException) -> int | None:
    """The template line an error was raised at (Jinja rewrites tracebacks to template lines)."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line

"""The Jinja sandbox user templates run in, with bounds on time, size and work.

Jinja's sandbox keeps a template away from Python's internals, not from exhausting the machine:
`{{ 'A' * 3000000000 }}`, `{{ 10 ** 10 ** 10 }}`, `lipsum(1000000)`, 25 nested loops. Here:

- `*`, `**` and `%` are checked before they run (and so are not folded at compile time either);
- `range` draws from one budget of iterations per render, so nested loops stop;
- `center`, `indent` and `format` refuse widths no document needs, `lipsum` is gone;
- a render stops after RENDER_SECONDS (SIGALRM where the platform has it, and at every output
  chunk everywhere) or when its output passes MAX_OUTPUT_CHARS.

Every refusal is a `TemplateLimit`, which the renderer reports with the paragraph it came from.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time

from jinja2.sandbox import ImmutableSandboxedEnvironment

RENDER_SECONDS = 10.0
MAX_OUTPUT_CHARS = 50_000_000
"""The appendix takes about 2,200 characters per task: 50 million is over 20,000 tasks."""
MAX_VALUE_CHARS = 1_000_000
MAX_ITERATIONS = 1_000_000
MAX_EXPONENT = 1_000
MAX_WIDTH = 1_000
_BIG_FORMAT_WIDTH = re.compile(r"\d{5,}")


class TemplateLimit(Exception):
    """A template asked for more time, memory or work than any document needs (Vietnamese reason)."""


class LimitedSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.iterations_left = MAX_ITERATIONS
        self.globals["range"] = self._budgeted_range
        self.globals.pop("lipsum", None)
        for name in ("center", "indent"):
            self.filters[name] = _width_checked(self.filters[name])
        self.filters["format"] = _format_checked(self.filters["format"])

    def _budgeted_range(self, *args):
        numbers = range(*args)
        if len(numbers) > self.iterations_left:
            raise TemplateLimit(f"range({', '.join(map(str, args))}) quá lớn "
                                f"(mỗi văn bản tối đa {_number(MAX_ITERATIONS)} vòng lặp)")
        self.iterations_left -= len(numbers)
        return numbers

    def call_binop(self, context, operator, left, right):
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise TemplateLimit(f"lũy thừa {right} quá lớn")
        elif operator == "%" and isinstance(left, str) and _BIG_FORMAT_WIDTH.search(left):
            raise TemplateLimit("định dạng chuỗi với độ rộng quá lớn")
        return super().call_binop(context, operator, left, right)

    def format_string(self, s, args, kwargs, format_func=None):
        if _BIG_FORMAT_WIDTH.search(s):
            raise TemplateLimit("định dạng chuỗi với độ rộng quá lớn")
        return super().format_string(s, args, kwargs, format_func)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, (str, list, tuple)) and len(result) > MAX_VALUE_CHARS:
            raise TemplateLimit(f"một giá trị dài {_number(len(result))} ký tự, quá lớn")
        return result


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
        if isinstance(value, str) and _BIG_FORMAT_WIDTH.search(value):
            raise TemplateLimit("định dạng chuỗi với độ rộng quá lớn")
        return filter_function(value, *args, **kwargs)

    return checked


def render_bounded(template, context: dict) -> str:
    """The template rendered with a fresh iteration budget, a deadline and an output cap."""
    env = template.environment
    env.iterations_left = MAX_ITERATIONS
    deadline = time.monotonic() + RENDER_SECONDS
    chunks: list[str] = []
    size = 0
    with _alarm(RENDER_SECONDS):
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateLimit(f"mẫu tạo ra hơn {_number(MAX_OUTPUT_CHARS)} ký tự")
            if time.monotonic() > deadline:
                raise TemplateLimit(f"mẫu chạy quá {RENDER_SECONDS:g} giây")
            chunks.append(chunk)
    return "".join(chunks)


@contextlib.contextmanager
def _alarm(seconds: float):
    """Interrupt pure-Python work (an empty nested loop) after `seconds`, where signals allow it."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise TemplateLimit(f"mẫu chạy quá {seconds:g} giây")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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

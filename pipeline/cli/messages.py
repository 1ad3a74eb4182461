"""click's own messages in Vietnamese, with what to do about each.

click builds its messages in English (through gettext, with no Vietnamese catalogue); the few a
clerk can meet are recognised here by their English pattern and said again in Vietnamese. A message
not recognised (our own, already Vietnamese) is returned as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import click

_KINDS = {"file": "tệp", "directory": "thư mục", "path": "đường dẫn"}


def quoted(text: str) -> str:
    """click's 'x' quotes as the Vietnamese “x”."""
    return re.sub(r"'([^']*)'", r"“\1”", text)


_OPTION_EXAMPLES = {"-q": "2", "--quarter": "2", "-o": "ket-qua", "--out": "ket-qua", "-i": "cac-xa",
                    "--input-dir": "cac-xa", "-j": "2", "--jobs": "2", "-t": "mau-cua-xa", "--templates": "mau-cua-xa",
                    "--year": "2026", "--thong-tin": "tinh.xlsx"}


def _example(option: str) -> str:
    value = _OPTION_EXAMPLES.get(option)
    return f", ví dụ {option} {value}" if value else ""


def _range_text(value: str, limits: str) -> str:
    m = re.fullmatch(r"x>=(\S+)", limits)
    if m:
        return f"{value} không hợp lệ, phải từ {m.group(1)} trở lên"
    m = re.fullmatch(r"x<=(\S+)", limits)
    if m:
        return f"{value} không hợp lệ, phải từ {m.group(1)} trở xuống"
    m = re.fullmatch(r"(\S+)<=x<=(\S+)", limits)
    if m:
        return f"{value} không hợp lệ, phải từ {m.group(1)} đến {m.group(2)}"
    return f"{value} nằm ngoài khoảng cho phép ({limits})"


_PATTERNS: list[tuple[str, Callable[[re.Match[str]], str]]] = [
    (r"(File|Directory|Path) '(.*)' does not exist\.",
     lambda m: f"{_KINDS[m[1].lower()]} “{m[2]}” không tồn tại — kiểm tra lại tên và đường dẫn "
               f"(kéo thả {_KINDS[m[1].lower()]} vào cửa sổ lệnh để có đường dẫn đúng)"),
    (r"(File|Directory|Path) '(.*)' is a file\.",
     lambda m: f"“{m[2]}” là một tệp — hãy chỉ ra thư mục chứa nó"),
    (r"(File|Directory|Path) '(.*)' is a directory\.",
     lambda m: f"“{m[2]}” là một thư mục — hãy chỉ ra một tệp trong đó"),
    (r"(File|Directory|Path) '(.*)' is not (readable|writable|executable)\.",
     lambda m: f"không có quyền {'đọc' if m[3] == 'readable' else 'ghi' if m[3] == 'writable' else 'chạy'} "
               f"{_KINDS[m[1].lower()]} “{m[2]}” — kiểm tra quyền truy cập hoặc chép ra chỗ khác"),
    (r"'(.*)' is not a valid integer( range)?\.", lambda m: f"“{m[1]}” không phải số nguyên — ghi một số, ví dụ 2"),
    (r"'(.*)' is not a valid float( range)?\.", lambda m: f"“{m[1]}” không phải một số — ghi một số, ví dụ 2"),
    (r"(.*) is not in the range (.*)\.", lambda m: _range_text(m[1], m[2])),
    (r"'(.*)' is not one of (.*)\.", lambda m: f"“{m[1]}” không hợp lệ — chọn một trong: {quoted(m[2])}"),
    (r"'(.*)' is not (.*)\.", lambda m: f"“{m[1]}” không hợp lệ — chọn {quoted(m[2])}"),
    (r"Option '(.*)' requires an argument\.",
     lambda m: f"tùy chọn “{m[1]}” cần một giá trị ngay sau nó" + _example(m[1])),
    (r"Option '(.*)' requires (\d+) arguments\.", lambda m: f"tùy chọn “{m[1]}” cần {m[2]} giá trị ngay sau nó"),
    (r"Option '(.*)' does not take a value\.",
     lambda m: f"tùy chọn “{m[1]}” không nhận giá trị — bỏ phần “=…” sau nó"),
    (r"Argument '(.*)' takes (\d+) values\.", lambda m: f"đối số “{m[1]}” cần {m[2]} giá trị"),
    (r"Got unexpected extra arguments? \((.*)\)",
     lambda m: f"thừa đối số: {m[1]} — tên có khoảng trắng thì đặt trong ngoặc kép, ví dụ \"Xa Hai Dinh\""),
    (r"No such command '(.*)'\.", lambda m: f"không có lệnh “{m[1]}”"),
    (r"Missing command\.", lambda m: "thiếu tên lệnh"),
    (r"Could not open file '(.*)': (.*)", lambda m: f"không mở được tệp “{m[1]}”: {m[2]}"),
]


def translate(message: str) -> str:
    """A click message in Vietnamese; any other message unchanged."""
    for pattern, say in _PATTERNS:
        m = re.fullmatch(pattern, message.strip(), re.DOTALL)
        if m:
            return say(m)
    return message


def usage_message(exc: click.UsageError) -> str:
    """What is wrong in a usage error, in Vietnamese."""
    if isinstance(exc, click.NoSuchOption):
        message = f"không có tùy chọn “{exc.option_name}”"
        if exc.possibilities:
            message += ", có phải " + " hoặc ".join(f"“{p}”" for p in sorted(exc.possibilities)) + "?"
        return message
    if isinstance(exc, click.MissingParameter):
        hint = exc.param.get_error_hint(exc.ctx) if exc.param is not None and exc.ctx is not None else ""
        what = "tùy chọn" if isinstance(exc.param, click.Option) else "đối số"
        return f"thiếu {what} {quoted(hint)}".rstrip()
    if isinstance(exc, click.BadParameter):
        typed: str | Sequence[str] | None = exc.param_hint
        if typed is None and exc.param is not None and exc.ctx is not None:
            typed = exc.param.get_error_hint(exc.ctx)
        which = " / ".join(f"'{h}'" for h in typed) if isinstance(typed, (list, tuple)) else (typed or "")
        text = translate(exc.message)
        return f"giá trị không hợp lệ cho {which}: {text}" if which else text
    return translate(exc.message)

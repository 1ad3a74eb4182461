"""The `make-report` command: parse options, call the library, print, map errors to exit codes.

Nothing here knows about workbooks or DOCX internals; every domain error is turned into a
Vietnamese message in `report_error`, the one place that does so.
"""

from __future__ import annotations

import enum
import os
import re
import sys
import traceback
from pathlib import Path

import click

from ..errors import (
    ConflictingWorkbooks,
    InvalidWorkbook,
    NothingToDo,
    OutputProblem,
    NotInstalled,
    PdfProblem,
    TemplateProblem,
    UnexpectedFailure,
    UnreadableFolder,
)


class ExitCode(enum.IntEnum):
    OK = 0
    INVALID_INPUT = 1
    USAGE = 2
    INTERRUPTED = 130


DEFAULT_INPUTS = Path("inputs")
MAX_PROBLEMS_SHOWN = 100
"""A workbook of 50,000 bad rows gets a readable screen, not 50,000 lines."""
DEFAULT_OUTPUTS = Path("outputs")


def entry_point() -> None:
    """The `make-report` command.

    Once the command is done (every file written, closed and renamed; worker processes joined),
    the process exits without tearing the interpreter down: freeing lxml, numpy and every module
    costs about 40 ms, a tenth of a clerk's single run, and serves nothing.
    """
    from .console import make_streams_safe

    make_streams_safe(byte_order_mark="--json" not in sys.argv[1:])
    code = run_translated(lambda: main(standalone_mode=False))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


def run_translated(invoke) -> int:
    """Run click with its errors printed in Vietnamese; the exit code."""
    try:
        result = invoke()
        code = result if isinstance(result, int) else 0  # click returns --help's exit code
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else int(bool(exc.code))
    except click.UsageError as exc:
        code = report_usage_error(exc)
    except click.ClickException as exc:
        from .messages import translate

        echo_problem("Lỗi: ", translate(exc.format_message()))
        code = exc.exit_code
    except click.Abort:
        echo_problem("Đã dừng.", "")
        code = ExitCode.INTERRUPTED
    except KeyboardInterrupt:
        echo_problem("Đã dừng (Ctrl+C).", "")
        code = ExitCode.INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last net: a fault of ours is one line, not a traceback
        code = report_error(UnexpectedFailure.of(exc), "--debug" in sys.argv)
    if code is not None and not isinstance(code, int):
        click.echo(code, err=True)
        code = 1
    return code or 0


class VietnameseFormatter(click.HelpFormatter):
    """click's help, with its own few English words in Vietnamese."""

    SECTIONS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Arguments": "Đối số"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Cách dùng: ")

    def section(self, name: str):
        return super().section(self.SECTIONS.get(name, name))

    METAVARS = {"TEXT": "CHỮ", "DIRECTORY": "THƯ_MỤC", "FILE": "TỆP", "PATH": "ĐƯỜNG_DẪN", "INTEGER": "SỐ",
                "INTEGER RANGE": "SỐ"}

    def write_dl(self, rows, *args, **kwargs):
        """Option rows with click's English value names (TEXT, DIRECTORY…) in Vietnamese."""
        pattern = re.compile(r"(?<= )(" + "|".join(sorted(self.METAVARS, key=len, reverse=True)) + r")$")
        rows = [(pattern.sub(lambda m: self.METAVARS[m[1]], first),
                 second.replace("[default: ", "[mặc định: ").replace("[required]", "[bắt buộc]"))
                for first, second in rows]
        return super().write_dl(rows, *args, **kwargs)


class VietnameseContext(click.Context):
    formatter_class = VietnameseFormatter


class VietnameseHelp:
    """Mixed into our command classes: Vietnamese help formatting and help-option text."""

    context_class: type[click.Context] = VietnameseContext

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Xem hướng dẫn này rồi thoát."
        return option


class Command(VietnameseHelp, click.Command):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)


class DefaultGroup(VietnameseHelp, click.Group):
    """A group whose first argument, when it is not a command name, goes to the default command.

    So `make-report`, `make-report so.xlsx` and `make-report check vb.docx` all read naturally.
    """

    default_command = "tao"
    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [ĐỐI SỐ]...")
        super().__init__(*args, **kwargs)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Standalone runs (CliRunner's too) print click's own errors in Vietnamese, as `entry_point` does."""
        parent = super()
        if not standalone_mode:
            return parent.main(args, prog_name, complete_var, False, **extra)
        sys.exit(run_translated(lambda: parent.main(args, prog_name, complete_var, False, **extra)))

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            self._refuse_a_mistyped_command(ctx, args[0] if args else "")
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def _refuse_a_mistyped_command(self, ctx, word: str) -> None:
        """`tonghop`, `tong hop`, `kiem-tra`: no such file and close to a command's name is a command mistyped."""
        import difflib

        from ..vietnamese import ascii_slug

        if not word or word.startswith("-") or Path(word).exists() or Path(word).suffix:
            return
        names = {ascii_slug(name).replace("-", ""): name for name in self.commands}
        typed = ascii_slug(word).replace("-", "")
        match = names.get(typed) or next(iter(difflib.get_close_matches(typed, list(names), n=1, cutoff=0.75)), None)
        if match is not None:
            name = names.get(match, match)
            raise click.UsageError(f"không có lệnh “{word}”, có phải “{name}”? "
                                   f"(ví dụ: make-report {name} --help)", ctx)


def report_usage_error(exc: click.UsageError) -> ExitCode:
    """A usage error in Vietnamese: the usage line, what is wrong, where to read more."""
    if exc.ctx is not None:
        click.echo(exc.ctx.get_usage(), err=True)
    from .messages import usage_message

    message = usage_message(exc)
    command = exc.ctx.command_path if exc.ctx is not None else "make-report"
    echo_problem("Lỗi cách dùng: ", message)
    echo_problem("", f"Gõ “{command} --help” để xem hướng dẫn.")
    return ExitCode.USAGE


def parse_quarter_option(ctx, param, value):
    if value is None:
        return None
    from ..domain.period import parse_quarter

    quarter = parse_quarter(value)
    if quarter is None:
        raise click.BadParameter(f"“{value}” không phải một quý; dùng 1, 2, 3, 4 hoặc I, II, III, IV")
    return quarter


def debug_option(f):
    """`--debug`: the traceback of a fault of the program, for its developers (every command takes it:
    the hint of an unexpected error tells the user to run again with it)."""
    return click.option("--debug", is_flag=True, help="Hiện chi tiết kỹ thuật (traceback) khi có lỗi.")(f)


def period_option(f):
    """`--ky quy-1 … quy-4 | 6-thang | 9-thang | nam`: the report period (kỳ báo cáo)."""
    from ..domain.period import PERIOD_KEYS

    return click.option(
        "-k", "--ky", "period", callback=_period_key, metavar="KỲ",
        help="Kỳ báo cáo: " + ", ".join(PERIOD_KEYS) + " (gõ có dấu, viết liền hay số La Mã đều được: "
             "6-tháng, quy2, II). Mặc định: quý mới nhất đã có kết quả.",
    )(f)


def _period_key(ctx, param, value: str | None) -> str | None:
    from ..domain.period import PERIOD_KEYS, period_key

    if value is None:
        return None
    key = period_key(value)
    if key is None:
        raise click.BadParameter(f"“{value}” không phải một kỳ báo cáo; chọn {', '.join(PERIOD_KEYS)}")
    return key


def chosen_period(quarter: int | None, period: str | None) -> str | None:
    """`--quarter 2` is another way to say `--ky quy-2`; the two must agree when both are given."""
    if quarter is None:
        return period
    if period is not None and period != f"quy-{quarter}":
        raise click.UsageError(f"--quarter {quarter} và --ky {period} chỉ hai kỳ khác nhau; chỉ dùng một tùy chọn")
    return f"quy-{quarter}"


def echo_problem(prefix: str, text: str) -> None:
    click.echo(terminal_safe(f"{prefix}{text}"), err=True)


def say(text: str) -> None:
    """A line on stdout; text from workbooks and documents cannot forge lines or reorder them."""
    click.echo(terminal_safe(text))


def terminal_safe(text: str) -> str:
    """Control characters (C0, C1 such as U+009B), bidi overrides, line breaks and lone surrogates
    as visible escapes (`\\u202e`): a cell must not move the cursor, reverse text or forge a line."""
    from ..vietnamese import escape_for_terminal

    return escape_for_terminal(text)


def report_error(exc: Exception, debug: bool, source: Path | None = None) -> ExitCode:
    """Print a library error as Vietnamese lines on stderr and give the exit code for it.

    `source` is the workbook the error came from, for the errors that do not name a file.
    """
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    detail = getattr(exc, "detail", "")
    if debug and detail:
        click.echo(detail, err=True)
    if isinstance(exc, InvalidWorkbook):
        echo_problem("Lỗi: ", f"sổ {exc.path} có {len(exc.problems)} lỗi, chưa tạo văn bản nào:")
        for problem in exc.problems[:MAX_PROBLEMS_SHOWN]:
            echo_problem("  ", str(problem))
        if len(exc.problems) > MAX_PROBLEMS_SHOWN:
            echo_problem("  ", f"… và {len(exc.problems) - MAX_PROBLEMS_SHOWN} lỗi khác; sửa các lỗi trên rồi chạy lại "
                               "để xem tiếp")
    elif isinstance(exc, TemplateProblem):
        echo_problem("Lỗi mẫu: ", f"{exc.template}: {exc.message}")
        if exc.excerpt:
            echo_problem("  Đoạn văn có lỗi: ", f"«{exc.excerpt}»")
        if exc.hint:
            echo_problem("  Cách sửa: ", exc.hint)
    elif isinstance(exc, OutputProblem):
        echo_problem("Lỗi ghi tệp: ", f"{exc.path}: {exc.message}" + (f" — {exc.hint}" if exc.hint else ""))
        echo_problem("  ", "Các tệp cũ được giữ nguyên.")
    elif isinstance(exc, (PdfProblem, NothingToDo, UnexpectedFailure, ConflictingWorkbooks, NotInstalled)):
        where = f"{source}: " if source else ""
        echo_problem("Lỗi: ", where + exc.message + (f" — {exc.hint}" if exc.hint else ""))
    elif isinstance(exc, UnreadableFolder):
        echo_problem("Lỗi: ", f"thư mục {exc.path}: {exc.message} — {exc.hint}")
    else:
        echo_problem("Lỗi: ", f"{source}: {exc}" if source else str(exc))
    return ExitCode.INVALID_INPUT


def _print_version(ctx: click.Context, _param, value: bool) -> None:
    """`make-report 0.1.0`, and how this install works out the appendix's column widths: a province's
    server that missed the compiled part (no C compiler, or no Python headers) learns it here."""
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    from ..autofit import compiled_widen

    how = ("mã máy (C)" if compiled_widen is not None else "Python (máy cài không có trình biên dịch C hoặc gói "
           "python3-dev; văn bản giống hệt, chỉ chậm hơn khi làm hàng nghìn sổ)")
    click.echo(f"make-report {version('make-report')}\nĐộ rộng cột của phụ lục tính bằng: {how}")
    ctx.exit()


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Xem phiên bản rồi thoát.")
def main():
    """Tạo Kế hoạch, Phụ lục và Báo cáo (quý, 6 tháng, 9 tháng, năm) đúng thể thức Nghị định
    30/2020/NĐ-CP từ một sổ Excel; tổng hợp báo cáo của nhiều xã cho tỉnh.

    \b
    Cách dùng thường gặp:
      make-report                       tạo văn bản từ sổ Excel trong thư mục inputs/
      make-report so.xlsx --quarter 2   báo cáo quý II từ sổ so.xlsx
      make-report so.xlsx --ky nam      báo cáo năm (hoặc --ky 6-thang, 9-thang)
      make-report tong-hop --input-dir cac-xa/ --thong-tin tinh.xlsx   tổng hợp cho tỉnh
      make-report init so-moi.xlsx      tạo sổ Excel trống theo mẫu
      make-report check van-ban.docx    kiểm tra thể thức một văn bản

    Gõ `make-report LỆNH --help` để xem chi tiết từng lệnh.
    """

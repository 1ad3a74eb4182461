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

from .cli_init import parse_year_option
from .errors import (
    InvalidWorkbook,
    MakeReportError,
    NothingToDo,
    OutputProblem,
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

    make_streams_safe()
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
        code = exc.code
    except click.UsageError as exc:
        code = report_usage_error(exc)
    except click.ClickException as exc:
        from .click_messages import translate

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

    context_class = VietnameseContext

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
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def report_usage_error(exc: click.UsageError) -> ExitCode:
    """A usage error in Vietnamese: the usage line, what is wrong, where to read more."""
    if exc.ctx is not None:
        click.echo(exc.ctx.get_usage(), err=True)
    from .click_messages import usage_message

    message = usage_message(exc)
    command = exc.ctx.command_path if exc.ctx is not None else "make-report"
    echo_problem("Lỗi cách dùng: ", message)
    echo_problem("", f"Gõ “{command} --help” để xem hướng dẫn.")
    return ExitCode.USAGE


def parse_quarter_option(ctx, param, value):
    if value is None:
        return None
    from .periods import parse_quarter

    quarter = parse_quarter(value)
    if quarter is None:
        raise click.BadParameter(f"“{value}” không phải một quý; dùng 1, 2, 3, 4 hoặc I, II, III, IV")
    return quarter


def period_option(f):
    """`--ky quy-1 … quy-4 | 6-thang | 9-thang | nam`: the report period (kỳ báo cáo)."""
    from .periods import PERIOD_KEYS

    return click.option(
        "-k", "--ky", "period", type=click.Choice(PERIOD_KEYS), metavar="KỲ",
        help="Kỳ báo cáo: quy-1 … quy-4, 6-thang, 9-thang, nam. Mặc định: quý mới nhất đã có kết quả.",
    )(f)


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
    from .vietnamese import escape_for_terminal

    return escape_for_terminal(text)


def report_error(exc: Exception, debug: bool, source: Path | None = None) -> ExitCode:
    """Print a library error as Vietnamese lines on stderr and give the exit code for it.

    `source` is the workbook the error came from, for the errors that do not name a file.
    """
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    if debug and getattr(exc, "detail", ""):
        click.echo(exc.detail, err=True)
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
    elif isinstance(exc, (PdfProblem, NothingToDo, UnexpectedFailure)):
        where = f"{source}: " if source else ""
        echo_problem("Lỗi: ", where + exc.message + (f" — {exc.hint}" if exc.hint else ""))
    elif isinstance(exc, UnreadableFolder):
        echo_problem("Lỗi: ", f"thư mục {exc.path}: {exc.message} — {exc.hint}")
    else:
        echo_problem("Lỗi: ", f"{source}: {exc}" if source else str(exc))
    return ExitCode.INVALID_INPUT


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="make-report", message="make-report %(version)s",
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


@main.command("tao")
@click.argument("workbooks", nargs=-1, type=click.Path(path_type=Path), metavar="[SỔ_EXCEL]...")
@click.option("-i", "--input-dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Thư mục chứa nhiều sổ Excel (mỗi xã một sổ, có thể mỗi xã một thư mục con): "
                   "tạo văn bản cho tất cả.")
@click.option("-q", "--quarter", callback=parse_quarter_option, metavar="N",
              help="Quý cần báo cáo (1–4 hoặc I–IV), như --ky quy-N. Mặc định: quý mới nhất đã có kết quả.")
@period_option
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUTPUTS,
              show_default=True, help="Thư mục ghi kết quả; văn bản nằm trong thư mục con NĂM-KỲ (2026-Q1, 2026-6T, "
                                      "2026-9T, 2026-N), khi chạy nhiều sổ thì thêm thư mục con theo tên xã.")
@click.option("-t", "--templates", type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục chứa mẫu Word của bạn (ke-hoach.docx, phu-luc.docx, bao-cao-quy.docx). "
                   "Mặc định: mẫu kèm chương trình.")
@click.option("--pdf", is_flag=True, help="Xuất thêm tệp PDF cạnh mỗi tệp DOCX (cần LibreOffice).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Số tiến trình chạy song song khi có nhiều sổ. Mặc định: số nhân CPU của máy.")
@click.option("--quiet", is_flag=True, help="Chỉ in lỗi và dòng tổng kết, không in từng tệp, không hiện thanh tiến độ.")
@click.option("--debug", is_flag=True, help="Hiện chi tiết kỹ thuật (traceback) khi có lỗi.")
def tao(workbooks, input_dir, quarter, period, out_dir, templates, pdf, jobs, quiet, debug):
    """Tạo văn bản từ sổ Excel (lệnh mặc định).

    SỔ_EXCEL là một hoặc nhiều sổ Excel (.xlsx). Không ghi gì thì dùng sổ trong thư mục inputs/.
    Nhiều sổ (hoặc --input-dir) thì mỗi xã một thư mục con; sổ lỗi được bỏ qua và liệt kê ở cuối.

    \b
    Ví dụ:
      make-report
      make-report inputs/ke-hoach-cchc-2024.xlsx --quarter 1 --pdf
      make-report so.xlsx --ky 6-thang        báo cáo 6 tháng đầu năm
      make-report so.xlsx --ky nam            báo cáo năm
      make-report --input-dir cac-xa/ --out tong-hop/ --jobs 4
    """
    from .batch import generate_batch

    period = chosen_period(quarter, period)
    try:
        paths = given_workbooks(workbooks, input_dir, out_dir) if workbooks or input_dir else default_workbooks(out_dir)
    except MakeReportError as exc:
        sys.exit(report_error(exc, debug))
    many = len(paths) > 1 or input_dir is not None
    try:
        with progress_bar(len(paths), quiet) as advance:
            outcomes = generate_batch(paths, out_dir, period, templates, pdf, jobs, per_agency_folder=many,
                                      on_done=lambda outcome: advance())
    except MakeReportError as exc:
        sys.exit(report_error(exc, debug))
    except KeyboardInterrupt:
        echo_problem("Đã dừng (Ctrl+C). ", "Mỗi tệp kết quả hoặc giữ nguyên bản cũ, hoặc đã thay trọn vẹn.")
        sys.exit(ExitCode.INTERRUPTED)
    for outcome in outcomes:
        if outcome.error is not None:
            report_error(outcome.error, debug, outcome.workbook)
            continue
        if not quiet:
            for warning in outcome.warnings:
                echo_problem("Cảnh báo: ", str(warning))
            for written in outcome.written:
                say(f"Đã tạo: {written}")
    failed = [o for o in outcomes if not o.ok]
    if many:
        print_summary(outcomes, failed)
    sys.exit(ExitCode.INVALID_INPUT if failed else ExitCode.OK)


def print_summary(outcomes, failed) -> None:
    done = len(outcomes) - len(failed)
    files = sum(len(o.written) for o in outcomes)
    periods = {o.period for o in outcomes if o.period is not None}
    if len(periods) == 1:
        kind = f" báo cáo {periods.pop().name}"
    elif periods:  # several plan years under one --ky
        first = min(periods, key=lambda p: p.year)
        kind = f" báo cáo {first.short_name} (năm {', '.join(str(p.year) for p in sorted(periods, key=lambda p: p.year))})"
    else:
        kind = ""
    say(f"Tổng kết{kind}: {done}/{len(outcomes)} sổ tạo xong ({files} tệp), {len(failed)} sổ lỗi.")
    for outcome in failed:
        say(f"  Lỗi: {outcome.workbook}: {outcome.error.summary()}")


class progress_bar:
    """click's progress bar on a terminal for runs of more than a few workbooks; silent otherwise."""

    SHOWN_FROM = 4

    def __init__(self, total: int, quiet: bool):
        self.shown = total >= self.SHOWN_FROM and not quiet and sys.stderr.isatty()
        self.bar = click.progressbar(length=total, label="Đang tạo văn bản", file=sys.stderr) if self.shown else None

    def __enter__(self):
        if self.bar is None:
            return lambda: None
        self.bar.__enter__()
        return lambda: self.bar.update(1)

    def __exit__(self, *exc_info):
        if self.bar is not None:
            self.bar.__exit__(*exc_info)
        return False


def given_workbooks(workbooks, input_dir: Path | None, out_dir: Path | None = None) -> list[Path]:
    """The workbooks named on the command line, then those of --input-dir (its subfolders included,
    the output folder left out)."""
    from .batch import workbooks_in

    found = workbooks_in(input_dir, skip=[out_dir] if out_dir else []) if input_dir else []
    if input_dir and not found:
        raise click.UsageError(f"thư mục {input_dir} không có sổ Excel (.xlsx) nào, kể cả trong các thư mục con — "
                               "chép sổ của các xã vào thư mục đó, hoặc chỉ ra đúng thư mục chứa sổ")
    paths = list(workbooks) + found
    unique = {p.resolve(): p for p in reversed(paths)}  # a workbook named twice is made once
    return [p for p in paths if unique.get(p.resolve()) is p]


def default_workbooks(out_dir: Path | None = None) -> list[Path]:
    from .batch import workbooks_in

    found = workbooks_in(DEFAULT_INPUTS, skip=[out_dir] if out_dir else []) if DEFAULT_INPUTS.is_dir() else []
    if not found:
        raise click.UsageError(
            f"không có sổ Excel nào trong thư mục {DEFAULT_INPUTS}/ — hãy chỉ ra sổ cần dùng, "
            "ví dụ: make-report so.xlsx, hoặc tạo sổ mới: make-report init so.xlsx"
        )
    return found


@main.command("init")
@click.argument("path", type=click.Path(path_type=Path), metavar="SỔ_EXCEL_MỚI")
@click.option("--year", callback=parse_year_option, metavar="NĂM",
              help="Năm của kế hoạch, bốn chữ số (ví dụ 2026). Mặc định: năm nay.")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
def init(path, year, force):
    """Tạo một sổ Excel trống theo mẫu (mỗi trang một dòng ví dụ, trang Hướng dẫn) cho kế hoạch mới.

    \b
    Ví dụ:
      make-report init ke-hoach-2026.xlsx --year 2026
      make-report ke-hoach-2026.xlsx          (sau khi điền sổ trong Excel)
    """
    from datetime import date

    from .cli_init import check_new_workbook_path, note_other_workbooks
    from .errors import os_reason
    from .new_workbook import blank_workbook

    check_new_workbook_path(path, force)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        blank_workbook(path, year or date.today().year)
    except OSError as exc:
        kept = " Tệp cũ được giữ nguyên." if path.exists() else ""
        raise click.ClickException(f"không ghi được sổ {path} ({os_reason(exc)}).{kept} "
                                   "Kiểm tra chỗ trống trên đĩa và quyền ghi vào thư mục, đóng sổ nếu đang mở trong Excel, "
                                   "hoặc chọn thư mục khác.")
    click.echo(f"Đã tạo sổ mẫu: {path}")
    click.echo(f"Tiếp theo: điền sổ trong Excel (xem trang Hướng dẫn), lưu lại, rồi chạy: make-report {path}")
    note_other_workbooks(path, DEFAULT_INPUTS)


@main.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="TỆP_DOCX...")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (cho chương trình khác đọc).")
def check(files, as_json):
    """Kiểm tra thể thức văn bản Word theo Nghị định 30/2020/NĐ-CP.

    Dùng cho văn bản do make-report tạo hay văn bản gõ tay trong Word, trước khi gửi hoặc khi
    nhận. Mỗi tệp: các lỗi (E) và cảnh báo (W) kèm mã quy tắc, vị trí, điều tìm thấy và điều quy
    định; rồi một dòng kết luận. Mã thoát 1 khi có tệp có lỗi. Văn bản không phải văn bản hành
    chính (văn bản của Đảng, phiếu trình, chương trình họp) chỉ nhận một dòng thông báo [i].

    \b
    Ví dụ:
      make-report check outputs/2024-Q1/*.docx
      make-report check van-ban.docx --json
    """
    import json

    from .check import NotADocx, check_docx, format_report, report_to_dict

    failed = False
    results = []
    for path in files:
        try:
            report = check_docx(path)
        except NotADocx as exc:
            failed = True
            if as_json:
                results.append({"path": str(path), "ok": False, "in_scope": None, "error": str(exc)})
            else:
                echo_problem("Lỗi: ", f"{path}: {exc}")
            continue
        failed = failed or not report.ok
        if as_json:
            results.append(report_to_dict(report))
        else:
            say(f"{path}:")
            for line in format_report(report).splitlines():
                say("  " + line)
    if as_json:
        from .console import holds_unicode

        # JSON is read by programs: \u escapes keep it exact on a console that cannot hold Vietnamese.
        click.echo(json.dumps(results, ensure_ascii=not holds_unicode(sys.stdout), indent=2))
    sys.exit(ExitCode.INVALID_INPUT if failed else ExitCode.OK)


@main.command("tong-hop")
@click.argument("workbooks", nargs=-1, type=click.Path(path_type=Path), metavar="[SỔ_EXCEL]...")
@click.option("-i", "--input-dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Thư mục chứa sổ Excel của các xã (kể cả trong các thư mục con).")
@click.option("-q", "--quarter", callback=parse_quarter_option, metavar="N",
              help="Quý tổng hợp (1–4 hoặc I–IV), như --ky quy-N. Mặc định: quý mới nhất đã có kết quả.")
@period_option
@click.option("--thong-tin", "issuer_workbook", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Sổ Excel nhỏ của cơ quan tổng hợp (trang Thông tin, Văn bản có dòng “Báo cáo quý …”, "
                   "Nơi nhận) — cùng mẫu với sổ của xã.")
@click.option("--co-quan", help="Cơ quan tổng hợp, khi không có --thong-tin (ví dụ “SỞ NỘI VỤ TỈNH QUẢNG TRỊ”).")
@click.option("--ten-goi-tat", help="Tên gọi tắt của cơ quan tổng hợp trong câu văn (ví dụ “Sở Nội vụ”, “UBND tỉnh”).")
@click.option("--co-quan-chu-quan", default="", help="Cơ quan chủ quản (nếu có).")
@click.option("--ky-hieu", default="UBND", show_default=True, help="Ký hiệu cơ quan trong số văn bản.")
@click.option("--dia-danh", help="Địa danh ở dòng ngày tháng (ví dụ “Quảng Trị”).")
@click.option("--so", default=None, help="Số văn bản; bỏ trống để văn thư điền.")
@click.option("--ngay", default=None, help="Ngày ban hành, dạng 05/4/2024; bỏ trống để văn thư điền.")
@click.option("--quyen-han", default="TM. ỦY BAN NHÂN DÂN", show_default=True,
              help="Quyền hạn ký; hai dòng thì ngăn bằng “|”, ví dụ “TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH”.")
@click.option("--chuc-vu", default="CHỦ TỊCH", show_default=True, help="Chức vụ người ký.")
@click.option("--nguoi-ky", help="Họ tên người ký.")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUTPUTS,
              show_default=True, help="Thư mục ghi kết quả (thư mục con NĂM-KỲ/tong-hop, ví dụ 2026-Q2/tong-hop, 2026-6T/tong-hop).")
@click.option("-t", "--templates", type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục mẫu Word của bạn (cần tong-hop.docx).")
@click.option("--pdf", is_flag=True, help="Xuất thêm PDF của báo cáo tổng hợp (cần LibreOffice).")
@click.option("--debug", is_flag=True, help="Hiện chi tiết kỹ thuật (traceback) khi có lỗi.")
def tong_hop(workbooks, input_dir, quarter, period, issuer_workbook, co_quan, ten_goi_tat, co_quan_chu_quan, ky_hieu,
             dia_danh, so, ngay, quyen_han, chuc_vu, nguoi_ky, out_dir, templates, pdf, debug):
    """Tổng hợp kết quả một kỳ (quý, 6 tháng, 9 tháng, năm) của nhiều xã, phường, đặc khu thành một
    báo cáo (DOCX) và một sổ Excel cho cấp tỉnh.

    Chỉ tính đơn vị đã báo cáo kỳ đó, không tính một đơn vị hai lần. Mỗi đơn vị: số, ngày báo cáo;
    số nhiệm vụ hoàn thành, đang thực hiện, chưa thực hiện, quá hạn; tổng cộng và tỷ lệ; xếp theo
    tỷ lệ hoàn thành; nhiệm vụ quá hạn; đơn vị chưa báo cáo; sổ không tổng hợp được và lý do.

    \b
    Ví dụ:
      make-report tong-hop --input-dir cac-xa/ --quarter 1 --thong-tin tinh.xlsx
      make-report tong-hop --input-dir cac-xa/ --ky 6-thang --thong-tin tinh.xlsx
      make-report tong-hop cac-xa/*.xlsx --co-quan "SỞ NỘI VỤ TỈNH QUẢNG TRỊ" --ky-hieu SNV \\
          --dia-danh "Quảng Trị" --quyen-han "KT. GIÁM ĐỐC" --chuc-vu "PHÓ GIÁM ĐỐC" --nguoi-ky "Nguyễn Văn A"
    """
    from .generate import generate_rollup

    try:
        paths = given_workbooks(workbooks, input_dir, out_dir)
    except MakeReportError as exc:
        sys.exit(report_error(exc, debug))
    if not paths:
        raise click.UsageError("hãy chỉ ra các sổ của xã, ví dụ: make-report tong-hop --input-dir cac-xa/")
    try:
        if issuer_workbook:
            from .workbook import read_issuer_workbook

            issuer = read_issuer_workbook(issuer_workbook)
        else:
            issuer = issuer_from_options(co_quan, ten_goi_tat, co_quan_chu_quan, ky_hieu, dia_danh, so, ngay, quyen_han,
                                         chuc_vu, nguoi_ky)
        with progress_bar(len(paths), quiet=False) as advance:
            result = generate_rollup(paths, issuer, out_dir, chosen_period(quarter, period), templates, pdf,
                                     on_done=lambda _: advance())
    except MakeReportError as exc:
        sys.exit(report_error(exc, debug))
    for warning in result.warnings:
        echo_problem("Cảnh báo: ", str(warning))
    for written in result.written:
        say(f"Đã tạo: {written}")
    rollup = result.rollup
    say(f"Tổng hợp {rollup.period.name}: {len(rollup.units)}/{len(paths)} sổ được tính; "
               f"{len(rollup.not_reported)} đơn vị chưa báo cáo, {len(rollup.duplicates)} sổ trùng, "
               f"{sum(len(r.workbooks) for r in rollup.refused)} sổ không tổng hợp được.")
    for unit in rollup.not_reported:
        say(f"  Chưa báo cáo: {unit.workbook}: {unit.short_name} chưa có kết quả {rollup.period.name}"
            + (f" (báo cáo gần nhất: {unit.last_period})" if unit.last_period else ""))
    for copy, kept in rollup.duplicates:
        say(f"  Trùng: {copy}: cùng nội dung với {kept.name}, chỉ tính một lần")
    for refused in rollup.refused:
        say(f"  Không tổng hợp: {', '.join(str(p) for p in refused.workbooks)}: {refused.reason}"
            + (f" — {refused.hint}" if refused.hint else ""))
    sys.exit(ExitCode.INVALID_INPUT if rollup.refused else ExitCode.OK)


def issuer_from_options(co_quan, ten_goi_tat, co_quan_chu_quan, ky_hieu, dia_danh, so, ngay, quyen_han, chuc_vu,
                        nguoi_ky):
    """The roll-up's issuer built from options; every missing one is named at once."""
    from datetime import date

    from .models import Agency, DocumentInfo, DocumentKind, IssueDate, Recipients, Signer
    from .periods import parse_day_month_year
    from .workbook import Issuer

    missing = [name for name, value in (("--co-quan", co_quan), ("--dia-danh", dia_danh), ("--nguoi-ky", nguoi_ky))
               if not value]
    if missing:
        raise click.UsageError("cần " + ", ".join(missing) + " (hoặc --thong-tin SỔ.xlsx)")
    issue_date = None
    if ngay:
        try:
            issue_date = parse_day_month_year(ngay)
        except ValueError:
            issue_date = None
        if issue_date is None:
            raise click.BadParameter(f"“{ngay}” không phải ngày dạng 05/4/2024", param_hint="--ngay")
    year = issue_date.year if issue_date else date.today().year
    from .periods import all_periods
    from .vietnamese import agency_in_sentence

    agency = Agency(name=co_quan, short_name=ten_goi_tat or agency_in_sentence(co_quan), symbol=ky_hieu,
                    place=dia_danh, managing_body=co_quan_chu_quan or None)
    info = DocumentInfo(
        kind=DocumentKind.REPORT, period=None, number=so,
        issue_date=IssueDate(year, issue_date.month, issue_date.day) if issue_date else IssueDate(year),
        summary=None, signer=Signer(tuple(quyen_han.split("|")), chuc_vu, nguoi_ky),
    )
    return Issuer(agency, year if issue_date else None, {p: info for p in all_periods(year)}, Recipients())


def _add_web_command() -> None:
    from .cli_web import web_command

    main.add_command(web_command(Command))


_add_web_command()

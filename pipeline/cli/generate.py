"""`make-report tao` (the default command): documents from one workbook or a folder of them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..documents import REGISTRY
from ..errors import MakeReportError
from ..vietnamese import roman
from .app import DEFAULT_INPUTS, DEFAULT_OUTPUTS, ExitCode, chosen_period, debug_option, echo_problem, main, \
    parse_quarter_option, period_option, report_error, say


def templates_of_a_unit() -> list[str]:
    return list(dict.fromkeys(kind.template for kind in REGISTRY.unit_kinds()))


@main.command("tao")
@click.argument("workbooks", nargs=-1, type=click.Path(path_type=Path, readable=False), metavar="[SỔ_EXCEL]...")
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
              help=f"Thư mục chứa mẫu Word của bạn ({', '.join(t for t in templates_of_a_unit())}). "
                   "Mặc định: mẫu kèm chương trình.")
@click.option("--pdf", is_flag=True, help="Xuất thêm tệp PDF cạnh mỗi tệp DOCX (cần LibreOffice).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Số tiến trình chạy song song khi có nhiều sổ. Mặc định: số nhân CPU của máy.")
@click.option("--quiet", is_flag=True, help="Chỉ in lỗi và dòng tổng kết, không in từng tệp, không hiện thanh tiến độ.")
@debug_option
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
    from ..batch import generate_batch

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
            about = f"{outcome.workbook}: " if many else ""  # in a batch, which workbook it is about
            for warning in outcome.warnings:
                echo_problem("Cảnh báo: ", f"{about}{warning}")
            for written in outcome.written:
                say(f"Đã tạo: {written}")
    failed = [o for o in outcomes if not o.ok]
    if many:
        print_summary(outcomes, failed)
    sys.exit(ExitCode.INVALID_INPUT if failed else ExitCode.OK)


def print_summary(outcomes, failed) -> None:
    copies = sum(o.ok and o.copy_of is not None for o in outcomes)
    done = len(outcomes) - len(failed) - copies
    files = sum(len(o.written) for o in outcomes)
    periods = {o.period for o in outcomes if o.period is not None}
    if len(periods) == 1:
        kind = f" báo cáo {periods.pop().name}"
    elif len({p.cutoff for p in periods}) == 1:  # one cut-off, each workbook in its rows' report (quý II, 6 tháng)
        first = min(periods, key=lambda p: p.is_cumulative)
        names = ", ".join(p.short_name for p in sorted(periods, key=lambda p: p.is_cumulative))
        kind = f" báo cáo đến hết quý {roman(first.last_quarter)} năm {first.year} ({names})"
    elif periods:  # several plan years under one --ky
        first = min(periods, key=lambda p: p.year)
        kind = f" báo cáo {first.short_name} (năm {', '.join(str(p.year) for p in sorted(periods, key=lambda p: p.year))})"
    else:
        kind = ""
    same = f", {copies} sổ trùng nội dung với sổ khác (văn bản chỉ tạo một lần)" if copies else ""
    say(f"Tổng kết{kind}: {done}/{len(outcomes)} sổ tạo xong ({files} tệp){same}, {len(failed)} sổ lỗi.")
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
    from ..batch import workbooks_in

    found: list[Path] = workbooks_in(input_dir, skip=[out_dir] if out_dir else []) if input_dir else []
    if input_dir and not found:
        raise click.UsageError(f"thư mục {input_dir} không có sổ Excel (.xlsx) nào, kể cả trong các thư mục con — "
                               "chép sổ của các xã vào thư mục đó, hoặc chỉ ra đúng thư mục chứa sổ")
    paths: list[Path] = [*workbooks, *found]
    unique = {_real_path(p): p for p in reversed(paths)}  # a workbook named twice is made once
    return [p for p in paths if unique.get(_real_path(p)) is p]


def _real_path(path: Path) -> Path:
    """The file a path names; a link to itself (a loop) names none and is left for the reader to refuse."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):   # RuntimeError before Python 3.13
        return path.absolute()


def default_workbooks(out_dir: Path | None = None) -> list[Path]:
    from ..batch import workbooks_in

    found = workbooks_in(DEFAULT_INPUTS, skip=[out_dir] if out_dir else []) if DEFAULT_INPUTS.is_dir() else []
    if not found:
        raise click.UsageError(
            f"không có sổ Excel nào trong thư mục {DEFAULT_INPUTS}/ — hãy chỉ ra sổ cần dùng, "
            "ví dụ: make-report so.xlsx, hoặc tạo sổ mới: make-report init so.xlsx"
        )
    return found

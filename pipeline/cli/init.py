"""`make-report init`: a blank workbook to fill in, the checks of its arguments and the note printed after it."""

from __future__ import annotations

import errno
from pathlib import Path

import click

from ..errors import os_reason
from .app import DEFAULT_INPUTS, debug_option, main


def parse_year_option(ctx, param, value):
    if value is None:
        return None
    text = value.strip()
    if not text.isascii() or not text.isdigit():
        raise click.BadParameter(f"“{value}” không phải một năm; ghi năm bốn chữ số, ví dụ --year 2026")
    if len(text) != 4 or not 2000 <= int(text) <= 2100:
        raise click.BadParameter(f"năm “{value}” không hợp lệ; ghi đủ bốn chữ số, từ 2000 đến 2100, "
                                 "ví dụ --year 2026")
    return int(text)


WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                              *(f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³"))})
"""Device names Windows keeps whatever the extension: `CON.xlsx` opens the console, not a file."""


def check_new_workbook_name(path: Path) -> None:
    """Refuse a name the clerk's Windows or Excel would not take as a workbook's."""
    device = path.name.split(".")[0].rstrip(" ").upper()
    if device in WINDOWS_RESERVED:
        raise click.UsageError(f"“{path.name}” là tên Windows dành cho thiết bị ({device}), không dùng được cho "
                               "một tệp; hãy chọn tên khác, ví dụ: make-report init ke-hoach-2026.xlsx")
    if path.name.startswith("~$"):
        raise click.UsageError(f"tên bắt đầu bằng “~$” là tên Excel dành cho tệp khóa của sổ đang mở (Excel "
                               f"sẽ ẩn hoặc xóa nó); hãy chọn tên khác, ví dụ: make-report init {path.name[2:] or 'so.xlsx'}")


def check_new_workbook_path(path: Path, force: bool) -> None:
    """Refuse, with the fix, a name Excel would not open as a new .xlsx or a place it cannot go."""
    check_new_workbook_name(path)
    try:
        is_dir, exists = path.is_dir(), path.exists()
        blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    except OSError as exc:
        fix = "hãy chọn tên ngắn hơn" if exc.errno == errno.ENAMETOOLONG else "hãy chọn thư mục khác"
        raise click.UsageError(f"không truy cập được {path} ({os_reason(exc)}); {fix}") from None
    if is_dir:
        raise click.UsageError(f"{path} là một thư mục; hãy ghi tên sổ mới, ví dụ: make-report init {path / 'so.xlsx'}")
    if path.suffix.lower() != ".xlsx":
        stem = path.stem if path.suffix.lower() in (".xls", ".xlsm", ".xlsb", ".xltx", ".ods", ".csv") else path.name
        fixed = path.with_name(f"{stem}.xlsx")
        why = f"đuôi “{path.suffix}” không phải sổ Excel .xlsx" if path.suffix else "tên sổ chưa có đuôi .xlsx"
        raise click.UsageError(f"{why}; hãy dùng tên có đuôi .xlsx, ví dụ: make-report init {fixed}")
    if blocking is not None:
        raise click.UsageError(f"{blocking} là một tệp, không phải thư mục, nên không tạo được {path}; "
                               "hãy chọn thư mục khác hoặc tên khác")
    if exists and not force:
        raise click.UsageError(f"tệp {path} đã có; dùng --force để ghi đè hoặc chọn tên khác")
    if exists and path.with_name("~$" + path.name).exists():
        raise click.UsageError(f"sổ {path} đang mở trong Excel; đóng sổ rồi chạy lại (hoặc chọn tên khác)")


def note_other_workbooks(path: Path, default_inputs: Path) -> None:
    """Say so when the new workbook sits beside others that the next batch run would also process."""
    from ..batch import WORKBOOK_SUFFIXES, workbooks_in

    in_default = path.parent.resolve() == default_inputs.resolve()
    if in_default:  # the default run walks inputs/ and its subfolders
        found = workbooks_in(path.parent)
    else:  # another folder may be large (a user's Documents): its own files only
        found = sorted(p for p in path.parent.iterdir()
                       if p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith("~$") and p.is_file())
    others = [p for p in found if p.resolve() != path.resolve()]
    if not others:
        return
    names = ", ".join(str(p.relative_to(path.parent)) for p in others[:3]) + (" …" if len(others) > 3 else "")
    if in_default:
        click.echo(f"Lưu ý: thư mục {default_inputs}/ còn {len(others)} sổ khác ({names}); lệnh make-report "
                   f"(không ghi tên sổ) sẽ tạo văn bản cho cả {len(others) + 1} sổ. Để chỉ dùng sổ mới, chạy "
                   f"make-report {path}, hoặc chuyển các sổ kia ra khỏi {default_inputs}/.")
    else:
        click.echo(f"Lưu ý: thư mục {path.parent} còn {len(others)} sổ khác ({names}); "
                   f"make-report --input-dir {path.parent} sẽ tạo văn bản cho cả {len(others) + 1} sổ.")


@main.command("init")
@click.argument("path", type=click.Path(path_type=Path), metavar="SỔ_EXCEL_MỚI")
@click.option("--year", callback=parse_year_option, metavar="NĂM",
              help="Năm của kế hoạch, bốn chữ số (ví dụ 2026). Mặc định: năm nay.")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
@click.option("--tinh", "province", is_flag=True,
              help="Tạo sổ thông tin của cơ quan tổng hợp (Sở Nội vụ tỉnh) cho tong-hop --thong-tin, "
                   "thay cho sổ kế hoạch của xã.")
@debug_option
def init(path, year, force, province, debug):
    """Tạo một sổ Excel trống theo mẫu (mỗi trang một dòng ví dụ, trang Hướng dẫn) cho kế hoạch mới.

    \b
    Ví dụ:
      make-report init ke-hoach-2026.xlsx --year 2026
      make-report ke-hoach-2026.xlsx          (sau khi điền sổ trong Excel)
      make-report init tinh.xlsx --tinh       (sổ thông tin của tỉnh cho tong-hop)
    """
    from datetime import date

    from ..workbook.new import blank_issuer_workbook, blank_workbook

    check_new_workbook_path(path, force)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        (blank_issuer_workbook if province else blank_workbook)(path, year or date.today().year)
    except OSError as exc:
        kept = " Tệp cũ được giữ nguyên." if path.exists() else ""
        raise click.ClickException(f"không ghi được sổ {path} ({os_reason(exc)}).{kept} "
                                   "Kiểm tra chỗ trống trên đĩa và quyền ghi vào thư mục, đóng sổ nếu đang mở trong Excel, "
                                   "hoặc chọn thư mục khác.") from exc
    click.echo(f"Đã tạo sổ mẫu: {path}")
    if province:
        click.echo("Tiếp theo: trong Excel thay mọi chữ ví dụ màu xám (tên Sở, địa danh, người ký, Kính gửi, Nơi "
                   "nhận), nhập số liệu riêng của tỉnh ở trang Số liệu nếu có, lưu lại, rồi chạy: "
                   f"make-report tong-hop --input-dir cac-xa/ --thong-tin {path}")
        return
    click.echo(f"Tiếp theo: điền sổ trong Excel (xem trang Hướng dẫn), lưu lại, rồi chạy: make-report {path}")
    note_other_workbooks(path, DEFAULT_INPUTS)

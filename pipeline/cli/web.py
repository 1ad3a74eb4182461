"""`make-report web`: the portal's command (options only; the portal is pipeline.web)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from ..errors import NotInstalled
from ..web.settings import DEFAULT_DATA, DEFAULT_PORT
from .app import debug_option, main, report_error

PORTAL_PACKAGES = ("flask", "sqlalchemy", "alembic", "argon2", "waitress")
"""What the `web` extra installs that the portal imports (psycopg only for a PostgreSQL database)."""


def missing_portal_package() -> str | None:
    """The first of the portal's packages this Python cannot import, or None."""
    import importlib.util

    return next((name for name in PORTAL_PACKAGES if importlib.util.find_spec(name) is None), None)


@main.command("web")
@click.option("--local", is_flag=True,
              help="Chế độ trên một máy cho văn thư: chỉ nghe ở 127.0.0.1, không cần tài khoản, tự mở trình duyệt.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Địa chỉ nghe. Máy chủ của tỉnh cho cả mạng: 0.0.0.0.")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="Cổng nghe (0: một cổng trống bất kỳ).")
@click.option("--db", "database_url", metavar="URL",
              help="Cơ sở dữ liệu, ví dụ postgresql://nguoi-dung:mat-khau@may-chu/bao-cao. "
                   "Mặc định: tệp SQLite cạnh thư mục dữ liệu (du-lieu-web.db).")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_DATA,
              show_default=True, help="Thư mục dữ liệu: sổ đã tải lên và văn bản đã tạo (đặt tên theo mã băm).")
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt (với --local).")
@click.option("--pdf/--khong-pdf", "pdf", default=None,
              help="Tạo PDF và ảnh xem trước từng trang bằng LibreOffice. Mặc định: có khi máy có LibreOffice.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=2, show_default=True,
              help="Số tiến trình tạo văn bản chạy song song.")
@click.option("--tao-tai-khoan-tinh", "province_login", metavar="TÊN_ĐĂNG_NHẬP",
              help="Tạo tài khoản cán bộ tỉnh (hỏi mật khẩu) rồi thoát, không chạy máy chủ.")
@debug_option
def web(local, host, port, database_url, data_dir, no_browser, pdf, jobs, province_login, debug):
    """Chạy cổng thông tin báo cáo trên trình duyệt: đơn vị tải sổ lên, xem lỗi hoặc văn bản;
    tỉnh theo dõi đơn vị nào đã báo cáo và tải báo cáo tổng hợp.

    \b
    Ví dụ:
      make-report web --local                    văn thư dùng trên máy mình
      make-report web --tao-tai-khoan-tinh snv    tạo tài khoản của tỉnh (lần đầu)
      make-report web --host 0.0.0.0 --data /srv/du-lieu-web \\
          --db postgresql://baocao:mat-khau@localhost/baocao    máy chủ của tỉnh
    """
    from ..web.settings import WebSettings

    missing = missing_portal_package()
    if missing:
        return report_error(NotInstalled(f"chưa cài phần cổng báo cáo của chương trình (thiếu gói {missing})",
                                         'cài thêm bằng lệnh pip install -e ".[web]" trong thư mục chương trình '
                                         "(như đã cài lần đầu, thêm [web]) rồi chạy lại"), debug)
    if local and host not in ("127.0.0.1", "localhost"):
        raise click.UsageError("--local chỉ nghe ở 127.0.0.1; bỏ --host, hoặc bỏ --local để chạy cho cả mạng")
    settings = WebSettings(data_dir=data_dir, database_url=database_url, local=local, workers=jobs, pdf=pdf)
    if province_login:
        create_province_account(settings, province_login)
        return
    from ..web.server import serve

    def announce(url: str) -> None:
        click.echo(f"Cổng báo cáo đang chạy tại {url} — dữ liệu ở {data_dir}; bấm Ctrl+C để dừng.")
        sys.stdout.flush()

    def without_province(database_url: str) -> None:
        click.echo(f"Chú ý: cơ sở dữ liệu {_shown_url(database_url)} chưa có tài khoản tỉnh nào nên cán bộ tỉnh chưa đăng nhập được — "
                   f"tạo bằng: {account_command(settings)}", err=True)

    serve(settings, "127.0.0.1" if local else host, port, local and not no_browser, announce, without_province)



def create_province_account(settings, login: str) -> None:
    from ..web.accounts import AccountProblem, create_account
    from ..web.db import Database

    password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
    if len(password) < 10:
        raise click.ClickException("mật khẩu cần ít nhất 10 ký tự")
    database = Database(settings.resolved_database_url)
    try:
        with database.session() as s:
            create_account(s, login, "Sở Nội vụ", role="tinh", password=password)
    except AccountProblem as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        database.dispose()
    click.echo(f"Đã tạo tài khoản tỉnh “{login}”. Chạy máy chủ trên đúng cơ sở dữ liệu này: "
               f"{serve_command(settings)}")


def serve_command(settings) -> str:
    """The command that serves the database an account was just made in: same `--data`, same `--db`."""
    return _web_command(settings, "--host", "0.0.0.0")


def account_command(settings) -> str:
    """The command that makes a province account in the database being served (its password hidden:
    a server's output ends up in logs)."""
    return _web_command(settings, "--tao-tai-khoan-tinh", "TÊN", hide_password=True)


def _web_command(settings, *options: str, hide_password: bool = False) -> str:
    words = ["make-report", "web", *options, "--data", str(Path(settings.data_dir).resolve())]
    if settings.database_url:
        words += ["--db", _shown_url(settings.database_url) if hide_password else settings.database_url]
    return " ".join(_shell_word(w) for w in words)


def _shown_url(database_url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(database_url).render_as_string(hide_password=True)


def _shell_word(word: str) -> str:
    """A word as a shell takes it: bare when plain, else in double quotes (understood by sh and cmd)."""
    if re.fullmatch(r"[\w@%+=:,./\\-]+", word):
        return word
    return '"' + word.replace('"', '\\"') + '"'

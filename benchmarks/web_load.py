"""Load on the portal: many units sign in and upload their workbook at once, on 127.0.0.1 only.

    python benchmarks/web_load.py [--units 100] [--at-once 20] [--db postgresql://…/empty-database]

Starts `make-report web` on a free loopback port with a fresh data folder and SQLite database,
makes one account and one workbook per unit, and has the units upload concurrently. Prints how
many uploads were acknowledged and recorded, the median and slowest upload responses, and the
time until every upload had its documents. Measures only; tests/test_web_server.py asserts.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "tests", ROOT / "tools"):
    sys.path.insert(0, str(folder))

LOOPBACK = re.compile(r"^http://127\.0\.0\.1:\d+$")


class UnitClient:
    """One unit's browser session over HTTP: cookies, CSRF token, sign-in, upload."""

    def __init__(self, base: str):
        import requests

        if not LOOPBACK.match(base):
            raise ValueError("the load test runs against 127.0.0.1 only")
        self.base = base
        self.http = requests.Session()

    def token(self, page: str) -> str:
        html = self.http.get(self.base + page, timeout=120).text
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def sign_in(self, login: str, password: str) -> None:
        response = self.http.post(self.base + "/dang-nhap", timeout=120, allow_redirects=False,
                                  data={"login": login, "password": password, "csrf_token": self.token("/dang-nhap")})
        assert response.status_code == 302, response.text[:500]

    def upload(self, workbook: Path, period: str = "quy-1", year: int = 2024) -> tuple[int | None, float]:
        """(the upload's id when acknowledged, seconds the POST took)."""
        token = self.token("/don-vi")
        started = time.perf_counter()
        with open(workbook, "rb") as fh:
            response = self.http.post(self.base + "/don-vi/tai-len", timeout=120, allow_redirects=False,
                                      data={"csrf_token": token, "nam": str(year), "ky": period},
                                      files={"so": (workbook.name, fh)})
        elapsed = time.perf_counter() - started
        match = re.fullmatch(r".*/lan/(\d+)", response.headers.get("Location", ""))
        return (int(match.group(1)) if response.status_code == 303 and match else None), elapsed


@dataclass
class LoadResult:
    acknowledged: dict[str, int]
    """login -> upload id, for every upload the server acknowledged."""
    times: list[float]
    sent: dict[str, Path]

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def unit_logins(count: int) -> list[str]:
    return [f"xa-{n:03d}" for n in range(1, count + 1)]


def unit_workbooks(folder: Path, logins: list[str]) -> dict[str, Path]:
    """One workbook per unit, each its own issuing body (`XÃ SỐ 001`…), so a mix-up would show.

    The sample is built once; each unit's copy changes only the name in its cells.
    """
    import zipfile

    from web_support import unit_workbook

    base = unit_workbook(folder / "mau.xlsx", "ỦY BAN NHÂN DÂN XÃ SỐ 000")
    made = {}
    with zipfile.ZipFile(base) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    for login in logins:
        made[login] = folder / f"{login}.xlsx"
        with zipfile.ZipFile(made[login], "w", zipfile.ZIP_DEFLATED) as copy:
            for info, data in parts:
                if info.filename.startswith("xl/worksheets/") or info.filename == "xl/sharedStrings.xml":
                    data = data.replace(b" 000</t>", f" {login[3:]}</t>".encode())  # the name's number
                copy.writestr(info, data)
    return made


def upload_all(base: str, workbooks: dict[str, Path], at_once: int) -> LoadResult:
    def one(login: str):
        client = UnitClient(base)
        client.sign_in(login, "mat-khau-dai-1")
        return login, *client.upload(workbooks[login])

    with ThreadPoolExecutor(at_once) as pool:
        outcomes = list(pool.map(one, workbooks))
    return LoadResult({login: upload for login, upload, _ in outcomes if upload is not None},
                      [elapsed for _, _, elapsed in outcomes], workbooks)


def main(units: int = 100, at_once: int = 20, database: str | None = None) -> None:
    """`database`: a URL to an EMPTY database (PostgreSQL: every table in it is dropped); None: SQLite."""
    from web_support import Server, add_accounts, empty_postgres

    with tempfile.TemporaryDirectory(prefix="make-report-web-tai-") as work:
        folder = Path(work)
        database = empty_postgres(database) if database else f"sqlite:///{folder / 'cong.db'}"
        logins = unit_logins(units)
        add_accounts(database, [(login, f"Xã số {login[3:]}", "don-vi") for login in logins])
        workbooks = unit_workbooks(folder, logins)
        server = Server(folder / "du-lieu", database, "--khong-pdf").start()
        try:
            started = time.perf_counter()
            result = upload_all(server.url, workbooks, at_once)
            uploaded = time.perf_counter() - started
            waited = wait_until_generated(database, units)
        finally:
            server.stop()
        print(f"{units} đơn vị, {at_once} cùng lúc: {len(result.acknowledged)}/{units} lần tải lên được nhận; "
              f"trung vị {result.median:.3f} s, chậm nhất {max(result.times):.3f} s; tất cả tải lên xong sau "
              f"{uploaded:.1f} s; tạo xong văn bản của tất cả sau {uploaded + waited:.1f} s")


def wait_until_generated(database: str, count: int, limit: float = 900) -> float:
    from sqlalchemy import create_engine, text

    from pipeline.web.settings import normalised_database_url

    engine = create_engine(normalised_database_url(database))
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        with engine.connect() as connection:
            done = connection.execute(text("SELECT count(*) FROM uploads WHERE state != 'cho'")).scalar()
        if done >= count:
            break
        time.sleep(0.5)
    engine.dispose()
    return time.perf_counter() - started


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--at-once", type=int, default=20)
    parser.add_argument("--db", help="an empty PostgreSQL database (its tables are dropped); default SQLite")
    options = parser.parse_args()
    main(options.units, options.at_once, options.db)

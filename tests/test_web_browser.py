"""The portal's real pages in headless Chromium (Debian's chromium + chromium-driver, driven by selenium).

A unit signs in, uploads, sees a cell error, fixes it, uploads again and downloads its ZIP; it cannot
open another unit's pages; the province sees the matrix and downloads the roll-up `tong-hop` writes.
The screenshots go to MAKE_REPORT_SCREENSHOTS when set (docs/images/ for the README).
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.workbook import format as F
import sys

from web_support import ROOT, Server, add_accounts, database_url, issuer_workbook, unit_workbook

sys.path.insert(0, str(ROOT / "benchmarks"))

WAIT_SECONDS = float(os.environ.get("MAKE_REPORT_BROWSER_WAIT", "600"))  # a hang guard, not a speed bound


def chromium():
    """A headless Chromium through the system's driver; missing, skipped (failed in CI)."""
    driver_path = shutil.which("chromedriver")
    browser_path = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        driver_path = None
    if not driver_path or not browser_path:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium, chromium-driver and selenium are needed: .ci/run installs them")
        pytest.skip("no chromium / chromium-driver / selenium")
    options = webdriver.ChromeOptions()
    options.binary_location = browser_path
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--lang=vi"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(driver_path), options=options)


@pytest.fixture(scope="module")
def chromium_of_the_module():
    """One Chromium for the module's tests: a launch is seconds on a loaded machine."""
    driver = chromium()
    yield driver
    driver.quit()


@pytest.fixture
def browser(chromium_of_the_module, tmp_path):
    """The module's Chromium as new to each test: no cookie of an earlier one, its own download folder."""
    driver = chromium_of_the_module
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    downloads = tmp_path / "tai-ve"
    downloads.mkdir()
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    return driver


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request, tmp_path):
    database = database_url(request.param, tmp_path)
    add_accounts(database, [("xa-hai-son", "Xã Hải Sơn", "don-vi"), ("xa-hai-an", "Xã Hải An", "don-vi"),
                            ("xa-hai-dinh", "Xã Hải Định", "don-vi"), ("snv", "Sở Nội vụ", "tinh")])
    running = Server(tmp_path / "du-lieu", database).start()
    yield running
    running.stop()


def wait_for(driver, condition, what: str):
    """Poll `condition` until truthy. While a page reloads itself (the upload's status page does), a
    driver call may fail: a node found a moment ago no longer belongs to the document, or the element is
    not there yet. Such an error means "not yet", never a verdict; the last one is shown on time-out.
    A dead browser (its session or window gone) fails at once."""
    from selenium.common.exceptions import InvalidSessionIdException, NoSuchWindowException, WebDriverException

    deadline = time.monotonic() + WAIT_SECONDS
    last_error = None
    while time.monotonic() < deadline:
        try:
            found = condition(driver)
        except (InvalidSessionIdException, NoSuchWindowException):
            raise
        except WebDriverException as error:
            found, last_error = None, error
        if found:
            return found
        time.sleep(0.3)
    try:
        page = f"{driver.current_url}\n{driver.page_source[:2000]}"
    except WebDriverException as error:
        page = f"(the page cannot be read: {error})"
    raise AssertionError(f"waited for {what} (last driver error: {last_error}): {page}")


def text_of(driver, element_id: str) -> str | None:
    """An element's shown text read in one script call, so it cannot come from two different loads of
    the page (two `find_element` calls can: the CI run of 5/12 failed on exactly that)."""
    return driver.execute_script(
        "const e = document.getElementById(arguments[0]); return e ? e.innerText : null;", element_id)


def screenshot(driver, tmp_path: Path, name: str) -> None:
    """The whole page as PNG; kept for the README when MAKE_REPORT_SCREENSHOTS names a folder."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 700), 2600))
    path = tmp_path / name
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 900)
    if os.environ.get("MAKE_REPORT_SCREENSHOTS"):
        target = ROOT / os.environ["MAKE_REPORT_SCREENSHOTS"]
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / name)


def sign_in(driver, base: str, login: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(base + "/dang-nhap")
    driver.find_element(By.ID, "login").send_keys(login)
    driver.find_element(By.ID, "password").send_keys("mat-khau-dai-1")
    driver.find_element(By.ID, "dang-nhap").click()
    wait_for(driver, lambda d: not d.current_url.endswith("/dang-nhap"), f"{login} signed in")


def upload(driver, base: str, workbook: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver.get(base + "/don-vi")
    driver.find_element(By.ID, "so").send_keys(str(workbook))
    Select(driver.find_element(By.ID, "nam")).select_by_value("2024")
    Select(driver.find_element(By.ID, "ky")).select_by_value("quy-1")
    driver.find_element(By.ID, "tai-len").click()
    wait_for(driver, lambda d: (status := text_of(d, "trang-thai")) is not None
             and "đang xử lý" not in status.lower() and "Đang kiểm tra" not in status, "the upload's result")


def downloaded(driver, name_end: str) -> Path:
    """The finished download: Chrome may show the file's name, empty, before its `.crdownload` is
    renamed over it (a loaded machine caught it reading b'')."""
    def finished(d):
        files = list(d.downloads.iterdir())
        if any(p.name.endswith(".crdownload") for p in files):
            return None
        return next((p for p in files if p.name.endswith(name_end) and p.stat().st_size > 0), None)

    return wait_for(driver, finished, f"a download ending {name_end}")


def test_a_unit_fixes_its_workbook_in_the_browser_and_the_province_rolls_up(browser, server, tmp_path):
    from selenium.webdriver.common.by import By

    from pipeline.cli import main
    from web_load import UnitClient

    base = server.url
    sign_in(browser, base, "xa-hai-son")
    assert browser.current_url == base + "/don-vi"
    screenshot(browser, tmp_path, "don-vi-tai-len.png")

    bad = unit_workbook(tmp_path / "hai-son-loi.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI SƠN",
                        lambda s: s[F.SHEET_TASKS][2].__setitem__(5, "sang năm"))
    upload(browser, base, bad)
    cells = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
             for tr in browser.find_elements(By.CSS_SELECTOR, "#loi tbody tr")]
    assert cells and cells[0][0] == F.SHEET_TASKS and cells[0][1].startswith("F") and "sang năm" in cells[0][2]
    screenshot(browser, tmp_path, "don-vi-loi.png")

    upload(browser, base, unit_workbook(tmp_path / "hai-son.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI SƠN"))
    assert "Đã tạo 3 văn bản" in browser.find_element(By.ID, "trang-thai").text
    from pipeline.output import find_libreoffice

    if find_libreoffice():  # page images from the PDF, each one loaded
        pages = browser.find_elements(By.CSS_SELECTOR, ".trang-xem img")
        assert len(pages) >= 3
        for page in pages:  # loaded lazily: each once scrolled into view
            browser.execute_script("arguments[0].scrollIntoView()", page)
            wait_for(browser, lambda d, image=page: d.execute_script(
                "return arguments[0].complete && arguments[0].naturalWidth", image), "a page image loaded")
    else:
        assert browser.find_elements(By.CSS_SELECTOR, ".ban-xem p")
    screenshot(browser, tmp_path, "don-vi-van-ban.png")
    browser.find_element(By.LINK_TEXT, "Tải DOCX").click()  # the first document's: the plan
    plan = downloaded(browser, "xa-hai-son_ke-hoach-2024.docx").read_bytes()
    if find_libreoffice():
        browser.find_element(By.LINK_TEXT, "Tải PDF").click()
        assert downloaded(browser, "xa-hai-son_ke-hoach-2024.pdf").read_bytes()[:5] == b"%PDF-"
    browser.find_element(By.ID, "tai-zip").click()
    archive = zipfile.ZipFile(downloaded(browser, ".zip"))
    assert "xa-hai-son_bao-cao-quy-1-2024.docx" in archive.namelist()
    assert archive.read("xa-hai-son_ke-hoach-2024.docx") == plan
    assert ("xa-hai-son_bao-cao-quy-1-2024.pdf" in archive.namelist()) == bool(find_libreoffice())

    # Another unit's upload, by id and by path: never shown to this one.
    other = UnitClient(base)
    other.sign_in("xa-hai-an", "mat-khau-dai-1")
    theirs, _ = other.upload(unit_workbook(tmp_path / "hai-an.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI AN"))
    for path in (f"/lan/{theirs}", f"/lan/{theirs}/so.xlsx", f"/lan/{theirs}/van-ban.zip",
                 f"/lan/{theirs}/van-ban/1.docx", "/tinh/", "/tinh/tong-hop/2024/quy-1.docx"):
        browser.get(base + path)
        assert "Không có trang này" in browser.page_source, path
    other_unit = UnitClient(base)
    other_unit.sign_in("xa-hai-dinh", "mat-khau-dai-1")
    other_unit.upload(unit_workbook(tmp_path / "hai-dinh.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH"))

    browser.find_element(By.CSS_SELECTOR, "header form button").click()
    wait_for(browser, lambda d: d.current_url.endswith("/dang-nhap"), "signed out")
    sign_in(browser, base, "snv")
    browser.get(base + "/tinh/?nam=2024")  # the year of the plans: its information workbook is that year's
    issuer = issuer_workbook(tmp_path / "thong-tin.xlsx")
    browser.find_element(By.ID, "so-thong-tin").send_keys(str(issuer))
    browser.find_element(By.ID, "luu-so-thong-tin").click()
    wait_for(browser, lambda d: "Đã lưu sổ thông tin" in d.page_source, "the information workbook kept")
    browser.get(base + "/tinh/?nam=2024")
    wait_for(browser, lambda d: d.refresh() or "Đang xử lý" not in (text_of(d, "ma-tran") or "Đang xử lý"),
             "every generation")
    matrix = browser.find_element(By.ID, "ma-tran").text
    assert "Xã Hải Sơn" in matrix and "Đã báo cáo" in matrix and "Chưa báo cáo" in matrix, matrix  # no deadline set
    screenshot(browser, tmp_path, "tinh-ma-tran.png")
    browser.find_element(By.ID, "tong-hop-quy-1-docx").click()
    rollup = downloaded(browser, "_tong-hop-quy-1-2024.docx")

    folder = tmp_path / "cac-xa"
    folder.mkdir()
    for login, workbook in (("xa-hai-an", "hai-an.xlsx"), ("xa-hai-dinh", "hai-dinh.xlsx"),
                            ("xa-hai-son", "hai-son.xlsx")):
        shutil.copy(tmp_path / workbook, folder / f"{login}.xlsx")
    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), "--thong-tin", str(issuer),
                                       "--ky", "quy-1", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    [cli_docx] = (tmp_path / "out" / "2024-Q1" / "tong-hop").glob("*.docx")
    assert rollup.read_bytes() == cli_docx.read_bytes()
    browser.get(base + "/tinh/tai-khoan")
    screenshot(browser, tmp_path, "tinh-tai-khoan.png")

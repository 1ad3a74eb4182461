"""The province's pages on SQLite and PostgreSQL: the units × periods matrix, deadlines, the roll-up
(the bytes `tong-hop` writes) and the period's documents as one ZIP."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from pipeline.workbook import format as F
from test_web_pages import rows, unit
from web_support import add_account, database_url, issuer_workbook, make_portal, unit_workbook

UNITS = [("xa-hai-an", "Xã Hải An", "ỦY BAN NHÂN DÂN XÃ HẢI AN"),
         ("xa-hai-dinh", "Xã Hải Định", "ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH"),
         ("xa-hai-son", "Xã Hải Sơn", "ỦY BAN NHÂN DÂN XÃ HẢI SƠN"),
         ("xa-hai-thuong", "Xã Hải Thượng", "ỦY BAN NHÂN DÂN XÃ HẢI THƯỢNG"),
         ("xa-hai-lam", "Xã Hải Lâm", "ỦY BAN NHÂN DÂN XÃ HẢI LÂM")]


@pytest.fixture(params=["sqlite", "postgresql"])
def portal(request, tmp_path):
    app = make_portal(tmp_path, database_url(request.param, tmp_path))
    for login, name, _ in UNITS:
        add_account(app, login, name)
    add_account(app, "snv", "Sở Nội vụ", role="tinh")
    yield app
    app.extensions["make_report"]["database"].dispose()


def all_done(sheets):
    for row in sheets[F.SHEET_RESULTS]:
        row[2] = "Hoàn thành"


def with_second_quarter(sheets):
    from builders import document_row

    row = list(document_row(sheets, "Báo cáo quý I"))
    row[0], row[1], row[2] = "Báo cáo quý II", 60, "20/6/2024"
    sheets[F.SHEET_DOCUMENTS].append(row)
    sheets[F.SHEET_RESULTS].append([2, "II", "Hoàn thành", "Đã xong", "Báo cáo số 50/BC-UBND", None])


def test_the_matrix_shows_on_time_late_not_reported_refused_and_duplicate(portal, tmp_path):
    province = unit(portal, "snv")
    tomorrow = date.today() + timedelta(days=1)
    province.post("/tinh/han", {"nam": "2024", "han-quy-1": tomorrow.isoformat(), "han-quy-2": "2024-07-10"},
                  "/tinh/?nam=2024")
    hai_an = unit_workbook(tmp_path / "an.xlsx", UNITS[0][2], all_done)
    unit(portal, "xa-hai-an").upload(hai_an)                                         # quý I, before its deadline
    unit(portal, "xa-hai-dinh").upload(unit_workbook(tmp_path / "dinh.xlsx", UNITS[1][2], with_second_quarter), period="quy-2")  # late
    bad = unit_workbook(tmp_path / "son.xlsx", UNITS[2][2], lambda s: s[F.SHEET_TASKS][2].__setitem__(5, "sang năm"))
    unit(portal, "xa-hai-son").upload(bad)                                           # refused
    unit(portal, "xa-hai-thuong").upload(hai_an)                                     # another unit's workbook
    page = province.get("/tinh/?nam=2024").text
    from pipeline.web.reporting import year_matrix

    with portal.extensions["make_report"]["database"].session() as s:
        periods, matrix = year_matrix(s, 2024)
    status = {r.account.login: {p.key: c.status for p, c in zip(periods, r.cells)} for r in matrix}
    assert status["xa-hai-an"]["quy-1"] == "dung-han"
    assert next(r for r in matrix if r.account.login == "xa-hai-an").cells[0].label == "Đúng hạn"
    assert status["xa-hai-dinh"]["quy-2"] == "tre-han" and status["xa-hai-dinh"]["quy-1"] == "chua-bao-cao"
    assert status["xa-hai-son"]["quy-1"] == "tu-choi"
    assert status["xa-hai-thuong"]["quy-1"] == "tu-choi"
    assert status["xa-hai-lam"] == {p.key: "chua-bao-cao" for p in periods}
    refused = next(r for r in matrix if r.account.login == "xa-hai-son").cells[0]
    assert refused.detail.startswith(f"{F.SHEET_TASKS}!") and "sang năm" in refused.detail
    assert "sang năm" in page.split("Xã Hải Sơn</th>")[1].split("</tr>")[0]
    assert "Trễ hạn" in page and "hạn 10/07/2024" in page and "sổ tải lên là của Xã Hải An, không phải của Xã Hải Thượng" in page
    # The chart: Hải An's quý I bar at 100 %, the not-reported periods as ticks.
    hai_an_row = page.split("Xã Hải An</th>")[1].split("</tr>")[0]
    assert "<svg" in hai_an_row and "Quý I: 100%" in hai_an_row.replace("quý I", "Quý I")


def test_with_no_deadline_a_report_is_received_not_on_time(portal, tmp_path):
    """`Đúng hạn` with no deadline set would say more than the portal knows (a trial's quý I 2024
    report uploaded in December 2026 was 'on time')."""
    from pipeline.web.reporting import year_matrix

    unit(portal, "xa-hai-an").upload(unit_workbook(tmp_path / "an.xlsx", UNITS[0][2]))
    with portal.extensions["make_report"]["database"].session() as s:
        _, matrix = year_matrix(s, 2024)
    cell = next(r for r in matrix if r.account.login == "xa-hai-an").cells[0]
    assert (cell.status, cell.label) == ("dung-han", "Đã báo cáo")


def test_the_roll_up_is_the_one_tong_hop_writes_for_the_same_workbooks(portal, tmp_path):
    from pipeline.cli import main
    from pipeline.web.db import Account

    # The portal also lists the active accounts that sent nothing (test_web_who_reported); tong-hop
    # knows only workbooks, so the two without one are disabled here.
    with portal.extensions["make_report"]["database"].session() as s:
        for account in s.query(Account).filter(Account.login.in_([login for login, *_ in UNITS[3:]])):
            account.disabled = True
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    for (login, _, issuer), change in zip(UNITS[:3], (all_done, None, None)):
        workbook = unit_workbook(tmp_path / f"{login}-goc.xlsx", issuer, change)
        unit(portal, login).upload(workbook)
        shutil.copy(workbook, folder / f"{login}.xlsx")
    province = unit(portal, "snv")
    missing = province.get("/tinh/tong-hop/2024/quy-1.docx")
    assert missing.status_code == 409 and "sổ thông tin" in missing.text
    issuer = issuer_workbook(tmp_path / "thong-tin.xlsx")
    with open(issuer, "rb") as fh:
        assert province.post("/tinh/so-thong-tin", {"nam": "2024", "so": (fh, "tinh.xlsx")}, "/tinh/").status_code == 303
    docx = province.get("/tinh/tong-hop/2024/quy-1.docx")
    xlsx = province.get("/tinh/tong-hop/2024/quy-1.xlsx")
    assert docx.status_code == 200 and xlsx.status_code == 200

    result = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), "--thong-tin", str(issuer),
                                       "--ky", "quy-1", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = sorted((tmp_path / "out" / "2024-Q1" / "tong-hop").iterdir())
    assert [p.suffix for p in written] == [".docx", ".xlsx"]
    assert docx.data == written[0].read_bytes()
    assert xlsx.data == written[1].read_bytes()
    assert f'filename={written[0].name}' in docx.headers["Content-Disposition"]


def test_all_documents_of_a_period_in_one_zip_one_folder_per_unit(portal, tmp_path):
    for login, _, issuer in UNITS[:2]:
        unit(portal, login).upload(unit_workbook(tmp_path / f"{login}.xlsx", issuer))
    province = unit(portal, "snv")
    archive = zipfile.ZipFile(io.BytesIO(province.get("/tinh/van-ban/2024/quy-1.zip").data))
    names = archive.namelist()
    assert len(names) == 6
    assert {n.split("/")[0] for n in names} == {"xa-hai-an", "xa-hai-dinh"}
    assert "xa-hai-an/xa-hai-an_bao-cao-quy-1-2024.docx" in names
    assert province.get("/tinh/van-ban/2024/quy-3.zip").status_code == 409
    assert province.get("/tinh/van-ban/2024/khong-co.zip").status_code == 404


def test_deadlines_are_kept_per_period(portal):
    from pipeline.web.db import Deadline

    province = unit(portal, "snv")
    province.post("/tinh/han", {"nam": "2026", "han-quy-1": "2026-04-10", "han-nam": "2027-01-15"}, "/tinh/?nam=2026")
    assert {(d.period_key, d.due) for d in rows(portal, Deadline)} == {("quy-1", date(2026, 4, 10)),
                                                                       ("nam", date(2027, 1, 15))}
    province.post("/tinh/han", {"nam": "2026", "han-quy-1": "2026-04-12"}, "/tinh/?nam=2026")
    assert {(d.period_key, d.due) for d in rows(portal, Deadline)} == {("quy-1", date(2026, 4, 12))}
    bad = province.post("/tinh/han", {"nam": "2026", "han-quy-2": "mai"}, "/tinh/?nam=2026")
    assert bad.status_code == 409 and "không phải ngày" in bad.text


HAI_PHU = "ỦY BAN NHÂN DÂN XÃ HẢI PHÚ"
"""A unit with no account of its own (its workbook sent from another's): the copy and conflict rules."""


def test_different_workbooks_of_one_unit_from_two_accounts_are_refused_in_the_matrix_as_in_the_roll_up(portal, tmp_path):
    """Two accounts send Xã Hải Phú's workbook with different results: the roll-up counts neither
    (pipeline.domain.units), so the matrix shows neither as reported."""
    from test_web_who_reported import matrix_status, upload_issuer

    unit(portal, "xa-hai-an").upload(unit_workbook(tmp_path / "phu.xlsx", HAI_PHU))
    unit(portal, "xa-hai-dinh").upload(unit_workbook(tmp_path / "phu-2.xlsx", HAI_PHU, all_done))
    unit(portal, "xa-hai-son").upload(unit_workbook(tmp_path / "son.xlsx", UNITS[2][2]))
    status = matrix_status(portal, "quy-1")
    for login, other in (("xa-hai-an", "Xã Hải Định"), ("xa-hai-dinh", "Xã Hải An")):
        assert status[login][0] == "tu-choi" and f"khác với sổ {other}" in status[login][1], status[login]
    assert status["xa-hai-son"][0] == "dung-han"

    upload_issuer(portal, tmp_path)
    xlsx = unit(portal, "snv").get("/tinh/tong-hop/2024/quy-1.xlsx")
    assert xlsx.status_code == 200
    import openpyxl

    counted = [row[1] for row in openpyxl.load_workbook(io.BytesIO(xlsx.data)).worksheets[0].iter_rows(values_only=True)]
    assert "Xã Hải Sơn" in counted and "Xã Hải Phú" not in counted


def test_a_resaved_copy_of_the_same_workbook_is_a_duplicate_not_a_conflict(portal, tmp_path):
    """The same plan in a file of other bytes (saved again): one workbook, as the roll-up counts it."""
    hai_phu = unit_workbook(tmp_path / "phu.xlsx", HAI_PHU)
    resaved = tmp_path / "phu-luu-lai.xlsx"
    with zipfile.ZipFile(hai_phu) as source, zipfile.ZipFile(resaved, "w", zipfile.ZIP_STORED) as copy:
        for info in source.infolist():
            copy.writestr(info.filename, source.read(info))
    assert resaved.read_bytes() != hai_phu.read_bytes()
    unit(portal, "xa-hai-an").upload(hai_phu)
    unit(portal, "xa-hai-dinh").upload(resaved)
    from test_web_who_reported import matrix_status

    status = matrix_status(portal, "quy-1")
    assert status["xa-hai-an"][0] == "dung-han"
    assert status["xa-hai-dinh"] == ("trung", "cùng sổ với Xã Hải An")


def rolled_up(portal, tmp_path, key: str = "quy-1", labels=("Báo cáo quý I", "Báo cáo quý II")) -> dict[str, list]:
    import openpyxl

    from test_web_who_reported import upload_issuer

    upload_issuer(portal, tmp_path, labels)
    xlsx = unit(portal, "snv").get(f"/tinh/tong-hop/2024/{key}.xlsx")
    assert xlsx.status_code == 200
    sheets = openpyxl.load_workbook(io.BytesIO(xlsx.data))
    return {"counted": [row[1] for row in sheets["Tổng hợp"].iter_rows(min_row=2, values_only=True)][:-1],
            "absent": [row[0] for row in sheets["Chưa báo cáo"].iter_rows(min_row=2, values_only=True)]}


def test_a_unit_that_sent_another_units_workbook_first_has_not_reported(portal, tmp_path):
    """Hải Định uploads Hải An's workbook by mistake, before Hải An does: Hải An's own upload is the one
    counted, and the roll-up names Hải Định among the units not reported (it dropped out of the report
    altogether, counted as a copy of the workbook it had not made)."""
    from test_web_who_reported import matrix_status

    hai_an = unit_workbook(tmp_path / "an.xlsx", UNITS[0][2])
    unit(portal, "xa-hai-dinh").upload(hai_an)
    unit(portal, "xa-hai-an").upload(unit_workbook(tmp_path / "an-2.xlsx", UNITS[0][2], all_done))  # other results
    status = matrix_status(portal, "quy-1")
    assert status["xa-hai-an"][0] == "dung-han"
    assert status["xa-hai-dinh"][0] == "tu-choi" and "sổ tải lên là của Xã Hải An" in status["xa-hai-dinh"][1]
    found = rolled_up(portal, tmp_path)
    assert found["counted"] == ["Xã Hải An"] and "Xã Hải Định" in found["absent"]


def test_another_units_workbook_sent_alone_counts_for_neither(portal, tmp_path):
    """Hải Định alone sends Hải An's workbook: counted as Hải An's, Hải An also listed as not reported and
    Hải Định in neither list (a reviewer's find). Neither reported: both are listed so."""
    unit(portal, "xa-hai-dinh").upload(unit_workbook(tmp_path / "an.xlsx", UNITS[0][2]))
    unit(portal, "xa-hai-son").upload(unit_workbook(tmp_path / "son.xlsx", UNITS[2][2]))
    found = rolled_up(portal, tmp_path)
    assert found["counted"] == ["Xã Hải Sơn"]
    assert {"Xã Hải An", "Xã Hải Định"} <= set(found["absent"])


@pytest.mark.parametrize("which, expected", [
    ("blank", "đây là sổ của ỦY BAN NHÂN DÂN XÃ …, không phải của cơ quan tổng hợp"),  # a commune's blank
    ("commune", "đây là sổ của ỦY BAN NHÂN DÂN XÃ HẢI SƠN, không phải của cơ quan tổng hợp"),
])
def test_an_information_workbook_that_would_make_a_wrong_roll_up_is_refused(portal, tmp_path, which, expected):
    """The blank workbook `init` writes reads without error, as does a commune's; kept, every roll-up
    after would be headed `ỦY BAN NHÂN DÂN XÃ …` and signed `Họ và tên`."""
    from pipeline.cli import main
    from pipeline.web.db import Setting

    path = tmp_path / "thong-tin.xlsx"
    if which == "blank":
        assert CliRunner().invoke(main, ["init", str(path), "--year", "2024"]).exit_code == 0
    else:
        unit_workbook(path, "ỦY BAN NHÂN DÂN XÃ HẢI SƠN")
    with open(path, "rb") as fh:
        refused = unit(portal, "snv").post("/tinh/so-thong-tin", {"nam": "2024", "so": (fh, "tinh.xlsx")}, "/tinh/")
    assert refused.status_code == 409 and expected in refused.text.replace("&#34;", '"'), refused.text
    assert rows(portal, Setting) == []


def test_the_province_downloads_its_own_blank_information_workbook_which_is_refused_until_filled(portal, tmp_path):
    """A province that never opens a command window gets `init --tinh`'s workbook from its page; sent
    back unchanged, it is refused with the cells still holding examples."""
    import openpyxl

    from pipeline.web.db import Setting
    from pipeline.workbook import format as F

    province = unit(portal, "snv")
    page = province.get("/tinh/?nam=2024")
    assert 'id="tai-so-thong-tin-trong"' in page.text and "/tinh/so-thong-tin-trong.xlsx?nam=2024" in page.text
    blank = province.get("/tinh/so-thong-tin-trong.xlsx?nam=2024")
    assert blank.status_code == 200 and "thong-tin-tong-hop-2024.xlsx" in blank.headers["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(blank.data))
    assert wb.sheetnames[:3] == [F.SHEET_INFO, F.SHEET_DOCUMENTS, F.SHEET_RECIPIENTS]
    assert unit(portal, "xa-hai-an").get("/tinh/so-thong-tin-trong.xlsx?nam=2024").status_code == 404
    path = tmp_path / "tinh.xlsx"
    path.write_bytes(blank.data)
    with open(path, "rb") as fh:
        refused = province.post("/tinh/so-thong-tin", {"nam": "2024", "so": (fh, "tinh.xlsx")}, "/tinh/")
    assert refused.status_code == 409 and "sổ còn chữ ví dụ của sổ mẫu ở Thông tin!B2" in refused.text
    assert rows(portal, Setting) == []


def test_the_information_workbook_is_kept_per_year_and_one_of_another_year_is_refused(portal, tmp_path):
    """A user trial uploaded its 2024 workbook on the 2026 page: taken, every year showed `Đã có sổ
    thông tin` and the 2025 roll-ups failed on a 2024 row."""
    from pipeline.web.db import Setting

    province = unit(portal, "snv")
    issuer = issuer_workbook(tmp_path / "thong-tin.xlsx")  # Năm 2024
    with open(issuer, "rb") as fh:
        refused = province.post("/tinh/so-thong-tin", {"nam": "2026", "so": (fh, "tinh.xlsx")}, "/tinh/?nam=2026")
    assert refused.status_code == 409 and "Sổ thông tin là của năm 2024, trang đang xem năm 2026" in refused.text
    assert rows(portal, Setting) == []
    with open(issuer, "rb") as fh:
        assert province.post("/tinh/so-thong-tin", {"nam": "2024", "so": (fh, "tinh.xlsx")}, "/tinh/").status_code == 303
    assert [setting.key for setting in rows(portal, Setting)] == ["so-thong-tin-2024"]
    assert "Đã có sổ thông tin năm 2024" in province.get("/tinh/?nam=2024").text
    assert "Chưa có:" in province.get("/tinh/?nam=2025").text


def test_the_information_workbook_kept_before_years_goes_under_its_own_year(portal, tmp_path):
    """A portal upgraded from before per-year keys took its one workbook (of 2024) for every year."""
    from pipeline.web.db import Setting

    store = portal.extensions["make_report"]["store"]
    digest = store.put(issuer_workbook(tmp_path / "thong-tin.xlsx").read_bytes())  # Năm 2024
    with portal.extensions["make_report"]["database"].session() as s:
        s.add(Setting(key="so-thong-tin", value=digest))
    province = unit(portal, "snv")
    assert "Chưa có:" in province.get("/tinh/?nam=2026").text
    assert [(setting.key, setting.value) for setting in rows(portal, Setting)] == [("so-thong-tin-2024", digest)]
    assert "Đã có sổ thông tin năm 2024" in province.get("/tinh/?nam=2024").text
    with portal.extensions["make_report"]["database"].session() as s:  # one that cannot be read is kept, unused
        s.add(Setting(key="so-thong-tin", value=store.put(b"not a workbook")))
    page = province.get("/tinh/?nam=2024").text
    assert "Đã có sổ thông tin năm 2024" in page
    assert 'id="so-thong-tin-cu"' in page and "lưu từ phiên bản trước của cổng không đọc được" in page
    assert "Chưa có:" in province.get("/tinh/?nam=2025").text
    assert sorted(setting.key for setting in rows(portal, Setting)) == ["so-thong-tin", "so-thong-tin-2024"]
    with open(issuer_workbook(tmp_path / "moi.xlsx"), "rb") as fh:  # the province uploads one again: told, done
        assert province.post("/tinh/so-thong-tin", {"nam": "2024", "so": (fh, "tinh.xlsx")}, "/tinh/").status_code == 303
    assert [setting.key for setting in rows(portal, Setting)] == ["so-thong-tin-2024"]
    assert 'id="so-thong-tin-cu"' not in province.get("/tinh/?nam=2024").text


def test_a_period_no_unit_reported_offers_no_roll_up_to_download(portal, tmp_path):
    province = unit(portal, "snv")
    assert 'id="tong-hop-quy-1-docx"' not in province.get("/tinh/?nam=2024").text
    unit(portal, "xa-hai-an").upload(unit_workbook(tmp_path / "an.xlsx", UNITS[0][2]))  # quý I results
    page = province.get("/tinh/?nam=2024").text
    assert 'id="tong-hop-quy-1-docx"' in page and 'id="zip-quy-1"' in page
    assert 'id="tong-hop-quy-2-docx"' not in page and 'id="zip-quy-2"' not in page and "chưa có báo cáo" in page


def test_a_quarter_ii_report_counts_in_the_six_months_roll_up_as_tong_hop_counts_it(portal, tmp_path):
    """Hải Định sent its quý II report (the same cut-off, 14/6): the 6 tháng roll-up counts it, as
    `make-report tong-hop --ky 6-thang` does on the same workbook, and the matrix's 6 tháng column says
    it was reported in its quý II report."""
    import openpyxl

    from test_web_who_reported import matrix_status, upload_issuer

    unit(portal, "xa-hai-dinh").upload(unit_workbook(tmp_path / "dinh.xlsx", UNITS[1][2], with_second_quarter),
                                       period="quy-2")
    status = matrix_status(portal, "6-thang")
    assert status["xa-hai-dinh"] == ("dung-han", "theo báo cáo quý II")
    assert status["xa-hai-an"][0] == "chua-bao-cao"
    upload_issuer(portal, tmp_path, ("Báo cáo quý I", "Báo cáo quý II", "Báo cáo 6 tháng"))
    xlsx = unit(portal, "snv").get("/tinh/tong-hop/2024/6-thang.xlsx")
    assert xlsx.status_code == 200, xlsx.text
    sheets = openpyxl.load_workbook(io.BytesIO(xlsx.data))
    assert [row[1] for row in sheets["Tổng hợp"].iter_rows(min_row=2, values_only=True)][:-1] == ["Xã Hải Định"]
    assert "Xã Hải An" in [row[0] for row in sheets["Chưa báo cáo"].iter_rows(min_row=2, values_only=True)]


def test_an_information_workbook_without_the_periods_row_says_to_add_it(portal, tmp_path):
    """Not `chờ các đơn vị gửi sổ`, which the province would wait on forever: its own workbook lacks the row."""
    from openpyxl import load_workbook

    unit(portal, "xa-hai-dinh").upload(unit_workbook(tmp_path / "dinh.xlsx", UNITS[1][2], with_second_quarter),
                                       period="quy-2")
    issuer = issuer_workbook(tmp_path / "day-du.xlsx")

    wb = load_workbook(issuer)
    ws = wb[F.SHEET_DOCUMENTS]
    for row in range(ws.max_row, 1, -1):
        if ws.cell(row, 1).value != "Báo cáo quý I":
            ws.delete_rows(row)
    wb.save(tmp_path / "chi-quy-1.xlsx")
    with open(tmp_path / "chi-quy-1.xlsx", "rb") as fh:
        assert unit(portal, "snv").post("/tinh/so-thong-tin", {"nam": "2024", "so": (fh, "tinh.xlsx")},
                                        "/tinh/").status_code == 303
    page = unit(portal, "snv").get("/tinh/tong-hop/2024/quy-2.docx")
    assert page.status_code != 200
    assert "không có dòng “Báo cáo quý II”" in page.text and "thêm dòng đó ở trang Văn bản" in page.text
    assert "chờ các đơn vị" not in page.text and "--" not in re.sub(r"<[^>]*>", " ", page.text.split("<body")[1])


def test_an_account_named_otherwise_still_owns_its_units_workbook(portal, tmp_path):
    """A province names an account `UBND xã Hải Phú`: the workbook of Ủy ban nhân dân xã Hải Phú is still
    that account's, and another account that sends it has not reported."""
    from test_web_who_reported import matrix_status

    add_account(portal, "xa-hai-phu", "UBND xã Hải Phú")
    unit(portal, "xa-hai-an").upload(unit_workbook(tmp_path / "phu.xlsx", HAI_PHU))
    status = matrix_status(portal, "quy-1")
    assert status["xa-hai-an"][0] == "tu-choi"
    assert "sổ tải lên là của UBND xã Hải Phú, không phải của Xã Hải An" in status["xa-hai-an"][1]


def with_six_months_row(sheets):
    """A `Báo cáo 6 tháng` row, the workbook's results left as they are (quý I only: not reported)."""
    from builders import document_row

    row = list(document_row(sheets, "Báo cáo quý I"))
    row[0], row[1], row[2] = "Báo cáo 6 tháng", 61, "20/6/2024"
    sheets[F.SHEET_DOCUMENTS].append(row)


def test_a_later_upload_at_the_same_cutoff_does_not_hide_the_report_that_stands(portal, tmp_path):
    """Hải Định reported quý II, then sent a 6 tháng workbook that was refused (Hải Sơn: one that did not
    report, quý I results only): the matrix and the 6 tháng roll-up both keep the quý II report."""
    from test_web_who_reported import matrix_status

    for login, name in (("xa-hai-dinh", UNITS[1][2]), ("xa-hai-son", UNITS[2][2])):
        unit(portal, login).upload(unit_workbook(tmp_path / f"{login}-q2.xlsx", name, with_second_quarter), period="quy-2")
    bad = unit_workbook(tmp_path / "dinh-6t.xlsx", UNITS[1][2],
                        lambda s: (with_six_months_row(s), s[F.SHEET_TASKS][2].__setitem__(5, "sang năm")))
    unit(portal, "xa-hai-dinh").upload(bad, period="6-thang")
    unit(portal, "xa-hai-son").upload(unit_workbook(tmp_path / "son-6t.xlsx", UNITS[2][2], with_six_months_row),
                                      period="6-thang")
    status = matrix_status(portal, "6-thang")
    assert status["xa-hai-dinh"] == ("dung-han", "theo báo cáo quý II; sổ 6 tháng gửi sau bị từ chối")
    assert status["xa-hai-son"] == ("dung-han", "theo báo cáo quý II")
    found = rolled_up(portal, tmp_path, "6-thang", ("Báo cáo quý I", "Báo cáo quý II", "Báo cáo 6 tháng"))
    assert sorted(found["counted"]) == ["Xã Hải Sơn", "Xã Hải Định"]


def test_a_locked_units_workbook_sent_by_another_account_is_still_not_the_senders(portal, tmp_path):
    from pipeline.web.db import Account
    from sqlalchemy import update

    with portal.extensions["make_report"]["database"].session() as s:
        s.execute(update(Account).where(Account.login == "xa-hai-an").values(disabled=True))
        s.commit()
    unit(portal, "xa-hai-dinh").upload(unit_workbook(tmp_path / "an.xlsx", UNITS[0][2]))
    unit(portal, "xa-hai-son").upload(unit_workbook(tmp_path / "son.xlsx", UNITS[2][2]))
    found = rolled_up(portal, tmp_path)
    assert found["counted"] == ["Xã Hải Sơn"] and "Xã Hải Định" in found["absent"]


def test_the_portal_prints_a_rate_as_the_reports_do():
    """A reviewer saw `55,6%` in the matrix beside `55,56%` in the report."""
    from pipeline.vietnamese import format_percent
    from pipeline.web.charts import percent

    for whole in range(1, 201):  # a second review found 81 of these apart with a float's rounding
        assert [percent(part / whole) for part in range(whole + 1)] == \
            [format_percent(part, whole) for part in range(whole + 1)], whole
    assert percent(None) == "–"

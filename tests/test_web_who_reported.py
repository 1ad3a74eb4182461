"""The portal follows the one rule of who reported a period (pipeline.domain.reported): its matrix, the
documents' warnings and its roll-up agree, and a unit that sent nothing is listed as not reported."""

from __future__ import annotations

import io
import json

import openpyxl
from docx import Document

from pipeline.web.db import Upload
from pipeline.workbook import format as F
from test_web_pages import rows, unit
from test_web_province import UNITS, all_done, portal  # noqa: F401 - the fixture, on SQLite and PostgreSQL
from web_support import issuer_workbook, unit_workbook


def quarter_two_row(sheets):
    """The `Báo cáo quý II` row, numbered and dated ahead, with no quý II result."""
    from builders import document_row

    row = list(document_row(sheets, "Báo cáo quý I"))
    row[0], row[1], row[2] = "Báo cáo quý II", 60, "20/6/2024"
    sheets[F.SHEET_DOCUMENTS].append(row)


def finished_early(sheets):
    all_done(sheets)
    quarter_two_row(sheets)


def upload_issuer(app, tmp_path, labels=("Báo cáo quý I", "Báo cáo quý II")) -> None:
    province = unit(app, "snv")
    with open(issuer_workbook(tmp_path / "thong-tin.xlsx", labels), "rb") as fh:
        assert province.post("/tinh/so-thong-tin", {"nam": "2024", "so": (fh, "tinh.xlsx")}, "/tinh/").status_code == 303


def rollup_files(app, key: str) -> tuple[list[str], list[tuple]]:
    """The roll-up's DOCX paragraphs and its XLSX `Chưa báo cáo` rows, as the province downloads them."""
    province = unit(app, "snv")
    docx = province.get(f"/tinh/tong-hop/2024/{key}.docx")
    xlsx = province.get(f"/tinh/tong-hop/2024/{key}.xlsx")
    assert docx.status_code == 200 and xlsx.status_code == 200, docx.text
    paragraphs = [p.text for p in Document(io.BytesIO(docx.data)).paragraphs]
    book = openpyxl.load_workbook(io.BytesIO(xlsx.data))
    return paragraphs, list(book["Chưa báo cáo"].iter_rows(min_row=2, values_only=True))


def matrix_status(app, key: str) -> dict[str, tuple[str, str]]:
    from pipeline.web.reporting import year_matrix

    with app.extensions["make_report"]["database"].session() as s:
        periods, matrix = year_matrix(s, 2024)
    index = [p.key for p in periods].index(key)
    return {r.account.login: (r.cells[index].status, r.cells[index].detail) for r in matrix}


def test_the_roll_up_lists_every_unit_that_sent_nothing(portal, tmp_path):  # noqa: F811
    """Five units: Hải An reported quý II (every task finished in quý I), Hải Định only quý I, three nothing."""
    hai_an = unit_workbook(tmp_path / "an.xlsx", UNITS[0][2], finished_early)
    unit(portal, "xa-hai-an").upload(hai_an, period="quy-2")
    unit(portal, "xa-hai-dinh").upload(unit_workbook(tmp_path / "dinh.xlsx", UNITS[1][2]))
    upload_issuer(portal, tmp_path)

    paragraphs, not_reported = rollup_files(portal, "quy-2")
    assert set(not_reported) == {
        ("Xã Hải Định", "chưa có sổ được chấp nhận", "quý I năm 2024"),
        ("Xã Hải Lâm", "chưa có sổ được chấp nhận", "chưa báo cáo kỳ nào"),
        ("Xã Hải Sơn", "chưa có sổ được chấp nhận", "chưa báo cáo kỳ nào"),
        ("Xã Hải Thượng", "chưa có sổ được chấp nhận", "chưa báo cáo kỳ nào"),
    }
    section = paragraphs[paragraphs.index("IV. ĐƠN VỊ CHƯA BÁO CÁO") + 1:][:4]
    assert {line.rstrip(";.") for line in section} == {
        "- Xã Hải Định: báo cáo gần nhất là quý I năm 2024", "- Xã Hải Lâm: chưa báo cáo kỳ nào",
        "- Xã Hải Sơn: chưa báo cáo kỳ nào", "- Xã Hải Thượng: chưa báo cáo kỳ nào"}
    assert any("(Chưa tổng hợp: 4 đơn vị chưa báo cáo;" in p for p in paragraphs)


def test_a_disabled_account_is_not_listed(portal, tmp_path):  # noqa: F811
    from pipeline.web.db import Account

    with portal.extensions["make_report"]["database"].session() as s:
        for account in s.query(Account).filter(Account.login.in_(["xa-hai-son", "xa-hai-thuong", "xa-hai-lam"])):
            account.disabled = True
    unit(portal, "xa-hai-an").upload(unit_workbook(tmp_path / "an.xlsx", UNITS[0][2], all_done))
    upload_issuer(portal, tmp_path)
    _, not_reported = rollup_files(portal, "quy-1")
    assert [row[0] for row in not_reported] == ["Xã Hải Định"]


def test_matrix_warnings_and_roll_up_agree_on_an_upload_with_no_results_for_its_period(portal, tmp_path):  # noqa: F811
    """Hải Sơn sends its quý I workbook (tasks still open) as its quý II report; Hải An finished everything."""
    unit(portal, "xa-hai-an").upload(unit_workbook(tmp_path / "an.xlsx", UNITS[0][2], finished_early), period="quy-2")
    unit(portal, "xa-hai-son").upload(unit_workbook(tmp_path / "son.xlsx", UNITS[2][2], quarter_two_row), period="quy-2")
    upload_issuer(portal, tmp_path)

    son = rows(portal, Upload, Upload.period_key == "quy-2", Upload.agency == "Xã Hải Sơn")[0]
    assert son.state == "xong" and not son.reported
    warnings = [w["message"] for w in json.loads(son.warnings_json)]
    assert any(w.startswith("chưa có kết quả quý II năm 2024 (kết quả mới nhất là quý I)") for w in warnings)

    status = matrix_status(portal, "quy-2")
    assert status["xa-hai-an"][0] == "dung-han"
    assert status["xa-hai-son"][0] == "chua-bao-cao" and "chưa có kết quả" in status["xa-hai-son"][1]
    page = unit(portal, "snv").get("/tinh/?nam=2024").text
    son_row = page.split("Xã Hải Sơn</th>")[1].split("</tr>")[0]
    assert "Đúng hạn" not in son_row and "Trễ hạn" not in son_row

    paragraphs, not_reported = rollup_files(portal, "quy-2")
    assert ("Xã Hải Sơn", "xa-hai-son.xlsx", "quý I năm 2024") in not_reported
    assert "Xã Hải An" not in [row[0] for row in not_reported]
    assert any(p.startswith("Trên cơ sở báo cáo của 1 xã,") for p in paragraphs)


def test_a_roll_up_of_a_period_nobody_reported_says_so_in_the_portals_words(portal, tmp_path):  # noqa: F811
    unit(portal, "xa-hai-son").upload(unit_workbook(tmp_path / "son.xlsx", UNITS[2][2], quarter_two_row), period="quy-2")
    upload_issuer(portal, tmp_path)
    refused = unit(portal, "snv").get("/tinh/tong-hop/2024/quy-2.docx")
    assert refused.status_code == 409
    assert "Chưa đơn vị nào có kết quả quý II năm 2024" in refused.text
    assert "kỳ khác trên bảng" in refused.text and "--ky" not in refused.text

"""A unit's pages: upload a workbook for a period, its problems or its documents, downloads, a new workbook."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from flask import Blueprint, abort, g, redirect, render_template, request, send_file, url_for
from sqlalchemy import select

from .accounts import audit
from .context import client_address, owned_upload, portal
from .db import Document, Upload
from .reporting import local_time, year_periods

blueprint = Blueprint("unit", __name__)
ZIP_STAMP = (1980, 1, 1, 0, 0, 0)


def _years() -> list[int]:
    this_year = date.today().year
    return [this_year + 1, this_year, this_year - 1, this_year - 2]


@blueprint.get("/don-vi")
def home():
    if g.account.is_province:
        return redirect(url_for("province.matrix"))
    with portal()["database"].session() as s:
        uploads = s.scalars(select(Upload).where(Upload.account_id == g.account.id)
                            .order_by(Upload.received_at.desc(), Upload.id.desc())).all()
    year = request.args.get("nam", type=int) or date.today().year
    numbers = upload_numbers(u.id for u in uploads)
    return render_template("don-vi.html", uploads=uploads, numbers=numbers, years=_years(), year=year,
                           periods=year_periods(year), local_time=local_time, period_name=period_name,
                           max_mb=portal()["settings"].max_upload_bytes // (1024 * 1024))


def upload_numbers(upload_ids: Iterable[int]) -> dict[int, int]:
    """Each of a unit's uploads' number among its own (1, 2, … by id), by upload id: ids run across every
    unit, and a unit's first upload shown as `Lần tải lên 4` puzzled a trial's clerk."""
    return {upload_id: number for number, upload_id in enumerate(sorted(upload_ids), start=1)}


def period_name(key: str, year: int) -> str:
    from pipeline.domain.period import period_from_key

    try:
        return period_from_key(key, year).name
    except ValueError:
        return key


@blueprint.post("/don-vi/tai-len")
def upload():
    if g.account.is_province:
        abort(404)
    year = request.form.get("nam", type=int)
    period_key = request.form.get("ky", "")
    sent = request.files.get("so")
    if year is None or period_key not in {p.key for p in year_periods(year or 2000)} or not (1990 <= year <= 2100):
        return _upload_form_error("chọn năm và kỳ báo cáo trong danh sách")
    if sent is None or not sent.filename:
        return _upload_form_error("chưa chọn tệp — bấm “Chọn tệp” và chọn sổ Excel (.xlsx) của đơn vị")
    parts = portal()
    stored = parts["store"].put_stream(sent.stream, parts["settings"].max_upload_bytes)
    if stored is None:
        abort(413)
    digest, size = stored
    with parts["database"].session() as s:
        row = Upload(account_id=g.account.id, year=year, period_key=period_key, file_hash=digest, size=size,
                     original_name=Path(sent.filename.replace("\\", "/")).name[:255] or "so.xlsx", state="cho",
                     problems_json="[]", warnings_json="[]", agency="", agency_key="")
        s.add(row)
        s.flush()
        audit(s, "tai-len", g.account, f"lần {row.id}: {period_key}-{year}, {size} byte, sha256 {digest}",
              client_address())
        upload_id = row.id
    # Acknowledged: the file is on disk and its row committed. Generation happens in a worker.
    parts["generator"].submit(upload_id, digest, year, period_key)
    return redirect(url_for("unit.result", upload_id=upload_id), code=303)


def _upload_form_error(message: str):
    return render_template("loi.html", code=400, message=message, back=url_for("unit.home")), 400


@blueprint.get("/lan/<int:upload_id>")
def result(upload_id: int):
    with portal()["database"].session() as s:
        upload = owned_upload(s, upload_id)
        documents = list(upload.documents)
        owner = upload.account
        number = upload_numbers(s.scalars(select(Upload.id).where(Upload.account_id == upload.account_id)))[upload.id]
    problems = json.loads(upload.problems_json or "[]")
    warnings = json.loads(upload.warnings_json or "[]")
    previews = {d.id: json.loads(d.preview_json or "{}") for d in documents}
    return render_template("ket-qua.html", upload=upload, number=number, owner=owner, documents=documents,
                           problems=problems, warnings=warnings, previews=previews, local_time=local_time,
                           period=period_name(upload.period_key, upload.year))


def _document(s, upload_id: int, document_id: int) -> Document:
    upload = owned_upload(s, upload_id)
    document = s.get(Document, document_id)
    if document is None or document.upload_id != upload.id:
        abort(404)
    return document


def _send(digest: str, name: str, mimetype: str, what: str):
    with portal()["database"].session() as s:
        audit(s, "tai-ve", g.account, f"{what}: {name}", client_address())
    return send_file(portal()["store"].path(digest), mimetype=mimetype, as_attachment=True, download_name=name)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@blueprint.get("/lan/<int:upload_id>/van-ban/<int:document_id>.<kind>")
def document_file(upload_id: int, document_id: int, kind: str):
    with portal()["database"].session() as s:
        document = _document(s, upload_id, document_id)
    if kind == "docx":
        return _send(document.docx_hash, document.name + ".docx", DOCX, f"lần {upload_id}")
    if kind == "pdf" and document.pdf_hash:
        return _send(document.pdf_hash, document.name + ".pdf", "application/pdf", f"lần {upload_id}")
    abort(404)


@blueprint.get("/lan/<int:upload_id>/xem/<int:document_id>/<int:page>.png")
def preview_page(upload_id: int, document_id: int, page: int):
    with portal()["database"].session() as s:
        document = _document(s, upload_id, document_id)
    pages = json.loads(document.preview_json or "{}").get("pages", [])
    if not 1 <= page <= len(pages):
        abort(404)
    return send_file(portal()["store"].path(pages[page - 1]), mimetype="image/png", max_age=3600)


@blueprint.get("/lan/<int:upload_id>/so.xlsx")
def workbook_file(upload_id: int):
    with portal()["database"].session() as s:
        upload = owned_upload(s, upload_id)
    return _send(upload.file_hash, f"so-{upload.period_key}-{upload.year}-lan-{upload.id}.xlsx", XLSX,
                 f"sổ lần {upload_id}")


@blueprint.get("/lan/<int:upload_id>/van-ban.zip")
def documents_zip(upload_id: int):
    with portal()["database"].session() as s:
        upload = owned_upload(s, upload_id)
        documents = list(upload.documents)
        audit(s, "tai-ve", g.account, f"ZIP lần {upload_id}", client_address())
    if not documents:
        abort(404)
    store = portal()["store"]
    data = zip_of([(d.name + ".docx", d.docx_hash) for d in documents]
                  + [(d.name + ".pdf", d.pdf_hash) for d in documents if d.pdf_hash], store)
    name = f"{documents[0].name.split('_')[0]}_{upload.period_key}-{upload.year}.zip"
    return send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True, download_name=name)


def zip_of(members: list[tuple[str, str]], store) -> bytes:
    """A ZIP of stored files under the given names, dated 1980: the same files give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        for name, digest in members:
            info = zipfile.ZipInfo(name, ZIP_STAMP)
            info.external_attr = 0o644 << 16
            zf.writestr(info, store.read(digest))
    return buffer.getvalue()


@blueprint.get("/so-moi.xlsx")
def new_workbook():
    """`make-report init`: a blank workbook for the year asked for."""
    from pipeline.workbook.new import blank_workbook

    year = request.args.get("nam", type=int) or date.today().year
    if not 1990 <= year <= 2100:
        abort(404)
    with tempfile.TemporaryDirectory(prefix="make-report-so-moi-") as work:
        data = blank_workbook(Path(work) / "so.xlsx", year).read_bytes()
    with portal()["database"].session() as s:
        audit(s, "tai-ve", g.account, f"sổ mới năm {year}", client_address())
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=f"ke-hoach-{year}.xlsx")

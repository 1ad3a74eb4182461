"""The province's roll-up, made in a worker by the library's `generate_rollup`: what `tong-hop` writes.

The counted workbooks are laid out as `<tên-đăng-nhập>.xlsx` and the province's information
workbook as `thong-tin.xlsx`, so `make-report tong-hop` on files of those names gives the same bytes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from .store import FileStore

ISSUER_NAME = "thong-tin.xlsx"
NOTHING_TO_ROLL_UP = "chờ các đơn vị gửi sổ có kết quả kỳ này, hoặc bấm tải báo cáo tổng hợp của kỳ khác trên bảng"
ROLL_UP_AGAIN = "bấm tải báo cáo tổng hợp lại"
"""What the province does where the command line's hint says to run it again."""


def make_rollup(data_dir: str, workbooks: list[tuple[str, str]], issuer_hash: str, period_key: str,
                absent: Sequence[tuple[str, str]] = ()) -> dict:
    """`{"files": {".docx": hash, ".xlsx": hash}, "names": {...}, "summary": str}` or `{"problems": [...]}`.

    `absent`: (name, last period reported) of the units that sent no workbook for the period.
    """
    from pipeline import MakeReportError, NothingToDo, generate_rollup, read_issuer_workbook

    from .generation import in_portal_words, refused

    store = FileStore(Path(data_dir))
    with tempfile.TemporaryDirectory(prefix="make-report-tong-hop-") as work:
        folder = Path(work) / "so"
        folder.mkdir()
        paths = []
        for login, digest in workbooks:
            path = folder / f"{login}.xlsx"
            path.write_bytes(store.read(digest))
            paths.append(path)
        issuer_path = Path(work) / ISSUER_NAME
        issuer_path.write_bytes(store.read(issuer_hash))
        try:
            issuer = read_issuer_workbook(issuer_path)
            result = generate_rollup(paths, issuer, Path(work) / "out", period_key, absent=absent)
        except NothingToDo as exc:  # a hint naming the command line's --ky: here the period is a link
            hint = NOTHING_TO_ROLL_UP if "--ky" in exc.hint else in_portal_words(exc.hint, again=ROLL_UP_AGAIN)
            return {"problems": [{"sheet": "", "cell": "", "message": exc.message, "hint": hint}]}
        except MakeReportError as exc:
            return refused(exc, again=ROLL_UP_AGAIN)
        rollup = result.rollup
        files, names = {}, {}
        for written in result.written:
            files[written.suffix] = store.put(written.read_bytes())
            names[written.suffix] = written.name
        summary = (f"{len(rollup.units)}/{len(paths)} sổ được tính; {len(rollup.not_reported)} đơn vị chưa báo cáo, "
                   f"{len(rollup.duplicates)} sổ trùng, {sum(len(r.workbooks) for r in rollup.refused)} "
                   "sổ không tổng hợp được")
        return {"files": files, "names": names, "summary": summary}

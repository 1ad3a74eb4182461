"""`make-report check`: the ND 30 checker on Word files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import ExitCode, debug_option, echo_problem, main, say


@main.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False), metavar="TỆP_DOCX...")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON (cho chương trình khác đọc).")
@debug_option
def check(files, as_json, debug):
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

    from ..check import NotADocx, check_docx, format_report, report_to_dict

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

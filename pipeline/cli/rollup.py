"""`make-report tong-hop`: one period of many units rolled up for the province."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..documents import REGISTRY
from ..errors import MakeReportError
from .app import DEFAULT_OUTPUTS, ExitCode, chosen_period, debug_option, echo_problem, main, parse_quarter_option, \
    period_option, report_error, say
from .generate import given_workbooks, progress_bar


@main.command("tong-hop")
@click.argument("workbooks", nargs=-1, type=click.Path(path_type=Path, readable=False), metavar="[SỔ_EXCEL]...")
@click.option("-i", "--input-dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Thư mục chứa sổ Excel của các xã (kể cả trong các thư mục con).")
@click.option("-q", "--quarter", callback=parse_quarter_option, metavar="N",
              help="Quý tổng hợp (1–4 hoặc I–IV), như --ky quy-N. Mặc định: quý mới nhất đã có kết quả.")
@period_option
@click.option("--thong-tin", "issuer_workbook", type=click.Path(dir_okay=False, exists=True, readable=False, path_type=Path),
              help="Sổ Excel nhỏ của cơ quan tổng hợp (trang Thông tin, Văn bản có dòng “Báo cáo quý …”, "
                   "Nơi nhận) — cùng mẫu với sổ của xã.")
@click.option("--co-quan", help="Cơ quan tổng hợp, khi không có --thong-tin (ví dụ “SỞ NỘI VỤ TỈNH QUẢNG TRỊ”).")
@click.option("--ten-goi-tat", help="Tên gọi tắt của cơ quan tổng hợp trong câu văn (ví dụ “Sở Nội vụ”, “UBND tỉnh”).")
@click.option("--co-quan-chu-quan", default="", help="Cơ quan chủ quản (nếu có).")
@click.option("--ky-hieu", help="Ký hiệu cơ quan trong số văn bản (ví dụ “SNV”). Mặc định: theo --co-quan "
                                 "(UBND của Ủy ban nhân dân, SNV của Sở Nội vụ…).")
@click.option("--dia-danh", help="Địa danh ở dòng ngày tháng (ví dụ “Quảng Trị”).")
@click.option("--so", default=None, help="Số văn bản; bỏ trống để văn thư điền.")
@click.option("--ngay", default=None, help="Ngày ban hành, dạng 05/4/2024; bỏ trống để văn thư điền.")
@click.option("--quyen-han", help="Quyền hạn ký; hai dòng thì ngăn bằng “|”, ví dụ “TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH”. "
                                   "Mặc định: theo --co-quan và --chuc-vu (Ủy ban nhân dân: TM. ỦY BAN NHÂN DÂN; "
                                   "Giám đốc Sở ký không có dòng này, Phó Giám đốc: KT. GIÁM ĐỐC).")
@click.option("--chuc-vu", help="Chức vụ người ký. Mặc định: CHỦ TỊCH (Ủy ban nhân dân), GIÁM ĐỐC (Sở).")
@click.option("--nguoi-ky", help="Họ tên người ký.")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUTPUTS,
              show_default=True, help="Thư mục ghi kết quả (thư mục con NĂM-KỲ/tong-hop, ví dụ 2026-Q2/tong-hop, 2026-6T/tong-hop).")
@click.option("-t", "--templates", type=click.Path(file_okay=False, path_type=Path),
              help=f"Thư mục mẫu Word của bạn (cần {REGISTRY.of_many_plans().template}).")
@click.option("--pdf", is_flag=True, help="Xuất thêm PDF của báo cáo tổng hợp (cần LibreOffice).")
@debug_option
def tong_hop(workbooks, input_dir, quarter, period, issuer_workbook, co_quan, ten_goi_tat, co_quan_chu_quan, ky_hieu,
             dia_danh, so, ngay, quyen_han, chuc_vu, nguoi_ky, out_dir, templates, pdf, debug):
    """Tổng hợp kết quả một kỳ (quý, 6 tháng, 9 tháng, năm) của nhiều xã, phường, đặc khu thành một
    báo cáo (DOCX) và một sổ Excel cho cấp tỉnh.

    Chỉ tính đơn vị đã báo cáo kỳ đó, không tính một đơn vị hai lần. Mỗi đơn vị: số, ngày báo cáo;
    số nhiệm vụ hoàn thành, đang thực hiện, chưa thực hiện, quá hạn; tổng cộng và tỷ lệ; xếp theo
    tỷ lệ hoàn thành; nhiệm vụ quá hạn; đơn vị chưa báo cáo; sổ không tổng hợp được và lý do.

    \b
    Ví dụ:
      make-report tong-hop --input-dir cac-xa/ --quarter 1 --thong-tin tinh.xlsx
      make-report tong-hop --input-dir cac-xa/ --ky 6-thang --thong-tin tinh.xlsx
      make-report tong-hop cac-xa/*.xlsx --co-quan "SỞ NỘI VỤ TỈNH QUẢNG TRỊ" \\
          --dia-danh "Quảng Trị" --chuc-vu "PHÓ GIÁM ĐỐC" --nguoi-ky "Nguyễn Văn A"
    """
    from ..generate import generate_rollup

    try:
        paths = given_workbooks(workbooks, input_dir, out_dir)
    except MakeReportError as exc:
        sys.exit(report_error(exc, debug))
    if not paths:
        raise click.UsageError("hãy chỉ ra các sổ của xã, ví dụ: make-report tong-hop --input-dir cac-xa/")
    try:
        if issuer_workbook:
            from ..workbook.reader import read_issuer_workbook

            issuer = read_issuer_workbook(issuer_workbook)
        else:
            issuer = issuer_from_options(co_quan, ten_goi_tat, co_quan_chu_quan, ky_hieu, dia_danh, so, ngay, quyen_han,
                                         chuc_vu, nguoi_ky)
        with progress_bar(len(paths), quiet=False) as advance:
            result = generate_rollup(paths, issuer, out_dir, chosen_period(quarter, period), templates, pdf,
                                     on_done=lambda _: advance())
    except MakeReportError as exc:
        sys.exit(report_error(exc, debug))
    for warning in result.warnings:
        echo_problem("Cảnh báo: ", str(warning))
    for written in result.written:
        say(f"Đã tạo: {written}")
    rollup = result.rollup
    say(f"Tổng hợp {rollup.period.name}: {len(rollup.units)}/{len(paths)} sổ được tính; "
               f"{len(rollup.not_reported)} đơn vị chưa báo cáo, {len(rollup.duplicates)} sổ trùng, "
               f"{sum(len(r.workbooks) for r in rollup.refused)} sổ không tổng hợp được.")
    if rollup.forms is not None:
        differing = len(rollup.forms.differing)
        from ..statistics.forms import gave_any

        forms = rollup.forms
        own = " và số liệu riêng của cơ quan tổng hợp" if gave_any(forms.own) else ""
        source = (f"số liệu của {forms.giving}/{len(forms.unit_names)} đơn vị đã báo cáo{own}" if forms.giving
                  else "chỉ có số liệu riêng của cơ quan tổng hợp (chưa đơn vị nào nhập trang Số liệu)")
        say(f"  Biểu mẫu thống kê: 7 biểu mẫu, {source} (phụ lục báo cáo; trang Biểu mẫu 1 … 7 của sổ Excel)"
            + (f"; {differing} chỉ tiêu phải theo danh mục chung nhưng có đơn vị báo số khác (ô nền vàng, tên "
               f"đơn vị ở cột Ghi chú của sổ Excel)" if differing else ""))
    for unit in rollup.not_reported:
        say(f"  Chưa báo cáo: {unit.workbook}: {unit.short_name} chưa có kết quả {rollup.period.name}"
            + (f" (báo cáo gần nhất: {unit.last_period})" if unit.last_period else ""))
    for copy, kept in rollup.duplicates:
        say(f"  Trùng: {copy}: cùng nội dung với {kept.name}, chỉ tính một lần")
    for refused in rollup.refused:
        say(f"  Không tổng hợp: {', '.join(str(p) for p in refused.workbooks)}: {refused.reason}"
            + (f" — {refused.hint}" if refused.hint else ""))
    sys.exit(ExitCode.INVALID_INPUT if rollup.refused else ExitCode.OK)


def issuer_from_options(co_quan, ten_goi_tat, co_quan_chu_quan, ky_hieu, dia_danh, so, ngay, quyen_han, chuc_vu,
                        nguoi_ky):
    """The roll-up's issuer built from options; every missing one is named at once."""
    from datetime import date

    from ..domain.plan import Agency, DocumentInfo, DocumentType, IssueDate, Recipients, Signer
    from ..domain.deadlines import parse_day_month_year
    from ..workbook.reader import Issuer

    missing = [name for name, value in (("--co-quan", co_quan), ("--dia-danh", dia_danh), ("--nguoi-ky", nguoi_ky))
               if not value]
    if missing:
        raise click.UsageError("cần " + ", ".join(missing) + " (hoặc --thong-tin SỔ.xlsx)")
    issue_date = None
    if ngay:
        try:
            issue_date = parse_day_month_year(ngay)
        except ValueError:
            issue_date = None
        if issue_date is None:
            raise click.BadParameter(f"“{ngay}” không phải ngày dạng 05/4/2024", param_hint="--ngay")
    year = issue_date.year if issue_date else date.today().year
    from ..domain.agency import agency_symbol, authority_lines, head_title
    from ..domain.period import all_periods
    from ..vietnamese import agency_in_sentence

    ky_hieu = ky_hieu or agency_symbol(co_quan)
    chuc_vu = chuc_vu or head_title(co_quan)
    unknown = [name for name, value in (("--ky-hieu", ky_hieu), ("--chuc-vu", chuc_vu)) if not value]
    if unknown:
        raise click.UsageError(f"không suy ra được {' và '.join(unknown)} từ tên cơ quan “{co_quan}”: ghi rõ "
                               + ", ".join(f"{name} (ví dụ {example})" for name, example in
                                           (("--ky-hieu", "“BQL”"), ("--chuc-vu", "“TRƯỞNG BAN”")) if name in unknown))
    authority = tuple(quyen_han.split("|")) if quyen_han is not None else authority_lines(co_quan, chuc_vu)
    agency = Agency(name=co_quan, short_name=ten_goi_tat or agency_in_sentence(co_quan), symbol=ky_hieu,
                    place=dia_danh, managing_body=co_quan_chu_quan or None)
    info = DocumentInfo(
        kind=DocumentType.REPORT, period=None, number=so,
        issue_date=IssueDate(year, issue_date.month, issue_date.day) if issue_date else IssueDate(year),
        summary=None, signer=Signer(tuple(line for line in authority if line.strip()), chuc_vu, nguoi_ky),
    )
    return Issuer(agency, year if issue_date else None, {p: info for p in all_periods(year)}, Recipients())

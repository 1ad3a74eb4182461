"""The `Hướng dẫn` sheet that `make-report init` puts first in a new workbook: how to fill each sheet.

The reader never looks at it (it reads sheets by name), so the clerk may keep or delete it.
"""

from __future__ import annotations

from . import format as F


def guide_rows(year: int) -> list[tuple[str, str]]:
    """(sheet or topic, what to do) rows, in Vietnamese, with examples in the plan's year."""
    deadlines = (
        f"Thường xuyên; Quý I … Quý IV; 6 tháng đầu năm; 6 tháng cuối năm; 9 tháng đầu năm; "
        f"Trong năm; Cuối năm; Năm {year}; Tháng 6/{year}; 30/6/{year}; Trước ngày 30/6/{year}"
    )
    return [
        ("Chung",
         "Mỗi sổ là kế hoạch của một cơ quan trong một năm, kèm kết quả từng quý. Thay mọi chữ ví dụ "
         "(có dấu “…”, “Họ và tên”) bằng nội dung thật; ô nào còn chữ ví dụ thì chương trình cảnh báo. "
         "Không đổi tên các trang và tiêu đề cột ở dòng 1. Xuống dòng trong một ô: Alt+Enter. "
         "Trang Hướng dẫn này không được đọc; nên giữ lại vì danh sách Lĩnh vực thả xuống lấy từ đây."),
        (F.SHEET_INFO,
         "Cơ quan ban hành: tên đầy đủ, ví dụ ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH. Cơ quan chủ quản: để trống "
         "nếu không có (UBND xã không ghi cơ quan chủ quản). Tên gọi tắt: cách văn bản gọi cơ quan, ví dụ "
         "UBND xã. Ký hiệu cơ quan: phần sau số văn bản, ví dụ UBND (ra KH-UBND, BC-UBND). Địa danh: "
         f"tên xã ở dòng ngày tháng. Năm: năm của kế hoạch, bốn chữ số ({year}). Có thể thêm mục "
         "“Nhóm theo lĩnh vực” với giá trị Có hoặc Không: xếp nhiệm vụ theo lĩnh vực cải cách hành chính."),
        (F.SHEET_DOCUMENTS,
         "Mỗi dòng một văn bản cần tạo: Kế hoạch; Báo cáo quý I … Báo cáo quý IV; Báo cáo 6 tháng; "
         "Báo cáo 9 tháng; Báo cáo năm. Chỉ văn bản có dòng ở đây mới được tạo. Số và Ngày ban hành để "
         f"trống thì văn thư điền sau; ghi ngày dạng 05/3/{year} hoặc chỉ tháng 3/{year}. Quyền hạn ký: "
         "Chủ tịch ký ghi TM. ỦY BAN NHÂN DÂN; Phó Chủ tịch ký thay ghi hai dòng TM. ỦY BAN NHÂN DÂN "
         "(Alt+Enter) KT. CHỦ TỊCH. Kính gửi: cơ quan nhận báo cáo, ví dụ Sở Nội vụ tỉnh …, mỗi cơ quan "
         "một dòng. Các cột Tồn tại, hạn chế; Nguyên nhân; Nhiệm vụ quý tới; Đề xuất, kiến nghị chỉ dùng "
         "cho báo cáo."),
        (F.SHEET_BODY,
         "Nội dung kế hoạch, mỗi đoạn một dòng theo thứ tự. Đề mục: I., II. (đề mục lớn, in hoa); 1., 2. "
         "(đề mục nhỏ); a), b) hoặc - (ý liệt kê); để trống là đoạn văn thường."),
        (F.SHEET_TASKS,
         "Mỗi nhiệm vụ một dòng, là bảng của Phụ lục. TT: số thứ tự 1, 2, 3… không trùng. Tiêu chí: bắt "
         "đầu bằng mã tiêu chí nếu có, ví dụ Tiêu chí 1.3. Kiểm tra, giám sát công tác CCHC. Thời gian "
         f"hoàn thành: chọn trong danh sách hoặc gõ một trong các dạng: {deadlines}. Cột Lĩnh vực (nếu "
         "có) ghi lĩnh vực cải cách hành chính khi mã tiêu chí không cho biết."),
        (F.SHEET_RESULTS,
         "Mỗi quý, mỗi nhiệm vụ có tiến triển thì thêm một dòng: TT của nhiệm vụ, Quý (I, II, III, IV), "
         "Tình trạng (Hoàn thành, Đang thực hiện, Chưa thực hiện, Điều chỉnh, Dừng thực hiện), Kết quả thực "
         "hiện, Hồ sơ kiểm chứng (mỗi văn bản một dòng). Nhiệm vụ đã Hoàn thành không cần thêm dòng ở các "
         "quý sau. Dòng sau để trống Kết quả hoặc Hồ sơ kiểm chứng thì giữ nội dung đã ghi ở quý trước. "
         "Ngày hoàn thành (nếu có): ngày nhiệm vụ xong, để tính đúng hạn hay quá hạn. Điều chỉnh: ghi Thời "
         "hạn mới và số, ngày văn bản điều chỉnh ở Ghi chú. Dừng thực hiện: ghi số, ngày văn bản ở Ghi chú; "
         "nhiệm vụ không tính vào tổng số và tỷ lệ hoàn thành."),
        (F.SHEET_RECIPIENTS,
         "Mỗi nơi nhận một dòng; cột Văn bản ghi Kế hoạch hoặc Báo cáo (dùng cho mọi báo cáo). Chỉ gõ tên, "
         "ví dụ UBND tỉnh … (b/c); chương trình tự thêm dấu “- …;” và dòng cuối “Lưu: VT”."),
        ("Tạo văn bản",
         "Lưu sổ (Ctrl+S), đóng Excel nếu muốn, rồi trong cửa sổ lệnh gõ: make-report TÊN_SỔ.xlsx "
         "(báo cáo quý mới nhất đã có kết quả), make-report TÊN_SỔ.xlsx --quarter 2 (báo cáo quý II), "
         "--ky 6-thang, --ky 9-thang hoặc --ky nam (báo cáo 6 tháng, 9 tháng, năm). "
         "Văn bản nằm trong thư mục outputs."),
    ]


def add_guide_sheet(wb, year: int) -> str:
    """Put the guide first and open the workbook on it; the range of its CCHC field names, for a dropdown."""
    from ..domain.cchc_fields import STANDARD_FIELDS

    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(F.SHEET_GUIDE, 0)
    ws.append([f"HƯỚNG DẪN ĐIỀN SỔ KẾ HOẠCH, BÁO CÁO CẢI CÁCH HÀNH CHÍNH NĂM {year}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(["Trang", "Cách điền"])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in guide_rows(year):
        ws.append(list(row))
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.append([])
    ws.append(["Mã", "Lĩnh vực cải cách hành chính (danh sách thả xuống của cột Lĩnh vực, trang Nhiệm vụ)"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    first = ws.max_row + 1
    for code, name in STANDARD_FIELDS.items():
        ws.append([code, name])
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 110
    wb.active = 0
    return f"'{F.SHEET_GUIDE}'!$B${first}:$B${ws.max_row}"

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
         "“Nhóm theo lĩnh vực” với giá trị Có hoặc Không: xếp nhiệm vụ theo lĩnh vực cải cách hành chính. "
         "Mẫu báo cáo: “Báo cáo CCHC định kỳ” (báo cáo công tác cải cách hành chính theo đề cương của Bộ Nội "
         "vụ, kèm 7 biểu mẫu thống kê) hoặc “Kết quả thực hiện kế hoạch” (báo cáo kết quả thực hiện từng "
         "nhiệm vụ của kế hoạch). Căn cứ báo cáo: văn bản của tỉnh yêu cầu báo cáo, mở đầu câu “Thực hiện …”, "
         "ví dụ Công văn số 125/SNV-CCHC ngày 10/02/" + str(year) + " của Sở Nội vụ tỉnh … về chế độ báo cáo "
         "cải cách hành chính; để trống thì câu mở đầu bắt đầu bằng tên gọi tắt. Cấp: xã (cả phường, đặc "
         "khu) hoặc tỉnh: quyết định cách gọi lãnh đạo trong đề mục và các chỉ tiêu thống kê phải báo cáo."),
        (F.SHEET_DOCUMENTS,
         "Mỗi dòng một văn bản cần tạo: Kế hoạch; Báo cáo quý I … Báo cáo quý IV; Báo cáo 6 tháng; "
         "Báo cáo 9 tháng; Báo cáo năm. Chỉ văn bản có dòng ở đây mới được tạo. Số và Ngày ban hành để "
         f"trống thì văn thư điền sau; ghi ngày dạng 05/3/{year} hoặc chỉ tháng 3/{year}. Quyền hạn ký: "
         "Chủ tịch ký ghi TM. ỦY BAN NHÂN DÂN; Phó Chủ tịch ký thay ghi hai dòng TM. ỦY BAN NHÂN DÂN "
         "(Alt+Enter) KT. CHỦ TỊCH. Kính gửi: cơ quan nhận báo cáo, ví dụ Sở Nội vụ tỉnh …, mỗi cơ quan "
         "một dòng. Các cột Tồn tại, hạn chế; Nguyên nhân; Nhiệm vụ quý tới; Đề xuất, kiến nghị chỉ dùng "
         "cho báo cáo. Báo cáo CCHC định kỳ theo chu kỳ quý I, 6 tháng, quý III, năm (sổ mới đã có bốn dòng "
         "này); kỳ khác cũng lập được nếu thêm dòng."),
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
        (F.SHEET_STATISTICS,
         "Số liệu của 7 biểu mẫu thống kê kèm Báo cáo CCHC định kỳ. Mỗi chỉ tiêu mỗi kỳ một dòng: Mã "
         "(số của chỉ tiêu trong biểu, ví dụ 3.3.2.1; đưa chuột vào ô Mã để xem tên chỉ tiêu), Kỳ (Quý I, "
         "6 tháng, Quý III, Năm…), Số liệu (số, ví dụ 9.458 hoặc 95,53; để trống nếu không có), Ghi chú (in "
         "ở cột Ghi chú của biểu). Sổ mới đã có sẵn các chỉ tiêu xã phải điền cho Quý I; kỳ sau thì chép "
         "các dòng này và đổi cột Kỳ. Số liệu 6 tháng, năm là lũy kế từ đầu năm. Không cần điền: các tỷ lệ "
         "tính từ hai dòng của nó (ví dụ 3.3.2 từ 3.3.2.1 và 3.3.2.2), số nhiệm vụ của kế hoạch (1.2.1, "
         "1.2.2, lấy từ trang Nhiệm vụ và Kết quả)."),
        (F.SHEET_REPORT_TEXT,
         "Nội dung của Báo cáo CCHC định kỳ do xã tự viết, mỗi đoạn một dòng, theo thứ tự. Cột Văn bản: báo "
         "cáo nào (Báo cáo quý I …). Cột Mục: mã mục của đề cương (chọn trong danh sách; các mã và tên mục ở "
         "cuối trang này), ví dụ I.1, II.2.c, III.2, IV, V. Cột Nội dung: một đoạn văn; dòng bắt đầu bằng "
         "“-” hoặc “+” là ý liệt kê. Mục I.2 và các nhiệm vụ của kế hoạch dưới mục II.1 … II.6 chương trình "
         "tự lập từ trang Nhiệm vụ và Kết quả; có thể viết thêm. Điểm a), b) … chỉ in khi có nội dung; mục "
         "lớn (I.1 … IV) để trống thì chương trình cảnh báo. Mục V chỉ in khi có nội dung. Ví dụ mở ý theo "
         "báo cáo mẫu: II.1.d “- Công tác kiểm tra, rà soát: …”, “- Công tác hệ thống hóa văn bản QPPL: …”; "
         "II.2.c “- Tình hình tổ chức và hoạt động của Bộ phận Một cửa các cấp: …”, “- Kết quả thực hiện số "
         "hóa hồ sơ, giấy tờ, kết quả giải quyết TTHC: …”, “- Kết quả tiếp nhận, xử lý phản ánh, kiến nghị "
         "của người dân, tổ chức liên quan đến quy định TTHC: …”, “- Kết quả thực hiện việc đánh giá chất "
         "lượng giải quyết TTHC: …”; II.5.a “- Kết quả thực hiện Kế hoạch giải ngân vốn đầu tư công: …”. "
         "Các cột Tồn tại, hạn chế; Nguyên nhân; Nhiệm vụ quý tới; Đề xuất, kiến nghị của trang Văn bản "
         "vẫn dùng được: vào mục III.2, IV, V."),
        (F.SHEET_RECIPIENTS,
         "Mỗi nơi nhận một dòng; cột Văn bản ghi Kế hoạch hoặc Báo cáo (dùng cho mọi báo cáo). Chỉ gõ tên, "
         "ví dụ UBND tỉnh … (b/c); chương trình tự thêm dấu “- …;” và dòng cuối “Lưu: VT”."),
        ("Tạo văn bản",
         "Lưu sổ (Ctrl+S), đóng Excel nếu muốn, rồi trong cửa sổ lệnh gõ: make-report TÊN_SỔ.xlsx "
         "(báo cáo quý mới nhất đã có kết quả), make-report TÊN_SỔ.xlsx --quarter 2 (báo cáo quý II), "
         "--ky 6-thang, --ky 9-thang hoặc --ky nam (báo cáo 6 tháng, 9 tháng, năm). "
         "Văn bản nằm trong thư mục outputs."),
    ]


def add_guide_sheet(wb, year: int) -> tuple[str, str]:
    """Put the guide first and open the workbook on it; the ranges of its CCHC field names and of the
    CCHC report's section codes, for dropdowns."""
    from ..domain.cchc_fields import STANDARD_FIELDS
    from ..domain.cchc_outline import OUTLINE, Level

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
    fields = f"'{F.SHEET_GUIDE}'!$B${first}:$B${ws.max_row}"
    ws.append([])
    ws.append(["Mục", "Đề cương Báo cáo CCHC định kỳ (cột Mục, trang Nội dung báo cáo)"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    first = ws.max_row + 1
    for section in OUTLINE:
        if section.typed:
            ws.append([section.code, f"{section.marker} {section.heading(Level.COMMUNE, 'xã')}"
                       .replace("{next}", "KỲ SAU")])
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 110
    wb.active = 0
    return fields, f"'{F.SHEET_GUIDE}'!$A${first}:$A${ws.max_row}"

"""A post-reform ward's year in the periodic CCHC report form, built in code.

Phường An Khánh keeps the commune year of `year.py` (15 tasks, the same results quarter by quarter)
and reports in the Bộ Nội vụ's outline: `Mẫu báo cáo` = `Báo cáo CCHC định kỳ`, a `Căn cứ báo
cáo`, and its own text in `Nội dung báo cáo` for every report of the year (quý I–IV, 6 tháng,
9 tháng, năm). Where the ward writes nothing (II.1.a: a ward issues no QPPL this year, II.3.a,
II.3.d, II.5.c, II.6.g) the report leaves the sub-item out, as the real report would.
"""

from __future__ import annotations

from pipeline.workbook import format as F

from year import INFO, year_sheets

WARD_INFO = [(label, value) for label, value in INFO
             if label not in (F.INFO_ISSUER, F.INFO_PLACE, F.INFO_SHORT_NAME)] + [
    (F.INFO_ISSUER, "ỦY BAN NHÂN DÂN PHƯỜNG AN KHÁNH"),
    (F.INFO_SHORT_NAME, "UBND phường"),
    (F.INFO_PLACE, "An Khánh"),
    (F.INFO_REPORT_FORM, "Báo cáo CCHC định kỳ"),
    (F.INFO_LEGAL_BASIS, "Công văn số 125/SNV-CCHC ngày 10/02/2026 của Sở Nội vụ tỉnh Đồng Nai về việc thực "
                         "hiện chế độ báo cáo cải cách hành chính định kỳ năm 2026"),
]

LEGAL_BASIS = WARD_INFO[-1][1]

# (section, text) the ward writes in every report; the period name is put in by `texts_for`.
TEXTS = [
    ("I.1", "Đảng ủy, Ủy ban nhân dân phường đã quán triệt, triển khai các văn bản chỉ đạo của tỉnh về CCHC "
            "{ky}; ban hành 04 văn bản chỉ đạo, điều hành công tác CCHC."),
    ("I.3", "Ủy ban nhân dân phường ban hành Kế hoạch kiểm tra công tác CCHC năm 2026; {ky} đã kiểm tra 02 "
            "bộ phận chuyên môn."),
    ("I.4", "Đăng tải 12 tin, bài về CCHC trên Trang thông tin điện tử của phường."),
    ("I.4", "- Tuyên truyền qua hệ thống loa truyền thanh của các khu phố: 20 lượt."),
    ("I.5", "Tổng số nhiệm vụ được giao là 6, đã hoàn thành đúng hạn 5/6 nhiệm vụ, nhiệm vụ chưa hoàn thành "
            "còn trong hạn là 1/6 nhiệm vụ."),
    ("I.6", "Duy trì mô hình “Bộ phận Một cửa thân thiện”, hỗ trợ người cao tuổi nộp hồ sơ trực tuyến."),
    ("II.1.b", "Triển khai Kế hoạch theo dõi tình hình thi hành pháp luật năm 2026 trên địa bàn phường."),
    ("II.1.c", "Tổ chức 01 hội nghị phổ biến, giáo dục pháp luật cho cán bộ khu phố."),
    ("II.1.d", "- Công tác kiểm tra, rà soát: đã rà soát 10 văn bản do phường ban hành, không phát hiện văn "
               "bản trái pháp luật."),
    ("II.2.a", "Rà soát quy trình nội bộ của 15 TTHC thuộc thẩm quyền của phường."),
    ("II.2.b", "Số TTHC thuộc thẩm quyền giải quyết của cấp xã do tỉnh công bố là 445 TTHC."),
    ("II.2.c", "- Tình hình tổ chức và hoạt động của Bộ phận Một cửa các cấp: Trung tâm Phục vụ hành chính "
               "công phường hoạt động ổn định."),
    ("II.2.c", "- Kết quả thực hiện số hóa hồ sơ, giấy tờ, kết quả giải quyết TTHC: tỷ lệ số hóa đạt 92%."),
    ("II.3.b", "Phường không có cơ quan, đơn vị phải sắp xếp trong kỳ."),
    ("II.3.c", "Biên chế công chức được giao 40, có mặt 38."),
    ("II.4.a", "Thực hiện vị trí việc làm theo Quyết định của Ủy ban nhân dân tỉnh."),
    ("II.4.b", "- Công tác tuyển dụng: không tổ chức tuyển dụng trong kỳ."),
    ("II.4.c", "Cán bộ, công chức chấp hành nghiêm kỷ luật, kỷ cương hành chính; không có trường hợp vi phạm."),
    ("II.4.d", "Cử 05 lượt công chức tham gia bồi dưỡng chuyên môn."),
    ("II.5.a", "- Kết quả thực hiện Kế hoạch giải ngân vốn đầu tư công: đã giải ngân 1.250 triệu đồng."),
    ("II.5.b", "Quản lý, sử dụng tài sản công đúng quy định."),
    ("II.6.a", "Ban hành Kế hoạch chuyển đổi số năm 2026 của phường."),
    ("II.6.b", "100% công chức có máy tính kết nối mạng."),
    ("II.6.c", "Sử dụng Hệ thống quản lý văn bản và điều hành của tỉnh."),
    ("II.6.d", "Cập nhật dữ liệu hộ tịch vào cơ sở dữ liệu dùng chung."),
    ("II.6.đ", "Họp trực tuyến với tỉnh qua hệ thống hội nghị truyền hình."),
    ("II.6.e", "Tổ công nghệ số cộng đồng hỗ trợ người dân cài đặt VNeID."),
    ("II.6.h", "Cung cấp dịch vụ công trực tuyến toàn trình trên Cổng dịch vụ công quốc gia."),
    ("III.1", "Công tác CCHC được quan tâm chỉ đạo, các nhiệm vụ cơ bản triển khai đúng kế hoạch."),
    ("III.2", "Một số nhiệm vụ còn chậm so với kế hoạch do nhân sự thay đổi sau sắp xếp."),
    ("IV", "1. Tiếp tục thực hiện các nhiệm vụ còn lại của Kế hoạch CCHC năm 2026."),
    ("IV", "2. Nâng cao tỷ lệ hồ sơ trực tuyến toàn trình."),
]
PROPOSAL = ("V", "Đề nghị Sở Nội vụ tổ chức tập huấn nghiệp vụ CCHC cho công chức phường.")

REPORT_LABELS = {1: "Báo cáo quý I", 2: "Báo cáo quý II", "6T": "Báo cáo 6 tháng", 3: "Báo cáo quý III",
                 "9T": "Báo cáo 9 tháng", 4: "Báo cáo quý IV", "N": "Báo cáo năm"}
PERIOD_WORDS = {1: "trong quý I", 2: "trong quý II", "6T": "trong 6 tháng đầu năm", 3: "trong quý III",
                "9T": "trong 9 tháng", 4: "trong quý IV", "N": "trong năm"}

# Sub-items the ward never writes: left out of every report.
NO_CONTENT = ("II.1.a", "II.3.a", "II.3.d", "II.5.c", "II.6.g")


def texts_for(key) -> list[list]:
    rows = [[REPORT_LABELS[key], code, text.replace("{ky}", PERIOD_WORDS[key])] for code, text in TEXTS]
    if key == "N":
        rows.append([REPORT_LABELS[key], *PROPOSAL])
    return rows


# Số liệu: (code, Kỳ, value). Hand-worked ratios, as the forms must print them (2 decimals at most,
# no trailing zeros): see RATIOS.
STATISTICS = [
    ("1.1", "Quý I", 4), ("1.3.3.1", "Quý I", 3), ("1.3.3.2", "Quý I", 2),
    ("2.2.2.1", "Quý I", 0), ("2.2.2.2", "Quý I", 0),
    ("3.3.2.1", "Quý I", 1250), ("3.3.2.2", "Quý I", 1236),
    ("6.1.1", "Quý I", 2500), ("6.1.2", "Quý I", 1250),
    ("7.4.3.1", "Quý I", 800), ("7.4.3.2", "Quý I", 640),
    ("1.1", "Năm", 15), ("3.3.2.1", "Năm", 5120), ("3.3.2.2", "Năm", 5100),
    ("6.1.1", "Năm", 2500), ("6.1.2", "Năm", 2375.5),
]
# (period key, code) -> (value, Ghi chú). 1.2 is the plan's: 2/15 done at 14/3, 13/15 at 14/12 (year.py).
RATIOS = {
    ("quy-1", "1.2"): ("13,33", ""),             # 2 / 15 = 13,333…
    ("quy-1", "1.3.3"): ("66,67", ""),           # 2 / 3 = 66,666…
    ("quy-1", "2.2.2"): ("-", "Không phát sinh"),  # 0 / 0: nothing computed
    ("quy-1", "3.3.2"): ("98,88", ""),           # 1.236 / 1.250
    ("quy-1", "6.1"): ("50", ""),                # 1.250 / 2.500
    ("quy-1", "7.4.3"): ("80", ""),              # 640 / 800
    ("nam", "1.2"): ("86,67", ""),               # 13 / 15 = 86,666…
    ("nam", "3.3.2"): ("99,61", ""),             # 5.100 / 5.120 = 99,609…
    ("nam", "6.1"): ("95,02", ""),               # 2.375,5 / 2.500 = 95,02
}


def ward_sheets(upto: int = 4) -> dict[str, list]:
    """The ward's workbook after quarters 1..upto, with the report text of every report so far."""
    sheets = year_sheets(upto)
    sheets[F.SHEET_INFO] = [list(r) for r in WARD_INFO]
    for row in sheets[F.SHEET_DOCUMENTS]:
        if len(row) > 10:  # the v1.1 `Nhiệm vụ quý tới` column: IV comes from `Nội dung báo cáo` here
            row[10] = None
    keys = [k for k in (1, 2, "6T", 3, "9T", 4, "N") if {"6T": 2, "9T": 3, "N": 4}.get(k, k) <= upto]
    sheets[F.SHEET_REPORT_TEXT] = [row for key in keys for row in texts_for(key)]
    sheets[F.SHEET_STATISTICS] = [[code, period, value, None] for code, period, value in STATISTICS]
    return sheets

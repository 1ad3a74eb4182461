"""A post-reform commune's whole year, built in code: the plan in January, then each quarter's edits.

Xã Tân Phú (formed by the 2025 reform, no district above it) has 15 tasks across CCHC fields 1, 2,
3, 5 and 7 and one task with no criterion code. `year_sheets(upto)` gives the workbook as the clerk
has it after entering the results of quarters 1..upto, the way a clerk really does: a finished task
gets no further rows; an unfinished one gets a row with its new status, often leaving the outcome or
evidence blank when nothing new happened.

Expected standings are worked out by hand in `EXPECTED` (quarter -> done, in progress, not started,
overdue) and checked against every report.
"""

from __future__ import annotations

from datetime import datetime

from pipeline.workbook import format as F

SIGNER = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Hùng")
DEPUTY = ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Mai")

INFO = [
    (F.INFO_ISSUER, "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"),
    (F.INFO_SHORT_NAME, "UBND xã"),
    (F.INFO_SYMBOL, "UBND"),
    (F.INFO_PLACE, "Tân Phú"),
    (F.INFO_YEAR, 2026),
]

PLAN_ROW = ("Kế hoạch", 5, datetime(2026, 1, 15), "Cải cách hành chính năm 2026", *SIGNER)
REPORT_ROWS = {
    1: ("Báo cáo quý I", 21, datetime(2026, 3, 18), None, *SIGNER, "Ủy ban nhân dân tỉnh Đồng Nai"),
    2: ("Báo cáo quý II", 48, datetime(2026, 6, 17), None, *DEPUTY, "Ủy ban nhân dân tỉnh Đồng Nai"),
    "6T": ("Báo cáo 6 tháng", 49, datetime(2026, 6, 17), None, *SIGNER, "Ủy ban nhân dân tỉnh Đồng Nai"),
    3: ("Báo cáo quý III", 70, datetime(2026, 9, 16), None, *SIGNER, "Ủy ban nhân dân tỉnh Đồng Nai"),
    "9T": ("Báo cáo 9 tháng", 71, datetime(2026, 9, 16), None, *SIGNER, "Ủy ban nhân dân tỉnh Đồng Nai"),
    4: ("Báo cáo quý IV", 95, datetime(2026, 12, 16), None, *SIGNER, "Ủy ban nhân dân tỉnh Đồng Nai"),
    "N": ("Báo cáo năm", 96, datetime(2026, 12, 16), None, *SIGNER, "Ủy ban nhân dân tỉnh Đồng Nai"),
}
NEXT_TASKS = "Tiếp tục thực hiện các nhiệm vụ còn lại."

BODY = [
    ("I.", "MỤC ĐÍCH, YÊU CẦU"),
    ("", "Nâng cao chỉ số cải cách hành chính của xã năm 2026."),
    ("II.", "NHIỆM VỤ"),
    ("", "Chi tiết các nhiệm vụ tại Phụ lục kèm theo Kế hoạch này."),
    ("III.", "TỔ CHỨC THỰC HIỆN"),
    ("", "Văn phòng HĐND và UBND xã theo dõi, tổng hợp kết quả hằng quý."),
]

# TT, criterion, solution, deadline (as a clerk types it)
TASKS = [
    (1, "Tiêu chí 1.1. Kế hoạch CCHC năm", "Ban hành kế hoạch CCHC năm 2026", "Trước ngày 31/01/2026"),
    (2, "Tiêu chí 1.3. Kiểm tra công tác CCHC", "Kiểm tra 2 đơn vị", "Quý 2"),
    (3, "Tiêu chí 1.5. Thực hiện nhiệm vụ được giao", "Rà soát nhiệm vụ tỉnh giao", "Thường xuyên"),
    (4, "Tiêu chí 2.1. Xây dựng văn bản QPPL", "Rà soát văn bản của xã", "30/6/2026"),
    (5, "Tiêu chí 2.3. Theo dõi thi hành pháp luật", "Báo cáo theo dõi thi hành pháp luật", "Tháng 11 năm 2026"),
    (6, "Tiêu chí 3.1. Công khai thủ tục hành chính", "Niêm yết đủ thủ tục tại bộ phận một cửa", "Quý I"),
    (7, "Tiêu chí 3.5. Xin lỗi người dân khi trễ hẹn", "Sửa đổi Quy chế xin lỗi người dân", "Trước 10/3/2026"),
    (8, "Tiêu chí 3.12. Thanh toán trực tuyến", "Tỷ lệ thanh toán trực tuyến trên 50%", "Cuối năm"),
    (9, "Tiêu chí 5.2. Tuyển dụng, sử dụng công chức", "Rà soát vị trí việc làm", "6 tháng đầu năm"),
    (10, "Tiêu chí 5.4. Đánh giá công chức", "Đánh giá, xếp loại công chức năm 2026", "15/12/2026"),
    (11, "Tiêu chí 7.1. Xử lý văn bản trên môi trường mạng", "Ký số 100% văn bản đi", "Năm 2026"),
    (12, "Tiêu chí 7.2. Dịch vụ công trực tuyến", "Tỷ lệ hồ sơ trực tuyến trên 60%", "9 tháng đầu năm"),
    (13, "Tiêu chí 7.3. Số hóa hồ sơ", "Số hóa kết quả giải quyết TTHC", "30-9-2026"),
    (14, "Tiêu chí 2.4. Phổ biến pháp luật", "Tổ chức 4 hội nghị phổ biến pháp luật", "Trong năm"),
    (15, "Tổ chức Hội nghị tổng kết năm", "Tổ chức Hội nghị tổng kết CCHC năm 2026", "Tháng 12"),
]

D, P, N = "Hoàn thành", "Đang thực hiện", "Chưa thực hiện"

# quarter -> rows the clerk adds that quarter: (TT, status, outcome, evidence, note)
RESULTS = {
    1: [
        (1, D, "Đã ban hành Kế hoạch CCHC năm 2026", "Kế hoạch số 5/KH-UBND ngày 15/01/2026", None),
        (2, P, "Đã xây dựng kế hoạch kiểm tra", None, None),
        (3, P, "Rà soát định kỳ hằng tháng", None, None),
        (4, P, "Đã rà soát 10 văn bản", None, None),
        (5, N, None, None, None),
        (6, D, "Niêm yết 100% thủ tục", "Biên bản kiểm tra ngày 02/3/2026", "Niêm yết cả trên cổng"),
        (7, N, "Chưa sửa đổi Quy chế", None, None),
        (8, P, "Tỷ lệ đạt 35%", "Báo cáo số 15/BC-UBND", None),
        (9, P, "Đang rà soát", None, None),
        (10, N, None, None, None),
        (11, P, "Ký số 96% văn bản đi", "Thống kê phần mềm QLVB quý I", None),
        (12, P, "Tỷ lệ đạt 40%", None, None),
        (13, N, None, None, None),
        (14, P, "Đã tổ chức 1 hội nghị", "Biên bản hội nghị ngày 10/02/2026", None),
        (15, N, None, None, None),
    ],
    2: [  # 1 and 6 are done: no rows. Status-only rows keep earlier outcome and evidence.
        (2, D, "Đã kiểm tra 2 đơn vị", "Kết luận kiểm tra số 30/KL-UBND", None),
        (3, P, None, None, None),
        (4, D, None, "Báo cáo rà soát số 40/BC-UBND", None),
        (5, P, "Đang theo dõi", None, None),
        (7, D, "Đã sửa đổi Quy chế", "Quyết định số 45/QĐ-UBND ngày 20/4/2026", None),
        (8, P, "Tỷ lệ đạt 45%", None, None),
        (9, D, None, "Báo cáo số 47/BC-UBND", None),
        (11, P, None, None, None),
        (12, P, "Tỷ lệ đạt 52%", None, None),
        (14, P, "Đã tổ chức 2 hội nghị", "Biên bản hội nghị ngày 12/5/2026", None),
        # 10, 13, 15: the clerk forgot them this quarter (not started, carried forward).
    ],
    3: [
        (3, P, None, None, None),
        (5, P, None, None, None),
        (8, P, "Tỷ lệ đạt 48%", None, None),
        (10, P, "Đã hướng dẫn quy trình đánh giá", None, None),
        (11, P, "Ký số 99% văn bản đi", None, None),
        (12, D, "Tỷ lệ đạt 61%", "Thống kê Cổng dịch vụ công quý III", None),
        (13, P, "Đã số hóa 70% kết quả", None, None),
        (14, P, "Đã tổ chức 3 hội nghị", None, None),
        (15, N, None, None, None),
    ],
    4: [
        (3, D, "Hoàn thành rà soát cả năm", "Báo cáo số 90/BC-UBND", None),
        (5, D, "Đã báo cáo", "Báo cáo số 88/BC-UBND", None),
        (8, D, "Tỷ lệ đạt 55%", "Thống kê thanh toán trực tuyến năm 2026", None),
        (10, P, "Đang tổng hợp kết quả đánh giá", None, None),
        (11, D, None, None, None),
        (13, D, "Đã số hóa 100% kết quả", "Báo cáo số 92/BC-UBND", None),
        (14, D, "Đã tổ chức 4 hội nghị", None, None),
        (15, P, "Đã xây dựng kế hoạch hội nghị", None, None),
    ],
}

# Worked out by hand: (done, in progress, not started, overdue) at each quarter's cut-off.
#   Q1 (14/3): done 1, 6. Overdue: 7 (due 10/3, not started). 6 is due 31/3 but done anyway.
#   Q2 (14/6): done 1, 2, 4, 6, 7, 9. 10, 13, 15 carried as not started. Overdue: none due by 14/6 and open
#       (2 due 30/6, 4 due 30/6, 9 due 30/6: after the cut-off).
#   Q3 (14/9): done + 12. Overdue: none (12 done; 13 due 30/9 after the cut-off).
#   Q4 (14/12): done + 3, 5, 8, 11, 13, 14. Open: 10 (due 15/12, after the cut-off), 15 (Tháng 12: 31/12).
#       Overdue: none.
# Done on time and late (đúng hạn, quá hạn): only TT 7 is late (due 10/3, not done at the quý I
# cut-off 14/3, done in quý II). TT 13 (due 30/9, done in quý IV) was never overdue at a cut-off.
ON_TIME_AND_LATE = {1: (2, 0), 2: (5, 1), 3: (6, 1), 4: (12, 1)}
EXPECTED = {
    1: (2, 8, 5, 1),
    2: (6, 6, 3, 0),
    3: (7, 7, 1, 0),
    4: (13, 2, 0, 0),
}


def year_sheets(upto: int, grouped: bool = True) -> dict[str, list]:
    """The workbook after the results of quarters 1..upto are entered, and every report row so far."""
    reports = [REPORT_ROWS[q] for q in (1, 2, "6T", 3, "9T", 4, "N") if _quarter_of(q) <= upto]
    info = INFO + ([] if grouped else [(F.INFO_GROUP_BY_FIELD, F.NO)])
    return {
        F.SHEET_INFO: [list(r) for r in info],
        F.SHEET_DOCUMENTS: [list(PLAN_ROW)] + [list(r) + [None, None, NEXT_TASKS] for r in reports],
        F.SHEET_BODY: [list(r) for r in BODY],
        F.SHEET_TASKS: [[n, c, s, "Văn phòng HĐND và UBND", None, d, None] for n, c, s, d in TASKS],
        F.SHEET_RESULTS: [[n, q, status, outcome, evidence, note]
                          for q in range(1, upto + 1) for n, status, outcome, evidence, note in RESULTS[q]],
        F.SHEET_RECIPIENTS: [["Kế hoạch", "UBND tỉnh (b/c)"], ["Kế hoạch", "Sở Nội vụ tỉnh (b/c)"],
                             ["Báo cáo", "Sở Nội vụ tỉnh"]],
    }


def _quarter_of(key) -> int:
    return {"6T": 2, "9T": 3, "N": 4}.get(key, key)

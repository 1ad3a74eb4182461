"""Write inputs/ke-hoach-cchc-2024.xlsx: the seed plan (shared/seed/ke-hoach-khac-phuc-cchc-2023.md)
as a format v1 workbook, with made-up quarter I results. Run from the project root:

    python tools/make_sample_workbook.py
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.workbook import format as F  # noqa: E402
from deterministic_zip import refix  # noqa: E402
from pipeline.workbook.new import write_workbook  # noqa: E402

INFO = [
    (F.INFO_MANAGING_BODY, "UBND HUYỆN HẢI LĂNG"),
    (F.INFO_ISSUER, "ỦY BAN NHÂN DÂN XÃ HẢI ĐỊNH"),
    (F.INFO_SHORT_NAME, "UBND xã"),
    (F.INFO_SYMBOL, "UBND"),
    (F.INFO_PLACE, "Hải Định"),
    (F.INFO_YEAR, 2024),
    (F.INFO_MONITORING_UNIT, "Văn phòng - Thống kê"),
    (F.INFO_GROUP_BY_FIELD, F.NO),  # the seed plan is not grouped by field
]

SIGNER = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Ngọc Trình")

DOCUMENTS = [
    ("Kế hoạch", 25, datetime(2024, 3, 5),
     "Khắc phục các tiêu chí bị trừ điểm trong chấm điểm cải cách hành chính năm 2023", *SIGNER,
     None, None, None, None, None),
    ("Báo cáo quý I", 41, datetime(2024, 3, 20), None, *SIGNER,
     "Ủy ban nhân dân huyện Hải Lăng",
     "Việc thanh toán trực tuyến phí, lệ phí thủ tục hành chính còn ít người dân sử dụng.\n"
     "Quy chế xin lỗi người dân khi trễ hẹn chưa được sửa đổi, bổ sung đúng thời hạn.",
     "Người dân ở các thôn xa còn chưa quen sử dụng dịch vụ công trực tuyến.\n"
     "Công chức Văn phòng - Thống kê kiêm nhiệm nhiều việc trong quý.",
     "Hoàn thành sửa đổi Quy chế làm việc về quy định xin lỗi người dân trong tháng 4/2024.\n"
     "Tiếp tục tuyên truyền thanh toán trực tuyến tại các thôn.\n"
     "Tổ chức đợt kiểm tra công tác CCHC theo kế hoạch.",
     "Đề nghị UBND huyện tổ chức tập huấn kỹ năng hướng dẫn người dân nộp hồ sơ, thanh toán trực tuyến."),
]

BODY = [
    ("", "Thực hiện Công văn số 142/UBND-TH ngày 31/01/2024 của UBND huyện Hải Lăng về việc khắc phục một "
         "số tiêu chí CCHC bị trừ điểm trong năm 2023, UBND xã Hải Định ban hành kế hoạch thực hiện trong "
         "năm 2024 như sau:"),
    ("I.", "MỤC ĐÍCH, YÊU CẦU"),
    ("1.", "Mục đích"),
    ("", "Đẩy mạnh công tác cải cách hành chính (CCHC) nhằm xây dựng nền hành chính hiện đại, chuyên "
         "nghiệp, công khai, minh bạch, phục vụ nhân dân;"),
    ("", "Nâng cao chất lượng, hiệu quả công tác CCHC trên địa bàn xã duy trì, củng cố các tiêu chí đã đạt "
         "được, khắc phục các tiêu chí chưa đạt nhằm nâng cao chỉ số cải cách hành chính của xã trong năm 2024."),
    ("2.", "Yêu cầu"),
    ("", "Phân công trách nhiệm cụ thể nhằm khắc phục các tiêu chí khó thực hiện cho cán bộ, công chức phù "
         "hợp với trình độ chuyên môn nghiệp vụ và năng lực công tác, các nhiệm vụ hoàn thành phải có hồ sơ, "
         "tài liệu kiểm chứng để chứng minh. Kịp thời đôn đốc, tháo gỡ những khó khăn trong quá trình tổ chức "
         "thực hiện."),
    ("", "Kế thừa phát huy những kết quả tốt về cải cách hành chính trong thời gian qua, tiếp tục đẩy mạnh "
         "triển khai các mô hình, giải pháp mới, sáng tạo; đồng thời tiếp thu, học tập, vận dụng phù hợp giải "
         "pháp, cách làm hay, có hiệu quả của các đơn vị, địa phương khác."),
    ("II.", "NHIỆM VỤ CỤ THỂ"),
    ("", "Căn cứ vào các tiêu chí bị trừ điểm trong bộ chỉ số cải cách hành chính năm 2023, UBND xã phân "
         "công nhiệm vụ cụ thể trong năm 2024 cho cán bộ, công chức như sau:"),
    ("", "(Chi tiết các nhiệm vụ tại Phụ lục của Kế hoạch)"),
    ("III.", "TỔ CHỨC THỰC HIỆN"),
    ("-", "Văn phòng – Thống kê xã giúp UBND xã theo dõi, đôn đốc các ngành, đơn vị liên quan tổ chức thực "
          "hiện và định kỳ hằng quý tổng hợp kết quả thực hiện kế hoạch để có biện pháp chỉ đạo kịp thời."),
    ("-", "Các ngành, đơn vị liên quan, căn cứ chức năng nhiệm vụ được giao tích cực, chủ động triển khai "
          "thực; Phối hợp các ngành, đơn vị thực hiện có hiệu quả kế hoạch đề ra."),
    ("", "Trên đây là Kế hoạch Khắc phục các tiêu chí bị trừ điểm trong Bộ chỉ số cải cách hành chính năm "
         "2023 trong năm 2024 của UBND xã, đề nghị các cán bộ, công chức liên quan triển khai, thực hiện./."),
]

TASKS = [
    (1, "Tiêu chí 1.3. Kiểm tra, giám sát công tác CCHC",
     "XD kế hoạch tổ chức 1 đợt kiểm tra của UBND, 1 đợt giám sát của TT HĐND/UBMT xã",
     "Công chức Văn phòng - Thống kê", "Cán bộ, công chức liên quan", "Thường xuyên", None),
    (2, "Tiêu chí thành phần 1.5.1. Thực hiện các nhiệm vụ được UBND huyện, Chủ tịch UBND huyện giao",
     "Rà soát, đôn đốc các ngành hoàn thành các nhiệm vụ huyện giao",
     "Công chức Văn phòng - Thống kê", "Cán bộ, công chức liên quan", "Thường xuyên", None),
    (3, "Tiêu chí thành phần 1.5.4: Sáng kiến trong triển khai công tác CCHC (là những giải pháp, biện pháp, "
        "mô hình, đề án, cách làm mới được áp dụng và đem lại hiệu quả trong thực hiện CCHC trong năm của "
        "xã, phường, thị trấn)",
     "Đưa tiêu chí có sáng kiến trong lĩnh vực cải cách hành chính làm căn cứ để bình xét thi đua khen "
     "thưởng trong năm nhằm có 02 sáng kiến trở lên",
     "Các công chức liên quan", None, "Thường xuyên", None),
    (4, "Tiêu chí 3.5. Thực hiện quy định xin lỗi người dân, tổ chức khi để xảy ra trễ hẹn trong giải quyết "
        "hồ sơ TTHC",
     "Sửa đổi, bổ sung Quy chế UBND xã về quy định xin lỗi công dân, Quy chế thi đua khen thưởng",
     "Văn phòng - Thống kê", "Cán bộ, công chức liên quan", "Quý I", None),
    (5, "Tiêu chí thành phần 3.12.1: Tỷ lệ TTHC có phát sinh giao dịch thanh toán trực tuyến",
     "Tăng cường tuyên truyền về thanh toán trực tuyến nhằm đạt Tỷ lệ TTHC được triển khai thanh toán trực "
     "tuyến đạt từ 80% trở lên và tỷ lệ giao dịch thanh toán TT đạt trên 50%",
     "Bộ phận tiếp nhận và trả kết quả xã", "Văn phòng - Thống kê", "Thường xuyên", None),
    (6, "Tiêu chí 4.4: Thực hiện phân cấp quản lý do UBND cấp huyện ban hành",
     "Thực hiện tốt các nhiệm vụ được phân cấp, báo cáo kịp thời, đầy đủ",
     "Văn phòng - Thống kê", "Các công chức liên quan", "Thường xuyên", None),
    (7, "Tiêu chí 6.3: Kết quả của việc thực hiện tự chủ về tài chính tại UBND cấp xã",
     "Báo cáo kết quả tiết kiệm chi, tăng thu nhập năm 2024",
     "Kế toán - Ngân sách xã", "Các công chức liên quan", "Thường xuyên", None),
    (8, "Tiêu chí 6.5. Tổ chức thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài "
        "chính, ngân sách",
     "Đôn đốc hoàn thành các nội dung, báo cáo kết quả kèm đầy đủ các hồ sơ kiểm chứng",
     "Kế toán - Ngân sách xã", "Các công chức liên quan", "Thường xuyên", None),
    (9, "Tiêu chí 7.1.4. Triển khai xử lý văn bản và hồ sơ công việc trên môi trường mạng theo đúng quy "
        "trình từ khâu tiếp nhận văn bản, chuyển xử lý, tạo lập hồ sơ, trình qua các cấp thẩm quyền phê "
        "duyệt và ký số văn bản trên Phần mềm QLVB và HSCV (Trừ văn bản mật)",
     "Rà soát, đôn đốc định kỳ việc xử lý văn bản, hồ sơ công việc của CBCC; thực hiện ký số văn bản trên "
     "hệ thống QLVB đảm bảo 100%",
     "Văn phòng - Thống kê", "CBCC cơ quan", "Thường xuyên", None),
]

RESULTS = [
    (1, "I", "Hoàn thành",
     "Ban hành Kế hoạch kiểm tra công tác CCHC năm 2024; phối hợp Thường trực HĐND xã xây dựng kế hoạch "
     "giám sát.",
     "Kế hoạch số 30/KH-UBND ngày 12/3/2024 của UBND xã", None),
    (2, "I", "Đang thực hiện",
     "Đã rà soát 14/16 nhiệm vụ huyện giao trong quý, 2 nhiệm vụ đang thực hiện đúng tiến độ.",
     "Báo cáo số 35/BC-UBND ngày 14/3/2024 của UBND xã", None),
    (3, "I", "Đang thực hiện",
     "Đã đưa tiêu chí sáng kiến CCHC vào Quy chế thi đua; 01 sáng kiến đang được hoàn thiện hồ sơ.",
     None, None),
    (4, "I", "Chưa thực hiện",
     "Chưa sửa đổi Quy chế do công chức phụ trách đi học dài hạn.", None, "Chuyển sang quý II"),
    (5, "I", "Đang thực hiện",
     "Tuyên truyền trên loa truyền thanh xã 12 lượt; tỷ lệ giao dịch thanh toán trực tuyến đạt 38%.",
     "Báo cáo số 36/BC-UBND ngày 14/3/2024 của UBND xã", None),
    (6, "I", "Hoàn thành",
     "Thực hiện đầy đủ các nhiệm vụ được phân cấp; gửi báo cáo đúng hạn.",
     "Báo cáo số 20/BC-UBND ngày 15/02/2024 của UBND xã", None),
    (7, "I", "Hoàn thành",
     "Đã báo cáo kết quả thực hiện tự chủ tài chính năm 2023, tiết kiệm chi 45 triệu đồng.",
     "Báo cáo số 12/BC-UBND ngày 25/01/2024 của UBND xã\nQuyết định số 15/QĐ-UBND ngày 10/01/2024 của UBND xã",
     None),
    (8, "I", "Hoàn thành",
     "Hoàn thành 03/03 kiến nghị sau kiểm toán; đã báo cáo kèm hồ sơ kiểm chứng.",
     "Báo cáo số 28/BC-UBND ngày 05/3/2024 của UBND xã", None),
    (9, "I", "Hoàn thành",
     "100% văn bản đi được ký số và xử lý trên hệ thống QLVB.",
     "Thống kê từ Phần mềm QLVB và HSCV ngày 14/3/2024", None),
]

RECIPIENTS = [
    ("Kế hoạch", "UBND huyện (b/c)"),
    ("Kế hoạch", "Phòng Nội vụ huyện (b/c)"),
    ("Kế hoạch", "Đảng ủy xã (b/c)"),
    ("Kế hoạch", "Các ban, ngành, đoàn thể xã"),
    ("Báo cáo", "Phòng Nội vụ huyện"),
    ("Báo cáo", "TT Đảng ủy, TT HĐND xã"),
    ("Báo cáo", "Chủ tịch, các PCT UBND xã"),
]


def sample_sheets() -> dict[str, list]:
    return {
        F.SHEET_INFO: INFO,
        F.SHEET_DOCUMENTS: DOCUMENTS,
        F.SHEET_BODY: BODY,
        F.SHEET_TASKS: TASKS,
        F.SHEET_RESULTS: RESULTS,
        F.SHEET_RECIPIENTS: RECIPIENTS,
    }


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    out = refix(write_workbook(root / "inputs" / "ke-hoach-cchc-2024.xlsx", sample_sheets()))
    print(out.relative_to(root))

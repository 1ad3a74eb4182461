"""The names of workbook format v1 (shared/spec/workbook.md): sheets, columns, labels, accepted values.

The reader (reader.py) and the writer of new workbooks (new.py) both take their names
from here, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    width: int = 20
    """Column width in Excel characters for new workbooks."""


SHEET_INFO = "Thông tin"
SHEET_DOCUMENTS = "Văn bản"
SHEET_BODY = "Nội dung"
SHEET_TASKS = "Nhiệm vụ"
SHEET_RESULTS = "Kết quả"
SHEET_RECIPIENTS = "Nơi nhận"

INFO_LABEL, INFO_VALUE = "Mục", "Giá trị"
INFO_COLUMNS = (Column(INFO_LABEL, True, 24), Column(INFO_VALUE, True, 50))
INFO_MANAGING_BODY = "Cơ quan chủ quản"
INFO_ISSUER = "Cơ quan ban hành"
INFO_SHORT_NAME = "Tên gọi tắt"
INFO_SYMBOL = "Ký hiệu cơ quan"
INFO_PLACE = "Địa danh"
INFO_YEAR = "Năm"
INFO_MONITORING_UNIT = "Đơn vị theo dõi"
INFO_GROUP_BY_FIELD = "Nhóm theo lĩnh vực"
INFO_REPORT_FORM = "Mẫu báo cáo"
INFO_LEGAL_BASIS = "Căn cứ báo cáo"
INFO_LEVEL = "Cấp"
YES, NO = "Có", "Không"
INFO_LABELS = {
    INFO_MANAGING_BODY: False,
    INFO_ISSUER: True,
    INFO_SHORT_NAME: True,
    INFO_SYMBOL: True,
    INFO_PLACE: True,
    INFO_YEAR: True,
    INFO_MONITORING_UNIT: False,
    INFO_GROUP_BY_FIELD: False,
    INFO_REPORT_FORM: False,
    INFO_LEGAL_BASIS: False,
    INFO_LEVEL: False,
}

DOC_KIND = "Văn bản"
DOC_NUMBER = "Số"
DOC_DATE = "Ngày ban hành"
DOC_SUMMARY = "Trích yếu"
DOC_AUTHORITY = "Quyền hạn ký"
DOC_TITLE = "Chức vụ"
DOC_SIGNER = "Người ký"
DOC_ADDRESSEES = "Kính gửi"
DOC_SHORTCOMINGS = "Tồn tại, hạn chế"
DOC_CAUSES = "Nguyên nhân"
DOC_NEXT_TASKS = "Nhiệm vụ quý tới"
DOC_PROPOSALS = "Đề xuất, kiến nghị"
DOCUMENT_COLUMNS = (
    Column(DOC_KIND, True, 16),
    Column(DOC_NUMBER, False, 8),
    Column(DOC_DATE, False, 14),
    Column(DOC_SUMMARY, False, 50),
    Column(DOC_AUTHORITY, True, 24),
    Column(DOC_TITLE, True, 16),
    Column(DOC_SIGNER, True, 20),
    Column(DOC_ADDRESSEES, False, 30),
    Column(DOC_SHORTCOMINGS, False, 40),
    Column(DOC_CAUSES, False, 40),
    Column(DOC_NEXT_TASKS, False, 40),
    Column(DOC_PROPOSALS, False, 40),
)

BODY_MARKER, BODY_TEXT = "Đề mục", "Nội dung"
BODY_COLUMNS = (Column(BODY_MARKER, False, 10), Column(BODY_TEXT, True, 100))

TASK_NUMBER = "TT"
TASK_CRITERION = "Tiêu chí"
TASK_SOLUTION = "Giải pháp/Sản phẩm đầu ra"
TASK_LEAD = "Chủ trì"
TASK_PARTNERS = "Phối hợp"
TASK_DEADLINE = "Thời gian hoàn thành"
TASK_NOTE = "Ghi chú"
TASK_FIELD = "Lĩnh vực"
TASK_COLUMNS = (
    Column(TASK_NUMBER, True, 6),
    Column(TASK_CRITERION, True, 45),
    Column(TASK_SOLUTION, True, 45),
    Column(TASK_LEAD, True, 25),
    Column(TASK_PARTNERS, False, 25),
    Column(TASK_DEADLINE, True, 16),
    Column(TASK_NOTE, False, 15),
    Column(TASK_FIELD, False, 30),
)

RESULT_TASK = "TT"
RESULT_QUARTER = "Quý"
RESULT_STATUS = "Tình trạng"
RESULT_OUTCOME = "Kết quả thực hiện"
RESULT_EVIDENCE = "Hồ sơ kiểm chứng"
RESULT_NOTE = "Ghi chú"
RESULT_FINISHED_ON = "Ngày hoàn thành"
RESULT_NEW_DEADLINE = "Thời hạn mới"
RESULT_COLUMNS = (
    Column(RESULT_TASK, True, 6),
    Column(RESULT_QUARTER, True, 8),
    Column(RESULT_STATUS, True, 18),
    Column(RESULT_OUTCOME, False, 60),
    Column(RESULT_EVIDENCE, False, 45),
    Column(RESULT_NOTE, False, 15),
    Column(RESULT_FINISHED_ON, False, 14),
    Column(RESULT_NEW_DEADLINE, False, 16),
)
HEADER_ALIASES = {
    TASK_NUMBER: ("STT", "Số TT", "Số thứ tự"),
    TASK_LEAD: ("Đơn vị chủ trì", "Cơ quan chủ trì", "Chủ trì thực hiện"),
    TASK_PARTNERS: ("Đơn vị phối hợp", "Cơ quan phối hợp", "Phối hợp thực hiện"),
    TASK_DEADLINE: ("Thời hạn", "Thời hạn hoàn thành", "Thời gian thực hiện"),
    TASK_SOLUTION: ("Giải pháp", "Giải pháp/Sản phẩm", "Sản phẩm đầu ra"),
    RESULT_STATUS: ("Tình trạng thực hiện",),
    RESULT_EVIDENCE: ("Hồ sơ, tài liệu kiểm chứng", "Tài liệu kiểm chứng"),
}
"""Headers clerks type for a column in their own words, read as that column (a trial's `Thời hạn` was
refused as a missing `Thời gian hoàn thành`); a header is also read whatever its tone marks or case."""

QUARTERS = ("I", "II", "III", "IV")
STATUSES = ("Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Điều chỉnh", "Dừng thực hiện")

RECIPIENT_DOC, RECIPIENT_NAME = "Văn bản", "Nơi nhận"
RECIPIENT_COLUMNS = (Column(RECIPIENT_DOC, True, 14), Column(RECIPIENT_NAME, True, 50))
RECIPIENT_KINDS = ("Kế hoạch", "Báo cáo")

SHEET_FIELDS = "Lĩnh vực"
"""Optional: a province's own numbering of the CCHC fields, replacing the standard table."""
FIELD_CODE, FIELD_NAME = "Mã", "Tên"
FIELD_COLUMNS = (Column(FIELD_CODE, True, 8), Column(FIELD_NAME, True, 60))

SHEET_REPORT_TEXT = "Nội dung báo cáo"
"""v1.2, optional: the clerk's paragraphs of the CCHC report, under the outline's section codes."""
REPORT_TEXT_DOC, REPORT_TEXT_SECTION, REPORT_TEXT_TEXT = "Văn bản", "Mục", "Nội dung"
REPORT_TEXT_COLUMNS = (Column(REPORT_TEXT_DOC, True, 18), Column(REPORT_TEXT_SECTION, True, 10),
                       Column(REPORT_TEXT_TEXT, True, 100))
SHEET_STATISTICS = "Số liệu"
"""Optional (v1.2): the figures of the seven statistics forms, one row per indicator per period."""
STAT_CODE, STAT_PERIOD, STAT_VALUE, STAT_NOTE = "Mã", "Kỳ", "Số liệu", "Ghi chú"
STATISTICS_COLUMNS = (Column(STAT_CODE, True, 10), Column(STAT_PERIOD, True, 10), Column(STAT_VALUE, False, 12),
                      Column(STAT_NOTE, False, 40))
STATISTICS_PERIODS = ("Quý I", "Quý II", "6 tháng", "Quý III", "9 tháng", "Quý IV", "Năm")
"""What `Kỳ` holds: the periods as the `Văn bản` rows name them, without `Báo cáo`."""

TABLE_SHEETS = {
    SHEET_DOCUMENTS: DOCUMENT_COLUMNS,
    SHEET_BODY: BODY_COLUMNS,
    SHEET_TASKS: TASK_COLUMNS,
    SHEET_RESULTS: RESULT_COLUMNS,
    SHEET_RECIPIENTS: RECIPIENT_COLUMNS,
}
ALL_SHEETS = (SHEET_INFO, *TABLE_SHEETS)
OPTIONAL_TABLE_SHEETS = {SHEET_STATISTICS: STATISTICS_COLUMNS, SHEET_REPORT_TEXT: REPORT_TEXT_COLUMNS}
"""Table sheets a workbook may leave out; written only when given."""

# The example text `make-report init` writes: a cell still holding one is warned about.
EXAMPLE_ISSUER = "ỦY BAN NHÂN DÂN XÃ …"
EXAMPLE_PLACE = "…"
EXAMPLE_SIGNER = "Họ và tên"
EXAMPLE_SUMMARY = "Trích yếu của kế hoạch"
EXAMPLE_CRITERION = "Tiêu chí …"
EXAMPLE_SOLUTION = "Giải pháp …"
EXAMPLE_OUTCOME = "Kết quả …"
# After the 2025 reform a commune answers to the province: no district in the examples.
EXAMPLE_PROVINCE_RECIPIENT = "UBND tỉnh … (b/c)"
EXAMPLE_DEPARTMENT_RECIPIENT = "Sở Nội vụ tỉnh … (b/c)"
EXAMPLE_DEPARTMENT = "Sở Nội vụ tỉnh …"
EXAMPLE_EVIDENCE = "Văn bản số …"
# A commune's CCHC report answers the province's guidance, never the Bộ Nội vụ's own 4625 (addressed to
# ministries and provinces): the clerk types the province's công văn.
EXAMPLE_LEGAL_BASIS = "Công văn số …/SNV-CCHC ngày … của Sở Nội vụ tỉnh … về chế độ báo cáo cải cách hành chính"
EXAMPLE_REPORT_TEXT = "Đảng ủy, Ủy ban nhân dân xã đã chỉ đạo …"
EXAMPLE_PROVINCE_ISSUER = "SỞ NỘI VỤ TỈNH …"
EXAMPLE_PROVINCE_BODY = "ỦY BAN NHÂN DÂN TỈNH …"
EXAMPLE_PROVINCE_ADDRESSEE = "Ủy ban nhân dân tỉnh …"
EXAMPLES = frozenset({EXAMPLE_ISSUER, EXAMPLE_PLACE, EXAMPLE_SIGNER, EXAMPLE_SUMMARY, EXAMPLE_CRITERION,
                      EXAMPLE_SOLUTION, EXAMPLE_OUTCOME, EXAMPLE_PROVINCE_RECIPIENT, EXAMPLE_DEPARTMENT_RECIPIENT,
                      EXAMPLE_DEPARTMENT, EXAMPLE_EVIDENCE, EXAMPLE_LEGAL_BASIS, EXAMPLE_REPORT_TEXT,
                      EXAMPLE_PROVINCE_ISSUER, EXAMPLE_PROVINCE_BODY, EXAMPLE_PROVINCE_ADDRESSEE})

# What `make-report init` offers in its dropdowns. Free text stays allowed in these columns.
SHEET_GUIDE = "Hướng dẫn"
"""A sheet of instructions that `init` adds; the reader ignores it."""
COMMON_DEADLINES = ("Thường xuyên", "Quý I", "Quý II", "Quý III", "Quý IV", "6 tháng đầu năm", "6 tháng cuối năm",
                    "9 tháng đầu năm", "Trong năm", "Cuối năm")
CCHC_REPORTS = ("Báo cáo quý I", "Báo cáo 6 tháng", "Báo cáo quý III", "Báo cáo năm")
"""The CCHC cycle (quý I, 6 tháng, quý III, năm): the report rows `init` writes for the CCHC report."""
COMMON_AUTHORITIES = ("TM. ỦY BAN NHÂN DÂN",)
"""A deputy signs under two lines (`TM. ỦY BAN NHÂN DÂN` ⏎ `KT. CHỦ TỊCH`), which a dropdown cannot hold."""
COMMON_TITLES = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")


EXAMPLE_TEXT = "ô còn chữ ví dụ"
"""How the warning about a cell still holding the blank workbook's example text begins."""

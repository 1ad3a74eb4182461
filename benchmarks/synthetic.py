"""Synthetic commune workbooks for the benchmarks: realistic size and text, reproducible by seed."""

from __future__ import annotations

import random
from pathlib import Path

from pipeline.workbook import format as F
from pipeline.workbook.new import write_workbook

SYLLABLES = ("An Bình Định Hòa Hưng Lộc Long Mỹ Phú Phước Sơn Tân Thạnh Thành Thuận Trung Vĩnh Xuân Đông Tây "
             "Nam Bắc Hải Lăng Trường Diên Sanh Quảng Cam Lộ Triệu Phong Gio Linh Hướng Hóa Đakrông").split()
CRITERIA = (
    "Kiểm tra, giám sát công tác cải cách hành chính",
    "Thực hiện các nhiệm vụ được UBND huyện, Chủ tịch UBND huyện giao",
    "Sáng kiến trong triển khai công tác cải cách hành chính",
    "Thực hiện quy định xin lỗi người dân, tổ chức khi để xảy ra trễ hẹn",
    "Tỷ lệ thủ tục hành chính có phát sinh giao dịch thanh toán trực tuyến",
    "Thực hiện phân cấp quản lý do UBND cấp huyện ban hành",
    "Kết quả thực hiện tự chủ về tài chính tại UBND cấp xã",
    "Xử lý văn bản và hồ sơ công việc trên môi trường mạng",
)
ACTIONS = ("Rà soát, đôn đốc", "Xây dựng kế hoạch", "Tăng cường tuyên truyền", "Tổ chức thực hiện",
           "Sửa đổi, bổ sung quy chế", "Báo cáo kết quả", "Kiểm tra định kỳ", "Tập huấn cho công chức")
UNITS = ("Văn phòng - Thống kê", "Tư pháp - Hộ tịch", "Kế toán - Ngân sách xã", "Địa chính - Xây dựng",
         "Văn hóa - Xã hội", "Bộ phận tiếp nhận và trả kết quả xã")
DEADLINES = ("Thường xuyên", "Thường xuyên", "Quý I", "Quý II", "Quý III", "Quý IV", "6 tháng đầu năm",
             "Tháng 6/2024", "30/9/2024", "Trước ngày 15/12/2024")
STATUSES = ("Hoàn thành", "Đang thực hiện", "Chưa thực hiện")


def statistics_rows(rng: random.Random) -> list[list]:
    """The commune's `Số liệu` for each quarter: every figure it types itself (counts and yes/no)."""
    from pipeline.statistics.catalog import Kind, Level, load_catalog

    catalog = load_catalog()
    typed = [i for i in catalog.indicators if i.commune_prints and not catalog.children(i.code) and not i.from_plan
             and i.kind(Level.COMMUNE) in (Kind.COUNT, Kind.FLAG)]
    rows = []
    for quarter in ("I", "II", "III", "IV"):
        values = {i.code: rng.randint(0, 1) if i.kind(Level.COMMUNE) is Kind.FLAG else rng.randint(0, 60) for i in typed}
        for ratio in catalog.indicators:  # a part is never more than its whole
            if ratio.numerator in values and ratio.denominator in values:
                values[ratio.numerator] = min(values[ratio.numerator], values[ratio.denominator])
        for total in reversed(catalog.indicators):  # and totals agree with their parts, deepest first
            for relation in total.relations:
                if total.code in values and any(t in values for t in relation.terms):
                    parts = sum(values.get(t, 0) for t in relation.terms)
                    values[total.code] = {"=": parts, "≤": min(values[total.code], parts),
                                          "≥": max(values[total.code], parts)}[relation.operator]
        rows += [[code, f"Quý {quarter}", value, None] for code, value in values.items()]
    return rows


def commune_name(rng: random.Random, index: int) -> str:
    return f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)} {index}".upper()


def commune_sheets(index: int, n_tasks: int, seed: int = 0) -> dict[str, list]:
    rng = random.Random(seed * 100_003 + index)
    name = commune_name(rng, index)
    signer = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", f"Nguyễn Văn {rng.choice(SYLLABLES)}")
    tasks, results = [], []
    for n in range(1, n_tasks + 1):
        tasks.append([
            n,
            f"Tiêu chí {rng.randint(1, 8)}.{rng.randint(1, 9)}. {rng.choice(CRITERIA)}",
            f"{rng.choice(ACTIONS)} việc {rng.choice(CRITERIA).lower()}; bảo đảm đúng tiến độ, có hồ sơ kiểm chứng",
            f"Công chức {rng.choice(UNITS)}",
            "Cán bộ, công chức liên quan",
            rng.choice(DEADLINES),
            None,
        ])
        state = 0
        for quarter in ("I", "II", "III", "IV"):
            state = min(2, max(state, rng.choice((0, 1, 1, 2, 2))))
            status = STATUSES[2 - state] if state else "Chưa thực hiện"
            evidence = f"Báo cáo số {rng.randint(10, 99)}/BC-UBND ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/2024"
            results.append([n, quarter, status, f"Đã {rng.choice(ACTIONS).lower()} theo kế hoạch quý {quarter}.",
                            evidence if status != "Chưa thực hiện" else None, None])
    reports = [[f"Báo cáo quý {q}", rng.randint(10, 99), None, None, *signer, "Ủy ban nhân dân huyện Hải Lăng",
                "Một số nhiệm vụ còn chậm tiến độ.", "Công chức kiêm nhiệm nhiều việc.",
                "Hoàn thành các nhiệm vụ còn lại.", None] for q in ("I", "II", "III", "IV")]
    return {
        F.SHEET_INFO: [
            (F.INFO_ISSUER, f"ỦY BAN NHÂN DÂN XÃ {name}"), (F.INFO_SHORT_NAME, "UBND xã"),
            (F.INFO_SYMBOL, "UBND"), (F.INFO_PLACE, name.title()), (F.INFO_YEAR, 2024),
        ],
        F.SHEET_DOCUMENTS: [["Kế hoạch", rng.randint(10, 99), "05/03/2024",
                             "Khắc phục các tiêu chí bị trừ điểm trong chấm điểm cải cách hành chính năm 2023",
                             *signer], *reports],
        F.SHEET_BODY: [("I.", "MỤC ĐÍCH, YÊU CẦU"), ("", "Nâng cao chất lượng, hiệu quả công tác cải cách hành chính."),
                       ("II.", "NHIỆM VỤ CỤ THỂ"), ("", "(Chi tiết các nhiệm vụ tại Phụ lục của Kế hoạch)"),
                       ("", "Trên đây là Kế hoạch của UBND xã./.")],
        F.SHEET_TASKS: tasks,
        F.SHEET_RESULTS: results,
        F.SHEET_RECIPIENTS: [("Kế hoạch", "UBND huyện (b/c)"), ("Báo cáo", "Phòng Nội vụ huyện")],
        F.SHEET_STATISTICS: statistics_rows(rng),
    }


def write_commune(args: tuple[Path, int, int]) -> Path:
    folder, index, n_tasks = args
    return write_workbook(folder / f"xa-{index:04d}.xlsx", commune_sheets(index, n_tasks))


def write_communes(folder: Path, count: int, jobs: int = 2) -> list[Path]:
    """`count` communes of 10–40 tasks each, written in parallel."""
    import multiprocessing

    folder.mkdir(parents=True, exist_ok=True)
    sizes = random.Random(42)
    work = [(folder, i, sizes.randint(10, 40)) for i in range(count)]
    with multiprocessing.Pool(jobs) as pool:
        return pool.map(write_commune, work, chunksize=8)

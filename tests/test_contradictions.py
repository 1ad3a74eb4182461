"""Contradictions in a workbook reach the clerk as warnings that name the cells, not the document."""

from datetime import datetime

from builders import build_workbook, sample, set_document, set_info
from pipeline.workbook import format as F
from pipeline.workbook.reader import read_workbook


def warnings_of(tmp_path, sheets) -> list[str]:
    return [str(w) for w in read_workbook(build_workbook(tmp_path / "so.xlsx", sheets)).warnings]


def test_a_ward_that_kept_the_communes_short_name_is_warned(tmp_path):
    sheets = sample()
    set_info(sheets, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN PHƯỜNG AN HỘI")
    assert warnings_of(tmp_path, sheets) == [
        "Thông tin!B4: tên gọi tắt “UBND xã” là của xã, còn cơ quan ban hành (Thông tin!B3) là phường: "
        "văn bản sẽ in “của UBND xã” dưới tên phường — sửa thành “UBND phường”"]


def test_a_short_name_of_the_same_unit_is_fine(tmp_path):
    sheets = sample()
    set_info(sheets, F.INFO_ISSUER, "ỦY BAN NHÂN DÂN PHƯỜNG AN HỘI")
    set_info(sheets, F.INFO_SHORT_NAME, "UBND phường")
    assert warnings_of(tmp_path, sheets) == []


def test_a_report_dated_before_its_data_cut_off_is_warned(tmp_path):
    sheets = sample()
    set_document(sheets, "Báo cáo quý I", F.DOC_DATE, datetime(2024, 3, 10))  # data to 14/3/2024
    assert warnings_of(tmp_path, sheets) == [
        "Văn bản!C3: “Báo cáo quý I” ghi ngày ban hành 10/3/2024, trước ngày chốt số liệu 14/3/2024 mà báo cáo "
        "ghi “Tính đến ngày …” — ghi ngày ban hành từ 14/3/2024 trở đi, hoặc để trống cho văn thư điền"]


def test_a_month_only_date_is_early_only_in_an_earlier_month(tmp_path):
    sheets = sample()
    set_document(sheets, "Báo cáo quý I", F.DOC_DATE, "3/2024")
    assert warnings_of(tmp_path, sheets) == []
    set_document(sheets, "Báo cáo quý I", F.DOC_DATE, "2/2024")
    [warning] = warnings_of(tmp_path, sheets)
    assert "ngày ban hành tháng 2/2024, trước ngày chốt số liệu 14/3/2024" in warning


def test_a_task_done_and_then_not_started_names_both_rows(tmp_path):
    sheets = sample()
    sheets[F.SHEET_RESULTS].append([1, "II", "Chưa thực hiện", None, None, None])  # row 11; quý I done at C2
    assert warnings_of(tmp_path, sheets) == [
        "Kết quả!C11: nhiệm vụ 1 đã “Hoàn thành” ở quý I (Kết quả!C2) nhưng quý II ghi “Chưa thực hiện” — "
        "sửa một trong hai dòng: nhiệm vụ đã xong thì không cần dòng quý II; chưa xong thì sửa tình trạng quý I"]


def test_init_marks_its_example_values_as_examples(tmp_path):
    from openpyxl import load_workbook

    from pipeline.workbook.new import EXAMPLE_COLOR, blank_workbook

    wb = load_workbook(blank_workbook(tmp_path / "moi.xlsx", 2026))
    info = wb[F.SHEET_INFO]
    short_name = next(row for row in info.iter_rows(min_row=2) if row[0].value == F.INFO_SHORT_NAME)
    assert short_name[1].value == "UBND xã"
    assert short_name[1].font.italic and short_name[1].font.color.rgb.endswith(EXAMPLE_COLOR)
    assert not short_name[0].font.italic  # the label is not an example
    for name in (F.SHEET_DOCUMENTS, F.SHEET_TASKS, F.SHEET_RESULTS, F.SHEET_RECIPIENTS):
        values = [cell for row in wb[name].iter_rows(min_row=2) for cell in row if cell.value not in (None, "")]
        assert values and all(cell.font.italic and cell.font.color.rgb.endswith(EXAMPLE_COLOR) for cell in values)
        assert not any(cell.font.italic for cell in wb[name][1])  # headers


def test_a_row_of_another_period_is_warned_about_by_its_own_period_only(tmp_path):
    """A report of quarter I, or a roll-up of it, does not repeat every run what is wrong with the row
    of quarter II: the run of quarter II says it."""
    from pipeline.domain.period import quarter
    from year import year_sheets

    sheets = year_sheets(2)
    set_document(sheets, "Báo cáo quý II", F.DOC_DATE, datetime(2026, 4, 10))  # data to mid-June
    plan = read_workbook(build_workbook(tmp_path / "so.xlsx", sheets))
    [early] = [w for w in plan.warnings if "“Báo cáo quý II” ghi ngày ban hành 10/4/2026" in str(w)]
    assert early in plan.warnings_for(quarter(2026, 2))
    assert early not in plan.warnings_for(quarter(2026, 1)) and early not in plan.warnings_for(None)
    assert set(plan.warnings_for(quarter(2026, 1))) == set(plan.warnings) - {early}


def test_a_provinces_roll_up_warns_about_its_own_periods_row_only(tmp_path):
    from pipeline.domain.period import quarter
    from pipeline.workbook.reader import read_issuer_workbook
    from web_support import issuer_workbook

    issuer = read_issuer_workbook(issuer_workbook(tmp_path / "tinh.xlsx"))  # both rows dated 12/4/2024
    assert [str(w).split(" ghi ")[0] for w in issuer.warnings] == ["Văn bản!C3: “Báo cáo quý II”"]
    assert issuer.warnings_for(quarter(2024, 1)) == ()
    assert issuer.warnings_for(quarter(2024, 2)) == issuer.warnings


EARLY_Q2 = "“Báo cáo quý II” ghi ngày ban hành"


def test_a_communes_runs_show_the_rows_warning_in_its_own_periods_run_only(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main
    from year import year_sheets

    sheets = year_sheets(2)
    set_document(sheets, "Báo cáo quý II", F.DOC_DATE, datetime(2026, 4, 10))
    workbook = build_workbook(tmp_path / "so.xlsx", sheets)
    runs = {ky: CliRunner().invoke(main, [str(workbook), "--ky", ky, "--out", str(tmp_path / ky)])
            for ky in ("quy-1", "quy-2")}
    assert all(run.exit_code == 0 for run in runs.values()), [run.output for run in runs.values()]
    assert EARLY_Q2 not in runs["quy-1"].output and EARLY_Q2 in runs["quy-2"].output


def test_a_roll_up_shows_its_own_periods_row_warning_only_even_from_last_years_workbook(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main
    from pipeline.domain.period import quarter
    from pipeline.workbook.reader import read_issuer_workbook
    from web_support import issuer_workbook, unit_workbook

    folder = tmp_path / "cac-xa"
    folder.mkdir()
    unit_workbook(folder / "hai-son.xlsx", "ỦY BAN NHÂN DÂN XÃ HẢI SƠN")
    issuer = issuer_workbook(tmp_path / "tinh.xlsx")  # 2024; its quý II row dated 12/4/2024
    run = CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), "--thong-tin", str(issuer),
                                    "--ky", "quy-1", "--out", str(tmp_path / "out")])
    assert run.exit_code == 0, run.output
    assert EARLY_Q2 not in run.output
    # The row a roll-up of quý II 2025 would use is that same row: its warning is not hidden.
    assert [str(w) for w in read_issuer_workbook(issuer).warnings_for(quarter(2025, 2))] == [
        str(w) for w in read_issuer_workbook(issuer).warnings]

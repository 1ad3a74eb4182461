"""One rule for the batch and the roll-up: identical copies of a unit's workbook are one, different
workbooks of one unit are refused together, and a unit is its name whatever the case or tone marks."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from builders import build_workbook, set_info
from pipeline.cli import main
from pipeline.domain.units import unit_key
from pipeline.workbook import format as F
from test_rollup_trust import PROVINCE
from year import year_sheets


def ward(path, issuer="ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", upto=2):
    sheets = year_sheets(upto)
    set_info(sheets, F.INFO_ISSUER, issuer)
    return build_workbook(path, sheets)


def batch(folder, out):
    return CliRunner().invoke(main, ["--input-dir", str(folder), "--out", str(out)])


def roll_up(folder, out):
    return CliRunner().invoke(main, ["tong-hop", "--input-dir", str(folder), *PROVINCE, "--out", str(out)])


def test_a_unit_is_its_name_whatever_the_case_tone_marks_and_spacing():
    assert unit_key("ỦY BAN NHÂN DÂN XÃ TÂN PHÚ") == unit_key("Ủy ban nhân dân xã Tan  Phu") == "xa-tan-phu"
    assert unit_key("UBND xã Tân Phú") == "xa-tan-phu"
    assert unit_key("ỦY BAN NHÂN DÂN PHƯỜNG TÂN PHÚ") != unit_key("ỦY BAN NHÂN DÂN XÃ TÂN PHÚ")


def test_identical_copies_are_one_in_the_batch_with_a_note(tmp_path):
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    shutil.copy(ward(folder / "tan-phu.xlsx"), folder / "tan-phu (1).xlsx")
    result = batch(folder, tmp_path / "kq")
    assert result.exit_code == 0, result.output
    assert (f"Cảnh báo: {folder / 'tan-phu (1).xlsx'}: trùng nội dung với sổ {folder / 'tan-phu.xlsx'} "
            "nên văn bản chỉ tạo một lần") in result.stderr
    assert len(list((tmp_path / "kq").rglob("*.docx"))) == 3
    assert "1/2 sổ tạo xong (3 tệp), 1 sổ trùng nội dung với sổ khác (văn bản chỉ tạo một lần), 0 sổ lỗi." in result.stdout


def test_different_workbooks_of_one_unit_are_refused_together_saying_how_they_differ(tmp_path):
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    ward(folder / "tan-phu.xlsx", upto=2)
    ward(folder / "tan-phu-cu.xlsx", issuer="UBND xã Tan Phu", upto=1)  # an older copy, typed otherwise
    ward(folder / "long-hung.xlsx", issuer="ỦY BAN NHÂN DÂN XÃ LONG HƯNG")
    result = batch(folder, tmp_path / "kq")
    assert result.exit_code == 1
    for name in ("tan-phu.xlsx", "tan-phu-cu.xlsx"):
        assert (f"Lỗi: {folder / name}: 2 sổ khác nhau của cùng Xã Tân Phú năm 2026 (tan-phu.xlsx, "
                "tan-phu-cu.xlsx): quý có kết quả: I, II / I") in result.stderr
    assert "sửa lần cuối: " in result.stderr
    assert not list((tmp_path / "kq").rglob("xa-tan-phu*"))  # neither: nobody but the clerk knows which
    assert list((tmp_path / "kq").rglob("xa-long-hung_*.docx"))

    rolled = roll_up(folder, tmp_path / "th")
    assert rolled.exit_code == 1  # the roll-up refuses the same two, by the same rule
    assert "2 sổ khác nhau của cùng Xã Tân Phú năm 2026 (tan-phu.xlsx, tan-phu-cu.xlsx)" in rolled.stdout


def test_two_workbooks_with_other_task_counts_say_so(tmp_path):
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    ward(folder / "tan-phu.xlsx")
    sheets = year_sheets(2)
    sheets[F.SHEET_TASKS].append([16, "Tiêu chí 7.4. Thanh toán không dùng tiền mặt", "Triển khai thu phí qua ngân hàng",
                                  "Văn phòng HĐND và UBND", None, "Quý IV", None])
    build_workbook(folder / "tan-phu-moi.xlsx", sheets)
    result = batch(folder, tmp_path / "kq")
    assert result.exit_code == 1
    assert ("2 sổ khác nhau của cùng Xã Tân Phú năm 2026 (tan-phu.xlsx, tan-phu-moi.xlsx): "
            "số nhiệm vụ: 15 / 16; sửa lần cuối: ") in result.stderr
    assert "quý có kết quả" not in result.stderr  # the same quarters: not named as a difference


def test_the_roll_up_reads_again_only_the_workbooks_of_a_unit_with_several(tmp_path, monkeypatch):
    """Its units are summarized without their content's digest (a seventh of reading one): only a unit that
    sent two workbooks has them read again, to tell a copy from a different workbook."""
    import importlib

    generate = importlib.import_module("pipeline.generate")
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    shutil.copy(ward(folder / "tan-phu.xlsx"), folder / "tan-phu (1).xlsx")
    ward(folder / "an-loc.xlsx", "ỦY BAN NHÂN DÂN XÃ AN LỘC")
    units, _ = generate.read_units(sorted(folder.glob("*.xlsx")), jobs=1)
    assert [u.profile.content for u in units] == [None, None, None]
    read_again = []
    monkeypatch.setattr(generate, "content_read_again",
                        lambda profile, read=generate.content_read_again: read_again.append(profile.path.name) or read(profile))
    result = roll_up(folder, tmp_path / "kq")
    assert result.exit_code == 0, result.output
    assert sorted(read_again) == ["tan-phu (1).xlsx", "tan-phu.xlsx"]
    assert "2/3 sổ được tính; 0 đơn vị chưa báo cáo, 1 sổ trùng" in result.stdout

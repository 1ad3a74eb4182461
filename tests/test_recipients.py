"""Nơi nhận under a Kính gửi: `- Như trên;` stands for the addressees, so one named again is left out."""

from pipeline.documents.common import recipient_lines
from pipeline.domain.plan import Recipients

NAMES = ("UBND tỉnh Quảng Trị (b/c)", "HĐND tỉnh Quảng Trị (b/c)", "Sở Nội vụ tỉnh Quảng Trị", "Đảng ủy xã")


def test_an_addressee_named_again_is_left_out_however_it_is_written():
    lines = recipient_lines(Recipients(NAMES), ("Ủy ban nhân dân tỉnh Quảng Trị", "Sở Nội vụ tỉnh Quảng Trị"))
    assert lines == ["- Như trên;", "- HĐND tỉnh Quảng Trị (b/c);", "- Đảng ủy xã;", "- Lưu: VT."]


def test_without_a_kinh_gui_every_recipient_stays():
    assert recipient_lines(Recipients(NAMES)) == [f"- {name};" for name in NAMES] + ["- Lưu: VT."]

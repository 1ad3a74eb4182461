"""What an issuing body's name says: its symbol in a number and how its head signs (ND 30/2020)."""

from pipeline.domain.agency import agency_symbol, authority_lines, head_title, kind_and_place


def test_kind_and_place():
    assert kind_and_place("Sở Nội vụ tỉnh Lâm Đồng") == ("SỞ NỘI VỤ", "TỈNH LÂM ĐỒNG")
    assert kind_and_place("SỞ NỘI VỤ") == ("SỞ NỘI VỤ", "")


def test_symbols_from_the_name():
    assert agency_symbol("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG") == "UBND"
    assert agency_symbol("SỞ NỘI VỤ TỈNH LÂM ĐỒNG") == "SNV"
    assert agency_symbol("Sở Kế hoạch và Đầu tư tỉnh Quảng Trị") == "SKHĐT"
    assert agency_symbol("BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP") is None


def test_a_committee_signs_on_behalf_a_director_alone():
    assert head_title("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG") == "CHỦ TỊCH"
    assert head_title("SỞ NỘI VỤ TỈNH LÂM ĐỒNG") == "GIÁM ĐỐC"
    assert authority_lines("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "CHỦ TỊCH") == ("TM. ỦY BAN NHÂN DÂN",)
    assert authority_lines("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "PHÓ CHỦ TỊCH") == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")
    assert authority_lines("SỞ NỘI VỤ TỈNH LÂM ĐỒNG", "GIÁM ĐỐC") == ()
    assert authority_lines("SỞ NỘI VỤ TỈNH LÂM ĐỒNG", "PHÓ GIÁM ĐỐC") == ("KT. GIÁM ĐỐC",)

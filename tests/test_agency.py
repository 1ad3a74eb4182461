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


def test_a_department_in_a_sentence_capitalises_each_field_not_each_word():
    from pipeline.vietnamese import agency_in_sentence

    assert agency_in_sentence("SỞ NỘI VỤ") == "Sở Nội vụ"  # never «Sở Nội Vụ»
    assert agency_in_sentence("SỞ NỘI VỤ TỈNH LÂM ĐỒNG") == "Sở Nội vụ tỉnh Lâm Đồng"
    assert agency_in_sentence("SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH QUẢNG TRỊ") == "Sở Kế hoạch và Đầu tư tỉnh Quảng Trị"
    assert agency_in_sentence("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") == "Sở Lao động - Thương binh và Xã hội"
    assert agency_symbol("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH QUẢNG TRỊ") == "SLĐTBXH"
    assert kind_and_place("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") == ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "")

"""Column widths from content (pipeline/autofit.py) and how they reach a rendered table (pipeline/render/columns.py)."""

from hypothesis import given, strategies as st
from lxml import etree

from pipeline.autofit import Cell, cell, fit, shares
from pipeline.layout import CELL_PADDING, LANDSCAPE_TEXT_WIDTH, SIZES, WORD_SLACK, text_width
from pipeline.render.columns import allow_row_breaks, apply_column_widths

SIZE = SIZES["table"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def needed(text: str) -> int:
    return round(text_width(text, SIZE) * WORD_SLACK) + CELL_PADDING


def table(*rows: tuple[str, ...]):
    return [[cell([text], SIZE) for text in row] for row in rows]


def test_shares_add_up_and_follow_the_weights():
    assert shares([1, 1, 1], 10) == [4, 3, 3]
    assert shares([0, 0], 7) == [4, 3]
    assert sum(shares([5, 17, 3], LANDSCAPE_TEXT_WIDTH)) == LANDSCAPE_TEXT_WIDTH


def test_a_cell_wraps_at_spaces_only():
    date = cell(["31/12/2026"], SIZE)
    assert date.longest_word == date.longest_line  # a date is one word: never broken
    lead = cell(["Văn phòng HĐND và UBND"], SIZE)
    assert lead.longest_line >= needed("Văn phòng HĐND và UBND") - 2  # words are rounded one by one
    assert lead.lines(lead.longest_line) == 1 and lead.lines(lead.longest_line - 1) == 2
    assert lead.lines(lead.longest_word) == 5
    assert cell(["a\nb", "c"], SIZE).lines(5000) == 3  # a line break, another paragraph


def word_by_word(c: Cell, width: int) -> int:
    """The wrapping spelled out: a word goes on the line if it fits, else it starts the next one."""
    total = 0
    for words in c.paragraphs:
        lines, used = 1, None
        for word in words:
            if used is not None and used + c.space + word > width - CELL_PADDING:
                lines, used = lines + 1, word
            else:
                used = word if used is None else used + c.space + word
        total += lines
    return total


@given(st.lists(st.lists(st.integers(1, 900), max_size=12), min_size=1, max_size=3),
       st.integers(1, 120), st.integers(0, 4000))
def test_a_cell_wraps_as_words_are_laid_one_by_one(paragraphs, space, width):
    c = Cell(tuple(map(tuple, paragraphs)), space)
    assert c.lines(width) == word_by_word(c, width)


def test_every_column_gets_its_longest_word_and_the_table_its_width():
    rows = table(("TT", "Nhiệm vụ", "Ghi chú"),
                 ("1", "Rà soát, cập nhật dữ liệu dân cư " * 6, "Ủy-ban-nhân-dân-xã"),
                 ("2", "Kiểm tra", ""))
    widths = fit(rows, 9000)
    assert sum(widths) == 9000
    assert widths[2] >= needed("Ủy-ban-nhân-dân-xã")
    assert widths[0] >= needed("TT")


def test_when_every_line_fits_the_room_follows_the_longest_lines():
    widths = fit(table(("TT", "Tên"), ("1", "Kiểm tra")), 4000)
    assert sum(widths) == 4000 and widths[1] > widths[0]


def test_the_room_goes_where_it_saves_lines():
    # Long text in every row beside two short words: the long text gets the room, the two words
    # go one under the other (the rows are taller than two lines anyway).
    rows = table(*[("Kiểm tra", "Đã tổ chức hội nghị phổ biến pháp luật cho cán bộ, công chức xã " * 2)] * 5)
    narrow, wide = fit(rows, 6000)
    assert narrow == cell(["Kiểm tra"], SIZE).longest_word and wide == 6000 - narrow


def test_a_pasted_address_does_not_take_the_table():
    rows = table(("Nhiệm vụ", "Hồ sơ"), ("Số hóa hồ sơ " * 8, "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet"))
    assert fit(rows, 9000)[1] <= 3000


def test_same_text_same_widths():
    rows = table(*[(str(n), f"Nhiệm vụ số {n} " * (n % 4 + 1), "Ghi chú " * (n % 3)) for n in range(300)])
    assert fit(rows, LANDSCAPE_TEXT_WIDTH) == fit(rows, LANDSCAPE_TEXT_WIDTH)


# ------------------------------------------------------------------------------------------
# Into the rendered table: by its caption, in valid OOXML

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def document(caption: str = "Bảng", columns: int = 3) -> bytes:
    grid = "".join('<w:gridCol w:w="100"/>' for _ in range(columns))
    cells = "".join('<w:tc><w:tcPr><w:tcW w:w="100" w:type="dxa"/></w:tcPr><w:p/></w:tc>' for _ in range(columns))
    merged = f'<w:tc><w:tcPr><w:tcW w:w="300" w:type="dxa"/><w:gridSpan w:val="{columns}"/></w:tcPr><w:p/></w:tc>'
    caption_xml = f'<w:tblCaption w:val="{caption}"/>' if caption else ""
    return (f'<w:document {NS}><w:body><w:tbl><w:tblPr><w:tblW w:w="300" w:type="dxa"/>'
            f'<w:tblLook w:val="04A0"/>{caption_xml}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f"<w:tr>{cells}</w:tr><w:tr>{merged}</w:tr></w:tbl><w:p/></w:body></w:document>").encode()


def sized(xml: bytes):
    tbl = etree.fromstring(xml).find(f"{W}body/{W}tbl")
    grid = [int(c.get(f"{W}w")) for c in tbl.findall(f"{W}tblGrid/{W}gridCol")]
    rows = [[int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in tr.findall(f"{W}tc")] for tr in tbl.findall(f"{W}tr")]
    return tbl, grid, rows


def test_the_captioned_table_gets_the_widths_merged_cells_their_sum():
    tbl, grid, rows = sized(apply_column_widths(document(), {"Bảng": (500, 700, 900)}))
    assert grid == [500, 700, 900] and rows == [[500, 700, 900], [2100]]
    assert tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w") == "2100"
    # Fixed layout, placed where the schema's sequence has it: before tblLook and tblCaption.
    assert [child.tag.removeprefix(W) for child in tbl.find(f"{W}tblPr")] == ["tblW", "tblLayout", "tblLook", "tblCaption"]


def test_tables_without_the_caption_or_with_other_columns_keep_their_widths():
    assert apply_column_widths(document(caption=""), {"Bảng": (500, 700, 900)}) == document(caption="")
    _, grid, rows = sized(apply_column_widths(document(columns=2), {"Bảng": (500, 700, 900)}))
    assert grid == [100, 100] and rows == [[100, 100], [300]]
    assert apply_column_widths(document(), {}) == document()


def test_a_table_nested_in_a_cell_keeps_its_own_widths():
    inner = ('<w:tbl><w:tblPr><w:tblW w:w="80" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="80"/></w:tblGrid>'
             '<w:tr><w:tc><w:tcPr><w:tcW w:w="80" w:type="dxa"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>')
    xml = document().replace(b"<w:p/></w:tc></w:tr><w:tr>", inner.encode() + b"<w:p/></w:tc></w:tr><w:tr>", 1)
    tbl, grid, rows = sized(apply_column_widths(xml, {"Bảng": (500, 700, 900)}))
    assert grid == [500, 700, 900] and rows == [[500, 700, 900], [2100]]
    nested = tbl.find(f"{W}tr/{W}tc/{W}tbl")
    assert [c.get(f"{W}w") for c in nested.iter(f"{W}gridCol", f"{W}tcW", f"{W}tblW")] == ["80", "80", "80"]


def test_a_table_of_5000_rows_is_sized_in_one_pass():
    """Edits are joined once: applied one by one, each copied the whole part (500 s for 5000 tasks)."""
    import time

    head, rest = document().split(b"</w:tr>", 1)
    text = f"<w:p><w:r><w:t>{'Kết quả thực hiện nhiệm vụ ' * 70}</w:t></w:r></w:p>".encode()
    row = head[head.index(b"<w:tr>"):].replace(b"<w:p/>", text) + b"</w:tr>"  # 10 MB, as 5000 tasks make
    xml = head + b"</w:tr>" + row * 5000 + rest
    started = time.process_time()
    _, grid, rows = sized(apply_column_widths(xml, {"Bảng": (500, 700, 900)}))
    assert time.process_time() - started < 5  # CPU seconds; about 0.1 s
    assert len(rows) == 5002 and all(r == [500, 700, 900] for r in rows[:-1]) and rows[-1] == [2100]


# ------------------------------------------------------------------------------------------
# Which rows may break across pages: by the caption, the header row not counted

def with_rows_kept_whole(xml: bytes) -> bytes:
    return xml.replace(b"<w:tr>", b"<w:tr><w:trPr><w:cantSplit/></w:trPr>")


def kept_whole(xml: bytes) -> list[bool]:
    tbl = etree.fromstring(xml).find(f"{W}body/{W}tbl")
    return [tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in tbl.findall(f"{W}tr")]


def test_only_the_flagged_rows_lose_cant_split():
    three_rows = document().replace(b"</w:tr><w:tr>", b"</w:tr><w:tr><w:tc><w:p/></w:tc></w:tr><w:tr>", 1)
    xml = with_rows_kept_whole(three_rows)
    assert kept_whole(allow_row_breaks(xml, {"Bảng": (True, False)})) == [True, False, True]
    assert kept_whole(allow_row_breaks(xml, {"Bảng": (False, True)})) == [True, True, False]


def test_a_table_without_the_caption_or_with_other_rows_keeps_its_rows_whole():
    xml = with_rows_kept_whole(document())
    assert allow_row_breaks(xml, {"Bảng": (True, True)}) == xml          # two rows after the header asked, one there
    assert allow_row_breaks(with_rows_kept_whole(document(caption="")), {"Bảng": (True,)}) \
        == with_rows_kept_whole(document(caption=""))
    assert allow_row_breaks(xml, {}) == xml


def test_a_nested_tables_rows_are_not_touched():
    inner = ('<w:tbl><w:tblPr><w:tblW w:w="80" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="80"/></w:tblGrid>'
             '<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>')
    xml = with_rows_kept_whole(document().replace(b"<w:p/></w:tc></w:tr><w:tr>", inner.encode() + b"<w:p/></w:tc></w:tr><w:tr>", 1))
    done = allow_row_breaks(xml, {"Bảng": (True,)})
    tbl = etree.fromstring(done).find(f"{W}body/{W}tbl")
    assert kept_whole(done) == [True, False]
    assert tbl.find(f"{W}tr/{W}tc/{W}tbl/{W}tr/{W}trPr/{W}cantSplit") is not None


def test_the_narrowest_width_for_so_many_lines():
    head = cell(["Thời gian hoàn thành"], SIZE, bold=True)
    for lines in (1, 2, 3, 4):
        width = head.narrowest(lines)
        assert head.lines(width) <= lines < head.lines(width - 1) or width == head.longest_word
    assert head.narrowest(1) == head.longest_line and head.narrowest(9) == head.longest_word


def test_a_floor_widens_its_column_and_the_rest_shares_what_is_left():
    rows = [[cell([text], SIZE, bold=True) for text in ("Nhiệm vụ", "Ghi chú")],
            *table(*[("Rà soát, cập nhật dữ liệu dân cư " * 6, "")] * 3)]
    floor = rows[0][1].longest_line
    assert fit(rows, 4000)[1] < floor  # the long text's lines outweigh the header's one
    widths = fit(rows, 4000, [0, floor])
    assert widths[1] == floor and sum(widths) == 4000

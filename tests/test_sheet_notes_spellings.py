"""What a sheet's XML says beside its values is found however the XML spells it.

The reader looks for error values, hidden rows, formulas, far cells, formatted numbers and merged
ranges only when a quick scan of the sheet finds what each needs; these sheets spell every one of
them as XML allows and Excel never writes (a namespace prefix, single quotes, spaces around `=`),
so a quick scan narrower than the full pattern fails here.
"""

from __future__ import annotations

import pytest

from pipeline.workbook.cells import Styles, merged_ranges, sheet_notes

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet(body: str, prefix: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    xmlns = f"xmlns:{prefix}" if prefix else "xmlns"
    return (f'<{p}worksheet {xmlns}="{NS}"><{p}sheetData>{body.replace("<", "<" + p).replace("<" + p + "/", "</" + p)}'
            f"</{p}sheetData></{p}worksheet>").encode()


SPELLINGS = {
    "as Excel writes": '"{}"',
    "single quotes": "'{}'",
    "spaces around =": ' "{}" ',
}


def spelt(body: str, quoting: str) -> str:
    """`r=@A1@` with the attribute values quoted and spaced as `quoting` says."""
    parts = body.split("@")
    out = parts[0]
    for value, rest in zip(parts[1::2], parts[2::2]):
        out = out.rstrip("=") + (" = " if quoting.startswith(" ") else "=") + quoting.strip().format(value) + rest
    return out


@pytest.mark.parametrize("prefix", ["", "x"])
@pytest.mark.parametrize("quoting", list(SPELLINGS.values()), ids=list(SPELLINGS))
def test_rare_cells_are_found_in_any_spelling(prefix, quoting):
    body = spelt('<row r=@3@ hidden=@1@><c r=@B3@><f>1+1</f><v>2</v></c><c r=@C3@ t=@e@><v>#REF!</v></c>'
                 '<c r=@D3@ s=@1@><v>0.5</v></c></row>'
                 '<row r=@1200@><c r=@AB1200@ t=@n@><v>7</v></c></row>', quoting)
    notes = sheet_notes(sheet(body, prefix), Styles(["General", "0%"]))
    assert notes.hidden_rows == [3]
    assert notes.formulas == [(3, 2, "B3")]
    assert notes.typed == {(3, 3): "#REF!", (3, 4): 0.5}
    assert notes.number_formats == {(3, 4): "0%"}
    assert notes.far_extent == (1200, 28)


@pytest.mark.parametrize("prefix", ["", "x"])
@pytest.mark.parametrize("quoting", list(SPELLINGS.values()), ids=list(SPELLINGS))
def test_a_value_past_the_grid_is_stray_in_any_spelling(prefix, quoting):
    notes = sheet_notes(sheet(spelt("<row r=@60000@><c r=@A60000@><v>1</v></c></row>", quoting), prefix), Styles())
    assert notes.stray == ["A60000"]


@pytest.mark.parametrize("quoting", list(SPELLINGS.values()), ids=list(SPELLINGS))
def test_merged_ranges_are_found_in_any_spelling(quoting):
    xml = spelt("<x:worksheet><x:mergeCells><x:mergeCell ref=@B2:C4@/></x:mergeCells></x:worksheet>", quoting)
    assert merged_ranges(xml.encode()) == [(2, 2, 4, 3)]


def test_a_sheet_without_rare_cells_has_no_notes():
    notes = sheet_notes(sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>Hoàn thành</t></is></c></row>'),
                        Styles(["General", "0%"]))
    assert (notes.typed, notes.hidden_rows, notes.formulas, notes.stray, notes.far_extent) == ({}, [], [], [], (0, 0))

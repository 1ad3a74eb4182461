"""Property: arbitrary Unicode in every text field gives a whole document or a documented error."""

import unicodedata
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from builders import build_workbook, sample, set_document
from docx_reading import all_paragraphs, open_docx
from pipeline.workbook import format as F
from pipeline.errors import InvalidWorkbook
from pipeline.generate import generate
from pipeline.documents.common import title_lines
from pipeline.vietnamese import clean_text
from pipeline.workbook.results import evidence_lines

# What a cell can hold: anything but surrogates and the control characters XML forbids
# (Excel stores those escaped; test_bad_workbooks covers them).
cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08"
                                                                                "\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14"
                                                                                "\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d"
                                                                                "\x1e\x1f\ufffe\uffff"),
    min_size=1,
    max_size=60,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(criterion=cell_text, solution=cell_text, lead=cell_text, note=cell_text, body=cell_text,
       summary=cell_text, signer=cell_text, outcome=cell_text, evidence=cell_text)
def test_any_text_is_rendered_exactly_or_refused_with_a_message(tmp_path_factory, criterion, solution, lead, note,
                                                                   body, summary, signer, outcome, evidence):
    tmp = tmp_path_factory.mktemp("prop")
    sheets = sample()
    task = sheets[F.SHEET_TASKS][0]
    task[1], task[2], task[3], task[6] = criterion, solution, lead, note
    sheets[F.SHEET_BODY][0][1] = body
    set_document(sheets, "Kế hoạch", F.DOC_SUMMARY, summary)
    set_document(sheets, "Kế hoạch", F.DOC_SIGNER, signer)
    sheets[F.SHEET_RESULTS][0][3], sheets[F.SHEET_RESULTS][0][4] = outcome, evidence
    try:
        result = generate(build_workbook(tmp / "so.xlsx", sheets), tmp / "out")
    except InvalidWorkbook as exc:
        # Documented refusals: a value that is blank once trimmed, or text Excel would take for a formula.
        assert exc.problems and all(p.message and p.sheet for p in exc.problems)
        return
    for path in result.written:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.endswith(".xml"):
                    etree.fromstring(zf.read(name))  # well formed
    plan = "\n".join(p.text for p in all_paragraphs(open_docx(next(p for p in result.written if "_ke-hoach-" in p.name))))
    report = "\n".join(p.text for p in all_paragraphs(open_docx(next(p for p in result.written if "_bao-cao-" in p.name))))
    # A summary is a title: its final punctuation is removed, with a warning (issue: documents a district accepts).
    title = clean_text(summary).rstrip(" .;:,") if not clean_text(summary).endswith("...") else clean_text(summary)
    for value in (criterion, solution, lead, note, signer):
        assert clean_text(value) in plan
        assert unicodedata.is_normalized("NFC", clean_text(value))
    broken = "\n".join(title_lines(title))  # where typed, and a long title at its spaces (test_title_lines)
    assert broken in plan and broken.split() == title.split()
    assert clean_text(outcome) in report
    # Evidence typed as a list loses its own marks and end punctuation (issue 18 item 1).
    for line in evidence_lines(clean_text(evidence)):
        assert line in report

"""Property (issue 20 §1): however a dangerous construct is spelt in XML, the scan, the writer and `check` see it.

Hypothesis writes each construct with any prefix (hyphens and dots included) or a default
namespace, attributes in any order, either quote, whitespace around `=`, characters written as
decimal or hexadecimal references, an attribute holding `>` and `/>`, instruction text split over
runs or in CDATA, the whole part in UTF-8 or UTF-16, and in the body or in a header part whose name
says XML or not (`header9.bin`). Three readers must all see it:
`unsafe_content` (the scan), loading it as a template (the writer refuses it before writing
anything), and `make-report check` (rule L1).
"""

import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import replace_part
from pipeline.check import check_docx
from pipeline.errors import TemplateProblem
from pipeline.render import CompileCache, CompiledTemplate
from pipeline.safety.reader import unsafe_content

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RELS = "word/_rels/document.xml.rels"

prefixes = st.sampled_from(["", "w", "x", "my-r", "a.b", "ns0", "W_1", "r-2.x"])
gaps = st.sampled_from(["", " ", "\n", "\t ", "\r\n  "])


@st.composite
def spelling(draw):
    return {
        "prefix": draw(prefixes),
        "quote": draw(st.sampled_from(['"', "'"])),
        "gap": draw(gaps),
        "tail": draw(gaps),
        "references": draw(st.lists(st.sampled_from(["", "dec", "hex"]), min_size=64, max_size=64)),
        "order": draw(st.randoms(use_true_random=False)),
        "noise": draw(st.booleans()),
        "runs": draw(st.integers(1, 4)),
        "cdata": draw(st.booleans()),
        "utf16": draw(st.booleans()),
        "header": draw(st.sampled_from([None, "header9.xml", "header9.bin", "hdr.dat"])),
    }


def spelt(text: str, s: dict, quote: str = '"') -> str:
    """`text` with some characters written as character references, the rest escaped."""
    out = []
    for i, c in enumerate(text):
        how = s["references"][i % 64]
        if how == "dec":
            out.append(f"&#{ord(c)};")
        elif how == "hex":
            out.append(f"&#x{ord(c):X};")
        else:
            out.append({"&": "&amp;", "<": "&lt;", quote: "&quot;" if quote == '"' else "&apos;"}.get(c, c))
    return "".join(out)


def element(local: str, uri: str, attributes: dict, s: dict, content: str | None = None,
            attribute_uri: str | None = None) -> str:
    """`<p:local a="v" …/>` spelt as `s` says; namespaced attributes share the element's prefix."""
    prefix = s["prefix"]
    name = f"{prefix}:{local}" if prefix else local
    declaration = f"xmlns:{prefix}" if prefix else "xmlns"
    q, gap = s["quote"], s["gap"]
    items = [(f"{prefix}:{k}" if attribute_uri and prefix else k, spelt(v, s, q)) for k, v in attributes.items()]
    if attribute_uri and not prefix:   # an unprefixed attribute has no namespace: bind one for it
        items = [(f"aa:{k}", v) for k, v in items] + [("xmlns:aa", attribute_uri)]
    items.append((declaration, uri))
    if s["noise"]:
        items += [("xmlns:zz-1", "urn:noise"), ("zz-1:note", "a&gt;b/&gt;" if q == "'" else "a>b/>")]
    s["order"].shuffle(items)
    attrs = "".join(f" {k}{gap}={gap}{q}{v}{q}" for k, v in items)
    if content is None:
        return f"<{name}{attrs}{s['tail']}/>"
    return f"<{name}{attrs}>{content}</{name}{s['tail']}>"


def relationship(kind: str, target: str, external: bool, s: dict) -> str:
    attributes = {"Id": "rIdEvil", "Type": TYPES + kind, "Target": target}
    if external:
        attributes["TargetMode"] = "External"
    return element("Relationship", RELS_NS, attributes, s)


def instruction_runs(code: str, s: dict) -> str:
    size = -(-len(code) // s["runs"])
    pieces = [code[i:i + size] for i in range(0, len(code), size)]
    text = (lambda p: f"<![CDATA[{p}]]>") if s["cdata"] else (lambda p: spelt(p, s))
    return "".join(f'<w:r><w:instrText xml:space="preserve">{text(p)}</w:instrText></w:r>' for p in pieces)


def complex_field(code: str, s: dict) -> str:
    begin, end = (f'<w:r><w:fldChar w:fldCharType="{k}"/></w:r>' for k in ("begin", "end"))
    return f"<w:p>{begin}{instruction_runs(code, s)}{end}</w:p>"


CONSTRUCTS = {
    "external picture": ("rels", lambda s: relationship("image", "http://t.example/p.png", True, s),
                         "liên kết ra ngoài tệp"),
    "picture on a share": ("rels", lambda s: relationship("image", r"\\server\share\p.png", True, s),
                           "liên kết ra ngoài tệp"),
    "attachedTemplate": ("rels", lambda s: relationship("attachedTemplate", r"file:///\\srv\s\N.dotm", True, s),
                         "attachedTemplate"),
    "aFChunk": ("rels", lambda s: relationship("aFChunk", "styles.xml", False, s), "altChunk"),
    "oleObject": ("rels", lambda s: relationship("oleObject", "styles.xml", False, s), "OLE"),
    "altChunk": ("body", lambda s: element("altChunk", W, {}, s), "altChunk"),
    "OLE object": ("body", lambda s: "<w:p><w:r>" + element("object", W, {}, s) + "</w:r></w:p>", "OLE"),
    "simple INCLUDEPICTURE": ("body", lambda s: "<w:p>" + element(
        "fldSimple", W, {"instr": ' INCLUDEPICTURE "http://t.example/p.png" \\d '}, s, "<w:r><w:t>x</w:t></w:r>",
        attribute_uri=W) + "</w:p>", "INCLUDEPICTURE"),
    "INCLUDETEXT": ("body", lambda s: complex_field(' INCLUDETEXT "C:\\\\Windows\\\\win.ini" ', s), "INCLUDETEXT"),
    "DATABASE": ("body", lambda s: complex_field(' DATABASE \\d "C:\\\\data.mdb" ', s), "DATABASE"),
    "HYPERLINK to a share": ("body", lambda s: complex_field(' HYPERLINK "\\\\\\\\srv\\\\s" ', s), "HYPERLINK"),
}


def plant(document: Path, where: str, xml: str, utf16: bool, header: str | None = None) -> None:
    """`xml` in the document's relationships or body; or, `header` named, in a header part of that
    name (`.bin`, `.dat`: typed as no XML, read by LibreOffice all the same)."""
    part = RELS if where == "rels" else "word/document.xml"
    if where == "body" and header:
        part = f"word/{header}"
        with zipfile.ZipFile(document, "a") as zf:
            zf.writestr(part, f'<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="{W}"><!--here--></w:hdr>')
        replace_part(document, RELS, lambda data: data.replace(b"</Relationships>", (
            f'<Relationship Id="rIdHdr9" Type="{TYPES}header" Target="{header}"/></Relationships>').encode()))

    def transform(data: bytes) -> bytes:
        if where == "rels":
            data = data.replace(b"</Relationships>", xml.encode() + b"</Relationships>")
        elif header:
            data = data.replace(b"<!--here-->", xml.encode(), 1)
        else:
            data = data.replace(b"<w:body>", b"<w:body>" + xml.encode(), 1)
        if not utf16:
            return data
        text = re.sub(r"encoding=(['\"])UTF-8\1", "encoding='UTF-16'", data.decode("utf-8"), count=1, flags=re.I)
        return text.encode("utf-16")

    replace_part(document, part, transform)


@pytest.mark.broken_documents
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(construct=st.sampled_from(sorted(CONSTRUCTS)), s=spelling())
def test_every_spelling_is_seen_by_the_scan_the_writer_and_check(construct, s, sample_outputs):
    where, build, what = CONSTRUCTS[construct]
    with tempfile.TemporaryDirectory() as folder:
        document = Path(shutil.copy(sample_outputs["_phu-luc-"], Path(folder) / "vb.docx"))
        plant(document, where, build(s), s["utf16"], s["header"])

        with zipfile.ZipFile(document) as zf:
            assert any(what in str(c) for c in unsafe_content(zf)), unsafe_content(zf)
        with pytest.raises(TemplateProblem) as refused:
            CompiledTemplate(document, CompileCache(None))
        assert what in refused.value.message
        found = [f.found for f in check_docx(document).findings if f.rule == "L1"]
        assert any(what in f for f in found), found

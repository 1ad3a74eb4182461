"""Render DocumentJobs with docxtpl templates into the parts of a DOCX package.

docxtpl re-reads the .docx, re-patches its XML and recompiles Jinja on every render. Here each
template is read, patched (with docxtpl's own `patch_xml`, so tag syntax is exactly docxtpl's) and
compiled once; a render is then one Jinja call per templated part plus docxtpl's `resolve_listing`
(line breaks in values become `<w:br/>`), and for a user's template docxtpl's `fix_tables`.
tests/test_render_equivalence.py holds the output to docxtpl's. Jinja runs sandboxed, with
autoescape and StrictUndefined: a value is always literal text, and a misspelt variable is an
error, never an empty field.
"""

from __future__ import annotations

import functools
import re
import sys
import warnings
import zipfile
import zlib
from dataclasses import dataclass

from pathlib import Path
from typing import Any

from ..documents.common import DocumentJob
from ..errors import TemplateProblem, os_reason
from ..package import Entry, deflate
from ..safety.template import refuse_written_outside, template_members
from . import lines, tables
from .properties import core_properties_xml
from .streamed import deflated_as_rendered
from .bundled import is_bundled
from .cells import mark_cells
from .columns import MarkedTable, fit_marked, fit_tables
from .cache import CompileCache
from .entities import as_lxml_writes_text
from .environment import _jinja_env

TEMPLATED_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
CORE_PROPERTIES = "docProps/core.xml"
_TAG_OR_XML = re.compile(r"<[^>]+>")
_PARAGRAPH = re.compile(r"<w:p[ >].*?</w:p>", re.DOTALL)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_OPENING = re.compile(r"\{\{|\{%|\{#")
_CLOSING = {"{{": "}}", "{%": "%}", "{#": "#}"}


@dataclass(frozen=True)
class RenderedDocument:
    """A rendered DOCX as its package parts, deflated, in the template's order, ready to be zipped."""

    job: DocumentJob
    parts: list[Entry]

    def part(self, name: str) -> bytes:
        """A part's XML (for tests and checks)."""
        entry = next(e for e in self.parts if e.name == name)
        return entry.data()


class CompiledTemplate:
    """One .docx template, read and compiled once, rendered many times."""

    def __init__(self, path: Path, cache: CompileCache | None = None):
        self.path = Path(path)
        # Our own templates are tested; a user's may produce broken XML in ways its tags allow.
        self.check_output = not is_bundled(self.path, default_templates_dir())
        env = self._env = _jinja_env(trusted=not self.check_output)
        self._parts: list[tuple[str, bytes]] = []
        self._static: dict[str, Entry] = {}
        self._compiled: dict[str, Any] = {}  # jinja2 Templates
        self._sources: dict[str, str] = {}
        self._whole: dict[str, Any] = {}  # our parts compiled whole and unjoined, in the rare case they are needed
        self._marked: tuple[MarkedTable, ...] = ()   # the body's tables whose cell widths are marked (cells.py)
        cache = cache if cache is not None else CompileCache.default()
        shared: dict[str, tuple[Any, tuple[str, ...]]] = {}
        env.globals[tables.CALL] = tables.shared_table_function(env, shared)
        from .sandbox import TemplateSize

        size = TemplateSize()
        for name, data in self._read_package():
            self._parts.append((name, data))
            if not (TEMPLATED_PARTS.match(name) and b"{" in data) and name != CORE_PROPERTIES:
                self._static[name] = deflate(name, data)  # the same in every document: deflate once
            if TEMPLATED_PARTS.match(name) and b"{" in data:
                self._measure(size, name, data)   # cached or not: loading a huge template's code costs too
                variant = "whole" if self.check_output else "shared-tables-joined"
                cached = cache.load(data, variant)
                if cached is None:
                    source, code, own_tables, marked = self._prepare(env, name, data.decode("utf-8"))
                    cache.store(data, source, code, own_tables, variant, marked)
                else:
                    source, code, own_tables, marked = cached
                self._sources[name] = source
                if name == "word/document.xml":
                    self._marked = tuple(map(MarkedTable.of, marked))
                for key, names, table_code in own_tables:
                    shared[key] = (env.template_class.from_code(env, table_code, env.make_globals(None)), names)
                self._compiled[name] = env.template_class.from_code(env, code, env.make_globals(None))

    @functools.cached_property
    def _docxtpl(self):
        """docxtpl, loaded only when a part must be patched (not cached) or a user's template fixed."""
        from docxtpl import DocxTemplate

        return DocxTemplate(None)

    def _measure(self, size, name: str, data: bytes) -> None:
        from .sandbox import TemplateLimit

        try:
            size.add(name, data.decode("utf-8", errors="replace"))
        except TemplateLimit as exc:
            raise TemplateProblem(self.path, f"mẫu quá lớn: {exc}",
                                  hint="chia mẫu thành văn bản nhỏ hơn, bớt thẻ {{ … }}; mẫu thật chỉ có vài trăm thẻ") from None

    def _prepare(self, env, name: str, text: str):
        """Check, patch (docxtpl) and compile one part: the slow step the cache saves."""
        self._check_tags_close_in_their_paragraph(name, text)
        source = _literal_braces(self._docxtpl.patch_xml(as_lxml_writes_text(text)))
        # docxtpl's convention: one <w:p> per line, so an error's line is a paragraph.
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
        if self.check_output:  # a user's template renders whole: its errors name their lines
            return source, self._compile(env, name, source), (), ()
        source, marked = mark_cells(source) if name == "word/document.xml" else (source, ())   # sized: the body
        split = tables.compile_split(env, source, lambda text: self._compile(env, name, text, joined=True))
        return (source, *split, marked)

    def _read_package(self) -> list[tuple[str, bytes]]:
        if not self.path.is_file():
            raise TemplateProblem(self.path, "không tìm thấy tệp mẫu", hint="kiểm tra thư mục --templates")
        try:
            with zipfile.ZipFile(self.path) as zf:
                names = zf.namelist()
                if "word/document.xml" not in names:
                    raise TemplateProblem(self.path, "tệp mẫu không phải văn bản Word (.docx)",
                                          hint="mở mẫu trong Word và lưu dạng Word Document (*.docx)")
                return [(info.filename, zf.read(info)) for info in template_members(self.path, zf)]
        except OSError as exc:
            raise TemplateProblem(self.path, f"không đọc được tệp mẫu ({os_reason(exc)})",
                                  hint="kiểm tra quyền đọc tệp mẫu rồi chạy lại") from exc
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise TemplateProblem(self.path, "tệp mẫu không phải văn bản Word (.docx) hoặc đã hỏng",
                                  hint="mở mẫu trong Word và lưu dạng Word Document (*.docx)") from exc

    def _check_tags_close_in_their_paragraph(self, part: str, xml: str) -> None:
        """Word may split a tag across runs, never across paragraphs: an unclosed tag is an error.

        Without this, docxtpl's patching joins `{{ ten_` to the next tag and the text between
        silently disappears.
        """
        for paragraph in _PARAGRAPH.finditer(xml):
            text = "".join(_TEXT.findall(paragraph.group(0)))
            position = 0
            while (m := _OPENING.search(text, position)) is not None:
                close = _CLOSING[m.group(0)]
                end = text.find(close, m.end())
                reopened = _OPENING.search(text, m.end())
                if end < 0 or (reopened is not None and reopened.start() < end):
                    raise TemplateProblem(
                        self.path,
                        f"thẻ “{text[m.start():m.start() + 30]}” chưa được đóng bằng “{close}” ({part})",
                        excerpt=text[:300],
                        hint=f"gõ lại cả thẻ trong một đoạn, ví dụ {{{{ summary }}}}; thẻ mở “{m.group(0)}” phải đóng bằng “{close}”",
                    )
                position = end + len(close)

    def _compile(self, env, part: str, source: str, joined: bool = False):
        """`joined`: compiled without the line before each paragraph in the template's text (`_finish`)."""
        from jinja2 import TemplateError, TemplateSyntaxError

        try:
            with warnings.catch_warnings():  # `{{ 1[0] }}`: Python's SyntaxWarning is not for the clerk
                warnings.simplefilter("ignore", SyntaxWarning)
                return env.compile(lines.without_paragraph_lines(env, source) if joined else source)
        except TemplateSyntaxError as exc:
            raise TemplateProblem(
                self.path,
                f"thẻ mẫu sai cú pháp ({part}): {exc.message}",
                excerpt=_excerpt(source, exc.lineno),
                hint="sửa thẻ {{ … }} hoặc {% … %} cho đủ và đúng; gõ lại cả thẻ nếu Word đã tách nó",
            ) from exc
        except TemplateError as exc:  # Jinja folds constants while compiling: `{{ [][0] and x }}` fails here
            raise TemplateProblem(self.path, f"lỗi mẫu ({part}): {exc}", excerpt=_deepest_paragraph(source),
                                  hint="sửa thẻ đó: mẫu chỉ được dùng các biến văn bản") from exc
        except (RecursionError, MemoryError, SyntaxError, ValueError, OverflowError) as exc:
            # 2,000 nested parentheses exhaust the parser or Python's compiler, not Jinja's syntax rules.
            raise TemplateProblem(
                self.path,
                f"lỗi mẫu ({part}): biểu thức lồng nhau quá sâu hoặc quá lớn ({type(exc).__name__})",
                excerpt=_deepest_paragraph(source),
                hint="viết lại thẻ đó cho đơn giản (bớt ngoặc, bớt lồng nhau)",
            ) from exc

    def render(self, job: DocumentJob) -> RenderedDocument:
        from jinja2 import TemplateError, UndefinedError
        from jinja2.exceptions import SecurityError

        from .sandbox import TemplateLimit, python_error_in_vietnamese, render_bounded, render_trusted

        parts = []
        self._env.start_render(bounded=self.check_output)   # one budget for all the document's parts
        for name, data in self._parts:
            if name in self._static:
                parts.append(self._static[name])
                continue
            if name in self._compiled:
                try:
                    if self._streams(name, job):
                        parts.append(self._render_streamed(name, job.context))
                        continue
                    template = self._compiled[name]
                    # Our templates are tested and trusted with any workbook the reader accepts;
                    # a user's is bounded in time and size.
                    xml = (render_bounded if self.check_output else render_trusted)(template, job.context, fresh=False)
                except TemplateLimit as exc:
                    raise self._runtime_problem(name, exc, f"mẫu đòi quá nhiều thời gian hoặc bộ nhớ: {exc}") from None
                except SecurityError as exc:
                    raise TemplateProblem(self.path, f"mẫu tìm cách truy cập phần nội bộ của chương trình: {exc}",
                                          hint="xóa thẻ đó khỏi mẫu; mẫu chỉ được dùng các biến văn bản") from exc
                except UndefinedError as exc:
                    raise self._undefined(name, exc) from exc
                except TemplateError as exc:
                    raise TemplateProblem(self.path, f"lỗi khi điền mẫu ({name}): {exc}",
                                          hint="mẫu không được dùng {% include %}, {% import %} hay {% extends %}") from exc
                except Exception as exc:  # noqa: BLE001 - {{ 1/0 }}, recursion, range(10**9): the template's fault
                    raise self._runtime_problem(name, exc, python_error_in_vietnamese(exc)) from None
                data = self._finish(name, xml, job.context)
                if self.check_output:
                    _check_well_formed(self.path, name, data)
                    refuse_written_outside(self.path, name, data)
                    if name == "word/document.xml":
                        data = self._fix_tables_and_drawings(data)
                if name == "word/document.xml":
                    data = self._fit_tables(data, job)
            elif name == CORE_PROPERTIES:
                data = core_properties_xml(job.properties)
            parts.append(deflate(name, data))
        return RenderedDocument(job, parts)

    def _streams(self, name: str, job: DocumentJob) -> bool:
        """Our own body, of a job that asks for it, with no table to fit: nothing after the render needs it whole."""
        return (job.streamed and name == "word/document.xml" and not self.check_output and not self._marked
                and not job.column_widths and not any(map(any, job.rows_that_may_break.values())))

    def _render_streamed(self, name: str, context: dict) -> Entry:
        """The part from its whole template (`_render_whole`), finished as `_finish` finishes it and deflated
        as it comes (render/streamed.py): the entry rendering it whole gives."""
        return deflated_as_rendered(name, self._whole_template(name).generate(context),
                                    lambda xml: self._line_breaks(lines.without_paragraph_lines_in(xml)))

    def _fit_tables(self, data: bytes, job: DocumentJob) -> bytes:
        if self._marked:   # our own template, its cell widths marked (cells.py)
            return fit_marked(data, self._marked, job.column_widths, job.rows_that_may_break)
        return fit_tables(data, job.column_widths, job.rows_that_may_break)

    def _fix_tables_and_drawings(self, data: bytes) -> bytes:
        """docxtpl's last steps on the body: a `{%tc %}` loop's columns get grid columns, drawings ids.

        Our own templates have neither (the equivalence test proves the output is the same
        without them), so only a user's template pays for the parse.
        """
        from lxml import etree

        try:
            tree = self._docxtpl.fix_tables(data)
        except (AttributeError, TypeError, ValueError) as exc:
            raise TemplateProblem(self.path, f"bảng trong mẫu thiếu lưới cột hoặc độ rộng cột hỏng ({exc})",
                                  hint="mở mẫu trong Word, chọn bảng, lưu lại dạng Word Document (*.docx)") from exc
        self._docxtpl.docx_ids_index = 1000
        self._docxtpl.fix_docpr_ids(tree)
        return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _finish(self, part: str, xml: str | bytes, context: dict) -> bytes:
        """The rendered part (text, or UTF-8 from trusted.py) in UTF-8, without the lines `_prepare` put
        before paragraphs, line breaks in values as <w:br/>.

        Our own templates are compiled without them (`joined`), which leaves the same text unless
        the render put a line right before a paragraph itself; then, and only then, a paragraph line
        is left in the output and the part is rendered again whole.
        """
        if self.check_output:  # a user's template renders to text
            xml = lines.without_paragraph_lines_in(_text(xml))
        elif lines.has_paragraph_line(xml):
            xml = lines.without_paragraph_lines_in(_text(self._render_whole(part, context)))
        return self._line_breaks(xml)

    def _render_whole(self, part: str, context: dict) -> str:
        """One of our parts rendered from its whole, unjoined template, outside the document's budgets
        (the joined render already kept within them)."""
        from .sandbox import render_trusted

        env = self._env
        kept = (env.iterations_left, env.produced_left, env.output_left, env.deadline, env.bounded)
        try:
            return render_trusted(self._whole_template(part), context)
        finally:
            env.iterations_left, env.produced_left, env.output_left, env.deadline, env.bounded = kept

    def _whole_template(self, part: str):
        """One of our parts compiled from its whole source: its tables not split off, the line before
        each paragraph kept (the output has them taken out)."""
        env = self._env
        if part not in self._whole:
            self._whole[part] = env.template_class.from_code(env, self._compile(env, part, self._sources[part]),
                                                             env.make_globals(None))
        return self._whole[part]

    def _line_breaks(self, xml: str | bytes) -> bytes:
        """A value's line breaks become <w:br/>, as docxtpl's resolve_listing does; the part in UTF-8.

        resolve_listing rewrites every run of every paragraph with regexes; values that reach a
        template carry at most `\n` (clean_text turns tabs into spaces and drops bell and form
        feed), so only text elements holding one need touching. Anything else takes docxtpl's path.
        """
        if isinstance(xml, bytes) and not (b"\t" in xml or b"\a" in xml or b"\f" in xml):
            return lines.text_line_breaks(xml)
        text = _text(xml)
        if "\t" in text or "\a" in text or "\f" in text:
            return self._docxtpl.resolve_listing(text).encode("utf-8")
        return lines.text_line_breaks(text).encode("utf-8")

    def _runtime_problem(self, part: str, exc: BaseException, reason: str) -> TemplateProblem:
        """`lỗi mẫu … ở đoạn …`: the reason, and the paragraph of the template it happened in."""
        from .sandbox import template_line

        excerpt = _excerpt(self._sources.get(part, ""), template_line(exc))
        shown = excerpt if len(excerpt) <= 120 else excerpt[:119] + "…"
        return TemplateProblem(
            self.path,
            f"lỗi mẫu ({part}) ở đoạn «{shown}»: {reason}" if excerpt else f"lỗi mẫu ({part}): {reason}",
            hint="sửa hoặc xóa thẻ đó trong mẫu; mẫu chỉ nên điền biến, không tính toán lớn",
        )

    def _undefined(self, part: str, exc) -> TemplateProblem:
        message = str(exc)
        m = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", message)
        variable = next((g for g in (m.groups() if m else ()) if g), message)
        source = self._sources.get(part, "")
        line = next((i for i, text in enumerate(source.splitlines(), 1) if re.search(rf"\b{re.escape(variable)}\b", text)), None)
        return TemplateProblem(
            self.path,
            f"mẫu dùng biến “{variable}” không có trong dữ liệu",
            excerpt=_excerpt(source, line) if line else "",
            hint="sửa tên biến cho đúng (xem danh sách biến trong README) hoặc xóa thẻ đó",
        )


def _text(xml: str | bytes) -> str:
    return xml.decode("utf-8") if isinstance(xml, bytes) else xml


def _deepest_paragraph(source: str) -> str:
    """The paragraph holding the most brackets: where a too-deep expression most likely is."""
    lines = source.splitlines()
    if not lines:
        return ""
    deepest = max(range(len(lines)), key=lambda i: lines[i].count("(") + lines[i].count("["))
    return _excerpt(source, deepest + 1)


_ESCAPED_BRACES = re.compile(r"\{_\{|\}_\}|\{_%|%_\}")


def _literal_braces(source: str) -> str:
    """docxtpl's escapes for literal tag braces in a template (`{_{` prints `{{`), as Jinja literals.

    docxtpl replaces them in the rendered XML, values included, so a clerk's `{_{` would print
    as `{{`; here only the template's own text is touched and values stay exactly as typed.
    """
    return _ESCAPED_BRACES.sub(lambda m: "{{ '" + m.group(0).replace("_", "") + "' }}", source)


def _excerpt(source: str, lineno: int | None) -> str:
    """The text of the paragraphs around an XML line, without the markup: what the user sees in Word."""
    if not lineno:
        return ""
    lines = source.splitlines()
    around = lines[max(lineno - 2, 0): lineno + 1]
    texts = [" ".join(_TAG_OR_XML.sub(" ", line).split()) for line in around]
    return " … ".join(t for t in texts if t)[:300]


def _check_well_formed(template: Path, part: str, data: bytes) -> None:
    from lxml import etree

    try:
        etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        raise TemplateProblem(template, f"mẫu tạo ra XML hỏng ({part}): {exc}",
                              hint="kiểm tra các thẻ {%p %}, {%tr %} có đứng riêng một đoạn/dòng không") from exc


def default_templates_dir() -> Path:
    """The templates of a checkout (or editable install), else those a `pip install .` put in share/."""
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "make-report" / "templates"


"""Property: any Jinja expression over the documented variables renders or gives a TemplateProblem.

Expressions are built from the README's variables, literals (some huge), operators, filters, tests
and calls, in `{{ }}` and in `{% for %}`/`{% if %}`; never a traceback, never past the time limit.
"""

import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import build_workbook, sample
from pipeline.documents import document_jobs
from pipeline.errors import TemplateProblem
from pipeline.render import CompiledTemplate, CompileCache, default_templates_dir
from pipeline.workbook.reader import read_workbook

VARIABLES = ["managing_body", "issuer_lines", "number_symbol", "date_line", "summary", "signer", "signer.authority",
             "signer.title", "signer.name", "recipients", "body", "appendix_reference", "rows", "rows[0]",
             "rows[0].criterion", "body[0].text", "missing_name", "loop", "range", "lipsum", "cycler", "namespace",
             "dict", "joiner", "horizontal_rule", "self", "__class__"]
LITERALS = ["0", "1", "-1", "10**9", "3000000000", "1.5", "'A'", "'{{'", "'%s'", "'{:>99999}'", "[]", "[1, 2]",
            "{}", "none", "true", "'<w:p>'", "'&'"]
BINARY = ["+", "-", "*", "/", "//", "%", "**", "~", "==", "<", "and", "or", "in"]
FILTERS = ["length", "upper", "first", "last", "join", "list", "sort", "reverse", "int", "float", "string",
           "center(3000000000)", "indent(99999)", "replace('A', 'AAAA')", "format(1)", "batch(3)", "sum",
           "map('upper')", "attr('__class__')", "default('x')", "wordcount", "truncate(5)", "e", "safe", "tojson",
           "unique", "max", "items", "dictsort"]
CALLS = ["()", "(1)", "(10**9)", "(1000000)", ".__class__", ".mro()", ".format(1)", "[0]", "[1:3]", ".items()",
         ".upper()", ".split()"]

atoms = st.sampled_from(VARIABLES + LITERALS)


def _extend(inner):
    return st.one_of(
        st.tuples(inner, st.sampled_from(BINARY), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(inner, st.sampled_from(FILTERS)).map(lambda t: f"({t[0]}|{t[1]})"),
        st.tuples(inner, st.sampled_from(CALLS)).map(lambda t: f"{t[0]}{t[1]}"),
        st.tuples(inner, st.sampled_from(["defined", "none", "string", "number", "iterable"]))
          .map(lambda t: f"({t[0]} is {t[1]})"),
        inner.map(lambda e: f"(not {e})"),
    )


expressions = st.recursive(atoms, _extend, max_leaves=6)
statements = st.one_of(
    expressions.map(lambda e: "{{ " + e + " }}"),
    st.tuples(expressions, expressions).map(lambda t: "{% for x in " + t[0] + " %}{{ " + t[1] + " }}{% endfor %}"),
    st.tuples(expressions, expressions).map(lambda t: "{% if " + t[0] + " %}{{ " + t[1] + " }}{% endif %}"),
    st.tuples(expressions).map(lambda t: "{% set y = " + t[0] + " %}{{ y }}"),
)


@pytest.fixture(scope="module")
def plan_job(tmp_path_factory):
    workbook = build_workbook(tmp_path_factory.mktemp("wb") / "so.xlsx", sample())
    jobs, _ = document_jobs(read_workbook(workbook), 1)
    return jobs[0]


def template_with(folder: Path, statement: str) -> Path:
    source = default_templates_dir() / "ke-hoach.docx"
    target = folder / "ke-hoach.docx"
    text = statement.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b'<w:body><w:p><w:r><w:t xml:space="preserve">' + text
                                    + b"</w:t></w:r></w:p>", 1)
            dst.writestr(info, data)
    return target


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(statement=statements)
def test_any_expression_over_the_variables_renders_or_is_a_template_problem(tmp_path_factory, plan_job, statement):
    folder = tmp_path_factory.mktemp("mau")
    started = time.process_time()
    try:
        template = CompiledTemplate(template_with(folder, statement), CompileCache(None))
        template.render(plan_job)
    except TemplateProblem as problem:
        assert problem.message and str(problem.template).endswith("ke-hoach.docx")
    assert time.process_time() - started < 20  # CPU seconds: a loaded machine must not fail this

"""Our own templates' shorter compiled code (render/trusted.py) prints what the sandbox's code prints,
fails where it fails, and still keeps a template away from Python's internals."""

import pytest
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError
from markupsafe import Markup

from pipeline.render import _jinja_env
from pipeline.render.sandbox import render_trusted

CONTEXT = {
    "r": {"value": "A & <B> \"c\" 'd'", "number": 7, "none": None, "strong": True, "items": "an item",
          "nested": {"deep": {"text": "sâu"}}, "markup": Markup("<w:br/>"), "rows": [{"x": 1}, {"x": "hai"}]},
    "rows": [{"group": "Nhóm", "x": "1"}, {"group": "", "x": "<2>"}],
    "text": "văn bản",
    "number": 3,
    "ns": [1, 2],
}

TEMPLATES = [
    "{{ r.value }}|{{ r.number }}|{{ r.none }}|{{ r.strong }}|{{ r.markup }}|{{ text }}|{{ number }}",
    "{{ r.nested.deep.text }}{{ r.nested['deep'].text }}{{ r['nested'].deep['text'] }}",
    "{% for row in rows %}{% if row.group %}[{{ row.group }}]{% else %}{{ loop.index }}:{{ row.x }}{% endif %}{% endfor %}",
    "{% for row in r.rows if row.x %}{{ row.x ~ '-' ~ loop.length }}{% endfor %}",
    "{% for row in rows %}{{ loop.first }}{{ loop.last }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.index0 }}"
    "{{ loop.depth }}{{ loop.depth0 }}{{ loop.previtem.x if not loop.first }}{{ loop.nextitem.x if not loop.last }}"
    "{{ loop.cycle('a', 'b') }}{{ loop.changed(row.group) }}{% if loop.revindex == 2 %}!{% endif %}{% endfor %}",
    "{{ r.items }}|{{ r.get('value') }}|{{ r.keys()|list|length }}|{{ r.items()|list|length }}",
    "{% macro cell(c) %}<{{ c.x }}>{% endmacro %}{% for row in rows %}{{ cell(row) }}{% endfor %}",
    "{% set joined %}{% for row in rows %}{{ row.x }}{% endfor %}{% endset %}{{ joined }}|{{ joined|length }}",
    "{{ text.upper() }}{{ 'x'.join(['a', 'b']) }}{{ ns|sum }}{{ rows|map(attribute='x')|join(',') }}",
    "{% autoescape false %}{{ r.value }}{% endautoescape %}{{ r.value|safe }}{{ r.value|e }}",
    "{{ rows[0].group if rows else '' }}{{ (r.number * 2) ~ r.value }}{{ r.value|replace('&', 'và') }}",
]


TO_TEXT = ("{% set", "{% macro", "{% autoescape")
"""What captures output as a value, or escapes it otherwise: compiled to text, not bytes."""


@pytest.mark.parametrize("source", TEMPLATES)
def test_the_shorter_code_prints_what_the_sandboxs_code_prints(source):
    trusted, plain = _jinja_env(trusted=True), _jinja_env()
    code = trusted.compile(source, raw=True)
    as_text = any(construct in source for construct in TO_TEXT)
    assert ("environment.escaped(" if as_text else "environment.escaped_bytes(") in code
    assert "_item[" in code or "r.value" not in source   # the shorter code is what runs
    assert "_item.last if type(_item) is LoopContext" in code or "loop.last" not in source
    ours = render_trusted(trusted.from_string(source), CONTEXT)
    assert type(ours) is (str if as_text else bytes)
    assert (ours if as_text else ours.decode()) == render_trusted(plain.from_string(source), CONTEXT)


def test_a_table_rendered_to_bytes_prints_as_it_is_in_bytes_and_as_markup_in_text():
    from pipeline.render.tables import RenderedTable

    table = RenderedTable("<w:tbl>ô</w:tbl>".encode())
    env = _jinja_env(trusted=True)
    assert render_trusted(env.from_string("<a>{{ t }}</a>"), {"t": table}) == "<a><w:tbl>ô</w:tbl></a>".encode()
    assert render_trusted(env.from_string("{% set x %}{{ t }}{% endset %}{{ x }}"), {"t": table}) == "<w:tbl>ô</w:tbl>"


@pytest.mark.parametrize("source", ["{{ r.missing }}", "{{ nothing.value }}", "{{ r.none.value }}"])
def test_a_missing_field_fails_as_it_did(source):
    for env in (_jinja_env(trusted=True), _jinja_env()):
        with pytest.raises(UndefinedError):
            render_trusted(env.from_string(source), CONTEXT)


@pytest.mark.parametrize("source", ["{{ r.__class__.__mro__ }}", "{{ text.__class__ }}", "{{ r.pop('value') }}",
                                    "{{ rows.append(1) }}", "{{ r.update({}) }}"])
def test_internals_and_changes_stay_out_of_reach(source):
    with pytest.raises(SecurityError):
        render_trusted(_jinja_env(trusted=True).from_string(source), CONTEXT)
    assert "value" in CONTEXT["r"] and len(CONTEXT["rows"]) == 2


def test_the_shorter_code_still_counts_every_loops_iterations():
    from pipeline.render.sandbox import TemplateLimit

    env = _jinja_env(trusted=True)
    source = "{% for row in rows %}{% for c in row.x %}{{ c }}{% endfor %}{% endfor %}"
    assert "environment._counted(" in env.compile(source, raw=True)
    template = env.from_string(source)
    env.start_render(bounded=False)
    env.iterations_left = 5   # 2 rows and their 4 characters are 6
    with pytest.raises(TemplateLimit):
        template.render(CONTEXT)
    env.iterations_left = 6
    assert template.render(CONTEXT) == b"1&lt;2&gt;"

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
    "{{ r.items }}|{{ r.get('value') }}|{{ r.keys()|list|length }}|{{ r.items()|list|length }}",
    "{% macro cell(c) %}<{{ c.x }}>{% endmacro %}{% for row in rows %}{{ cell(row) }}{% endfor %}",
    "{% set joined %}{% for row in rows %}{{ row.x }}{% endfor %}{% endset %}{{ joined }}|{{ joined|length }}",
    "{{ text.upper() }}{{ 'x'.join(['a', 'b']) }}{{ ns|sum }}{{ rows|map(attribute='x')|join(',') }}",
    "{% autoescape false %}{{ r.value }}{% endautoescape %}{{ r.value|safe }}{{ r.value|e }}",
    "{{ rows[0].group if rows else '' }}{{ (r.number * 2) ~ r.value }}{{ r.value|replace('&', 'và') }}",
]


@pytest.mark.parametrize("source", TEMPLATES)
def test_the_shorter_code_prints_what_the_sandboxs_code_prints(source):
    trusted, plain = _jinja_env(trusted=True), _jinja_env()
    code = trusted.compile(source, raw=True)
    assert "environment.escaped(" in code and ("_item[" in code or "r.value" not in source)   # the shorter code runs
    assert render_trusted(trusted.from_string(source), CONTEXT) == render_trusted(plain.from_string(source), CONTEXT)


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

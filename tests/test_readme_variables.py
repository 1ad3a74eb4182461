"""The README's list of template variables is the templates' own: a test fails when they drift apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import meta

from pipeline.documents import templates
from pipeline.render import CompiledTemplate, _jinja_env, default_templates_dir

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
# Names the templates use that are not data: Jinja's loop variables and our one function.
NOT_DATA = {"horizontal_rule", "line", "para", "t", "r", "c", "o", "g", "loop"}


def template_names(name: str) -> set[str]:
    """Every variable and attribute a default template reads (`rows`, `previous`, `signer.title`…)."""
    compiled = CompiledTemplate(default_templates_dir() / name)
    names: set[str] = set()
    for source in compiled._sources.values():
        names |= meta.find_undeclared_variables(_jinja_env().parse(source))
        names |= set(re.findall(r"\b(?!loop\.)[a-z_]+\.([a-z_]+)\b", re.sub(r"<[^>]+>", " ", source)))
    return names - NOT_DATA


@pytest.mark.parametrize("name", templates())
def test_every_variable_a_template_uses_is_documented_in_the_readme(name):
    undocumented = sorted(n for n in template_names(name)
                          if f"`{n}`" not in README and f".{n}`" not in README and f"`{n}." not in README)
    assert undocumented == [], f"{name}: add these to the README's variable list"

"""The Jinja environment templates render in: the sandbox, autoescaped, strict, and reaching no file."""

from __future__ import annotations

from ..layout import Rule


def _jinja_env(trusted: bool = False):
    """The sandbox templates render in; `trusted`: our own templates', compiled to shorter code that
    prints bytes (trusted.py)."""
    from jinja2 import FunctionLoader, StrictUndefined

    from .sandbox import LimitedSandbox
    from .trusted import TrustedSandbox

    Sandbox: type[LimitedSandbox] = TrustedSandbox if trusted else LimitedSandbox

    # A loader that finds nothing: {% include %}, {% import %} and {% extends %} reach no file.
    env = Sandbox(
        loader=FunctionLoader(lambda name: None),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals["horizontal_rule"] = horizontal_rule
    return env


def horizontal_rule(rule: Rule):
    """`{{p horizontal_rule(issuer_rule) }}`: an empty paragraph whose bottom border is the line."""
    from markupsafe import Markup

    return Markup(
        '<w:p><w:pPr><w:pStyle w:val="VBRule"/><w:keepNext/>'
        '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
        f'<w:spacing w:before="0" w:after="{int(rule.space_after)}" w:line="40" w:lineRule="exact"/>'
        f'<w:ind w:left="{int(rule.indent)}" w:right="{int(rule.indent)}" w:firstLine="0"/>'
        '<w:jc w:val="center"/><w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr></w:pPr></w:p>'
    )

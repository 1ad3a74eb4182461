"""README's rule table gives every rule `check` reports, with each severity it reports it at."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = {"error": "lỗi", "warning": "cảnh báo", "notice": "thông báo"}
RAISED = re.compile(r'\b(error|warning|notice)\(\s*"([A-Z]\d)"')


def emitted() -> set[tuple[str, str]]:
    found = set()
    for path in (ROOT / "pipeline" / "check").glob("*.py"):
        found |= {(rule, severity) for severity, rule in RAISED.findall(path.read_text(encoding="utf-8"))}
    return found | {("V0", "notice")}


def readme_rows() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {}
    for match in re.finditer(r"^\s*\| ([A-Z]\d(?:, [A-Z]\d)*) \| .+? \| (.+?) \|$", text, re.MULTILINE):
        for rule in match[1].split(", "):
            rows[rule] = match[2]
    return rows


def test_every_rule_and_severity_is_in_the_readme_table():
    rows = readme_rows()
    missing = sorted((rule, severity) for rule, severity in emitted()
                     if rule not in rows or WORDS[severity] not in rows[rule])
    assert missing == [], missing


def test_the_table_names_no_rule_the_checker_does_not_have():
    assert set(readme_rows()) <= {rule for rule, _ in emitted()}

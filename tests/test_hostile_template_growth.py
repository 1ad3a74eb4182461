"""A user's template is bounded in time and memory everywhere (issue 20 §2).

Round three doubled a string with `~` or `+` in a loop or a macro (2–3 GB before anything stopped
it), spent 1,2 GB in one `replace('', b)`, and took 57 s and 3,7 GB to compile 150 000 tags. Each
case runs in a subprocess under the README's limits (500 MB of address space, 20 s of CPU) and
must end in the sandbox's own refusal ("quá lớn", "quá nhiều"), never in running out of memory.
"""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hostile import HANG_GUARD, ROOT, TIME_LIMIT, children_cpu_seconds, limit_resources, run_limited, with_paragraph

DOUBLING = {
    "~ in a loop": "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
                   "{% endfor %}{{ ns.s|length }}",
    "+ in a loop": "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
                   "{% endfor %}{{ ns.s|length }}",
    "~ in a recursive macro": "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s|length }}"
                              "{% endif %}{% endmacro %}{{ d('ab', 40) }}",
    "a macro capturing a long loop": "{% macro m() %}{% for i in range(100000) %}{{ 'x' * 100000 }}"
                                     "{% endfor %}{% endmacro %}{{ m()|length }}",
    "a set block capturing a long loop": "{% set b %}{% for i in range(100000) %}{{ 'x' * 100000 }}"
                                         "{% endfor %}{% endset %}{{ b|length }}",
    "a list doubled with +": "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}"
                             "{% set ns.l = ns.l + ns.l %}{% endfor %}{{ ns.l|length }}",
    "replace('', b)": "{{ ('ab' * 20000)|replace('', 'x' * 30000) }}",
    "str.replace('', b)": "{{ ('ab' * 20000).replace('', 'x' * 30000) }}",
    "str.center": "{{ 'a'.center(1000000000) }}",
    "str.ljust": "{{ 'a'.ljust(1000000000) }}",
    "join with a long separator": "{{ ('x' * 100000).join(range(100000)|map('string')) }}",
    "join filter with a long separator": "{{ range(100000)|join('x' * 100000) }}",
    "wordwrap with a long wrapstring": "{{ ('x' * 900000)|wordwrap(1, true, 'y' * 1000) }}",
    "indent with a long string": "{{ ('a\\n' * 400000)|indent('b' * 1000) }}",
    "batch filling a billion": "{{ [1]|batch(1000000000, 'x')|list|length }}",
    "forceescape again and again": "{{ ('&' * 300000)|forceescape|forceescape|forceescape|length }}",
    "star width in %": "{{ '%*s' % (1000000000, 'a') }}",
    "nested width in format": "{{ '{:{w}}'.format('a', w=1000000000) }}",
}


def assert_refused_by_the_sandbox(result, out: Path, *reasons: str):
    assert result.returncode == 1, result.stderr
    assert "Lỗi mẫu: " in result.stderr and "ke-hoach.docx" in result.stderr, result.stderr
    assert any(reason in result.stderr for reason in reasons), result.stderr
    assert "không đủ bộ nhớ" not in result.stderr and "Traceback" not in result.stderr + result.stdout
    assert not out.exists()
    assert result.cpu_seconds < TIME_LIMIT


@pytest.mark.parametrize("case", list(DOUBLING))
def test_a_template_making_a_huge_string_is_stopped_by_the_sandbox(case, sample_workbook, user_templates, tmp_path):
    with_paragraph(user_templates / "ke-hoach.docx", DOUBLING[case])
    out = tmp_path / "out"
    result = run_limited(str(sample_workbook), "--templates", str(user_templates), "--out", str(out),
                         env={"MAKE_REPORT_NO_CACHE": "1"})
    assert_refused_by_the_sandbox(result, out, "quá lớn", "độ rộng", "quá nhiều")


def test_150000_tags_are_refused_before_compiling(sample_workbook, user_templates, tmp_path):
    with_paragraph(user_templates / "ke-hoach.docx", "".join(f"{{{{ v{i} }}}}" for i in range(150_000)))
    out = tmp_path / "out"
    result = run_limited(str(sample_workbook), "--templates", str(user_templates), "--out", str(out),
                         env={"MAKE_REPORT_NO_CACHE": "1"})
    assert_refused_by_the_sandbox(result, out, "thẻ mẫu, quá nhiều")


def test_ordinary_string_work_still_renders(sample_workbook, user_templates, tmp_path):
    tags = ("{{ ('Kính gửi: ' ~ date_line)|upper }} {{ '%-10s|' % 'a' }} {{ ['a', 'b']|join(', ') }} "
            "{{ 'x'|center(9) }} {{ 'Số: {}'.format(7) }} {{ ('a b ' * 50)|wordwrap(20) }}")
    with_paragraph(user_templates / "ke-hoach.docx", tags)
    out = tmp_path / "out"
    result = run_limited(str(sample_workbook), "--templates", str(user_templates), "--out", str(out),
                         env={"MAKE_REPORT_NO_CACHE": "1"})
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(next(out.rglob("*_ke-hoach-*.docx"))) as zf:
        body = zf.read("word/document.xml").decode()
    assert "KÍNH GỬI: " in body and "a         |" in body and "a, b" in body and "Số: 7" in body


WITHOUT_ALARM = """
import sys, threading
from pipeline.render.sandbox import LimitedSandbox, TemplateLimit, render_bounded
template = LimitedSandbox(autoescape=True).from_string(sys.argv[1])
outcome = []
def render():
    try:
        render_bounded(template, {})
        outcome.append("rendered")
    except TemplateLimit as exc:
        outcome.append(str(exc))
worker = threading.Thread(target=render)
worker.start()
worker.join()
print(outcome[0])
"""


@pytest.mark.parametrize("loops", [
    "{% set s = 'A' * 1000000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}{% endfor %}{% endfor %}"
    "{% endfor %}",
    "{% for a in ('x' * 1000000)|list %}{% for b in ('x' * 1000000)|list %}{% endfor %}{% endfor %}",
])
def test_loops_stop_where_there_is_no_alarm(loops):
    """Windows has no SIGALRM (nor does a worker thread): every loop counts against the render's budget."""
    before = children_cpu_seconds()
    done = subprocess.run([sys.executable, "-c", WITHOUT_ALARM, loops], capture_output=True, text=True,
                          preexec_fn=limit_resources, timeout=HANG_GUARD, env={"PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert "vòng lặp" in done.stdout, done.stdout
    assert children_cpu_seconds() - before < TIME_LIMIT

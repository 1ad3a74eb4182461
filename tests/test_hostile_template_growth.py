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

from hostile import (HANG_GUARD, ROOT, TIME_LIMIT, children_cpu_seconds, limit_resources, replace_part,
                     run_limited, with_paragraph)

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
    # Found auditing the fixes: one argument written many times, or a short list written as long text.
    "str.format repeating an argument": "{% set s = 'x' * 900000 %}{{ ('{0}' * 999).format(s)|length }}",
    "% repeating a mapping's value": "{% set s = 'x' * 900000 %}{{ (('%(a)s' * 999) % {'a': s})|length }}",
    "format filter repeating a value": "{% set s = 'x' * 900000 %}{{ ('%(a)s' * 999)|format(a=s)|length }}",
    "str.translate to long strings": "{% set s = 'x' * 900000 %}{{ s.translate({120: 'y' * 1000})|length }}",
    "~ over a thousand operands": "{% set s = 'x' * 900000 %}{{ (" + " ~ ".join(["s"] * 999) + ")|length }}",
    "a list printed as text": "{% set s = 'x' * 900000 %}{{ [s] * 999 }}",
    "a list made a string": "{% set s = 'x' * 900000 %}{{ ([s] * 999)|string|length }}",
    "a list as JSON": "{% set s = 'x' * 900000 %}{{ ([s] * 999)|tojson|length }}",
    "a namespace printed": "{% set s = 'x' * 900000 %}{% set ns = namespace(a=[s] * 999) %}{{ ns }}",
    "lists joined": "{% set s = 'x' * 900000 %}{{ [[s] * 999]|join|length }}",
    "a number squared in a loop": "{% set ns = namespace(n=10) %}{% for i in range(40) %}"
                                  "{% set ns.n = ns.n * ns.n %}{% endfor %}{{ ns.n > 1 }}",
    "a power of a power": "{{ (((10 ** 1000) ** 1000) ** 1000) > 1 }}",
    "lists of a million numbers kept": "".join(f"{{% set a{i} = range(999999)|list %}}" for i in range(20))
                                       + "{{ a0|length }}",
    "batches of one kept": "{% set s = 'ab' * 499999 %}" + "".join(f"{{% set b{i} = s|batch(1)|list %}}"
                                                                  for i in range(12)) + "{{ b0|length }}",
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


def test_tags_split_across_runs_are_counted_too(sample_workbook, user_templates, tmp_path):
    """Word splits `{{` over two runs; docxtpl joins them again, so they compile as tags all the same.

    60 000 of them fit under the size limit and cost over 500 MB to compile when not counted.
    """
    runs = "".join(f'<w:r><w:t>{{</w:t></w:r><w:r><w:t>{{ v{i} }}}}</w:t></w:r>' for i in range(60_000))
    replace_part(user_templates / "ke-hoach.docx", "word/document.xml",
                 lambda xml: xml.replace(b"<w:body>", b"<w:body><w:p>" + runs.encode() + b"</w:p>", 1))
    out = tmp_path / "out"
    result = run_limited(str(sample_workbook), "--templates", str(user_templates), "--out", str(out),
                         env={"MAKE_REPORT_NO_CACHE": "1"})
    assert_refused_by_the_sandbox(result, out, "thẻ mẫu, quá nhiều")


def with_headers(template, count: int, text: str) -> None:
    """`count` more header parts in the template, each one paragraph of `text`, related to the body."""
    rels = ""
    with zipfile.ZipFile(template, "a") as zf:
        for n in range(100, 100 + count):
            zf.writestr(f"word/header{n}.xml", '<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="http://schemas.'
                                                f'openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>{text}'
                                                '</w:t></w:r></w:p></w:hdr>')
            rels += (f'<Relationship Id="rIdH{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                     f'relationships/header" Target="header{n}.xml"/>')
    replace_part(template, "word/_rels/document.xml.rels",
                 lambda xml: xml.replace(b"</Relationships>", rels.encode() + b"</Relationships>"))


def test_tags_are_counted_over_all_the_parts(sample_workbook, user_templates, tmp_path):
    """Headers of 4,999 tags each passed one by one: a thousand of them took minutes to compile."""
    template = user_templates / "ke-hoach.docx"
    tags = "".join(f"{{{{ v{i} }}}}" for i in range(2_000))
    with_headers(template, 3, tags)
    out = tmp_path / "out"
    result = run_limited(str(sample_workbook), "--templates", str(user_templates), "--out", str(out))
    assert_refused_by_the_sandbox(result, out, "thẻ mẫu, quá nhiều (tối đa 5.000 cho mọi phần cộng lại")


def test_a_documents_parts_share_one_cpu_budget(sample_workbook, user_templates, tmp_path):
    """Six parts of about 9 s each: each under the limit alone, a minute together (hours with a thousand)."""
    busy = "{% set s = 'ab ' * 333333 %}{% for i in range(250) %}{{ s|wordcount }}{% endfor %}"
    template = user_templates / "ke-hoach.docx"
    with_paragraph(template, busy)
    with_headers(template, 5, busy)
    out = tmp_path / "out"
    result = run_limited(str(sample_workbook), "--templates", str(user_templates), "--out", str(out))
    assert_refused_by_the_sandbox(result, out, "mẫu chạy quá 10 giây")


def test_a_document_written_past_20_mb_is_stopped(sample_workbook, user_templates, tmp_path):
    """49 runs of a million characters: past 500 MB once the part is copied, parsed and zipped."""
    loop = ("<w:p><w:r><w:t>{% set t = 'x' * 999999 %}{% for i in range(49) %}{{ t }}</w:t></w:r>"
            "<w:r><w:t>{% endfor %}</w:t></w:r></w:p>")
    replace_part(user_templates / "ke-hoach.docx", "word/document.xml",
                 lambda xml: xml.replace(b"<w:body>", b"<w:body>" + loop.encode(), 1))
    out = tmp_path / "out"
    result = run_limited(str(sample_workbook), "--templates", str(user_templates), "--out", str(out),
                         env={"MAKE_REPORT_NO_CACHE": "1"})
    assert_refused_by_the_sandbox(result, out, "văn bản hơn 20 MB")


def test_ordinary_string_work_still_renders(sample_workbook, user_templates, tmp_path):
    tags = ("{{ ('Kính gửi: ' ~ date_line)|upper }} {{ '%-10s|' % 'a' }} {{ ['a', 'b']|join(', ') }} "
            "{{ 'x'|center(9) }} {{ 'Số: {}'.format(7) }} {{ ('a b ' * 50)|wordwrap(20) }} "
            "{{ '%(n)s/%(y)s' % {'n': 5, 'y': 2026} }} {{ [1, 2] }} {{ 2 ** 64 }} {{ 'ab'.translate({97: 'A'}) }}")
    with_paragraph(user_templates / "ke-hoach.docx", tags)
    out = tmp_path / "out"
    result = run_limited(str(sample_workbook), "--templates", str(user_templates), "--out", str(out),
                         env={"MAKE_REPORT_NO_CACHE": "1"})
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(next(out.rglob("*_ke-hoach-*.docx"))) as zf:
        body = zf.read("word/document.xml").decode()
    assert "KÍNH GỬI: " in body and "a         |" in body and "a, b" in body and "Số: 7" in body
    assert "5/2026" in body and "[1, 2]" in body and "18446744073709551616" in body and "Ab" in body


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
    "{% for a in ('x' * 1000)|list %}{% for b in ('x' * 1000000)|list %}{% endfor %}{% endfor %}",
])
def test_loops_stop_where_there_is_no_alarm(loops):
    """Windows has no SIGALRM (nor does a worker thread): every loop counts against the render's budget."""
    before = children_cpu_seconds()
    done = subprocess.run([sys.executable, "-c", WITHOUT_ALARM, loops], capture_output=True, text=True,
                          preexec_fn=limit_resources, timeout=HANG_GUARD, env={"PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert "vòng lặp" in done.stdout, done.stdout
    assert children_cpu_seconds() - before < TIME_LIMIT

"""The roll-up's body is rendered piece by piece into its package: the same bytes as rendered whole,
and never held whole, so a thousand units cost the render no more than a hundred.

Measured with tracemalloc (the Python heap, where the part and its pieces would be), never a clock.
"""

from __future__ import annotations

import importlib
import sys
import tracemalloc
from array import array
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.cli.rollup import issuer_from_options
from pipeline.shelf import Reordered
from pipeline.generate import as_templates
from pipeline.render.streamed import STREAMED_CHUNK

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import write_commune  # noqa: E402

generate = importlib.import_module("pipeline.generate")


@pytest.fixture(scope="module")
def rollup_job(tmp_path_factory):
    """The roll-up's DocumentJob for 12 synthetic communes, as generate_rollup renders it."""
    folder = tmp_path_factory.mktemp("cac-xa")
    communes = [write_commune((folder, index, 10)) for index in range(12)]
    issuer = issuer_from_options("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", None, None, None, "Quảng Trị", None, None, None,
                                 None, "Nguyễn Văn An")
    jobs = []
    render = generate.TemplateSet.render

    def keeping(self, job):
        jobs.append(job)
        return render(self, job)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(generate.TemplateSet, "render", keeping)
        generate.generate_rollup(communes, issuer, tmp_path_factory.mktemp("out"))
    (job,) = jobs
    assert job.streamed
    return job


@pytest.fixture(scope="module")
def rolled_up(rollup_job, tmp_path_factory):
    """(the Rollup, the issuer) of 12 synthetic communes, three of them with overdue tasks or more."""
    folder = tmp_path_factory.mktemp("cac-xa-2")
    communes = [write_commune((folder, index, 10)) for index in range(12)]
    issuer = issuer_from_options("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", None, None, None, "Quảng Trị", None, None, None,
                                 None, "Nguyễn Văn An")
    rollup = generate.generate_rollup(communes, issuer, tmp_path_factory.mktemp("out-2")).rollup
    assert sum(len(u.overdue) for u in rollup.units) >= 3
    return rollup, issuer


def with_units(job, copies: int, name_of=lambda row, i: row["name"]):
    """The job with its units' rows repeated `copies` times (each renamed by `name_of`)."""
    rows = [{**row, "number": str(i), "name": name_of(row, i)}
            for i, row in enumerate(list(job.context["communes"]) * copies, 1)]
    return replace(job, context={**job.context, "communes": rows})


def body(rendered) -> tuple:
    entry = next(e for e in rendered.parts if e.name == "word/document.xml")
    return entry.crc, entry.size, entry.deflated


def test_the_streamed_body_is_the_body_rendered_whole(rollup_job):
    templates = as_templates(None)
    # Values with line breaks (<w:br/>), one right before a paragraph of the template (the case where the
    # joined render falls back to the whole one), and escaped markup; many units, so the body is cut many times.
    tricky = ["Xã Một\nhai dòng", "Phường <b>&amp;</b>\n", "Đặc khu\n\nBa", "Xã\tTab"]
    job = with_units(rollup_job, 60, lambda row, i: tricky[i % len(tricky)] + f" {i}")
    streamed = body(templates.render(job))
    whole = body(templates.render(replace(job, streamed=False)))
    assert streamed[1] > 8 * STREAMED_CHUNK   # cut into many runs of paragraphs
    assert streamed == whole
    xml = zlib.decompress(streamed[2], -15)
    assert b"\n<w:p" not in xml and b"X\xc3\xa3 M\xe1\xbb\x99t</w:t><w:br/>" in xml


def test_a_template_of_the_users_is_rendered_whole(rollup_job, tmp_path, monkeypatch):
    """A user's template is checked once rendered (well-formed, nothing written outside): never streamed."""
    import shutil

    from pipeline.errors import TemplateProblem
    from pipeline.render.template import CompiledTemplate, default_templates_dir

    def refused(*args):
        raise AssertionError("streamed")

    monkeypatch.setattr(CompiledTemplate, "_render_streamed", refused)
    shutil.copy(default_templates_dir() / rollup_job.template, tmp_path / rollup_job.template)
    rendered = as_templates(tmp_path).render(with_units(rollup_job, 3))
    assert "Xã" in rendered.part("word/document.xml").decode()
    with pytest.raises(TemplateProblem, match="streamed"):
        as_templates(None).render(rollup_job)


def render_peak(templates, job) -> int:
    """Bytes the render of `job` adds to the Python heap at its peak."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        templates.render(job)
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def test_rendering_a_thousand_units_costs_what_a_hundred_do(rollup_job):
    templates = as_templates(None)
    hundred, thousand = with_units(rollup_job, 9), with_units(rollup_job, 84)
    templates.render(thousand)   # compiled, caches warm
    xml_per_unit = body(templates.render(thousand))[1] / len(thousand.context["communes"])
    grown = render_peak(templates, thousand) - render_peak(templates, hundred)
    held_whole = render_peak(templates, replace(thousand, streamed=False)) - render_peak(
        templates, replace(hundred, streamed=False))
    units = len(thousand.context["communes"]) - len(hundred.context["communes"])
    # Whole, the part and the pieces it is joined from are both held: twice its size.
    assert held_whole / units > xml_per_unit
    assert grown / units < xml_per_unit / 20, (grown / units, xml_per_unit)


def test_a_roll_ups_rows_are_made_as_its_table_is_written(rolled_up):
    """Building the roll-up's job and rendering it: no row of the units' tables is held beyond its own
    (their texts would be as large as the body, two to three kilobytes a unit)."""
    from pipeline.documents.rollup import build_rollup_job

    rollup, issuer = rolled_up
    templates = as_templates(None)

    def peak(copies: int) -> int:
        n = len(rollup.units)
        many = replace(rollup, units=Reordered(rollup.units, array("q", [i % n for i in range(n * copies)])))
        info = generate.issuer_report_row(issuer, rollup.period)
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            templates.render(build_rollup_job(many, issuer.agency, info, issuer.recipients))
            return tracemalloc.get_traced_memory()[1] - before
        finally:
            tracemalloc.stop()

    peak(84)   # compiled; the bounded caches of text widths filled
    units = (84 - 9) * len(rollup.units)
    # The units wait on disk (shelf.Reordered over the roll-up's shelf) and are read as their rows are
    # written: what grows is a few counts a unit (OverdueTasks' ends, the changed units' places). Listing
    # the overdue tasks cost 0.4 KB a unit, and made as lists the rows cost 1.6 KB a unit more.
    per_unit = (peak(84) - peak(9)) / units
    assert per_unit < 100


def test_rows_as_written_read_as_a_list_of_the_rows():
    from pipeline.documents.rows import RowsAsWritten

    made = []
    rows = RowsAsWritten("abc", lambda number, item: made.append(item) or {"number": number, "item": item})
    assert made == []   # nothing made until asked for
    assert len(rows) == 3 and bool(rows) and not RowsAsWritten([], dict)
    assert list(rows) == [{"number": 1, "item": "a"}, {"number": 2, "item": "b"}, {"number": 3, "item": "c"}]
    assert rows[0] == {"number": 1, "item": "a"} and rows[-1] == {"number": 3, "item": "c"}
    assert rows[1:] == list(rows)[1:]
    with pytest.raises(IndexError):
        rows[3]

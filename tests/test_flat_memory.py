"""A roll-up of the whole country runs in the memory of a roll-up of a district.

The roll-up's parent process holds, for each unit, only what its documents print: names, task
counts, overdue tasks and one tuple of statistics figures whose values are shared with the other
units (statistics.rollup.CompactFigures). Everything that is as large as a whole document (its context, its XML, the workbook's
sheets) lives one at a time, never beside every unit's summary. Measured with tracemalloc (the
Python heap, which is where all of this lives), never with a clock.
"""

import gc
import importlib
import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from pipeline.cli.rollup import issuer_from_options
from pipeline.rollup_units import UnitSummary

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import write_commune  # noqa: E402

generate = importlib.import_module("pipeline.generate")

UNITS = 160
HELD_PER_UNIT = 100
"""Bytes a unit may cost the roll-up's parent once read, and once counted. Its summary (3.6 KB pickled:
names, workbook, task counts, overdue tasks' texts, about 60 figures) waits on disk (rollup_units.UnitShelf):
in memory, its place in two files, 16 bytes. Counted, its result and name are shelved too, its figures
are numbers on disk, and it keeps its place in the roll-up's order. Held in memory, a summary cost
3 KB even with its equal values shared, 19 KB before."""


@pytest.fixture(scope="module")
def communes(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("cac-xa")
    return [write_commune((folder, index, 10)) for index in range(UNITS)]


def held_by(call) -> int:
    """Bytes of the Python heap still held once `call`'s result is kept and garbage collected."""
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    kept = call()
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    del kept
    return held


def test_a_units_summary_waits_on_disk(communes):
    generate.read_units(communes[-20:], jobs=2)  # modules and caches of the parent, once
    tracemalloc.start()
    try:
        few = held_by(lambda: generate.read_units(communes[:40], jobs=2))
        many = held_by(lambda: generate.read_units(communes, jobs=2))
    finally:
        tracemalloc.stop()
    per_unit = (many - few) / (UNITS - 40)
    assert per_unit < HELD_PER_UNIT, f"{per_unit:.0f} bytes a unit"
    units, _ = generate.read_units(communes[:3], jobs=1)
    assert [u.profile.path for u in units] == communes[:3]   # read back whole, in order
    assert all(u.standings[p].result.workbook == u.profile.path for u in units for p in u.standings)


def test_a_counted_unit_costs_the_roll_up_a_few_bytes(communes):
    """`build_rollup` over the shelved summaries: results shelved, figures on disk, nothing per unit but
    places."""
    from pipeline.rollup import build_rollup

    few_units, _ = generate.read_units(communes[:40], jobs=2)
    many_units, _ = generate.read_units(communes, jobs=2)
    build_rollup(few_units)  # caches of the catalog and the forms, once
    tracemalloc.start()
    try:
        few = held_by(lambda: build_rollup(few_units))
        many = held_by(lambda: build_rollup(many_units))
    finally:
        tracemalloc.stop()
    per_unit = (many - few) / (UNITS - 40)
    assert per_unit < HELD_PER_UNIT, f"{per_unit:.0f} bytes a unit"
    rollup = build_rollup(many_units)
    assert len(rollup.units) == UNITS and rollup.forms is not None and len(rollup.forms.unit_names) == UNITS


def test_the_documents_are_made_with_no_units_summary_alive(communes, tmp_path, monkeypatch):
    """The DOCX is rendered after the units' summaries are let go, the XLSX after the DOCX's context too."""
    alive = {}

    def counting(name, make):
        def made(*args, **kwargs):
            gc.collect()
            objects = gc.get_objects()
            alive[name] = (sum(isinstance(o, UnitSummary) for o in objects),
                           sum(type(o).__name__ == "DocumentJob" for o in objects))
            return make(*args, **kwargs)
        return made

    from pipeline.render import TemplateSet

    monkeypatch.setattr(TemplateSet, "render", counting("docx", TemplateSet.render))
    monkeypatch.setattr(generate, "write_rollup_workbook", counting("xlsx", generate.write_rollup_workbook))
    issuer = issuer_from_options("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", None, None, None, "Quảng Trị", None, None, None,
                                 None, "Nguyễn Văn An")
    result = generate.generate_rollup(communes[:30], issuer, tmp_path)
    assert len(result.rollup.units) == 30
    assert alive == {"docx": (0, 1), "xlsx": (0, 0)}


def test_the_roll_up_workbook_is_conformed_without_holding_a_sheet_whole(monkeypatch):
    """Its sheets grow with the units; making the package costs their compressed bytes, not their XML."""
    import io
    import zipfile
    from datetime import datetime

    from openpyxl import Workbook

    import pipeline.xlsx_output
    from pipeline.xlsx_output import row_of, workbook_bytes

    monkeypatch.setattr(pipeline.xlsx_output, "_ROWS_READ", 2**15)  # both sheets are many reads long

    def peak_and_sheet(rows: int) -> tuple[int, int]:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Tổng hợp")
        for n in range(rows):  # write-only: each row goes to openpyxl's temporary file as appended
            ws.append(row_of(ws, [n, f"Xã số {n % 50}", "Hoàn thành", n % 40, n / 3]))
        tracemalloc.start()
        try:
            data = workbook_bytes(wb, datetime(2026, 1, 1))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return peak, zf.getinfo("xl/worksheets/sheet1.xml").file_size

    small, big = peak_and_sheet(2_000), peak_and_sheet(8_000)
    assert big[1] - small[1] > 500_000
    # Held whole, the sheet's XML would be there twice (read, and rewritten with shared strings).
    assert big[0] - small[0] < (big[1] - small[1]) / 4, (small, big)


HELD_AT_THE_WORKBOOK = 600
"""Bytes a unit may add to what the roll-up holds when it begins its workbook: 90 to 140 on the synthetic
communes (its places in the shelves' files and in the roll-up's order, its figures' place on disk). When
the units' results were held in memory, 2.5 KB; before the document's remembered tables were let go and
each unit's computed figures were compacted, 8.5 KB."""
WORKBOOK_PEAK_PER_UNIT = 13_000
"""Bytes a unit may add to the roll-up's peak while it makes its workbook (the process's largest, as
the workbook's library is loaded then): 7.7 KB between 40 and 160 units, where a sheet's rows are
shared and deflated a 256 KB stretch at a time and a larger sheet's stretches are still growing; past
that the stretch, not the units, sets it. Before, 9.3 KB with the compressed sheets held, and 18 KB
when the form sheets also kept a column object per unit until the save."""


_MEASURED = """
import gc, importlib, json, sys, tracemalloc
from pathlib import Path
from pipeline.cli.rollup import issuer_from_options
generate = importlib.import_module("pipeline.generate")
communes = sorted(Path(sys.argv[1]).glob("*.xlsx"))
issuer = issuer_from_options("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", None, None, None, "Quảng Trị", None, None, None,
                             None, "Nguyễn Văn An")
measured = {}
write_workbook = generate.write_rollup_workbook
def measuring(*args):
    gc.collect()
    measured["held"] = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    write_workbook(*args)
    measured["peak"] = tracemalloc.get_traced_memory()[1]
generate.write_rollup_workbook = measuring
out = Path(sys.argv[2])
generate.generate_rollup(communes[-20:], issuer, out / "first")  # modules, templates and caches, once
for units in (40, len(communes)):
    gc.collect()
    tracemalloc.start()
    generate.generate_rollup(communes[:units], issuer, out / str(units))
    tracemalloc.stop()
    print(json.dumps(measured))
"""


def test_the_roll_ups_memory_grows_by_a_few_kilobytes_a_unit(communes, tmp_path):
    """The roll-up of 160 units against one of 40: what it holds when it begins its workbook, and its peak
    then. In a process of its own: the caches other tests filled would be counted (or emptied) here."""
    done = subprocess.run([sys.executable, "-c", _MEASURED, str(communes[0].parent), str(tmp_path)],
                          cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    few, many = map(json.loads, done.stdout.splitlines())
    assert (many["held"] - few["held"]) / (UNITS - 40) < HELD_AT_THE_WORKBOOK, (few, many)
    assert (many["peak"] - few["peak"]) / (UNITS - 40) < WORKBOOK_PEAK_PER_UNIT, (few, many)


def test_a_batch_keeps_one_object_for_a_warning_its_communes_share(communes, tmp_path):
    """The batch's parent keeps every outcome to its end: each commune's own unpickled copy of the same
    warning (`mục … chưa có nội dung`) cost 3,300 communes 3 MB of the parent's memory."""
    from pipeline.batch import generate_batch

    outcomes = generate_batch(communes[:6], tmp_path, jobs=2)
    warnings = [w for outcome in outcomes for w in outcome.warnings]
    assert len(warnings) >= 6 and all(outcome.ok for outcome in outcomes)
    assert len({id(w) for w in warnings}) == len(set(warnings))  # equal warnings: one object


def test_a_batch_parent_does_not_keep_its_freed_heap(monkeypatch):
    """Only a process that renders keeps the C heap it frees (render/heap.py): a batch's parent makes a
    template set but only receives its workers' documents, and a kept heap there grew with them (at
    3,300 communes, 3 MB more of the run's largest process)."""
    import pipeline.render
    from pipeline.generate import as_templates, render_workbook

    asked = []
    monkeypatch.setattr(pipeline.render, "keep_freed_memory", lambda: asked.append(True))
    templates = as_templates(None)
    assert asked == []
    render_workbook(Path(__file__).resolve().parents[1] / "inputs" / "ke-hoach-cchc-2024.xlsx", None, templates)
    assert asked

"""What a roll-up keeps on disk instead of memory (pipeline.shelf) reads back as it was put there."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

import pytest

from pipeline.documents.rows import Chained
from pipeline.rollup import OverdueTasks
from pipeline.rollup_forms_xlsx import differing_note
from pipeline.rollup_units import OverdueTask
from pipeline.shelf import NumberColumns, Reordered, Shelf, ranks
from pipeline.statistics.catalog import load_catalog
from pipeline.statistics.forms import Figure
from pipeline.statistics.rollup import FormsTally, UnitFigures, roll_up_forms


def test_a_shelf_reads_back_each_object_as_appended():
    items = [{"n": i, "text": "Xã Số " * (i % 7)} for i in range(300)] + [None, (1, "a"), Decimal("1.50")]
    shelf = Shelf(items)
    assert len(shelf) == len(items)
    assert list(shelf) == items
    assert shelf[17] == items[17] and shelf[-1] == Decimal("1.50") and str(shelf[-1]) == "1.50"
    assert shelf[5:9] == items[5:9] and shelf[::100] == items[::100]
    with pytest.raises(IndexError):
        shelf[len(items)]
    nested = iter(shelf)
    assert next(nested) == items[0] and shelf[200] == items[200] and next(nested) == items[1]  # reads don't interfere


def test_number_columns_give_back_every_row_across_blocks(monkeypatch):
    monkeypatch.setattr(NumberColumns, "BLOCK", 4)
    rows = ["1.1", "2.1", "3.1"]
    rng = random.Random(7)
    added = []
    columns = NumberColumns(rows)
    for _ in range(11):  # two full blocks and three columns held
        numbers = {row: rng.choice([None, rng.randint(-10**6, 10**6), rng.randint(0, 10**4) / 100, 2**60 + 1,
                                    -(2**53) - 3])
                   for row in rows if rng.random() < 0.8}
        columns.add_column(numbers)
        added.append(numbers)
    assert len(columns) == 11
    for row in rows:
        back = columns.row(row)
        assert back == [column.get(row) for column in added], row
        assert all(type(b) is type(column.get(row)) for b, column in zip(back, added))  # an int stays an int


def test_views_read_their_items_when_asked():
    items = Shelf(["a", "b", "c", "d"])
    order = Reordered(items, [3, 0, 2])
    assert list(order) == ["d", "a", "c"] and order[1] == "a" and order[1:] == ["a", "c"] and len(order) == 3
    assert list(ranks([3, 0, 2, 1])) == [1, 3, 2, 0] and list(ranks([])) == []
    chained = Chained(["x"], order, [], ["y", "z"])
    assert list(chained) == ["x", "d", "a", "c", "y", "z"] and len(chained) == 6
    assert [chained[i] for i in range(-6, 6)] == list(chained) * 2 and chained[1:3] == ["d", "a"]
    with pytest.raises(IndexError):
        chained[6]


def test_overdue_tasks_are_one_sequence_over_the_units():
    class Unit:
        def __init__(self, name, tasks):
            self.short_name, self.overdue = name, tuple(OverdueTask(n, "", f"{name} {n}", "", "", "") for n in tasks)

    units = [Unit("An", [1, 2]), Unit("Bình", []), Unit("Cát", [5]), Unit("Dừa", [])]
    tasks = OverdueTasks(units)
    pairs = [(u, t) for u in units for t in u.overdue]
    assert len(tasks) == 3 and bool(tasks) and list(tasks) == pairs
    assert [tasks[i] for i in range(-3, 3)] == pairs * 2 and tasks[1:] == pairs[1:]
    assert not OverdueTasks([units[1]]) and len(OverdueTasks([])) == 0
    with pytest.raises(IndexError):
        tasks[3]


@dataclass
class Result:
    """What CountedUnits reads of a unit's result (shelved, so at module level: pickled by name)."""

    short_name: str
    figures: object
    previous: object = None
    unit_word: str = "xã"
    plan_summary: str = ""
    overdue: tuple = ()


@dataclass
class Standing:
    result: Result
    figures: dict
    gave_figures: bool = False


def figures(values: dict[str, object]) -> dict[str, Figure]:
    return {code: Figure(Decimal(str(v))) for code, v in values.items()}


def test_forms_tallied_in_any_order_are_the_forms_of_the_roll_ups_order():
    """The roll-up adds its units as read and orders them afterwards: the first unit in its order wins a
    tie of class L, and differing units are named in its order, whatever order they were added in."""
    rng = random.Random(3)
    units = [UnitFigures(f"Xã {i}", figures({"1.1": rng.randint(0, 9), "4.2.1": rng.randint(0, 30),
                                             "3.1.4.2": rng.choice([440, 445]), "7.4.1.1": rng.choice([290, 300]),
                                             "4.1.2": rng.randint(0, 1), "7.3.2": rng.randint(50, 100),
                                             "1.5.2": rng.randint(0, 2)}), gave=i % 5 != 0)
             for i in range(20)]
    in_order = roll_up_forms(load_catalog(), {}, units, total_units=22)
    added = list(range(len(units)))
    rng.shuffle(added)
    tally = FormsTally(load_catalog())
    for position in added:
        tally.add(units[position])
    order = [added.index(i) for i in range(len(units))]   # the column each unit (in order) was added at
    shuffled = tally.forms({}, 22, [u.name for u in units], order)
    assert shuffled.figures == in_order.figures and shuffled.forms == in_order.forms
    assert {c: shuffled.differing_names(c) for c in shuffled.differing} == \
        {c: in_order.differing_names(c) for c in in_order.differing} != {}
    assert [shuffled.unit_numbers(c) for c in ("4.2.1", "4.1.2", "1.1")] == \
        [in_order.unit_numbers(c) for c in ("4.2.1", "4.1.2", "1.1")]
    assert in_order.unit_numbers("4.2.1") == [int(u.figures["4.2.1"].value) for u in units]


def test_a_tie_of_class_l_goes_to_the_first_unit_in_the_roll_ups_order():
    units = [UnitFigures("Xã An", figures({"3.1.4.2": 445})), UnitFigures("Xã Bình", figures({"3.1.4.2": 440}))]
    tally = FormsTally(load_catalog())
    tally.add(units[1])
    tally.add(units[0])
    forms = tally.forms({}, 2, ["Xã An", "Xã Bình"], [1, 0])
    assert forms.figures["3.1.4.2"].value == 445 and forms.differing_names("3.1.4.2") == ("Xã Bình",)


def test_a_list_of_differing_units_too_long_for_a_cell_is_counted():
    units = [UnitFigures(f"Xã Số {i}", figures({"3.1.4.2": 440 if i else 445})) for i in range(3)]
    forms = roll_up_forms(load_catalog(), figures({"3.1.4.2": 445}), units, total_units=3)
    assert differing_note(forms, "3.1.4.2", 1000) == "Khác danh mục chung: Xã Số 1, Xã Số 2"
    assert differing_note(forms, "3.1.4.2", 30) == "Khác danh mục chung: 2 đơn vị (các ô nền vàng)"
    assert differing_note(forms, "4.2.1", 30) == ""


def test_the_roll_ups_order_merged_from_sorted_runs_is_one_sort(monkeypatch):
    """Units are sorted a run at a time and the runs merged (only one run's name keys held): the order is
    the one a single sort by completion, overdue tasks, Vietnamese name, then counting order gives."""
    from pipeline.domain.counts import TaskCounts
    from pipeline.domain.period import quarter
    from pipeline.rollup import CountedUnits
    from pipeline.vietnamese import vietnamese_order

    monkeypatch.setattr(CountedUnits, "SORTED_BLOCK", 3)
    rng = random.Random(11)
    names = ["Xã Đông Hà", "Xã Dương Hòa", "Phường 2", "Phường 10", "Xã An", "Xã Ân", "Đặc khu Côn Đảo"]
    results = []
    for _ in range(17):
        total = rng.randint(1, 4)
        finished = rng.randint(0, total)
        counts = TaskCounts(total, finished, finished, 0, total - finished, 0, rng.randint(0, 1), 0)
        results.append(Result(rng.choice(names), counts))
    counted = CountedUnits(quarter(2026, 2))
    for result in results:
        counted.add(Standing(result, {}))
    expected = sorted(range(len(results)), key=lambda i: (-results[i].figures.completion,
                                                          results[i].figures.overdue_unfinished,
                                                          vietnamese_order(results[i].short_name)))
    assert list(counted.ranked().order) == expected


def test_facts_gathered_while_counting_are_the_facts_of_the_ranked_units(tmp_path):
    """build_rollup gathers totals, kinds of unit, plans, changed units and overdue counts as it counts,
    in counting order, and reorders them: the same as reading the ranked units back."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from synthetic import write_commune

    from pipeline.generate import read_units
    from pipeline.rollup import UnitFacts, build_rollup

    communes = [write_commune((tmp_path, index, 10)) for index in range(14)]
    units, failed = read_units(communes, jobs=1)
    rollup = build_rollup(units)
    gathered, read_back = rollup.facts, UnitFacts.of(rollup.units)
    assert not failed and len(rollup.units) == 14
    assert list(gathered.changed) == list(read_back.changed) and len(gathered.changed) > 0
    assert list(gathered.overdue) == list(read_back.overdue) and sum(gathered.overdue) > 0
    assert (gathered.totals, gathered.previous_totals, gathered.words, gathered.first_plan, gathered.one_plan,
            gathered.plans_of_cchc) == (read_back.totals, read_back.previous_totals, read_back.words,
                                        read_back.first_plan, read_back.one_plan, read_back.plans_of_cchc)
    assert list(rollup.overdue_tasks) == [(u, t) for u in rollup.units for t in u.overdue]

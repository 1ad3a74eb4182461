"""Values made once per row of every workbook set their fields straight into their __dict__ (a frozen
dataclass's own __init__ is three times slower): each still holds every field its class declares."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from pipeline.domain.period import quarter
from pipeline.domain.result import QuarterResult, Status
from pipeline.statistics.values import Entry


@pytest.mark.parametrize("value", [
    QuarterResult(3, 2, Status.DONE, "Xong.", ("Báo cáo số 3/BC-UBND",), "ghi chú", None, None, True),
    Entry("1.1", quarter(2024, 1), None, 0, "ghi chú", "C2", "A2"),
])
def test_every_declared_field_is_set_and_the_value_stays_frozen(value):
    assert list(vars(value)) == [field.name for field in dataclasses.fields(value)]
    assert dataclasses.replace(value) == value and pickle.loads(pickle.dumps(value)) == value
    with pytest.raises(dataclasses.FrozenInstanceError):
        value.note = "khác"  # type: ignore[misc]

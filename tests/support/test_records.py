"""Same-named fields carried between records: the helpers, and the name lists that rely on them."""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields

import pytest

from cgtask.interchange.forms import model as forms_model
from cgtask.interchange.forms.model import DutyPeriod, FormRecord, FormRow
from cgtask.queries.rows import DueRow
from cgtask.schedule import _grammar, frequency
from cgtask.schedule.frequency import Frequency
from cgtask.support.records import flags, given, same_named


@dataclass(frozen=True)
class _Point:
    x: int
    y: int
    name: str = "原点"


def test_same_named_takes_only_the_names_asked_for() -> None:
    assert same_named(_Point(1, 2), ("y", "name")) == {"y": 2, "name": "原点"}


def test_same_named_refuses_a_name_the_record_does_not_have() -> None:
    with pytest.raises(AttributeError):
        same_named(_Point(1, 2), ("z",))


def test_given_reads_missing_keys_as_none_and_flags_as_false() -> None:
    data = {"count": 3, "exact": 1}
    assert given(data, ("count", "unit")) == {"count": 3, "unit": None}
    assert flags(data, ("exact", "at_most")) == {"exact": True, "at_most": False}


def _hints(cls: type) -> dict[str, object]:
    module = vars(__import__(cls.__module__, fromlist=["_"]))
    return typing.get_type_hints(cls, globalns=module)


@pytest.mark.parametrize(
    ("source", "target", "names"),
    [
        (_grammar.Clause, Frequency, frequency._FROM_CLAUSE),
        (DueRow, FormRow, forms_model._FROM_DUE_ROW),
        (DutyPeriod, FormRecord, DutyPeriod.names()),
    ],
)
def test_carried_fields_have_one_type_on_both_sides(
    source: type, target: type, names: tuple[str, ...]
) -> None:
    # The copy is untyped: the field lists are what keep it honest, so each name must mean one thing.
    source_types, target_types = _hints(source), _hints(target)
    for name in names:
        assert source_types[name] == target_types[name], name


@pytest.mark.parametrize(
    "phrase",
    [
        "每季度不少于当季案件数10%",
        "接到投诉后24小时内",
        "每年3月至5月每周1次",
        "每年1-2次",
        "每月整改问题不少于16起",
    ],
)
def test_a_frequency_dict_round_trips_through_the_field_lists(phrase: str) -> None:
    assert set(frequency._PLAIN_FIELDS) <= {f.name for f in fields(Frequency)}
    reading = frequency.parse_frequency(phrase)
    assert Frequency.from_dict(reading.to_dict()) == reading
    if reading.quota is not None:  # a quota's dict keeps its fields' order, the share as written
        written = reading.quota.to_dict()
        assert list(written) == [f.name for f in fields(reading.quota)]
        assert written["percent"] in (None, 10)
        assert not isinstance(written["percent"], float)

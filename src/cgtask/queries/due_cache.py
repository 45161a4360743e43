"""A registry's ``due`` answer kept in its cache, keyed by every file's stamp, the code and the question.

A city's yearly tables (1,613 files, 8,000 rows due in a month) took most of a warm ``due`` to weigh every duty
and to encode the rows as JSON again, though nothing had changed since the same question was last asked. The
answer is kept as its rows' JSON lines (what ``--format json`` writes) with its period labels and warnings;
read back, it gives the same bytes, and the rows themselves are decoded only when a table asks for them.

It is only ever the same answer: the cache header holds the stamp (size, time, inode) of every file of the
registry — the 台账 included, though ``due`` does not read it — and the code's, and the payload names the
question and the installed holiday tables (:func:`cgtask.queries.city.answer_key`). Any change is a miss.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from cgtask.errors import Notice
from cgtask.queries.city import answer_key
from cgtask.queries.due_query import DueQuery, DueResult
from cgtask.queries.rows import DueRow, due_row
from cgtask.registry.view import Registry

DUE_CACHE = "due"


@dataclass
class CachedDue(DueResult):
    """A due answer read back from the cache: its rows' JSON lines as written, the rows decoded when asked."""

    lines: list[str] = field(default_factory=list, repr=False)

    @cached_property
    def rows(self) -> list[DueRow]:
        """The rows, decoded from their JSON lines once."""
        return [due_row(json.loads(line)) for line in self.lines]

    def json_lines(self) -> Iterator[str]:
        """The rows' JSON lines as the answer first wrote them."""
        return iter(self.lines)

    @property
    def count(self) -> int:
        """How many rows the answer has, without decoding them."""
        return len(self.lines)


def district_due(view: Registry, query: DueQuery) -> DueResult:
    """``cgtask due`` on one registry: read back when the same question was asked of the same files, else computed."""
    cached = _cached(view, query)
    if cached is not None:
        return cached
    from cgtask.queries.years import due

    result = due(view, query)
    lines = list(result.json_lines())  # encoded once: kept, and written by the command from here
    answer = CachedDue(
        result.groups,
        result.period_labels,
        result.warnings,
        result.calendar,
        result.unit_heading,
        lines=lines,
    )
    answer.__dict__["rows"] = result.rows  # made already
    _keep(view, query, answer)
    return answer


def _cached(view: Registry, query: DueQuery) -> CachedDue | None:
    from cgtask.queries.context import prepare
    from cgtask.registry.cache import read_payload

    root, stamps = view.stamps or (None, None)
    if root is None or stamps is None:
        return None
    payload = read_payload(root, stamps, DUE_CACHE, _is_due_shape)
    if payload is None or payload["question"] != answer_key(query):
        return None
    warnings = [Notice(text) if notice else text for text, notice in payload["warnings"]]
    calendar = prepare(view).calendar
    heading = payload["unit_heading"]
    return CachedDue([], payload["labels"], warnings, calendar, heading, lines=payload["lines"])


def _is_due_shape(value: Any) -> bool:
    kinds = {"question": str, "lines": list, "labels": dict, "warnings": list, "unit_heading": str}
    return isinstance(value, dict) and all(isinstance(value.get(key), kind) for key, kind in kinds.items())


def _keep(view: Registry, query: DueQuery, result: CachedDue) -> None:
    from cgtask.registry.cache import write_payload

    root, stamps = view.stamps or (None, None)
    if root is None or stamps is None:
        return
    warnings = [[getattr(text, "marked", text), isinstance(text, Notice)] for text in result.warnings]
    payload = {"question": answer_key(query), "lines": result.lines, "labels": result.period_labels}
    write_payload(
        root, stamps, DUE_CACHE, {**payload, "warnings": warnings, "unit_heading": result.unit_heading}
    )

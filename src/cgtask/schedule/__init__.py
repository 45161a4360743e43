"""The pure schedule engine: working calendar, frequency phrases, periods and due dates.

No I/O and no third-party imports beyond chinese_calendar: the registry, the CLI and the renderers
call these functions with plain values.

- ``parse_frequency(text) -> Frequency`` reads a phrase (grammar in ``_scanner``/``_grammar``);
  ``phrase_reading(text) -> dict`` is the JSON of ``cgtask phrase``; ``Frequency.quota_json()`` the
  duty-semantics quota.
- ``expand_occurrences`` / ``expand_window`` / ``occurrences_due_between`` date the periods
  (``periods.periods_in_year``) by the official calendar, with ``effective_from``,
  ``rest_days_owed`` and ``anchor_year``.
"""

from __future__ import annotations

import importlib
from typing import Any

# Each name from the module that defines it, on first use: a warm query that needs only the working calendar
# (``cgtask.schedule.calendar``) does not compile the phrase grammar's patterns, a tenth of a second.
_HOMES = {
    "WorkCalendar": "calendar",
    **dict.fromkeys(("DUE_RULE_FORMS", "DueRule", "format_due_rule", "parse_due_rule"), "due_rules"),
    **dict.fromkeys(
        ("ACCEPTED_FORMS", "PERIODS", "Frequency", "Quota", "format_frequency", "parse_frequency"),
        "frequency",
    ),
    **dict.fromkeys(
        (
            "Expansion",
            "ExpansionOptions",
            "Occurrence",
            "Period",
            "expand_occurrences",
            "expand_window",
            "occurrences_due_between",
            "occurrences_due_in_month",
            "periods_in_year",
        ),
        "occurrences",
    ),
    "phrase_reading": "phrase_reading",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"cgtask.schedule.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ACCEPTED_FORMS",
    "DUE_RULE_FORMS",
    "PERIODS",
    "DueRule",
    "Expansion",
    "ExpansionOptions",
    "Frequency",
    "Occurrence",
    "Period",
    "Quota",
    "WorkCalendar",
    "expand_occurrences",
    "expand_window",
    "format_due_rule",
    "format_frequency",
    "occurrences_due_between",
    "occurrences_due_in_month",
    "parse_due_rule",
    "parse_frequency",
    "periods_in_year",
    "phrase_reading",
]

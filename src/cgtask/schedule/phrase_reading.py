"""How cgtask reads a phrase, as the JSON that ``cgtask phrase`` prints.

The keeper checks wording before committing it: each phrase gives its period, count, quantity,
share, coverage, maximum, deadline, duration and event flag, the duty-semantics ``quota``, and for a
phrase with two periods one such object per period. A phrase that cannot be read still shows the
parts that were understood, with ``ok`` false and the error message.
"""

from __future__ import annotations

from typing import Any

from cgtask.errors import FrequencyError
from cgtask.schedule._grammar import Clause, read_phrase
from cgtask.schedule._lexicon import TIME_UNITS
from cgtask.schedule._text import normalize_phrase
from cgtask.schedule.frequency import Windows, parse_frequency, quota_json

# Internal period kinds → the names the JSON uses (stepped kinds add their step: 2years, 10days).
_PERIOD_NAMES = {
    "day": "day",
    "workday": "workday",
    "week": "week",
    "biweek": "2weeks",
    "xun": "xun",
    "month": "month",
    "bimonth": "2months",
    "quarter": "quarter",
    "half": "half",
    "h1": "half",
    "h2": "half",
    "year": "year",
    "semester": "semester",
    "school_year": "school_year",
    "once": "none",
    "event": "none",
}


def period_name(period: str | None, step: int | None) -> str:
    """The JSON name of a period: ``2years`` for (years, 2), ``none`` for events and phrases without one."""
    if period is None:
        return "none"
    if step is not None:
        return f"{step}{period}"
    return _PERIOD_NAMES[period]


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _clause_json(clause: Clause) -> dict[str, Any]:
    quota = clause.quota
    is_time = quota is not None and quota.unit in TIME_UNITS
    counted = quota is not None and quota.percent is None and not is_time
    return {
        "period": period_name(clause.period if clause.period != "event" else None, clause.step),
        "count": clause.times if clause.times is not None else clause.maximum,
        "quantity": {"value": quota.count, "unit": quota.unit} if quota is not None and counted else None,
        "share": _plain(quota.percent) if quota is not None and quota.percent is not None else None,
        "of": quota.basis if quota is not None else None,
        "coverage": clause.coverage,
        "maximum": clause.maximum is not None or (quota is not None and quota.at_most),
        "limit": clause.maximum,
        "deadline": clause.deadline,
        "event": clause.period == "event",
        "trigger": clause.trigger,
        "no_fixed_day": clause.no_fixed_day,
        "duration": f"{quota.count}{quota.unit}" if quota is not None and is_time else None,
        "quota": None
        if quota is None
        else {**(quota_json(quota, clause.period) or {}), "exact": quota.exact},
        **_structure_json(clause),
    }


def _structure_json(clause: Clause) -> dict[str, Any]:
    """The keys issue 23 added: a month window, a range, an exact value, a total, an event's response time.

    ``window`` stays ``h1``/``h2`` for 上半年/下半年 (as before); a window of months is ``{start, end}``
    as ``MM-DD``.
    """
    window: Any = clause.period if clause.period in ("h1", "h2") else None
    if clause.window is not None:
        first, first_day, last, last_day = clause.window
        end_day = last_day or {2: 28, 4: 30, 6: 30, 9: 30, 11: 30}.get(last, 31)
        window = {"start": f"{first:02d}-{first_day:02d}", "end": f"{last:02d}-{end_day:02d}"}
        if clause.window_name:
            window["name"] = clause.window_name
    span = clause.range
    return {
        "window": window,
        "range": None if span is None else {"min": _plain(span[0]), "max": _plain(span[1])},
        # The count's or the quota's number as written (为2次, 比例5%); the quota's own is quota.exact.
        "exact": clause.exact or (clause.quota is not None and clause.quota.exact),
        "count_exact": clause.exact,
        "total": clause.total,
        "response": None if clause.response is None else clause.response.text,
        "on": None if clause.on is None else list(clause.on),
    }


def phrase_reading(text: str, windows: Windows | None = None) -> dict[str, Any]:
    """How ``text`` is read: ``text, ok, error`` and the parts (see the module docstring).

    ``count`` is the minimum count, or the limit when only a maximum is given (不超过4次 → 4 with
    ``maximum`` true); ``limit`` is the upper limit when there is one; ``periods`` lists one object per
    period for a phrase with two (每月抽查9%，每年全部检查一次), else is empty. Beyond the keys the
    issue names: ``limit``, ``trigger``, ``no_fixed_day``, ``on``; and ``activity``, ``object``, ``subject``,
    ``window``, ``range``, ``exact``, ``total``, ``response`` (see ``_structure_json``).
    """
    try:
        parse_frequency(text, windows)
        error = None
    except FrequencyError as exc:
        error = str(exc)
    phrase = normalize_phrase(text)
    named = tuple(sorted((windows or {}).items()))
    reading = read_phrase(phrase, named) if phrase else None
    clauses = reading.clauses if reading is not None else [Clause(0)]
    parts = [_clause_json(clause) for clause in clauses]
    return {
        "text": text,
        "ok": error is None,
        "error": error,
        **parts[0],
        "periods": parts if len(parts) > 1 else [],
        # The words that are not structure: who (项目部, 区局), what is acted on, and the activity —
        # shown so the keeper sees what was read as words rather than silently dropped.
        "activity": reading.activity if reading is not None else None,
        "object": reading.object if reading is not None else None,
        "subject": reading.subject if reading is not None else None,
    }

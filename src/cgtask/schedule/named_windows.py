"""The registry's named seasons (汛期: 6-9月): read once from organization.yaml for the phrase engine.

A phrase may name a season only the registry can date (汛期 is 5–9月 in one city, 6–9月 in another);
organization.yaml's ``windows:`` gives each its months, written as a phrase's own window is (6-9月,
6月1日至9月30日, 第三季度), and :func:`parse_frequency` takes the result as its ``windows``.
"""

from __future__ import annotations

from collections.abc import Mapping

from cgtask.errors import FrequencyError
from cgtask.schedule._text import normalize_phrase

WindowDates = tuple[int, int, int, int]  # start month, start day, end month, end day (0: the month's end)
NamedWindows = tuple[tuple[str, WindowDates], ...]  # sorted, hashable: what parse_frequency caches by


def window_dates(text: str) -> WindowDates:
    """The months (and days) of a season's definition such as 6-9月; FrequencyError when it is not one window."""
    # Only now: the scanner compiles its table of patterns on import, and a board whose registry names no
    # season (or reads its duties from the cache) never reads one.
    from cgtask.schedule._scanner import scan

    phrase = normalize_phrase(text)
    tokens = scan(phrase)
    if len(tokens) == 1 and tokens[0].kind == "WINDOW" and tokens[0].window is not None:
        first, first_day, last, last_day = tokens[0].window
        if (first, first_day) > (last, last_day or 31):
            raise FrequencyError(f"时间窗口“{text}”跨年，暂不支持：请分成年内的两段分别定义")
        return tokens[0].window
    raise FrequencyError(f"时间窗口“{text}”应写成月份或日期的起止，例如 6-9月、6月1日至9月30日、第三季度")


def named_windows(definitions: Mapping[str, str]) -> NamedWindows:
    """Every readable definition, by name (one that cannot be read is left out: ``check`` reports it)."""
    dated: list[tuple[str, WindowDates]] = []
    for name, text in definitions.items():
        try:
            dated.append((name, window_dates(text)))
        except FrequencyError:
            continue
    return tuple(sorted(dated))

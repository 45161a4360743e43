"""Score the phrase engine on the measurement corpus (data/phrases/): right, refused, silently wrong, by shape.

    python tests/schedule/phrase_score.py dev        # tune and measure on this
    python tests/schedule/phrase_score.py heldout    # only at the end of a grammar change
    python tests/schedule/phrase_score.py heldout2   # the second held-out set: a first run and an after-run
    python tests/schedule/phrase_score.py heldout3   # the third (task phrase23b): a first run and an after-run
    python tests/schedule/phrase_score.py heldout4   # the fourth (task phrase23c): a first run and an after-run
    python tests/schedule/phrase_score.py heldout5   # the fifth (task gather23): run once, at the end

Each phrase carries a human reading in a structure-only schema (see the header of dev.yaml). The engine's
JSON (``cgtask phrase --format json``) is mapped onto that schema and compared:

- **right**: read as it must be (a phrase to refuse is refused; a phrase to read is read with the same
  period, kind, bounds, unit, base, window, deadline and response);
- **refused**: a phrase to read was refused;
- **silently wrong**: the engine read the phrase but something differs, or a part it does not model
  (window, exact value, range, response …) was dropped, or it read a phrase that must be refused.

A duration stated per day (每天体育锻炼时间不少于1小时) may be read per occurrence or per period; a total
(每周累计…, 每年…不少于90学时) must not be read per occurrence, and a 每次 duration must. A cadence read
without a number (每周通报) counts as one per period. The comparison uses only structure; activity, object and subject are not scored (their presence is counted).
Keys the engine adds later (``window``, ``range``, ``exact``, ``total``, ``response``) are used when present.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

DATA = Path(__file__).parent / "data" / "phrases"
SPLIT_SEED = 20261207
SPLIT2_SEED = 20261223  # the third of the phrases gathered for task phrase23 (ids from SECOND_BATCH) frozen
SECOND_BATCH = 1001
SHAPES_BATCH = 1801  # task phrase23d: dev phrases for the shapes it added, not split (all dev)
THIRD_BATCH = 2001  # task phrase23b: heldout3.yaml, held out whole
FOURTH_BATCH = 3001  # task phrase23c: heldout4.yaml, held out whole
FIFTH_BATCH = 4001  # task gather23: heldout5.yaml, held out whole
CORPORA = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5")

SHAPES = ("plain", "fixed_day", "window", "dated", "event", "total", "duration", "range", "refused")
PERIODS = (
    "day", "workday", "week", "2weeks", "half_month", "xun", "month", "2months", "quarter", "half", "year",
    "school_term", "school_year", "once", "event", "occurrence", "none",
)  # fmt: skip
KINDS = (
    "count",
    "quantity",
    "share",
    "coverage",
    "duration",
    "maximum",
    "range",
    "deadline",
    "event",
    "total",
)
WINDOW_KEYS = {"start_month", "end_month", "start_day", "end_day", "name"}
DEADLINE_KEYS = {
    "day_of_month", "next_month_day", "next_month_workday", "weekday", "week_of_month", "month", "day",
    "next_year", "date", "after_period_days", "before_period_end_days", "end_of_period", "time",
}  # fmt: skip
OUTCOMES = ("right", "refused", "silently wrong")


def load_corpus(name: str) -> list[dict[str, Any]]:
    """The phrases of ``dev`` or of a held-out set (``heldout`` … ``heldout5``)."""
    data = YAML(typ="safe").load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    phrases: list[dict[str, Any]] = data["phrases"]
    return phrases


def load_sources() -> dict[str, str]:
    sources: dict[str, str] = YAML(typ="safe").load((DATA / "sources.yaml").read_text(encoding="utf-8"))
    return sources


# --- the engine, whatever its module is called today -------------------------------------------------


def engine() -> Callable[[str], dict[str, Any]]:
    """``text → reading dict`` from ``cgtask.api.phrase``, else the reading module under either name."""
    try:
        from cgtask.api import phrase

        return lambda text: phrase([text])[0]
    except ImportError:
        pass
    import importlib

    for module in ("cgtask.schedule.phrase_reading", "cgtask.schedule.reading"):
        try:
            found: Callable[[str], dict[str, Any]] = importlib.import_module(module).phrase_reading
            return found
        except (ImportError, AttributeError):
            continue
    raise ImportError("no phrase engine found (cgtask.api.phrase or schedule.*reading.phrase_reading)")


# --- normalising numbers, units and deadlines ------------------------------------------------------

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_DIGITS |= {"八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "萬": 10000}
_SAME_UNIT = str.maketrans(
    {"鐘": "钟", "時": "时", "戶": "户", "個": "个", "天": "日", "課": "课", "節": "节"}
)


def chinese_number(text: str) -> float | None:
    """``十五`` → 15, ``1.5万`` → 15000, ``８０`` → 80, ``半`` → 0.5; None if it is not a number."""
    text = text.strip().translate({ord(c): ord("0") + i for i, c in enumerate("０１２３４５６７８９")})
    if text == "半":
        return 0.5
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([万萬千百]?)", text)
    if match:
        return float(match[1]) * _UNITS.get(match[2], 1)
    if not text or any(c not in _DIGITS and c not in _UNITS for c in text):
        return None
    total, section, digit = 0.0, 0.0, 0.0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif _UNITS[char] == 10000:
            total += (section + digit) * 10000
            section, digit = 0.0, 0.0
        else:
            section += (digit or 1) * _UNITS[char]
            digit = 0.0
    return total + section + digit


_NUM = r"[0-9０-９.一二两兩三四五六七八九十百千万萬零〇半]+"


def amount(text: str | None) -> tuple[float, str] | None:
    """``2个工作日`` → (2, 个工作日); ``二十四小时`` → (24, 小时); ``1.5小时`` → (1.5, 小时)."""
    if not text:
        return None
    match = re.search(rf"({_NUM})\s*(.*)", str(text))
    if not match:
        return None
    value = chinese_number(match[1])
    if value is None:
        return None
    unit = re.sub(r"[内以后前]+$", "", match[2].strip()).translate(_SAME_UNIT)
    return value, unit


def same_unit(mine: str | None, theirs: str | None) -> bool:
    if mine is None or theirs is None:
        return mine == theirs
    a, b = str(mine).translate(_SAME_UNIT), str(theirs).translate(_SAME_UNIT)
    return a == b or a.lstrip("个") == b.lstrip("个")


_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}


def parse_deadline(text: str | None) -> dict[str, Any] | None:
    """The engine's deadline words (``次月5日前``, ``季后10日内``, ``12月底前``, ``周五17时前``) in the schema."""
    if not text:
        return None
    found = _deadline_day(str(text))
    if time := _time_of_day(str(text)):
        found["time"] = time
    return found


def _time_of_day(text: str) -> str | None:
    """``7:30前`` → 07:30, ``17时前`` → 17:00, ``中午12時前`` → 12:00; None without a time of day."""
    match = re.search(r"(\d{1,2})\s*(?:[:：]\s*(\d{2})|[时時点點](?:(\d{1,2})分?)?)", text)
    if not match:
        return None
    return f"{int(match[1]):02d}:{int(match[2] or match[3] or 0):02d}"


def _deadline_day(text: str) -> dict[str, Any]:
    """The day part of a deadline (``{"text": …}`` when there is none)."""
    if re.fullmatch("期末|(?:月|季度?|年)[底末]前?", text):
        return {"end_of_period": True}
    if m := re.search(rf"次月第({_NUM})个工作日", text):
        return {"next_month_workday": chinese_number(m[1])}
    if m := re.search(rf"(?:次月|下月)({_NUM})[日号]", text):
        return {"next_month_day": chinese_number(m[1])}
    after = r"(?:(?:月|季度?|年度?)(?:后|结束后|终了后)|(?:次|下)季度?)"  # 季后10日内, 次季度十五日内
    if m := re.search(rf"{after}({_NUM})[日天号](?:内|前|之前|以前)", text):
        return {"after_period_days": chinese_number(m[1])}  # 月后10日前: the 10th day after the month
    if m := re.search(rf"(?:月|季度?|年|期)[底末]前?({_NUM})[日天]前", text):
        return {"before_period_end_days": chinese_number(m[1])}  # 月底5日前: 5 days before the period's end
    if m := re.search(rf"({_NUM})月底", text):
        month = chinese_number(m[1])
        last = {2: 28, 4: 30, 6: 30, 9: 30, 11: 30}.get(int(month or 0), 31)
        return {"month": month, "day": last}
    if m := re.search(rf"({_NUM})月({_NUM})日", text):
        return {"month": chinese_number(m[1]), "day": chinese_number(m[2])}
    if m := re.search(r"周([一二三四五六日天])", text):
        return {"weekday": _WEEKDAYS[m[1]]}
    if m := re.search(rf"({_NUM})日", text):
        return {"day_of_month": chinese_number(m[1])}
    return {"text": text}


def same_deadline(mine: dict[str, Any], theirs: dict[str, Any] | None, period: str | None = None) -> bool:
    if theirs is None:
        return False
    keys = set(mine) - {"next_year", "week_of_month", "time"}
    if not keys and "time" in mine:  # 每日7:00前: only the time of day, compared as HH:MM
        return theirs.get("time") == _time_of_day(str(mine["time"]))
    if "date" in mine:
        _year, month, day = (int(x) for x in str(mine["date"]).split("-"))
        if (month, day) == (2, 29):
            day = 28  # 2月底 in a leap year: the reading has no year to know it
        return (theirs.get("month"), theirs.get("day")) == (month, day) or theirs.get("date") == mine["date"]
    if "end_of_period" in mine:
        # 每年年末 read as 12月底前 is the same day as the yearly period's end (one due date, two spellings)
        return bool(theirs.get("end_of_period")) or (period == "year" and theirs == {"month": 12, "day": 31})
    return all(theirs.get(k) == mine[k] for k in keys) and bool(keys)


# --- the comparison --------------------------------------------------------------------------------

_PERIOD_NAMES = {"school_term": {"semester"}, "half_month": {"half_month", "15days"}, "once": {"none"}}
_PERIOD_NAMES |= {"event": {"none"}, "occurrence": {"none", "occurrence"}}
_HALF_WINDOWS = {"h1": (1, 6), "h2": (7, 12)}


def _half_window(reading: dict[str, Any]) -> str | None:
    """``h1``/``h2`` when the engine reads 上半年/下半年, else None (a month window is a dict, never a key)."""
    window = reading.get("window")
    return window if isinstance(window, str) else None


def _window_of(reading: dict[str, Any]) -> Any:
    window = reading.get("window")
    if isinstance(window, str) and window in _HALF_WINDOWS:
        start, end = _HALF_WINDOWS[window]
        return {"start_month": start, "end_month": end}
    return window


def _same_window(mine: dict[str, Any], theirs: Any) -> bool:
    if theirs is None:
        return False
    if "name" in mine:
        return mine["name"] in str(theirs) or str(theirs) in mine["name"]
    if isinstance(theirs, dict):
        start = _month(theirs.get("start_month", theirs.get("start")))
        end = _month(theirs.get("end_month", theirs.get("end")))
        return (start, end) == (mine.get("start_month"), mine.get("end_month"))
    return False


def _month(value: Any) -> int | None:
    """The month of a window end: 5, "5月", "05-01", "2024-05-01"."""
    if isinstance(value, int):
        return value
    text = str(value or "")
    parts = text.split("-")
    if len(parts) in (2, 3) and all(p.isdigit() for p in parts):
        return int(parts[-2])
    match = re.search(rf"({_NUM})月", text)
    number = chinese_number(match[1]) if match else None
    return int(number) if number is not None else None


def _period_ok(entry: dict[str, Any], reading: dict[str, Any]) -> bool:
    mine, theirs = entry["period"], reading.get("period")
    window = entry.get("window") or {}
    if mine == "year" and theirs == "half" and _half_window(reading) in _HALF_WINDOWS:
        # 每年上半年: a yearly duty in Jan–Jun, which the engine writes as the half h1
        return (window.get("start_month"), window.get("end_month")) == _HALF_WINDOWS[reading["window"]]
    if mine == "event":
        return bool(reading.get("event"))
    if reading.get("event"):
        return False
    return theirs in _PERIOD_NAMES.get(mine, {mine})


def _value(reading: dict[str, Any]) -> tuple[float | None, str | None]:
    """The number and unit the engine read: a quantity, a share, a duration, or a count of 次."""
    if reading.get("share") is not None:
        return float(reading["share"]), "%"
    if reading.get("quantity"):
        return float(reading["quantity"]["value"]), reading["quantity"]["unit"]
    if reading.get("duration"):
        found = amount(reading["duration"])
        return found if found else (None, None)
    if reading.get("count") is not None:
        return float(reading["count"]), "次"
    if reading.get("ok") and not reading.get("deadline") and not reading.get("coverage"):
        return 1.0, "次"  # a cadence read without a number (每周通报) is one per period
    return None, None


def _bounds_ok(entry: dict[str, Any], reading: dict[str, Any]) -> bool:
    kind = entry["kind"]
    value, unit = _value(reading)
    low, high = entry.get("min"), entry.get("max")
    if kind == "coverage":
        return bool(reading.get("coverage")) or (entry.get("unit") == "%" and value == low)
    if kind in ("deadline", "event"):
        return True
    if kind == "range":
        found = reading.get("range")
        return isinstance(found, dict) and (found.get("min"), found.get("max")) == (low, high)
    target = high if kind == "maximum" else low
    return _amount_ok(entry, reading, (value, unit), target) and _quota_ok(entry, reading)


def _amount_ok(
    entry: dict[str, Any], reading: dict[str, Any], found: tuple[float | None, str | None], target: Any
) -> bool:
    """The number read, its unit and its direction (at most / at least) match the entry's bound."""
    kind = entry["kind"]
    value, unit = found
    if value is None or target is None or float(value) != float(target):
        return False
    # kind count counts occurrences: 次 is the engine's unit for them, whatever the text counts (固定1天)
    if not same_unit(entry.get("unit"), unit) and not (
        (entry.get("unit") in ("次", "遍", "回") or kind == "count") and unit == "次"
    ):
        return False
    return (kind == "maximum") == bool(reading.get("maximum"))  # an upper bound is read as one, and only it


def _quota_ok(entry: dict[str, Any], reading: dict[str, Any]) -> bool:
    """Per occurrence or over the period, exact or not, and a share's base match the entry."""
    kind = entry["kind"]
    per = (reading.get("quota") or {}).get("per")
    if entry["period"] == "occurrence" and per != "occurrence":
        return False  # 每次不少于20分钟 is per occurrence
    if kind == "total" and per == "occurrence":
        return False  # 每周累计不少于40小时 is a total over the period, not per occurrence
    if kind == "total" and "total" in reading and not reading["total"]:
        return False
    if entry.get("exact") and not reading.get("exact"):
        return False
    if kind == "share" and entry.get("base"):
        base = str(reading.get("of") or "")
        return bool(base) and (entry["base"] in base or base in entry["base"])
    return True


def _response_ok(entry: dict[str, Any], reading: dict[str, Any]) -> bool:
    if entry["kind"] != "event":
        return True
    said = reading.get("response") or reading.get("deadline")
    mine, theirs = amount(entry.get("response")), amount(said)
    return mine is not None and theirs is not None and mine[0] == theirs[0] and same_unit(mine[1], theirs[1])


def judge(entry: dict[str, Any], reading: dict[str, Any]) -> tuple[str, str]:
    """(outcome, why) for one phrase and the engine's reading of it."""
    if not entry["read"]:
        return ("right", "") if not reading.get("ok") else ("silently wrong", "read a phrase to refuse")
    if not reading.get("ok"):
        return "refused", str(reading.get("error") or "")[:80]
    checks = {
        "period": _period_ok(entry, reading),
        "bound/unit/kind": _bounds_ok(entry, reading),
        "response": _response_ok(entry, reading),
    }
    window = _window_of(reading)
    if entry.get("window"):
        checks["window"] = _same_window(entry["window"], window)
    elif window and not (entry["period"] == "year" and _half_window(reading) in _HALF_WINDOWS):
        checks["window"] = False
    if entry.get("deadline"):
        found = parse_deadline(reading.get("deadline"))
        checks["deadline"] = same_deadline(entry["deadline"], found, entry["period"])
    elif reading.get("deadline") and entry["kind"] != "event":
        checks["deadline"] = False
    failed = [name for name, ok in checks.items() if not ok]
    return ("right", "") if not failed else ("silently wrong", ", ".join(failed))


def score(name: str) -> dict[str, Counter[str]]:
    """Per shape: how many phrases, and how many of each outcome (plus ``activity`` returned)."""
    read = engine()
    table: dict[str, Counter[str]] = {}
    for entry in load_corpus(name):
        reading = read(entry["text"])
        outcome, _ = judge(entry, reading)
        row = table.setdefault(entry["shape"], Counter())
        row["phrases"] += 1
        row[outcome] += 1
        row["activity"] += bool(reading.get("activity"))
    return table


def report(name: str, details: bool = False) -> str:
    table = score(name)
    lines = [
        f"{name}: right / refused / silently wrong, by shape",
        "",
        "| shape | phrases | right | refused | silently wrong | activity returned |",
        "|---|---|---|---|---|---|",
    ]
    total: Counter[str] = Counter()
    for shape in [s for s in SHAPES if s in table]:
        row = table[shape]
        total.update(row)
        lines.append(_row(shape, row))
    lines.append(_row("**all**", total))
    if details:
        read = engine()
        lines.append("")
        for entry in load_corpus(name):
            outcome, why = judge(entry, read(entry["text"]))
            if outcome != "right":
                lines.append(f"{entry['id']:>4} {entry['shape']:<9} {outcome:<14} {why:<40} {entry['text']}")
    return "\n".join(lines)


def _row(label: str, row: Counter[str]) -> str:
    n = row["phrases"]
    pct = f"{100 * row['right'] / n:.0f} %" if n else "-"
    return (
        f"| {label} | {n} | {row['right']} ({pct}) | {row['refused']} | {row['silently wrong']} | "
        f"{row['activity']} |"
    )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    which = args[0] if args else "dev"
    if which not in CORPORA:
        sys.exit(f"usage: python tests/schedule/phrase_score.py [{'|'.join(CORPORA)}] [--details]")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    print(report(which, details="--details" in sys.argv))

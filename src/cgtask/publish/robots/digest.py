"""What a reminder says, before any platform's markup: the 督办 digest and its Chinese wording.

The CLI fills a :class:`Digest` from the 督办 board; everything here is plain data and text so the
platform modules only add markup. Colour is never the only signal: every line carries its status in
words (逾期 / 未完成 / 即将到期), because a colour may not render (钉钉) or may not be seen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from cgtask.support.words import STATUS_LABELS, WEEKDAYS, chinese_date, month_day_weekday

Status = Literal["due_soon", "blue", "yellow", "red"]

STATUSES: tuple[Status, ...] = ("red", "yellow", "blue", "due_soon")
# The board's own words (support.words); due_soon, a reminder's own status, reads as blue does.
STATUS_WORDS: dict[Status, str] = {s: STATUS_LABELS["blue" if s == "due_soon" else s] for s in STATUSES}

# Characters that the three markdown dialects read as markup; their full-width twins read the same
# to a Chinese reader and cannot break a heading, a bold run or a <font> tag.
_MARKUP_TWINS = str.maketrans(
    {"*": "＊", "`": "｀", "<": "＜", ">": "＞", "[": "［", "]": "］", "#": "＃", "_": "＿"}
)


@dataclass(frozen=True)
class ReminderItem:
    """One duty of one 科室/中队 that needs attention; ``requirement`` is Chinese, e.g. 每周不少于2次（已完成1次）."""

    title: str
    item: str
    doc: str  # the document's id: for order only, never shown in a message
    due: date
    requirement: str
    role: str | None
    status: Status
    basis: str = ""  # where the duty comes from as people say it: 执法监督方案 第3项

    def __post_init__(self) -> None:
        if self.status not in STATUS_WORDS:
            raise ValueError(
                f"unknown reminder status {self.status!r}; expected one of {', '.join(STATUSES)}"
            )


@dataclass(frozen=True)
class UnitReminder:
    """A 科室 or 中队 and its duties: the overdue ones (red, yellow) and those due soon."""

    unit: str
    due_soon: list[ReminderItem]
    overdue: list[ReminderItem]

    @property
    def is_empty(self) -> bool:
        """Whether the unit has nothing to be reminded of."""
        return not self.due_soon and not self.overdue


@dataclass(frozen=True)
class Digest:
    """The whole reminder as of one day; ``days`` is the look-ahead in working days for 即将到期."""

    as_of: date
    registry_name: str
    units: list[UnitReminder]
    days: int
    scope: tuple[str, ...] = ()  # the 科室/中队 this digest was narrowed to (a 中队's own group); () for all

    @property
    def is_empty(self) -> bool:
        """Whether no unit has anything to be reminded of, so nothing needs to be sent."""
        return all(unit.is_empty for unit in self.units)

    def only(self, names: tuple[str, ...]) -> Digest:
        """The digest for a group that follows only ``names`` (every unit when empty)."""
        if not names:
            return self
        return replace(self, units=[unit for unit in self.units if unit.unit in names], scope=names)


@dataclass(frozen=True)
class Entry:
    """One reminder line placed under its unit and group, ready for a platform to mark up."""

    unit: str
    group: str
    item: ReminderItem


# --- wording ----------------------------------------------------------------------------------------


def plain(text: str) -> str:
    """Text from the registry made safe for markdown: one line, markup characters as full-width twins."""
    return " ".join(text.split()).translate(_MARKUP_TWINS)


short_date = month_day_weekday  # 3月11日（周五）


def title_of(digest: Digest) -> str:
    """The message title: 督办提醒 and the day it is as of."""
    return f"【督办提醒】{chinese_date(digest.as_of)}"


def overdue_group() -> str:
    """The heading of the overdue and unfinished group."""
    return "逾期及未完成"


def due_soon_group(days: int) -> str:
    """The heading of the due-soon group, naming its look-ahead in working days."""
    return f"即将到期（{days}个工作日内）"


def summary_of(digest: Digest) -> str:
    """The first line of every message: whose registry, as of when, how many of each status."""
    counts = {word: 0 for word in ("逾期", "未完成", "即将到期")}
    for unit in digest.units:
        for item in (*unit.overdue, *unit.due_soon):
            counts[STATUS_WORDS[item.status]] += 1
    # A group that follows a few 科室/中队 is told whose items these are, so 逾期3项 is not read as the bureau's.
    whose = plain("、".join(digest.scope)) if digest.scope else "各科室、中队"
    head = f"{plain(digest.registry_name)}{'（' + whose + '）' if digest.scope else ''}：截至{chinese_date(digest.as_of)}"
    if not any(counts.values()):
        return f"{head}，{whose}均无逾期、未完成或即将到期的事项。"
    parts = "，".join(f"{word}{n}项" for word, n in counts.items() if n)
    return f"{head}，{parts}。"


def when_text(item: ReminderItem, as_of: date) -> str:
    """When the duty was or is due, relative to the digest's day: 今天（周一）到期, 3月25日（周五）到期，已逾期3天."""
    late = (as_of - item.due).days
    if late > 0:
        return f"{short_date(item.due)}到期，已逾期{late}天"
    if late == 0:
        return f"今天（周{WEEKDAYS[item.due.weekday()]}）到期"
    if late == -1:
        return f"明天（周{WEEKDAYS[item.due.weekday()]}）到期"
    return f"{short_date(item.due)}到期"


def line_body(item: ReminderItem, as_of: date) -> str:
    """Everything of a line but its status word: 街面实效督察（执法监督方案 第3项）：…；牵头.

    The document is named by its kind, never by its registry id (supervision-2022): a 工作群 reads Chinese.
    """
    basis = plain(item.basis) if item.basis else f"第{plain(item.item)}项"
    parts = [f"{plain(item.title)}（{basis}）：{when_text(item, as_of)}"]
    if item.requirement.strip():
        parts.append(plain(item.requirement))
    if item.role:
        parts.append(plain(item.role))
    return "；".join(parts)


# --- order ------------------------------------------------------------------------------------------


def _rank(item: ReminderItem) -> tuple[int, date, str, str]:
    return (STATUSES.index(item.status), item.due, item.doc, item.item)


def entries_of(digest: Digest) -> list[Entry]:
    """Every line in reading order: unit by unit, within a unit 逾期 (red, then yellow) before 即将到期."""
    entries: list[Entry] = []
    soon = due_soon_group(digest.days)
    for unit in digest.units:
        for item in sorted(unit.overdue, key=_rank):
            entries.append(Entry(unit.unit, overdue_group(), item))
        for item in sorted(unit.due_soon, key=lambda i: (i.due, *_rank(i))):
            entries.append(Entry(unit.unit, soon, item))
    return entries

"""A digest → the messages one platform will carry, split to fit its size limit.

A message too large for the platform is split at unit and line boundaries into several, each
complete on its own: the title with its （2/3） label, the summary line, and the unit and group
headings of the lines it carries (marked （续） when they continue from the previous message). A
single line that cannot fit even alone is cut and ends in 「…」.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby

from cgtask.errors import UsageError
from cgtask.publish.robots.digest import Digest, Status, entries_of, line_body, plain, summary_of, title_of
from cgtask.publish.robots.platforms import Draft, Group, Line, Payload, Section, encode_body, platform

ELLIPSIS = "…"
# Sizes are measured with the widest label a split can carry, so the real label always fits.
_WIDEST_LABEL = "（999/999）"


@dataclass(frozen=True)
class RobotMessage:
    """One message for one platform: ``payload`` is the JSON body before any signature is added."""

    kind: str
    part: int
    total: int
    title: str
    payload: Payload

    @property
    def body(self) -> bytes:
        """The payload encoded as the request body."""
        return encode_body(self.payload)

    @property
    def size(self) -> int:
        """The size the platform's limit applies to."""
        return platform(self.kind).measure(self.payload)


@dataclass(frozen=True)
class _Row:
    unit: str
    group: str
    status: Status
    body: str


Fits = Callable[[Sequence[_Row], "_Row | None"], bool]


def build_messages(digest: Digest, kind: str) -> list[RobotMessage]:
    """The messages that carry ``digest`` to a ``kind`` robot, in sending order."""
    target = platform(kind)
    title, summary = title_of(digest), summary_of(digest)
    rows = [
        _Row(plain(e.unit), e.group, e.item.status, line_body(e.item, digest.as_of))
        for e in entries_of(digest)
    ]
    whole = target.payload(_draft(title, summary, rows, None))
    if target.measure(whole) <= target.limit:
        return [RobotMessage(kind, 1, 1, title, whole)]

    def fits(chunk: Sequence[_Row], previous: _Row | None) -> bool:
        draft = _draft(title + _WIDEST_LABEL, summary, chunk, previous)
        return target.measure(target.payload(draft)) <= target.limit

    chunks = _pack(rows, fits)
    messages = []
    for number, (chunk, previous) in enumerate(chunks, start=1):
        labelled = f"{title}（{number}/{len(chunks)}）"
        payload = target.payload(_draft(labelled, summary, chunk, previous))
        messages.append(RobotMessage(kind, number, len(chunks), labelled, payload))
    return messages


def _pack(rows: Sequence[_Row], fits: Fits) -> list[tuple[list[_Row], _Row | None]]:
    """Greedy packing: each chunk takes lines while the message still fits; returns (chunk, last row before it)."""
    chunks: list[tuple[list[_Row], _Row | None]] = []
    current: list[_Row] = []
    previous: _Row | None = None
    for row in rows:
        if fits([*current, row], previous):
            current.append(row)
            continue
        if current:
            chunks.append((current, previous))
            previous = current[-1]
        current = [row if fits([row], previous) else _truncate(row, previous, fits)]
    if current or not chunks:
        chunks.append((current, previous))
    return chunks


def _truncate(row: _Row, previous: _Row | None, fits: Fits) -> _Row:
    """The longest start of the row's text that fits alone in a message, ending in 「…」."""
    low, high = 0, len(row.body)
    while low < high:
        middle = (low + high + 1) // 2
        if fits([_cut(row, middle)], previous):
            low = middle
        else:
            high = middle - 1
    if not fits([_cut(row, low)], previous):
        raise UsageError(f"「{row.unit}」的名称或登记册名称过长，一条机器人消息放不下，请缩短后再发送")
    return _cut(row, low)


def _cut(row: _Row, length: int) -> _Row:
    return _Row(row.unit, row.group, row.status, row.body[:length] + ELLIPSIS)


def _draft(title: str, summary: str, rows: Sequence[_Row], previous: _Row | None) -> Draft:
    """Rows grouped into unit sections and group runs, flagging what continues from ``previous``."""
    sections: list[Section] = []
    for unit, unit_rows in groupby(rows, key=lambda r: r.unit):
        in_unit = list(unit_rows)
        unit_continues = not sections and previous is not None and previous.unit == unit
        groups: list[Group] = []
        for name, group_rows in groupby(in_unit, key=lambda r: r.group):
            group_continues = (
                unit_continues and not groups and previous is not None and previous.group == name
            )
            lines = tuple(Line(r.status, r.body) for r in group_rows)
            groups.append(Group(name, group_continues, lines))
        sections.append(Section(unit, unit_continues, tuple(groups)))
    return Draft(title, summary, tuple(sections))

"""Bar charts as geometry for inline SVG: the templates draw, this module measures.

Every bar carries its number as text beside it, so a chart reads in print, in greyscale and to a
screen reader (the SVG has a title and each bar a text label), not only by bar length.
"""

from __future__ import annotations

from dataclasses import dataclass

ROW_HEIGHT = 28
LABEL_WIDTH = 150
BAR_WIDTH = 220
VALUE_WIDTH = 110


@dataclass(frozen=True)
class Bar:
    """One bar of a chart, placed in the SVG's coordinates, with its label and value text."""

    label: str
    value_text: str
    x: float
    y: float
    width: float
    height: float
    tone: str  # a CSS class: good, fair, poor, neutral


@dataclass(frozen=True)
class Chart:
    """One SVG bar chart: its size, its bars and whether they lie or stand."""

    title: str
    width: int
    height: int
    bars: list[Bar]
    kind: str  # "h" (label left, bar right) or "v" (columns over month labels)


def _tone(rate: float) -> str:
    if rate >= 0.9:
        return "good"
    return "fair" if rate >= 0.6 else "poor"


def completion_chart(
    title: str, rows: list[tuple[str, int | float, int | float]], units: list[str] | None = None
) -> Chart:
    """Horizontal bars of done/owed per label: ``rows`` are (label, owed, done), ``units`` their 次/起/天."""
    bars = []
    for i, (label, owed, done) in enumerate(rows):
        rate = done / owed if owed else 1.0
        unit = units[i] if units else ""
        bars.append(
            Bar(
                label=label,
                value_text=f"{rate:.0%}（{done:g}/{owed:g}{unit}）",
                x=LABEL_WIDTH,
                y=i * ROW_HEIGHT + 4,
                width=round(BAR_WIDTH * min(rate, 1.0), 1),
                height=ROW_HEIGHT - 10,
                tone=_tone(rate),
            )
        )
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    return Chart(title, width, max(len(rows), 1) * ROW_HEIGHT + 4, bars, "h")


COLUMN_WIDTH = 40
COLUMN_AREA = 140


def monthly_chart(title: str, counts: dict[int, int]) -> Chart:
    """Columns for months 1–12, each with its count above it and 「N月」 below."""
    top = max(counts.values(), default=0) or 1
    bars = []
    for month in range(1, 13):
        value = counts.get(month, 0)
        height = round(COLUMN_AREA * value / top, 1)
        bars.append(
            Bar(
                label=f"{month}月",
                value_text=str(value),
                x=(month - 1) * COLUMN_WIDTH + 6,
                y=20 + COLUMN_AREA - height,
                width=COLUMN_WIDTH - 12,
                height=height,
                tone="neutral",
            )
        )
    return Chart(title, 12 * COLUMN_WIDTH, COLUMN_AREA + 46, bars, "v")

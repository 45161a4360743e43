"""A plain-text table for the read-only listings, sized for Chinese text.

rich's Table costs more start-up time than ``cgtask list`` may spend in all
(its budget is twice ``import typer``), so listings draw their own grid:
display widths from unicodedata (a CJK character takes two cells), columns
shrunk to the terminal, and cells wrapped character by character.

Thousands of rows fit no terminal and are mostly piped on (to ``less``, ``grep``): they are
streamed in plain fixed-width columns instead, one line per row, written as they are laid out.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Callable, Sequence

MIN_COLUMN = 4
# A run of ASCII without spaces (a document id, a date, a record id) is kept whole on one line when the
# column can be made this wide: supervision-2022 broken as supervisi/on-2022 reads as two words.
KEEP_WHOLE = 18
_WORD = re.compile(r"[!-~]+")


def display_width(text: str) -> int:
    """Terminal cells of ``text``: two for each wide (CJK) character."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ch >= "\u1100" and unicodedata.east_asian_width(ch) in "WF")


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` cells, keeping explicit line breaks.

    Chinese text breaks between any two characters; an ASCII word that fits the width starts a new line
    rather than being cut.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for piece in _pieces(paragraph, width):
            cells = display_width(piece)
            if used + cells > width and line:
                lines.append(line)
                line, used = "", 0
            line += piece
            used += cells
        lines.append(line)
    return lines


def _pieces(paragraph: str, width: int) -> list[str]:
    """The unbreakable pieces of a line: each character, except ASCII words no wider than ``width``."""
    pieces: list[str] = []
    at = 0
    for word in _WORD.finditer(paragraph):
        pieces += paragraph[at : word.start()]
        pieces += [word.group()] if len(word.group()) <= width else list(word.group())
        at = word.end()
    pieces += paragraph[at:]
    return pieces


def keep_whole(cells: Sequence[str]) -> int:
    """The width that keeps a column's longest ASCII word (up to KEEP_WHOLE) on one line."""
    longest = max((len(word) for cell in cells for word in _WORD.findall(cell)), default=0)
    return max(MIN_COLUMN, min(longest, KEEP_WHOLE))


def fit_widths(natural: list[int], available: int, floors: Sequence[int] = ()) -> list[int]:
    """Shrink the widest columns first until the row fits the available cells.

    No column goes below its floor (its longest ASCII word) while another can still give; only when the
    floors alone do not fit are they given up, down to MIN_COLUMN.
    """
    widths = list(natural)
    floor = list(floors) or [MIN_COLUMN] * len(widths)
    # Floors are given up one column at a time, the widest (free text, a note) first: a record id or a date
    # keeps its line while a note can still wrap.
    for give_up in [None, *sorted(range(len(widths)), key=lambda i: -natural[i])]:
        if give_up is not None:
            floor[give_up] = MIN_COLUMN
        _shrink(widths, natural, floor, available)
        if sum(widths) <= available:
            break
    return widths


def _shrink(widths: list[int], natural: list[int], floor: list[int], available: int) -> None:
    """Take a cell from the widest column above its floor until the row fits or none can give."""
    while sum(widths) > available:
        shrinkable = [i for i in range(len(widths)) if widths[i] > min(floor[i], natural[i])]
        if not shrinkable:
            return
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _border(left: str, middle: str, right: str, widths: list[int]) -> str:
    return left + middle.join("━" * (w + 2) for w in widths) + right


def render_grid(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str | None = None) -> str:
    """The table as text: a heavy rule under the header, one wrapped block per row."""
    terminal = shutil.get_terminal_size((100, 24)).columns
    natural = [max([display_width(h), *(max(map(display_width, c.split("\n"))) for c in col)]) for h, *col in
               zip(headers, *rows, strict=False)] if rows else [display_width(h) for h in headers]  # fmt: skip
    floors = [keep_whole(column) for column in zip(*rows, strict=False)] if rows else []
    widths = fit_widths(natural, terminal - 3 * len(headers) - 1, floors)
    out = [title] if title else []
    out.append(_border("┏", "┳", "┓", widths))
    out += _row_lines(headers, widths, "┃")
    out.append(_border("┡", "╇", "┩", widths).replace("━", "━"))
    for row in rows:
        out += _row_lines(row, widths, "│")
    out.append(_border("└", "┴", "┘", widths).replace("━", "─"))
    return "\n".join(out) + "\n"


def _row_lines(cells: Sequence[str], widths: list[int], bar: str) -> list[str]:
    wrapped = [wrap(cell, width) for cell, width in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in wrapped)
    return [
        bar + bar.join(" " + _pad(lines[i] if i < len(lines) else "", w) + " " for lines, w in zip(wrapped, widths, strict=True)) + bar
        for i in range(height)
    ]  # fmt: skip


# A column of a streamed table is never padded wider than this; a longer cell runs on.
STREAM_COLUMN = 36
STREAM_CHUNK = 2000


def stream_plain(
    headers: Sequence[str], rows: Sequence[Sequence[str]], write: Callable[[str], object]
) -> None:
    """The table as plain fixed-width lines.

    A header, a rule, one line per row (line breaks in a cell become spaces), columns padded to their widest
    cell up to STREAM_COLUMN, written in chunks.
    """
    flat = [[cell.replace("\n", " ") for cell in row] for row in rows]
    widths = [min(STREAM_COLUMN, display_width(h)) for h in headers]
    for row in flat:
        for i, cell in enumerate(row):
            if len(cell) * 2 > widths[i]:  # only then can its width matter
                widths[i] = min(STREAM_COLUMN, max(widths[i], display_width(cell)))
    write(_plain_line(headers, widths) + "\n" + "  ".join("─" * w for w in widths).rstrip() + "\n")
    for start in range(0, len(flat), STREAM_CHUNK):
        write("".join(_plain_line(row, widths) + "\n" for row in flat[start : start + STREAM_CHUNK]))


def _plain_line(cells: Sequence[str], widths: list[int]) -> str:
    last = len(cells) - 1
    return "  ".join(
        cell if i == last else cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(cells)
    )

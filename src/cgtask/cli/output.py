"""Print rows as a rich table, JSON, CSV or Markdown; data to stdout only."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from cgtask.api import cell_text as cell_text  # re-exported for the command modules
from cgtask.api import escape_controls, inert_cell
from cgtask.cli.options import OutputFormat

Column = tuple[str, str]  # (JSON key, Chinese header)
DISTRICT_COLUMN: Column = ("district", "区")


def with_district(rows: Sequence[Any], columns: Sequence[Column]) -> list[Column]:
    """``columns``, led by 区 when the rows are a city's (each row from a district)."""
    first = rows[0] if rows else None
    district = first.get("district") if isinstance(first, dict) else getattr(first, "district", None)
    return [DISTRICT_COLUMN, *columns] if district and DISTRICT_COLUMN not in columns else list(columns)


def unit_headings(columns: Sequence[Column], word: str) -> list[Column]:
    """The columns with 中队 in a heading made the registry's own word for its units (县区, 区（市）)."""
    return [(key, title.replace("中队", word)) for key, title in columns]


def emit(
    rows: Sequence[Any],
    columns: Sequence[Column],
    fmt: OutputFormat,
    *,
    title: str | None = None,
    cell: Callable[[str, Any], str] | None = None,
) -> None:
    """Write ``rows``: JSON carries every key as is; the other formats show ``columns``.

    For JSON, typed rows come as mappings (``api.row_records``); for the other formats they need ``cell``.

    Control characters in a cell are shown escaped (a note cannot clear the screen or retitle the
    terminal), and CSV text that a spreadsheet would run as a formula starts with ``'``.
    """
    text = cell or (lambda key, row: cell_text(row.get(key)))
    columns = with_district(rows, columns)

    def show(key: str, row: Any) -> str:
        return escape_controls(text(key, row))

    if fmt is OutputFormat.json:
        import json

        # Indented for a person at a terminal; compact (and C-encoded, much faster) in a pipe.
        indent = 2 if sys.stdout.isatty() else None
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=indent) + "\n")
    elif fmt is OutputFormat.csv:
        _csv(rows, columns, show)
    elif fmt is OutputFormat.md:
        _markdown(rows, columns, show)
    else:
        _table(rows, columns, show, title)


def _csv(rows: Sequence[Any], columns: Sequence[Column], show: Callable[..., str]) -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([header for _, header in columns])
    for row in rows:
        writer.writerow([inert_cell(show(key, row)) for key, _ in columns])


def _markdown(rows: Sequence[Any], columns: Sequence[Column], show: Callable[..., str]) -> None:
    def escape(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", "<br>")

    lines = ["| " + " | ".join(h for _, h in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(escape(show(k, row)) for k, _ in columns) + " |" for row in rows]
    sys.stdout.write("\n".join(lines) + "\n")


# Piped or redirected output longer than this is streamed plain: rich spends about a millisecond a
# row laying a table out, so beyond this a table would cost more than twice its own JSON.
STREAM_ROWS = 100


# On a terminal a table is read there and then: it is drawn to the terminal's width (plain lines are as wide as
# their longest cell, 150–250 columns for due or list), unless it is so long that only a pager could show it.
TERMINAL_STREAM_ROWS = 2000


def should_stream(count: int) -> bool:
    """Whether a table of ``count`` rows is streamed plain rather than drawn (as a grid or by rich).

    On a terminal beyond TERMINAL_STREAM_ROWS, elsewhere when it is longer than STREAM_ROWS.
    """
    return count > (TERMINAL_STREAM_ROWS if sys.stdout.isatty() else STREAM_ROWS)


def stream_table(
    rows: Sequence[Any],
    columns: Sequence[Column],
    cell: Callable[[str, Any], str] | None = None,
    title: str | None = None,
) -> None:
    """``rows`` as plain fixed-width lines on stdout (see :func:`cgtask.cli.grid.stream_plain`).

    For commands that draw their own rich table (``due``, ``overdue``): call it instead when
    :func:`should_stream` says so.
    """
    from cgtask.cli.grid import stream_plain

    text = cell or (lambda key, row: cell_text(row.get(key)))
    columns = with_district(rows, columns)
    if title:
        sys.stdout.write(title + "\n")
    cells = [[escape_controls(text(key, row)) for key, _ in columns] for row in rows]
    stream_plain([header for _, header in columns], cells, sys.stdout.write)


def _table(
    rows: Sequence[Any], columns: Sequence[Column], show: Callable[..., str], title: str | None
) -> None:
    from cgtask.cli.grid import render_grid

    if should_stream(len(rows)):
        stream_table(rows, columns, show, title)
        return
    cells = [[show(key, row) for key, _ in columns] for row in rows]
    sys.stdout.write(render_grid([header for _, header in columns], cells, title))

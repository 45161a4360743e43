"""The deadlines written as an iCalendar file, atomically, never over an existing file unasked."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cgtask.interchange import ics
from cgtask.queries.duties import DueResult
from cgtask.support.atomic import write_bytes_atomic
from cgtask.support.outputs import output_file, refuse_existing


def write_ics(
    result: DueResult, path: Path, *, bureau: str, remind: int, stamp: datetime, force: bool = False
) -> int:
    """Write ``result``'s dated deadlines to ``path`` (a folder gets 期限.ics); the number of events."""
    target = output_file(path, suffixes=(".ics",), default_name="期限.ics")
    refuse_existing([target], force=force)
    name = f"{bureau}任务期限"
    write_bytes_atomic(target, ics.build_ics(result, remind=remind, name=name, stamp=stamp))
    return len(ics.event_series(ics.dated_rows(result.rows)))

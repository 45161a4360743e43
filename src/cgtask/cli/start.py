"""The ``cgtask`` command's first step: a query asked again on unchanged files is answered before Typer loads.

See :mod:`cgtask.support.answers` for what makes two questions the same and the files unchanged; any
other command line goes on to the application (:mod:`cgtask.cli.app`), and a query's output is kept
for the next time.
"""

from __future__ import annotations

import sys

from cgtask.support import answers

# The read-only queries whose whole effect is their output; options that write a file or change how the
# program runs are never replayed.
QUERIES = frozenset({"list", "due", "overdue", "progress"})
NOT_REPLAYED = ("-o", "--output", "-h", "--help", "--debug", "--version", "--install-completion")


def is_answerable(args: list[str]) -> bool:
    """Whether the command line is a read-only query whose output may be kept and replayed."""
    command = next((arg for arg in args if not arg.startswith("-")), None)
    if command not in QUERIES:
        return False
    return not any(arg == flag or arg.startswith(f"{flag}=") for arg in args for flag in NOT_REPLAYED)


def main() -> None:
    """Entry point of the ``cgtask`` script and of ``python -m cgtask``."""
    args = sys.argv[1:]
    answerable = is_answerable(args)
    if answerable and (code := answers.replay(args)) is not None:
        raise SystemExit(code)
    from cgtask.cli.app import main as run_application  # only now: Typer is most of a replay's cost

    if answerable:
        answers.record(args, run_application)
    else:
        run_application()

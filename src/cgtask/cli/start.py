"""The ``cgtask`` command's first step: a query asked again on unchanged files is answered before Typer loads.

See :mod:`cgtask.support.answers` for what makes two questions the same and the files unchanged; any
other command line goes on to the application (:mod:`cgtask.cli.app`), and a query's output is kept
for the next time.
"""

from __future__ import annotations

import sys

from cgtask.support import answers


def main() -> None:
    """Entry point of the ``cgtask`` script and of ``python -m cgtask``."""
    args = sys.argv[1:]
    code = answers.replay(args)
    if code is not None:
        raise SystemExit(code)
    from cgtask.cli.app import main as run_application

    answers.record(args, run_application)

"""The command-line flag of each parameter the core names in a message (:func:`cgtask.errors.param`).

The core says ``请用 doc 指明``; the error boundary prints ``请用 --doc 指明``. A parameter is the API's
keyword; where a command spells it otherwise (``doc_id`` is ``--id``, ``when`` is ``--date``) the
table says so. A test checks that every parameter the core names is here and that each flag exists.
"""

from __future__ import annotations

from types import MappingProxyType

FLAGS = MappingProxyType(
    {
        "activity": "--activity",
        "bureau": "--bureau",
        "count": "--count",
        "covers": "--covers",
        "date": "--date",  # a ledger edit's field
        "dept": "--dept",
        "doc": "--doc",
        "doc_id": "--id",
        "force": "--force",
        "kinds": "--kind",
        "level": "--level",
        "metric": "--metric",
        "note": "--note",
        "of": "--of",
        "output": "-o",
        "period": "--period",
        "quantity": "--quantity",
        "table": "--table",
        "unit": "--unit",
        "value": "--value",
        "webhooks": "--webhook",
        "when": "--date",  # the day a record is for
        "year": "--year",
    }
)


def flag(name: str) -> str:
    """The flag that sets the parameter ``name``; ``--name`` for one the table does not hold."""
    return FLAGS.get(name) or f"--{name.replace('_', '-')}"

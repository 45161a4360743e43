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
        "city": "--city",  # init: the 市局's name, for its city.yaml
        "count": "--count",
        "covers": "--covers",
        "date": "--date",  # a ledger edit's field
        "dept": "--dept",
        "district": "--district",  # init --city: one district's name=path
        "doc": "--doc",
        "doc_id": "--id",
        "end": "--until",  # the last day of a range (due's --to until it is retired)
        "force": "--force",
        "kinds": "--kind",
        "level": "--level",
        "metric": "--metric",
        "month": "--month",
        "no_number": "--no-number",  # a document published without a 文号
        "note": "--note",
        "number": "--number",  # a document's 发文字号
        "of": "--of",
        "output": "-o",
        "period": "--period",
        "quantity": "--quantity",
        "registry": "--registry",  # the registry a write goes to (never the shipped example by default)
        "role": "--role",
        "since": "--from-year",  # the year rollover starts from
        "soon": "--soon",
        "start": "--from",
        "table": "--table",
        "tasks": "--tasks",
        "to": "--to",  # a document's 主送
        "unit": "--unit",
        "value": "--value",
        "week": "--week",
        "webhooks": "--webhook",
        "when": "--date",  # the day a record is for
        "work_plan": "--plan",
        "year": "--year",
    }
)


def flag(name: str) -> str:
    """The flag that sets the parameter ``name``; ``--name`` for one the table does not hold."""
    return FLAGS.get(name) or f"--{name.replace('_', '-')}"

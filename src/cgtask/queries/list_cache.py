"""A registry's ``list`` answer kept in its cache, as ``due`` and the board keep theirs (:mod:`due_cache`).

``list --dept 监督科`` on a city's 10,000 tasks decoded every task's row (3 MB of JSON) to keep a third of
them; the answer itself is a fifth of that. It is kept under the registry's file stamps and the code's (the
cache header), and names its question (:func:`cgtask.queries.city.answer_key`): any file changed, another
question or another cgtask is a miss, and the rows are listed again from the registry.
"""

from __future__ import annotations

from typing import Any, cast

from cgtask.queries.city import answer_key
from cgtask.queries.listing import ListFilter, ListRow, list_items
from cgtask.registry.view import Registry

LIST_CACHE = "list"


def district_list(view: Registry, query: ListFilter) -> list[ListRow]:
    """``cgtask list`` on one registry: read back when the same question was asked of the same files."""
    from cgtask.registry.cache import read_payload, write_payload

    root, stamps = view.stamps or (None, None)
    if root is None or stamps is None:
        return list_items(view, query)
    question = answer_key(query)
    payload = read_payload(root, stamps, LIST_CACHE, _is_list_shape)
    if payload is not None and payload["question"] == question:
        return cast(list[ListRow], payload["rows"])
    rows = list_items(view, query)  # a question the registry cannot take raises here, and is not kept
    write_payload(root, stamps, LIST_CACHE, {"question": question, "rows": rows})
    return rows


def _is_list_shape(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("question"), str)
        and isinstance(value.get("rows"), list)
    )

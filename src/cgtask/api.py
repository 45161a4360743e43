"""The public API: what the command line and the tests call.

Each function takes plain values, does one job and returns data; none prints.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from cgtask.errors import Finding
from cgtask.queries.listing import ListFilter, ListRow, list_items, show_item
from cgtask.registry.files import registry_files, resolve_registry
from cgtask.registry.loader import check_registry, open_view
from cgtask.registry.view import Registry

__all__ = [
    "ListFilter",
    "ListRow",
    "check",
    "list_items",
    "open_registry",
    "registry_schema",
    "show_item",
]

SchemaKind = Literal["document", "organization", "calendar", "ledger"]


def open_registry(path: Path | None = None, *, use_cache: bool = True) -> Registry:
    """Load the registry at ``path`` (or ``$CGTASK_REGISTRY``, or the shipped one)."""
    return open_view(resolve_registry(path), use_cache=use_cache)


def check(path: Path | None = None) -> tuple[list[Finding], int]:
    """Every finding of the registry and the number of files read."""
    root = resolve_registry(path)
    return check_registry(root), len(registry_files(root).all())


def registry_schema(kind: SchemaKind = "document") -> dict[str, Any]:
    """The JSON Schema of one kind of registry file, with Chinese titles and descriptions."""
    from pydantic import BaseModel, TypeAdapter

    from cgtask.models.calendar import WorkCalendarFile
    from cgtask.models.document import Document
    from cgtask.models.ledger import Ledger
    from cgtask.models.organization import Organization

    titles = {
        "document": "cgtask 登记册文件",
        "organization": "cgtask 组织机构",
        "calendar": "cgtask 工作日历",
        "ledger": "cgtask 进度台账",
    }
    models: dict[str, type[BaseModel]] = {
        "organization": Organization,
        "calendar": WorkCalendarFile,
        "ledger": Ledger,
    }
    if kind == "document":
        schema: dict[str, Any] = TypeAdapter(Document).json_schema()
    else:
        schema = models[kind].model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": titles[kind]}
    return schema


def schema_text(kind: SchemaKind) -> str:
    """The schema as the stable JSON text written to ``registry/schema/``."""
    return json.dumps(registry_schema(kind), ensure_ascii=False, indent=2) + "\n"

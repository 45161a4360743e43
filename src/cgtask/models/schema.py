"""The JSON Schema of each kind of registry file, with Chinese titles, as editors validate them with."""

from __future__ import annotations

import json
from typing import Any, Literal, get_args

SchemaKind = Literal["document", "organization", "calendar", "ledger"]
SCHEMA_KINDS: tuple[SchemaKind, ...] = get_args(SchemaKind)

TITLES: dict[SchemaKind, str] = {
    "document": "cgtask 登记册文件",
    "organization": "cgtask 组织机构",
    "calendar": "cgtask 工作日历",
    "ledger": "cgtask 进度台账",
}


def registry_schema(kind: SchemaKind = "document") -> dict[str, Any]:
    """The JSON Schema of one kind of registry file, with Chinese titles and descriptions."""
    from pydantic import BaseModel, TypeAdapter

    from cgtask.models.calendar import WorkCalendarFile
    from cgtask.models.document import Document
    from cgtask.models.ledger import Ledger
    from cgtask.models.organization import Organization

    models: dict[str, type[BaseModel]] = {
        "organization": Organization,
        "calendar": WorkCalendarFile,
        "ledger": Ledger,
    }
    if kind == "document":
        schema: dict[str, Any] = TypeAdapter(Document).json_schema()
    else:
        schema = models[kind].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": TITLES[kind]}


def schema_text(kind: SchemaKind) -> str:
    """The schema as the stable JSON text written to ``registry/schema/``."""
    return json.dumps(registry_schema(kind), ensure_ascii=False, indent=2) + "\n"

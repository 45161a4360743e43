"""Documents: the neutral layout structure, templates and GB/T 9704 typesetting.

Only the cheap layout types are re-exported here; ``gbt9704`` (python-docx),
``environment`` (Jinja) and ``pdf`` (LibreOffice) are imported by the commands that need them.
"""

from __future__ import annotations

from cgtask.render.layout import (
    Attachment,
    Block,
    Colophon,
    Column,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
    format_cn_date,
    heading_level,
    validate_document,
)

__all__ = [
    "Attachment",
    "Block",
    "Colophon",
    "Column",
    "Heading",
    "OfficialDocument",
    "Paragraph",
    "Table",
    "format_cn_date",
    "heading_level",
    "validate_document",
]

"""`cgtask schema`: JSON Schema with Chinese titles, and the committed copies are current."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cgtask.api import schema_text
from cgtask.cli.app import app
from cgtask.registry.files import shipped_registry


def test_document_schema_has_chinese_titles(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    task = schema["$defs"]["Task"]
    assert task["properties"]["lead"]["title"] == "牵头部门"
    assert task["additionalProperties"] is False


@pytest.mark.parametrize("kind", ["document", "organization", "calendar", "ledger"])
def test_committed_schema_is_current(kind: str) -> None:
    committed = shipped_registry() / "schema" / f"{kind}.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(kind), (
        "请运行 cgtask schema -o registry/schema"
    )  # type: ignore[arg-type]


def test_schema_output_folder(runner: CliRunner, tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path)) / "schema"
    result = runner.invoke(app, ["schema", "-o", str(folder)])
    assert result.exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "calendar.schema.json",
        "document.schema.json",
        "ledger.schema.json",
        "organization.schema.json",
    ]


def _english_texts(node: object, path: str = "") -> list[str]:
    """Every title or description without a Chinese character: what an editor would show in English."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("title", "description") and isinstance(value, str):
                if not any("\u4e00" <= ch <= "\u9fff" for ch in value):
                    found.append(f"{path}/{key}: {value}")
            else:
                found.extend(_english_texts(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_english_texts(value, f"{path}[{index}]"))
    return found


@pytest.mark.parametrize("kind", ["document", "organization", "calendar", "ledger"])
def test_every_title_and_description_is_chinese(kind: str) -> None:
    """The editor's hover text comes from these: none may be the developers' English docstrings."""
    assert _english_texts(json.loads(schema_text(kind))) == []  # type: ignore[arg-type]

"""What leaves the bureau names documents as people do: no registry id in a 公文 or a 工作群 message.

Issue 21: ids such as supervision-2022 and p2022-4.3 are the registry's handles. Every document the
shipped registry renders (the issuing notice, the plan, the work plans, the progress report, every
monthly notice) and every reminder message (three platforms) is scanned for each id the registry holds:
document ids, work-plan item ids and ledger record ids.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask import api
from cgtask.cli.app import app
from cgtask.registry import walk

REMINDED_ON = "2022-03-28"  # the shipped ledger has records by then; much is overdue or due soon


def internal_ids() -> set[str]:
    """Every id of the shipped registry that a reader could not know: documents, plan items, records."""
    registry = api.open_registry()
    ids = {document["id"] for document in registry.documents}
    for document in registry.documents:
        ids |= {item.id for item in walk.all_items(document) if item.kind == "plan_item"}
    ids |= {str(entry["id"]) for entry in registry.data["ledger"]["entries"] if entry.get("id")}
    return ids


def leaked(text: str, ids: set[str]) -> list[str]:
    """The ids that occur in ``text`` as whole tokens (p2022-4.3 is not a part of p2022-4.31)."""
    return sorted(i for i in ids if re.search(rf"(?<![\w.-]){re.escape(i)}(?![\w-]|\.\d)", text))


def docx_text(path: Path) -> str:
    """Every text node of every XML part: the body, the tables, headers, footers and the properties."""
    with zipfile.ZipFile(path) as package:
        parts = [package.read(n).decode("utf-8") for n in package.namelist() if n.endswith(".xml")]
    return "\n".join(re.sub(r"<[^>]+>", " ", part) for part in parts)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("documents")
    numbered = api.Issuing(number="宝城执〔2022〕1号", date=date(2022, 1, 20))
    jobs: list[tuple[api.RenderKind, api.RenderTarget, api.Issuing]] = [
        ("notice", api.DocumentTarget("tasks-2022"), numbered),
        ("supervision_plan", api.DocumentTarget("supervision-2022"), api.Issuing()),
        ("report", api.AsOfTarget(date(2022, 4, 8)), api.Issuing()),
        ("summary", api.DocumentTarget("plan-2021-putuo"), api.Issuing()),
        ("summary", api.DocumentTarget("plan-2022-city"), api.Issuing()),
        # 长宁's plan has no 成文日期 or 主送 in the seed: given here as a clerk would.
        (
            "summary",
            api.DocumentTarget("plan-2023-changning"),
            api.Issuing(date=date(2023, 1, 10), to="各科室"),
        ),
    ]
    paths: list[Path] = []
    for n, (kind, target, issuing) in enumerate(jobs):
        out = folder / f"{n}-{kind}.docx"
        paths += api.render(None, kind, target, _to(issuing, out)).paths
    monthly = folder / "monthly"
    api.render_monthly_all(None, api.MonthTarget(3), _to(api.Issuing(), monthly))
    return [*paths, *sorted(monthly.rglob("*.docx"))]


def _to(issuing: api.Issuing, output: Path) -> api.Issuing:
    from dataclasses import replace

    return replace(issuing, output=output)


def test_no_rendered_document_names_a_registry_id(rendered: list[Path]) -> None:
    ids = internal_ids()
    assert {"supervision-2022", "tasks-2022", "s2021-1.1"} <= ids  # the scan looks for real ids
    assert len(rendered) == 6 + 19  # each kind of document, and March's notice to every 科室 and 中队
    found = {path.name: leaked(docx_text(path), ids) for path in rendered}
    assert {name: ids for name, ids in found.items() if ids} == {}


def test_the_scan_finds_an_id_where_there_is_one() -> None:
    ids = {"supervision-2022", "p2022-4.3"}
    assert leaked("街面实效督察（supervision-2022 第1项）", ids) == ["supervision-2022"]
    assert leaked("依据 p2022-4.3。", ids) == ["p2022-4.3"]
    assert leaked("p2022-4.31 与 supervision-20221", ids) == []


@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu"])
def test_no_reminder_message_names_a_registry_id(kind: str) -> None:
    robot = "http://127.0.0.1:9/robot"
    result = CliRunner().invoke(
        app, ["remind", "--dry-run", "--kind", kind, "--webhook", robot, "--as-of", REMINDED_ON]
    )
    assert result.exit_code == 0, result.output
    assert "执法监督方案 第1项" in result.stdout  # the document named as people name it
    assert leaked(result.stdout, internal_ids()) == []

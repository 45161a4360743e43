"""An append to a 台账 whose facts were kept does not cut the file again; any other text is cut as before.

The facts (every record clean, the records' column, the closed years) are kept under the digest of the
text they were learned from: a hand edit, a broken record or a year closed since is a miss, and the
append behaves as it always did — refused on a broken file, refused in a closed year.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from cgtask.errors import WriteError
from cgtask.registry import ledger_chunks, ledger_tail
from cgtask.registry.files import RegistryFiles
from cgtask.registry.ledger_file import append_ledger_entry, close_ledger_year, load_ledger

HEAD = "# 台账\nkind: ledger\nentries:\n"
RECORD = "  - {{id: r-{n:04d}, item: '1', doc: d, level: 区局, period: 2022-0{m}, date: 2022-0{m}-10}}\n"


def _entry(n: int, month: int = 3) -> dict[str, Any]:
    return {"id": f"r-new{n}", "item": "1", "doc": "d", "level": "区局", "period": f"2022-0{month}",
            "date": dt.date(2022, month, 10)}  # fmt: skip


def _read(root: Path) -> Any:
    files = RegistryFiles(root, root / "organization.yaml", None, (), root / "ledger.yaml")
    findings: list[Any] = []
    return load_ledger(files, root / "ledger.yaml", findings), findings


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.yaml"
    path.write_text(HEAD + "".join(RECORD.format(n=n, m=n % 9 + 1) for n in range(50)), encoding="utf-8")
    _read(tmp_path)  # a first read keeps the facts
    return path


def _cuts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of each text cut from now on."""
    cut: list[int] = []
    original = ledger_chunks.layout

    def spy(text: str) -> Any:
        cut.append(len(text))
        return original(text)

    monkeypatch.setattr(ledger_chunks, "layout", spy)
    return cut


def test_appends_after_a_read_do_not_cut_the_file(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cut = _cuts(monkeypatch)
    for n in range(3):
        ledger_tail._MEMO.forget()  # as a new process each time
        append_ledger_entry(ledger, _entry(n))
    assert all(size < 200 for size in cut), cut  # only each new line is looked at
    entries = _read(ledger.parent)[0]["entries"]
    assert [e["id"] for e in entries[-3:]] == ["r-new0", "r-new1", "r-new2"]
    assert len(entries) == 53


def test_a_hand_edit_is_cut_again_and_a_broken_one_refused(
    ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = ledger.read_text("utf-8")
    ledger.write_text(text.replace("r-0007", "r-0070"), encoding="utf-8")
    cut = _cuts(monkeypatch)
    ledger_tail._MEMO.forget()
    append_ledger_entry(ledger, _entry(1))
    assert max(cut) > len(HEAD)  # the edited text was cut whole
    ledger.write_text(
        ledger.read_text("utf-8").replace("date: 2022-03-10}", "date: [2022-03-10}", 1), encoding="utf-8"
    )
    broken = ledger.read_text("utf-8")
    with pytest.raises(WriteError):
        append_ledger_entry(ledger, _entry(2))
    assert ledger.read_text("utf-8") == broken


def test_a_year_closed_since_is_refused(ledger: Path) -> None:
    append_ledger_entry(ledger, _entry(1))
    assert close_ledger_year(ledger, 2022)
    ledger_tail._MEMO.forget()
    before = ledger.read_text("utf-8")
    with pytest.raises(WriteError, match="已结账"):
        append_ledger_entry(ledger, _entry(2))
    assert ledger.read_text("utf-8") == before


def test_a_split_month_closed_since_is_refused(tmp_path: Path) -> None:
    from cgtask.registry.ledger_split import split_ledger

    (tmp_path / "ledger.yaml").write_text(HEAD + RECORD.format(n=1, m=3), encoding="utf-8")
    split_ledger(tmp_path)
    append_ledger_entry(tmp_path / "ledger.yaml", _entry(1, month=4))
    append_ledger_entry(tmp_path / "ledger.yaml", _entry(2, month=3))  # each month's facts kept
    assert close_ledger_year(tmp_path / "ledger.yaml", 2022)
    with pytest.raises(WriteError, match="已结账"):
        append_ledger_entry(tmp_path / "ledger.yaml", _entry(3, month=4))
    ledger_tail._MEMO.forget()
    with pytest.raises(WriteError, match="已结账"):
        append_ledger_entry(tmp_path / "ledger.yaml", _entry(3, month=3))

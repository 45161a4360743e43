"""Thousands of rows are streamed as plain fixed-width lines; a small table keeps its grid."""

from __future__ import annotations

import pytest

from cgtask.cli.grid import display_width, render_grid
from cgtask.cli.options import OutputFormat
from cgtask.cli.output import STREAM_ROWS, emit

COLUMNS = [("id", "编号"), ("title", "名称"), ("lead", "牵头部门")]


def _rows(count: int) -> list[dict[str, object]]:
    return [
        {"id": f"{n // 100}.{n % 100}", "title": f"生成任务{n}", "lead": ["监督科", "法制科"]}
        for n in range(count)
    ]


def test_five_thousand_rows_to_a_pipe_are_plain(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows(5000)
    emit(rows, COLUMNS, OutputFormat.table)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5000 + 2  # header, rule, one line per row
    assert not any(ch in "".join(lines) for ch in "┏┃│└━")
    assert lines[0].split() == ["编号", "名称", "牵头部门"]
    # Columns line up in terminal cells, CJK counted as two.
    starts = {display_width(line[: line.index("监督科")]) for line in lines[2:]}
    assert len(starts) == 1
    assert lines[2 + 1234].split() == ["12.34", "生成任务1234", "监督科、法制科"]


def test_a_small_table_is_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows(3)
    emit(rows, COLUMNS, OutputFormat.table, title="标题")
    cells = [[str(r["id"]), str(r["title"]), "监督科、法制科"] for r in rows]
    assert capsys.readouterr().out == render_grid(["编号", "名称", "牵头部门"], cells, "标题")


def test_the_grid_ends_where_streaming_begins(capsys: pytest.CaptureFixture[str]) -> None:
    emit(_rows(STREAM_ROWS), COLUMNS, OutputFormat.table)
    assert "┏" in capsys.readouterr().out
    emit(_rows(STREAM_ROWS + 1), COLUMNS, OutputFormat.table)
    assert "┏" not in capsys.readouterr().out


def test_commands_with_their_own_rich_table_can_stream(capsys: pytest.CaptureFixture[str]) -> None:
    from cgtask.cli.output import should_stream, stream_table

    rows = _rows(STREAM_ROWS + 1)
    assert should_stream(len(rows))
    assert not should_stream(3)
    stream_table(
        rows, COLUMNS, lambda key, row: f"<{row[key]}>" if key == "id" else str(row[key]), "到期事项"
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "到期事项"
    assert len(lines) == len(rows) + 3
    assert lines[3].startswith("<0.0>")


def test_on_a_terminal_a_table_is_drawn_to_its_width_unless_only_a_pager_could_show_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os
    import sys

    from cgtask.cli.output import TERMINAL_STREAM_ROWS, should_stream

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr("shutil.get_terminal_size", lambda *_: os.terminal_size((80, 24)))
    assert not should_stream(50)  # list --dept 监督科 taller than the screen: still laid out at 80 columns
    assert not should_stream(TERMINAL_STREAM_ROWS)
    assert should_stream(TERMINAL_STREAM_ROWS + 1)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert not should_stream(STREAM_ROWS)
    assert should_stream(STREAM_ROWS + 1)

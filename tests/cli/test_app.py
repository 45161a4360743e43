"""The application as a whole.

Chinese help and usage errors, the help order, one module per command, and every command's (and render
subcommand's) --help example, run for real.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app


def test_every_command_has_chinese_help_with_example(runner: CliRunner) -> None:
    top = runner.invoke(app, ["--help"])
    assert top.exit_code == 0
    for command in app.registered_commands:
        name = command.name or ""
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0
        assert "示例" in result.stdout, name


def test_help_and_usage_errors_are_chinese(runner: CliRunner) -> None:
    for command in (["list"], ["render"], ["render", "notice"], []):
        page = runner.invoke(app, [*command, "--help"]).stdout
        assert "用法：" in page
        assert "显示本帮助并退出" in page
        assert "Show this message" not in page
    wrong = runner.invoke(app, ["list", "--format", "xml"])
    assert wrong.exit_code == 2
    assert "错误：选项" in wrong.stderr
    typo = runner.invoke(app, ["lst"])
    assert typo.exit_code == 2
    assert "是不是“list”" in typo.stderr


def test_help_order_names_every_command_module() -> None:
    """COMMANDS (the help order) is exactly the modules in cli/commands/, and each builds alone."""
    from cgtask.cli import commands
    from cgtask.cli.app import COMMANDS, build_app, module_name, whole_app

    folder = Path(commands.__file__).parent
    files = {path.stem for path in folder.glob("*.py")} - {"__init__"}
    assert {module_name(command) for command in COMMANDS} == files
    assert len(set(COMMANDS)) == len(COMMANDS)
    whole = whole_app()
    assert [c.name for c in whole.registered_commands] + [g.name for g in whole.registered_groups] == list(
        COMMANDS
    )
    for command in COMMANDS:
        alone = build_app([command])
        names = {c.name for c in alone.registered_commands} | {g.name for g in alone.registered_groups}
        assert names == {command}


# --- every command's example, run for real ----------------------------------------------------------

WRITES = {"-o", "--output", "--ics"}  # options whose value is a file or folder the command writes


def _commands() -> list[tuple[tuple[str, ...], str]]:
    """Every command, and every ``render`` subcommand: (the words after ``cgtask``, its docstring)."""
    found: list[tuple[tuple[str, ...], str]] = []
    for command in app.registered_commands:
        found.append(((command.name or "",), command.callback.__doc__ or ""))  # type: ignore[union-attr]
    for group in app.registered_groups:
        for sub in group.typer_instance.registered_commands:  # type: ignore[union-attr]
            found.append(((group.name or "", sub.name or ""), sub.callback.__doc__ or ""))  # type: ignore[union-attr]
    return found


def _params() -> list[object]:
    """One case per command; an example that makes a PDF goes through LibreOffice, so it is slow."""
    return [
        pytest.param(words, doc, id=" ".join(words), marks=[pytest.mark.slow] if "--pdf" in doc else [])
        for words, doc in _commands()
    ]


def _examples(runner: CliRunner, words: tuple[str, ...], doc: str) -> tuple[list[str], str]:
    """The examples of a command (its --help shows the 示例 line, taken whole from the docstring) and the page."""
    page = runner.invoke(app, [*words, "--help"])
    assert page.exit_code == 0, page.output
    assert any(line.strip().startswith("示例：") for line in page.stdout.splitlines()), words
    line = next(line.strip() for line in doc.splitlines() if line.strip().startswith("示例："))
    return [example.strip() for example in line.removeprefix("示例：").split("；")], page.stdout


def _runnable(example: str, words: tuple[str, ...], registry: Path, out: Path) -> list[str]:
    """The example's arguments, with what it writes sent to ``out`` and the registry a copy of the shipped one."""
    import shlex

    args = shlex.split(example)
    assert args[: 1 + len(words)] == ["cgtask", *words], example
    args = args[1:]
    for index, arg in enumerate(args):
        if index and args[index - 1] in WRITES:
            args[index] = str(out / Path(arg).name)
        elif arg == "registry/":
            args[index] = str(registry)
    return args


YEAR_CHANGING = {("rollover",), ("diff",), ("ledger", "close"), ("ledger", "split")}  # and the 台账 moved


def _fresh_copy(registry: Path, tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(registry, tmp_path / "fresh" / "registry"))


@pytest.fixture(scope="module")
def example_registry(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One copy of the shipped registry and one cache for all examples: validated once, warm after."""
    import shutil

    from cgtask.registry.files import shipped_registry

    root = tmp_path_factory.mktemp("examples")
    shutil.copytree(shipped_registry(), root / "registry")
    return root / "registry", root / "cache"


@pytest.mark.parametrize(("words", "doc"), _params())
def test_every_command_has_a_help_example_that_runs(
    runner: CliRunner,
    words: tuple[str, ...],
    doc: str,
    example_registry: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cgtask.render.pdf import find_soffice
    from tests.interchange.test_table_import import build_docx

    registry, cache = example_registry
    if (
        words in YEAR_CHANGING
    ):  # a year rolled over or closed, or the 台账 split, would change what the others see
        registry = _fresh_copy(registry, tmp_path)
    if words == ("diff",):  # the years `cgtask diff`'s example compares
        from cgtask import api

        api.rollover(registry, 2023)
    monkeypatch.setenv("CGTASK_CACHE_DIR", str(cache))
    monkeypatch.chdir(tmp_path)  # nothing an example writes lands in the repository
    (tmp_path / "out").mkdir()
    examples, page = _examples(runner, words, doc)
    for example in examples:
        args = _runnable(example, words, registry, tmp_path / "out")
        if ("--pdf" in args or any(a.endswith(".pdf") for a in args)) and find_soffice() is None:
            pytest.skip("示例需要 LibreOffice（soffice）生成 PDF")
        if "任务分解表.docx" in args:
            build_docx(tmp_path / "任务分解表.docx")  # the table `cgtask import`'s example reads
        if "吴淞街道中队-3月台账.xlsx" in args:  # the form `cgtask ledger import`'s example reads
            form = ["form", "--month", "3", "--unit", "吴淞街道中队", "-o", "吴淞街道中队-3月台账.xlsx"]
            assert runner.invoke(app, [*form, "-r", str(registry)]).exit_code == 0
        if "--registry" in page and "registry/" not in example:
            args += ["-r", str(registry)]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, f"{example}\n{result.output}"


def _every_command_path() -> list[tuple[str, ...]]:
    """The words of every command and subcommand, the top level included."""
    import typer.main

    def walk(command: object, words: tuple[str, ...]) -> list[tuple[str, ...]]:
        found = [words]
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            found.extend(walk(sub, (*words, name)))
        return found

    return walk(typer.main.get_command(app), ())


ENGLISH_NOTES = (
    "int range",
    "<int>",
    "<str>",
    "<path>",
    "<float",
    "required",
    "default:",
    "x>=",
    "x<=",
    "<=x",
    "OPTIONS",
)


@pytest.mark.parametrize("words", _every_command_path(), ids=lambda words: " ".join(words) or "cgtask")
def test_help_pages_are_chinese_and_fit_80_columns(words: tuple[str, ...]) -> None:
    """Type names, ranges and notes in Chinese; every line but a copyable 示例 within 80 terminal cells."""
    from cgtask.cli.grid import display_width

    page = CliRunner(env={"COLUMNS": "80"}).invoke(app, [*words, "--help"], terminal_width=80)
    assert page.exit_code == 0, page.output
    assert [note for note in ENGLISH_NOTES if note in page.stdout] == []
    too_wide = [
        line
        for line in page.stdout.splitlines()
        if display_width(line) > 80 and not line.strip().startswith("示例：")
    ]
    assert too_wide == []


def _cgtask(args: list[str], env: dict[str, str]) -> str:
    import os
    import subprocess
    import sys

    done = subprocess.run(
        # the installed script, as a shell runs it (``python -m cgtask`` has another program name)
        [str(Path(sys.executable).parent / "cgtask"), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_shell_completion_installs_and_completes(tmp_path: Path) -> None:
    """Typer's completion, as a shell uses it: the script installed in the start-up file, then Tab answered."""
    said = _cgtask(["--install-completion"], {"HOME": str(tmp_path), "SHELL": "/bin/bash"})
    assert "已为 bash 安装命令补全" in said
    assert "cgtask" in (tmp_path / ".bashrc").read_text(encoding="utf-8")
    ask = {"_CGTASK_COMPLETE": "complete_bash", "COMP_WORDS": "cgtask ov", "COMP_CWORD": "1"}
    assert _cgtask([], ask).split() == ["overdue"]
    ask = {"_CGTASK_COMPLETE": "complete_bash", "COMP_WORDS": "cgtask due --mo", "COMP_CWORD": "2"}
    assert _cgtask([], ask).split() == ["--month"]


@pytest.mark.parametrize(
    ("command", "closing"),
    [
        (["due"], ["--format", "--registry"]),
        (["overdue"], ["--format", "--registry"]),
        (["list"], ["--format", "--registry"]),
        (["ledger", "list"], ["--format", "--registry"]),
        (["calendar"], ["--registry"]),
        (["remind"], ["--registry"]),
    ],
)
def test_the_shared_listing_options_close_each_help(
    runner: CliRunner, command: list[str], closing: list[str]
) -> None:
    """--format and --registry, declared once (options.Listing/OnRegistry), still come last, before --help."""
    page = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"}).stdout
    shown = [
        next(word for word in line.replace(",", " ").split() if word.startswith("--"))
        for line in page.splitlines()
        if line.strip().startswith("-")
    ]
    assert shown[-len(closing) - 1 :] == [*closing, "--help"], shown
    assert len(shown) > len(closing) + 1  # the command's own options come first


@pytest.mark.parametrize(
    ("typed", "why"),
    [("2022/13/01", "没有 13 月"), ("2022-02-30", "该月没有这一天"), ("2022年0月3日", "没有 0 月")],
)
def test_an_impossible_date_names_the_part_that_is_wrong(runner: CliRunner, typed: str, why: str) -> None:
    result = runner.invoke(app, ["overdue", "--as-of", typed])
    assert result.exit_code == 2
    assert f"--as-of 的日期 {typed} 不存在（{why}）" in result.output

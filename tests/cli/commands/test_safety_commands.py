"""Safety at the command line.

Init, the installed example is read-only, outputs never clobber, import cannot break the registry,
Click's own messages in Chinese.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app


def test_init_makes_a_registry_that_checks_and_refuses_a_used_folder(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "我的登记册"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert {".gitignore", ".gitattributes", "ledger.yaml", "organization.yaml"} <= {
        p.name for p in target.iterdir()
    }
    assert "merge=union" in (target / ".gitattributes").read_text(encoding="utf-8")
    assert (target / "schema" / "document.schema.json").is_file()
    assert runner.invoke(app, ["check", str(target)]).exit_code == 0
    again = runner.invoke(app, ["init", str(target)])
    assert again.exit_code == 2
    assert "不为空" in again.stderr
    blank = runner.invoke(
        app, ["init", str(tmp_path / "空白"), "--blank", "--bureau", "上海市某区城市管理行政执法局"]
    )
    assert blank.exit_code == 0, blank.output
    assert "上海市某区城市管理行政执法局" in (tmp_path / "空白" / "organization.yaml").read_text(
        encoding="utf-8"
    )


def test_writes_to_the_installed_example_are_refused(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cgtask.registry import files

    installed = tmp_path / "site-packages" / "cgtask" / "_data" / "registry"
    installed.parent.mkdir(parents=True)
    import shutil

    shutil.copytree(files.shipped_registry(), installed)
    before = (installed / "ledger.yaml").read_bytes()
    result = runner.invoke(app, ["done", "7.4", "--date", "2022-03-30", "-r", str(installed)])
    assert result.exit_code == 2
    assert "cgtask init" in result.stderr
    assert (installed / "ledger.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "notice", "--number", "宝城执〔2022〕1号", "--date", "2022-01-20"], "--force"),
        (["calendar", "--year", "2022"], "--force"),
    ],
)
def test_an_existing_output_is_replaced_only_with_force(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    name = "通知.docx" if args[0] == "render" else "期限.ics"
    target = tmp_path / name
    target.write_bytes(b"hand-edited")
    option = ["-o", str(target)] if args[0] == "render" else ["--ics", str(target)]
    refused = runner.invoke(app, [*args, *option])
    assert refused.exit_code == 2
    assert message in refused.stderr
    assert target.read_bytes() == b"hand-edited"
    forced = runner.invoke(app, [*args, *option, "--force"])
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes() != b"hand-edited"


def test_a_folder_gets_a_default_name_and_a_wrong_suffix_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    base = ["render", "notice", "--number", "宝城执〔2022〕1号", "--date", "2022-01-20"]
    into_folder = runner.invoke(app, [*base, "-o", str(tmp_path)])
    assert into_folder.exit_code == 0, into_folder.output
    assert (tmp_path / "通知.docx").is_file()
    wrong = runner.invoke(app, [*base, "-o", str(tmp_path / "通知.txt")])
    assert wrong.exit_code == 2
    assert ".docx" in wrong.stderr
    assert not (tmp_path / "通知.txt").exists()
    assert not (tmp_path / "通知.docx.docx").exists()


def test_monthly_all_refuses_to_overwrite_an_earlier_batch(runner: CliRunner, tmp_path: Path) -> None:
    args = ["render", "monthly", "--month", "3", "--all", "-o", str(tmp_path / "out")]
    assert runner.invoke(app, args).exit_code == 0
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0


def test_schema_output_must_be_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    file = tmp_path / "f.json"
    file.write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["schema", "-o", str(file)])
    assert result.exit_code == 2
    assert "目录" in result.stderr
    assert "内部错误" not in result.stderr
    assert runner.invoke(app, ["schema", "-o", str(tmp_path / "schema")]).exit_code == 0
    assert len(list((tmp_path / "schema").glob("*.schema.json"))) == 4


def test_import_refuses_an_id_the_registry_already_uses(
    runner: CliRunner, registry_copy: Path, tmp_path: Path
) -> None:
    from tests.interchange.test_table_import import build_docx

    source = build_docx(tmp_path / "任务分解表.docx")
    target = registry_copy / "documents" / "tasks-new.yaml"
    clash = runner.invoke(
        app, ["import", str(source), "-o", str(target), "--id", "tasks-2022", "-r", str(registry_copy)]
    )
    assert clash.exit_code == 2
    assert "已被登记册中的另一个文件使用" in clash.stderr
    assert not target.exists()
    assert runner.invoke(app, ["check", str(registry_copy)]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "--month", "3月"], "“3月”不是整数"),
        (["render", "monthly", "--month", "13", "--all", "-o", "x"], "13 不在 1 到 12 之间"),
    ],
)
def test_click_errors_are_chinese(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "is not" not in result.stderr


@pytest.mark.slow
def test_ctrl_c_during_a_batch_names_it_incomplete(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
    from due_bench import make_registry

    registry = tmp_path / "registry"
    make_registry(registry, 250)
    out = tmp_path / "out"
    env = {**os.environ, "CGTASK_CACHE_DIR": str(tmp_path / "cache")}
    args = [sys.executable, "-m", "cgtask", "render", "monthly", "--month", "3", "--all", "-o", str(out)]
    process = subprocess.Popen(
        [*args, "-r", str(registry)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    hang_guard = time.monotonic() + 600  # not a speed assertion: only so a stuck batch cannot hang the run
    while not (out.is_dir() and any(out.glob("*.docx"))):
        assert process.poll() is None, "no .docx before the batch ended"
        assert time.monotonic() < hang_guard, "no .docx before the batch ended"
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "不完整" in stderr
    assert "Traceback" not in stderr
    assert not list(out.glob("*.tmp"))
    assert not list(out.glob(".*.tmp"))


def test_sealed_moves_the_date_and_signature(runner: CliRunner, tmp_path: Path) -> None:
    import zipfile

    base = ["render", "monthly", "--month", "3", "--dept", "监督科"]
    plain, sealed = tmp_path / "plain.docx", tmp_path / "sealed.docx"
    assert runner.invoke(app, [*base, "-o", str(plain)]).exit_code == 0
    assert runner.invoke(app, [*base, "--sealed", "-o", str(sealed)]).exit_code == 0

    def signature_block(path: Path) -> str:
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        at = xml.index("上海市宝山区城市管理行政执法局</w:t>")
        return xml[xml.rindex("<w:p>", 0, at) if "<w:p>" in xml[:at] else at - 2000 : at]

    assert signature_block(plain) != signature_block(sealed)

"""A 中队's own work group gets only that 中队's items (issue 21): ``units`` in the local robots file.

End to end: ``cgtask remind`` with a robots file posts to the local robot server the robot tests use;
what each group received is read back from the server.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.publish.robots import RobotConfigError, Webhook, load_webhooks
from tests.publish.test_robots import WECOM_KEY, RobotServer, robots_server  # noqa: F401

AS_OF = "2022-03-28"


def _robots_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".cgtask-robots.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _headings(content: str) -> list[str]:
    """The 科室/中队 a message speaks of: its ### headings (a continued one marked （续）)."""
    return [re.sub("（续）$", "", h) for h in re.findall(r"^### (.+)$", content, flags=re.M)]


def test_a_unit_group_receives_only_its_units_items(
    tmp_path: Path,
    robots_server: RobotServer,  # noqa: F811
) -> None:
    luodian = robots_server.url("/wecom/send", key=WECOM_KEY, group="luodian")
    everyone = robots_server.url("/wecom/send", key=WECOM_KEY, group="all")
    robots = _robots_file(
        tmp_path,
        f"""
[robots."罗店镇中队群"]
url = "{luodian}"
kind = "wecom"
units = ["罗店镇中队"]

[robots."局工作群"]
url = "{everyone}"
kind = "wecom"
""",
    )
    args = ["remind", "--robots-file", str(robots), "--as-of", AS_OF, "--retries", "0"]
    result = CliRunner().invoke(app, args, env={"CGTASK_WEBHOOK_WECOM": ""})
    assert result.exit_code == 0, result.output
    by_group: dict[str, list[str]] = {}
    for got in robots_server.received:
        by_group.setdefault(got.query["group"][0], []).append(got.payload["markdown"]["content"])
    [own] = by_group["luodian"]  # the 中队's items fit one message
    assert set(_headings(own)) == {"罗店镇中队"}
    assert "区城管执法局（罗店镇中队）：截至2022年3月28日" in own
    assert "街面实效督察（执法监督方案 第1项）" in own
    whole = [h for content in by_group["all"] for h in _headings(content)]
    assert {"罗店镇中队", "监督科", "吴淞街道中队"} <= set(whole)  # the bureau's group still gets everyone's
    # The 中队's group reads exactly the lines the bureau's group has under 罗店镇中队.
    assert _section(own, "罗店镇中队") == "".join(_section(c, "罗店镇中队") for c in by_group["all"])


def _section(content: str, unit: str) -> str:
    """The item lines under one unit's heading, without the group headings."""
    found = re.search(rf"^### {unit}(?:（续）)?\n(.*?)(?=^### |\Z)", content, flags=re.M | re.S)
    lines = found.group(1).splitlines() if found else []
    return "\n".join(line for line in lines if line.startswith("<font")) + ("\n" if found else "")


def test_the_dry_run_says_which_units_a_group_follows(tmp_path: Path) -> None:
    robots = _robots_file(
        tmp_path,
        """
[robots."罗店镇中队群"]
url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12345678"
units = ["罗店镇中队"]
""",
    )
    result = CliRunner().invoke(app, ["remind", "--robots-file", str(robots), "--as-of", AS_OF, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "只发罗店镇中队的事项" in result.stdout
    assert "### 吴淞街道中队" not in result.stdout
    assert "### 罗店镇中队" in result.stdout


def test_an_unknown_unit_is_refused_with_the_nearest_name(tmp_path: Path) -> None:
    robots = _robots_file(
        tmp_path,
        """
[robots."罗店群"]
url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12345678"
units = ["罗店中队"]
""",
    )
    result = CliRunner().invoke(app, ["remind", "--robots-file", str(robots), "--as-of", AS_OF, "--dry-run"])
    assert result.exit_code == 2
    assert "机器人「罗店群」的 units 中“罗店中队”不是科室或中队" in result.stderr
    assert "是不是“罗店镇中队”" in result.stderr
    assert "Traceback" not in result.output


def test_units_are_read_from_the_file_only_as_a_list_of_names(tmp_path: Path) -> None:
    url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12345678"
    good = _robots_file(tmp_path, f'[robots."甲"]\nurl = "{url}"\nunits = ["罗店镇中队", "监督科"]\n')
    assert load_webhooks(["robot:甲"], [], {}, good) == [
        Webhook("wecom", url, None, "甲", ("罗店镇中队", "监督科"))
    ]
    bad = _robots_file(tmp_path, f'[robots."甲"]\nurl = "{url}"\nunits = "罗店镇中队"\n')
    with pytest.raises(RobotConfigError, match="units 应是非空的科室或中队名称列表"):
        load_webhooks([], [], {}, bad)


def test_each_line_says_the_part_as_its_document_does() -> None:
    """A task table's owner leads (牵头); a supervision plan's 科室 and a 中队 are responsible (负责)."""
    robot = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12345678"
    result = CliRunner().invoke(app, ["remind", "--webhook", robot, "--as-of", AS_OF, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "综治维稳月报表（任务分解表 第7.4项）：3月31日（周四）到期；不少于1次；牵头" in result.stdout
    assert (
        "双随机一公开抽查（执法监督方案 第9项）：3月31日（周四）到期；不少于1次，每季度覆盖全部12个中队；负责"
        in (result.stdout)
    )
    assert not re.search(r"执法监督方案 第\d+项）[^\\\n]*；牵头", result.stdout)  # within one line

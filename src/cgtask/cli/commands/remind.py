"""``cgtask remind``: what is overdue and due soon, per 科室/中队, to work-group robots."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import AsOfOption, today_or


def _seconds(value: object) -> float:
    """A timeout of 1 to 300 seconds (click's range lets ``nan`` through; a socket refuses ``1e308``)."""
    try:
        seconds = float(str(value))
    except ValueError:
        raise typer.BadParameter(f"“{value}”不是数") from None
    if not 1 <= seconds <= 300:  # nan fails this too
        raise typer.BadParameter(f"应在 1—300 秒之间，收到 {value}")
    return seconds


@dataclass(frozen=True)
class RemindOptions(options.OnRegistry):
    """Which robots to remind, as of which day and how far ahead, and how to send."""

    webhook: Annotated[
        list[str] | None,
        typer.Option(
            "--webhook",
            help="机器人地址：URL、env:变量名 或 robot:名称（取本地配置文件）；可重复，前可加“名称=”",
        ),
    ] = None
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", help="机器人种类：wecom（企业微信/政务微信）、dingtalk、feishu"),
    ] = None
    as_of: AsOfOption = None
    days: Annotated[int, typer.Option("--days", help="提醒此后几个工作日内到期的事项", min=0)] = 3
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只显示将发送的消息（地址打码），不发送")] = False
    robots_file: Annotated[
        Path | None,
        typer.Option("--robots-file", help="本地机器人配置文件（缺省 .cgtask-robots.toml，不提交 git）"),
    ] = None
    timeout: Annotated[
        float, typer.Option("--timeout", help="每次请求的超时秒数 [1—300]", parser=_seconds, metavar="<数>")
    ] = 10.0
    retries: Annotated[int, typer.Option("--retries", help="失败后重试次数", min=0, max=5)] = 2
    skip_rest_days: Annotated[
        bool,
        typer.Option("--skip-rest-days", help="当天是休息日（按放假和调休安排）时不发送，供 CI 每天定时运行"),
    ] = False


@options.option_group("wanted", RemindOptions)
def remind_command(*, wanted: RemindOptions) -> None:
    """把逾期、未完成和即将到期的事项按科室、中队发到企业微信/政务微信、钉钉或飞书工作群。

    机器人地址和密钥只从命令行、环境变量（CGTASK_WEBHOOK_WECOM、CGTASK_WEBHOOK_DINGTALK、
    CGTASK_WEBHOOK_FEISHU，密钥 CGTASK_DINGTALK_SECRET、CGTASK_FEISHU_SECRET）或 git 不跟踪的本地
    配置文件读取，不写进登记册。发送失败逐个机器人说明原因，并以退出码 1 结束。

    示例：cgtask remind --webhook https://oapi.dingtalk.com/robot/send?access_token=TOKEN --kind dingtalk --as-of 2022-03-28 --dry-run
    """
    webhook, kind, as_of, days, dry_run, robots_file, timeout, retries, skip_rest_days = (
        wanted.webhook,
        wanted.kind,
        wanted.as_of,
        wanted.days,
        wanted.dry_run,
        wanted.robots_file,
        wanted.timeout,
        wanted.retries,
        wanted.skip_rest_days,
    )
    from cgtask import api

    # Configuration and secrets are read here, at the edge: the environment and the local robots file.
    local = Path(api.SECRETS_FILE_NAME)
    robots_file = robots_file or (local if local.is_file() else None)
    robots = api.robots(webhook or (), kind or (), env=os.environ, robots_file=robots_file)
    sending = api.Sending(dry_run, timeout, retries, skip_rest_days)
    day = today_or(as_of, "--as-of")
    outcome = api.remind(wanted.registry, robots, as_of=day, days=days, sending=sending)
    if dry_run:
        sys.stdout.write(outcome.text)
        return
    sys.stderr.write(outcome.text)
    if not outcome.delivered:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``remind`` command to ``app``."""
    app.command("remind")(boundary(remind_command))

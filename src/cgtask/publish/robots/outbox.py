"""The whole run: which messages go to which robot, shown (``--dry-run``) or sent, and the verdict."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cgtask.publish.robots.delivery import DeliveryOptions, DeliveryResult, post
from cgtask.publish.robots.digest import Digest
from cgtask.publish.robots.messages import RobotMessage, build_messages
from cgtask.publish.robots.platforms import platform
from cgtask.publish.robots.webhook import Webhook

_SIGNATURE_NOTES = {
    "dingtalk": "发送时在地址后加 timestamp（毫秒）和 sign 参数",
    "feishu": "发送时在请求体中加 timestamp（秒）和 sign 字段",
}


@dataclass(frozen=True)
class Outgoing:
    """The messages for one robot, built for its platform."""

    webhook: Webhook
    messages: tuple[RobotMessage, ...]


def plan(digest: Digest, webhooks: Sequence[Webhook]) -> list[Outgoing]:
    """One :class:`Outgoing` per robot; robots of one platform and one set of 科室/中队 share the same messages.

    A robot with ``units`` (a 中队's own group) gets only their items.
    """
    built: dict[tuple[str, tuple[str, ...]], tuple[RobotMessage, ...]] = {}
    for webhook in webhooks:
        key = (webhook.kind, webhook.units)
        if key not in built:
            built[key] = tuple(build_messages(digest.only(webhook.units), webhook.kind))
    return [Outgoing(webhook, built[(webhook.kind, webhook.units)]) for webhook in webhooks]


def render_dry_run(outgoing: Sequence[Outgoing]) -> str:
    """Exactly what would be sent, robot by robot: each request body as JSON, the address masked."""
    blocks = ["【预演】以下消息不会发送。"]
    for entry in outgoing:
        webhook, target = entry.webhook, platform(entry.webhook.kind)
        signed = f"加签（{_SIGNATURE_NOTES[webhook.kind]}）" if webhook.secret else "未加签"
        scope = f"，只发{'、'.join(webhook.units)}的事项" if webhook.units else ""
        blocks.append(
            f"== 机器人「{webhook.name}」（{target.label}，{webhook.masked_url}，{signed}{scope}）：共 {len(entry.messages)} 条 =="
        )
        for message in entry.messages:
            size = f"{target.measured} {message.size} 字节，上限 {target.limit}"
            blocks.append(f"-- 第 {message.part}/{message.total} 条（{size}）--")
            blocks.append(json.dumps(message.payload, ensure_ascii=False, indent=2))
    return "\n".join(blocks) + "\n"


def send(
    outgoing: Sequence[Outgoing],
    *,
    timeout: float = 10.0,
    retries: int = 2,
    backoff: float = 1.0,
    sleep: Callable[[float], object] = time.sleep,
    clock: Callable[[], float] = time.time,
) -> list[DeliveryResult]:
    """Post to every robot in turn; one robot's failure does not keep the others from their messages."""
    options = DeliveryOptions(timeout=timeout, retries=retries, backoff=backoff, sleep=sleep, clock=clock)
    return [post(entry.messages, entry.webhook, options=options) for entry in outgoing]


def summarize(results: Sequence[DeliveryResult]) -> str:
    """The Chinese report for stderr: one line per robot and a total."""
    lines = [result.describe() for result in results]
    failed = sum(not r.delivered for r in results)
    lines.append(f"共 {len(results)} 个机器人，{len(results) - failed} 个全部送达，{failed} 个未送达")
    return "\n".join(lines) + "\n"

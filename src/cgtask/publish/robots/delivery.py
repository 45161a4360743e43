"""Posting messages to one robot over HTTP (urllib only), with bounded retries and a Chinese verdict.

A message counts as delivered only when the platform says so: HTTP 200 *and* ``errcode`` 0
(企业微信, 钉钉) or ``code`` 0 (飞书) — the platforms answer 200 to a bad signature or a throttled
robot. Trouble that passes (timeouts, dropped connections, HTTP 5xx and 429, the platforms'
throttling and busy codes) is retried with exponential backoff; trouble that a retry cannot fix (a
bad signature, a removed robot, HTTP 404) fails at once. After a message fails the rest are not
sent, so a group never sees （3/3） without （2/3）.

The robots take no idempotency key, so a reply lost to a timeout may mean the message did arrive and
the retry shows it twice; a duplicate reminder is judged less harmful than a missing one.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.client import HTTPException
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.request import HTTPRedirectHandler, Request, build_opener

from cgtask.publish.robots.messages import RobotMessage
from cgtask.publish.robots.platforms import encode_body, platform
from cgtask.publish.robots.webhook import Webhook
from cgtask.support.text import escape_controls

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MessageOutcome:
    """How one part of a split message fared: delivered or not, after how many attempts, and why."""

    part: int
    total: int
    delivered: bool
    attempts: int
    reason: str | None = None


@dataclass(frozen=True)
class DeliveryResult:
    """What happened at one robot: one outcome per message tried, and how many were never tried."""

    robot: str
    kind: str
    target: str
    outcomes: tuple[MessageOutcome, ...]
    not_sent: int = 0

    @property
    def delivered(self) -> bool:
        """Whether every part was sent and arrived."""
        return self.not_sent == 0 and all(o.delivered for o in self.outcomes)

    @property
    def reason(self) -> str | None:
        """The Chinese reason of the first failure, or None when everything arrived."""
        return next((o.reason for o in self.outcomes if not o.delivered), None)

    def describe(self) -> str:
        """One Chinese line for the person who ran the command."""
        who = f"机器人「{self.robot}」（{platform(self.kind).label}，{self.target}）"
        sent = sum(o.delivered for o in self.outcomes)
        if self.delivered:
            return f"{who}：已送达 {sent} 条"
        failed = next(o for o in self.outcomes if not o.delivered)
        text = (
            f"{who}：未送达——第{failed.part}/{failed.total}条：{failed.reason}（共尝试{failed.attempts}次）"
        )
        text += f"；已送达 {sent} 条" if sent else ""
        return text + (f"，其余 {self.not_sent} 条未发送" if self.not_sent else "")


class _Failure(Exception):
    def __init__(self, reason: str, *, retry: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry = retry


@dataclass(frozen=True, kw_only=True)
class DeliveryOptions:
    """How patiently to post: the timeout of a request, how many retries and how far apart.

    The wait before retry *n* is ``backoff * 2**(n-1)`` seconds; ``sleep`` and ``clock`` (the time the
    signature is computed from) are options so tests run without waiting.
    """

    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    sleep: Callable[[float], object] = time.sleep
    clock: Callable[[], float] = time.time


def post(
    messages: Sequence[RobotMessage], webhook: Webhook, *, options: DeliveryOptions | None = None
) -> DeliveryResult:
    """Send ``messages`` in order to ``webhook``; each is tried at most ``1 + retries`` times."""
    options = options or DeliveryOptions()
    if options.retries < 0 or options.timeout <= 0 or options.backoff < 0:
        raise ValueError("retries and backoff must not be negative, timeout must be positive")
    outcomes: list[MessageOutcome] = []
    for index, message in enumerate(messages):
        if message.kind != webhook.kind:
            raise ValueError(f"a {message.kind} message cannot go to a {webhook.kind} robot")
        outcome = _deliver(message, webhook, options)
        outcomes.append(outcome)
        if not outcome.delivered:
            return DeliveryResult(
                webhook.name, webhook.kind, webhook.masked_url, tuple(outcomes), len(messages) - index - 1
            )
    return DeliveryResult(webhook.name, webhook.kind, webhook.masked_url, tuple(outcomes))


def _deliver(message: RobotMessage, webhook: Webhook, options: DeliveryOptions) -> MessageOutcome:
    """Post one message, retrying what a retry may fix, until it arrives or the retries run out."""
    attempts = 0
    while True:
        attempts += 1
        try:
            _send_once(message, webhook, options.timeout, options.clock())
        except _Failure as failure:
            log.warning(
                "%s 第%d/%d条第%d次发送失败：%s",
                webhook.masked_url,
                message.part,
                message.total,
                attempts,
                failure.reason,
            )
            if not failure.retry or attempts > options.retries:
                return MessageOutcome(message.part, message.total, False, attempts, failure.reason)
            options.sleep(options.backoff * 2 ** (attempts - 1))
        else:
            log.info("%s 第%d/%d条已送达", webhook.masked_url, message.part, message.total)
            return MessageOutcome(message.part, message.total, True, attempts)


def _send_once(message: RobotMessage, webhook: Webhook, timeout: float, now: float) -> None:
    target = platform(webhook.kind)
    url, payload = target.sign(webhook.url, message.payload, webhook.secret, now)
    request = Request(url, data=encode_body(payload), method="POST")
    request.add_header("Content-Type", "application/json; charset=utf-8")
    reply = _parse_reply(_exchange(request, timeout, webhook))
    failure = target.failure(reply)
    if failure is not None:
        code, text = failure
        hint = target.hints.get(code)
        # The platform's own words are shown as text: a control character in them must not act on the terminal.
        said = escape_controls(webhook.scrub(text))
        reason = f"{target.label}返回错误码 {code}（{said}）" + (f"：{hint}" if hint else "")
        raise _Failure(reason, retry=code in target.retry_codes)


MAX_REPLY_BYTES = 1024 * 1024  # a robot answers in a few dozen bytes


class _NoRedirect(HTTPRedirectHandler):
    """A redirect is an answer, not a new address.

    The message (and its signature) stays with the host the operator named.
    """

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _exchange(request: Request, timeout: float, webhook: Webhook) -> bytes:
    """The reply body of a 2xx answer, at most a megabyte; every other outcome becomes a :class:`_Failure`."""
    try:
        with build_opener(_NoRedirect).open(request, timeout=timeout) as response:
            return _read_bounded(response, timeout)
    except HTTPError as exc:
        exc.close()
        if 300 <= exc.code < 400:
            raise _Failure(
                f"服务器要求转到其他地址（HTTP {exc.code}），未跟随；请检查地址", retry=False
            ) from None
        retry = exc.code == 429 or exc.code >= 500
        raise _Failure(f"服务器返回 HTTP {exc.code}", retry=retry) from None
    except URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _Failure(f"等待回复超时（超过 {timeout:g} 秒）", retry=True) from None
        raise _Failure(f"无法连接：{webhook.scrub(str(exc.reason))}", retry=True) from None
    except TimeoutError:
        raise _Failure(f"等待回复超时（超过 {timeout:g} 秒）", retry=True) from None
    except (OSError, HTTPException) as exc:
        raise _Failure(f"连接中断：{webhook.scrub(str(exc) or type(exc).__name__)}", retry=True) from None


def _read_bounded(response: Any, timeout: float) -> bytes:
    """The body, at most a megabyte, all of it within ``timeout``.

    The socket's timeout bounds each wait, not the whole reply: a server trickling a byte a second
    would otherwise hold the command for as long as it likes.
    """
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_REPLY_BYTES:
        if time.monotonic() > deadline:
            raise _Failure(f"回复过慢（{timeout:g} 秒内没有收完），请检查地址", retry=True)
        chunk: bytes = response.read1(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    raise _Failure("回复过大（超过 1 MB），不是机器人接口的回复，请检查地址", retry=False)


def _parse_reply(raw: bytes) -> dict[str, Any]:
    try:
        reply = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        reply = None
    if not isinstance(reply, dict):
        # A proxy's or gateway's HTML page: retrying will not turn it into the robot's answer.
        raise _Failure("回复不是机器人接口的 JSON，请检查地址或代理设置", retry=False)
    return reply

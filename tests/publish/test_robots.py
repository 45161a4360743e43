"""Reminders to work-group robots, against a local HTTP server that plays 企业微信, 钉钉 and 飞书.

The server checks what the real platforms check — the payload's shape, its size limit, the robot's
token and the signature recomputed from a known secret — and answers as they do (HTTP 200 with a
non-zero ``errcode``/``code`` on failure). Other paths fail on purpose: 500 then success, a
throttling code, a reply slower than the client's timeout, a 404. Nothing is mocked but ``sleep``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from cgtask.cli.flags import flag
from cgtask.errors import UsageError
from cgtask.publish.robots import (
    DeliveryOptions,
    Digest,
    ReminderItem,
    RobotConfigError,
    RobotMessage,
    UnitReminder,
    Webhook,
    build_messages,
    load_webhooks,
    mask_url,
    plan,
    post,
    render_dry_run,
    send,
    summarize,
)

WECOM_KEY = "693a91f6-7b3c-4bc4-97a0-0ec2a1fa5aaa"
DING_TOKEN = "98975521a1b23c02cdd1a9a08c69511ddf5fa9d2ae387813d1c5348fb"
DING_SECRET = "SEC19dd84be8c7f3cf71761974f1ed3ef77c1451906ae8ba18acf56103ee"
FEISHU_HOOK = "5e3d587e-d78e-4a07-bd07-265f269f86fd"
FEISHU_SECRET = "nIMtb7r3N9pkXyXdtAbx6e"
AS_OF = date(2022, 3, 28)
LIMITS = {"wecom": 4096, "dingtalk": 20000, "feishu": 20 * 1024}


# --- the local robot server ------------------------------------------------------------------------


@dataclass
class Received:
    path: str
    query: dict[str, list[str]]
    body: bytes
    raw_query: str = ""

    @property
    def payload(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.body)
        return loaded


@dataclass
class RobotServer:
    base: str
    received: list[Received] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    release: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str, **query: str) -> str:
        tail = "&".join(f"{k}={v}" for k, v in query.items())
        return f"{self.base}{path}" + (f"?{tail}" if tail else "")

    def paths(self) -> list[str]:
        return [r.path for r in self.received]


def _b64_hmac(key: bytes, message: bytes) -> str:
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


def _check_wecom(server: RobotServer, got: Received) -> dict[str, Any]:
    if got.query.get("key") != [WECOM_KEY]:
        return {"errcode": 93000, "errmsg": "invalid webhook url"}
    payload = got.payload
    content = payload.get("markdown", {}).get("content")
    if (
        set(payload) != {"msgtype", "markdown"}
        or payload["msgtype"] != "markdown"
        or not isinstance(content, str)
    ):
        server.violations.append(f"wecom shape: {sorted(payload)}")
        return {"errcode": 40008, "errmsg": "invalid message type"}
    if len(content.encode("utf-8")) > LIMITS["wecom"]:
        server.violations.append(f"wecom content of {len(content.encode())} bytes")
        return {"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"}
    return {"errcode": 0, "errmsg": "ok"}


def _check_dingtalk(server: RobotServer, got: Received, secret: str = DING_SECRET) -> dict[str, Any]:
    if got.query.get("access_token") != [DING_TOKEN]:
        return {"errcode": 300001, "errmsg": "token is not exist"}
    timestamp, sign = got.query.get("timestamp", [""])[0], got.query.get("sign", [""])[0]
    if not timestamp.isdigit() or abs(int(timestamp) / 1000 - time.time()) > 3600:
        return {"errcode": 310000, "errmsg": "timestamp invalid"}
    if sign != _b64_hmac(secret.encode(), f"{timestamp}\n{secret}".encode()):
        return {"errcode": 310000, "errmsg": "sign not match"}
    payload = got.payload
    markdown = payload.get("markdown", {})
    if payload.get("msgtype") != "markdown" or not all(
        isinstance(markdown.get(k), str) for k in ("title", "text")
    ):
        server.violations.append(f"dingtalk shape: {sorted(payload)}")
        return {"errcode": 40035, "errmsg": "bad markdown"}
    if len(got.body) > LIMITS["dingtalk"]:
        server.violations.append(f"dingtalk body of {len(got.body)} bytes")
    return {"errcode": 0, "errmsg": "ok"}


def _check_feishu(server: RobotServer, got: Received) -> dict[str, Any]:
    payload = got.payload
    timestamp, sign = str(payload.get("timestamp", "")), str(payload.get("sign", ""))
    if not timestamp.isdigit() or abs(int(timestamp) - time.time()) > 3600:
        return {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
    if sign != _b64_hmac(f"{timestamp}\n{FEISHU_SECRET}".encode(), b""):
        return {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
    card = payload.get("card", {})
    elements = card.get("elements")
    title = card.get("header", {}).get("title", {}).get("content")
    if (
        payload.get("msg_type") != "interactive"
        or not isinstance(title, str)
        or not isinstance(elements, list)
    ):
        server.violations.append(f"feishu shape: {sorted(payload)}")
        return {"code": 9499, "msg": "Bad Request"}
    if not all("tag" in e for e in elements) or len(got.body) > LIMITS["feishu"]:
        server.violations.append(f"feishu card of {len(got.body)} bytes")
        return {"code": 9499, "msg": "Bad Request"}
    return {"code": 0, "msg": "success", "data": {}}


def _answer(server: RobotServer, got: Received) -> tuple[int, dict[str, Any]]:
    """The platform's answer for a path; the count of earlier hits drives the flaky paths."""
    hit = server.hits.get(got.path, 0)
    server.hits[got.path] = hit + 1
    match got.path:
        case "/wecom/send":
            return 200, _check_wecom(server, got)
        case "/dingtalk/send":
            return 200, _check_dingtalk(server, got)
        case path if path == f"/feishu/hook/{FEISHU_HOOK}":
            return 200, _check_feishu(server, got)
        case "/dingtalk/signfail":
            return 200, {"errcode": 310000, "errmsg": "sign not match"}
        case "/wecom/flaky":
            return (500, {}) if hit == 0 else (200, _check_wecom(server, got))
        case "/wecom/busy":
            return 200, {"errcode": 45009, "errmsg": "api freq out of limit"} if hit < 2 else _check_wecom(
                server, got
            )
        case "/wecom/echo":
            return 200, {
                "errcode": 93000,
                "errmsg": f"invalid webhook url {got.path}?key={got.query['key'][0]}",
            }
        case "/wecom/slow":
            server.release.wait(5)
            return 200, {"errcode": 0, "errmsg": "ok"}
        case "/wecom/html":
            return 200, {"html": True}
    return 404, {}


def _handler(server: RobotServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            got = Received(parts.path, parse_qs(parts.query), body, parts.query)
            server.received.append(got)
            if self.headers.get("Content-Type", "").split(";")[0] != "application/json":
                server.violations.append(f"content type {self.headers.get('Content-Type')}")
            status, reply = _answer(server, got)
            data = b"<html>gateway</html>" if reply.get("html") else json.dumps(reply).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up (timeout test)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def robots_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[RobotServer]:
    # A proxy from the environment would swallow requests to 127.0.0.1.
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    state = RobotServer(base="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield state
    state.release.set()
    httpd.shutdown()
    httpd.server_close()
    assert state.violations == []


@pytest.fixture
def robots_sleeps() -> list[float]:
    return []


def _robot(server: RobotServer, kind: str, secret: str | None = None, path: str | None = None) -> Webhook:
    urls = {
        "wecom": server.url(path or "/wecom/send", key=WECOM_KEY),
        "dingtalk": server.url(path or "/dingtalk/send", access_token=DING_TOKEN),
        "feishu": server.url(path or f"/feishu/hook/{FEISHU_HOOK}"),
    }
    secrets = {"wecom": None, "dingtalk": DING_SECRET, "feishu": FEISHU_SECRET}
    return Webhook(kind=kind, url=urls[kind], secret=secret or secrets[kind], name=f"测试{kind}")


def _fast_post(messages: list[RobotMessage], webhook: Webhook, sleeps: list[float], **options: Any) -> Any:
    settings: dict[str, Any] = {
        "timeout": 2.0,
        "retries": 2,
        "backoff": 0.5,
        "sleep": sleeps.append,
    } | options
    return post(messages, webhook, options=DeliveryOptions(**settings))


# --- digests --------------------------------------------------------------------------------------


def _item(
    title: str,
    status: str,
    due: date,
    role: str | None = "牵头",
    requirement: str = "每周不少于2次（已完成1次）",
) -> ReminderItem:
    return ReminderItem(
        title=title,
        item="3",
        doc="supervision-2022",
        due=due,
        requirement=requirement,
        role=role,
        status=status,
        basis="执法监督方案 第3项",
    )  # type: ignore[arg-type]


def _small_digest() -> Digest:
    supervision = UnitReminder(
        "监督科",
        due_soon=[
            _item("月度案卷评查", "due_soon", date(2022, 3, 31), role="配合"),
            _item("诉件督办", "blue", AS_OF),
        ],
        overdue=[
            _item("执法记录仪检查", "yellow", date(2022, 3, 27)),
            _item("街面实效督察", "red", date(2022, 3, 25)),
        ],
    )
    squad = UnitReminder(
        "吴淞街道中队", due_soon=[_item("行为规范督察", "due_soon", date(2022, 3, 29), role=None)], overdue=[]
    )
    idle = UnitReminder("法制科", due_soon=[], overdue=[])
    return Digest(as_of=AS_OF, registry_name="宝山区城管执法局", units=[supervision, idle, squad], days=3)


def _big_digest(units: int, per_unit: int) -> Digest:
    def items(unit: int, status: str) -> list[ReminderItem]:
        requirement = "每月整改问题不少于16起（已完成3起），须在台账中逐条登记整改结果并附现场照片"
        return [
            _item(f"第{unit}队第{n}项督察", status, date(2022, 3, 20 + n % 8), requirement=requirement)
            for n in range(per_unit)
        ]

    reminders = [
        UnitReminder(f"第{u}街道中队", due_soon=items(u, "due_soon"), overdue=items(u, "red"))
        for u in range(units)
    ]
    return Digest(as_of=AS_OF, registry_name="宝山区城管执法局", units=reminders, days=3)


def _text(message: RobotMessage) -> str:
    """Everything a reader sees in a message, whatever the platform."""
    payload = message.payload
    if message.kind == "wecom":
        return str(payload["markdown"]["content"])
    if message.kind == "dingtalk":
        return f"{payload['markdown']['title']}\n{payload['markdown']['text']}"
    card = payload["card"]
    return "\n".join(
        [card["header"]["title"]["content"], *(e["text"]["content"] for e in card["elements"] if "text" in e)]
    )


# --- message text ---------------------------------------------------------------------------------


def test_wecom_message_reads_in_order_with_every_status_in_words() -> None:
    [message] = build_messages(_small_digest(), "wecom")
    content = _text(message)
    assert content.startswith("## 【督办提醒】2022年3月28日\n")
    assert "宝山区城管执法局：截至2022年3月28日，逾期1项，未完成1项，即将到期3项。" in content
    order = [
        content.index(s)
        for s in ("### 监督科", "【逾期】", "【未完成】", "**即将到期（3个工作日内）**", "### 吴淞街道中队")
    ]
    assert order == sorted(order)
    assert "法制科" not in content  # a unit with nothing due is left out
    assert (
        '<font color="warning">【逾期】</font>街面实效督察（执法监督方案 第3项）：3月25日（周五）到期，已逾期3天；每周不少于2次（已完成1次）；牵头'
        in content
    )
    # due soon: the one due today before the one due in three days, whatever the input order
    assert content.index("今天（周一）到期") < content.index("3月31日（周四）到期")
    assert (
        '<font color="info">【即将到期】</font>月度案卷评查（执法监督方案 第3项）：3月31日（周四）到期；每周不少于2次（已完成1次）；配合'
        in content
    )
    assert content.endswith("明天（周二）到期；每周不少于2次（已完成1次）")  # no role, no trailing ；


@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu"])
def test_colour_is_never_the_only_signal(kind: str) -> None:
    [message] = build_messages(_small_digest(), kind)
    text = _text(message)
    # 钉钉's markdown has no colour: there the words are bold instead
    marked = (
        r"\*\*(【.*?】)\*\*"
        if kind == "dingtalk"
        else r"<font color=['\"](?:warning|red|info)['\"]>(.*?)</font>"
    )
    words = re.findall(marked, text)
    assert sorted(words) == sorted(
        ["【逾期】", "【未完成】"] + (["【即将到期】"] * 3 if kind != "feishu" else [])
    )
    assert text.count("【逾期】") == 1
    assert text.count("【未完成】") == 1
    assert text.count("【即将到期】") == 3


def test_platform_payload_shapes() -> None:
    digest = _small_digest()
    [wecom] = build_messages(digest, "wecom")
    [ding] = build_messages(digest, "dingtalk")
    [feishu] = build_messages(digest, "feishu")
    assert set(wecom.payload) == {"msgtype", "markdown"}
    assert set(wecom.payload["markdown"]) == {"content"}
    assert ding.payload["msgtype"] == "markdown"
    assert ding.payload["markdown"]["title"] == "【督办提醒】2022年3月28日"
    assert "- **【逾期】**街面实效督察" in ding.payload["markdown"]["text"]
    card = feishu.payload["card"]
    assert feishu.payload["msg_type"] == "interactive"
    assert card["header"]["template"] == "red"
    assert [e["tag"] for e in card["elements"]] == ["div", "hr", "div", "hr", "div"]
    assert all(e["text"]["tag"] == "lark_md" for e in card["elements"] if e["tag"] == "div")


def test_markup_in_registry_text_cannot_break_the_message() -> None:
    unit = UnitReminder(
        "监督科", due_soon=[], overdue=[_item("**紧急** <b>督察</b> [链接](x)", "red", AS_OF)]
    )
    [message] = build_messages(Digest(AS_OF, "区局", [unit], 3), "wecom")
    assert "＊＊紧急＊＊ ＜b＞督察＜/b＞ ［链接］(x)" in _text(message)


def test_an_empty_digest_still_says_so() -> None:
    [message] = build_messages(
        Digest(AS_OF, "宝山区城管执法局", [UnitReminder("监督科", [], [])], 3), "dingtalk"
    )
    assert "各科室、中队均无逾期、未完成或即将到期的事项" in _text(message)


def test_unknown_status_and_kind_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown reminder status"):
        _item("x", "green", AS_OF)
    with pytest.raises(ValueError, match="unknown robot kind 'slack'"):
        Webhook("slack", "https://example.com/hook", None, "x")


# --- splitting ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "units", "per_unit"), [("wecom", 4, 12), ("dingtalk", 6, 60), ("feishu", 6, 40)]
)
def test_a_long_digest_is_split_into_labelled_complete_messages(kind: str, units: int, per_unit: int) -> None:
    digest = _big_digest(units, per_unit)
    messages = build_messages(digest, kind)
    total = len(messages)
    assert total >= 2
    sizes = [m.size for m in messages]
    assert max(sizes) <= (4096 if kind == "wecom" else 20000)
    titles = [m.title for m in messages]
    assert titles == [f"【督办提醒】2022年3月28日（{n}/{total}）" for n in range(1, total + 1)]
    texts = [_text(m) for m in messages]
    assert all(
        titles[n] in texts[n] and "宝山区城管执法局：截至2022年3月28日" in texts[n] for n in range(total)
    )
    # every line exactly once, in the digest's order: nothing lost or repeated at the seams
    wanted = [f"第{u}队第{n}项督察" for u in range(units) for n in range(per_unit)]
    seen = [m.group(0) for text in texts for m in re.finditer(r"第\d+队第\d+项督察", text)]
    assert sorted(seen) == sorted(wanted + wanted)  # each item is both overdue and due soon
    overdue_first_unit = [
        int(m.group(1)) for text in texts for m in re.finditer(r"第0队第(\d+)项督察", text)
    ][:per_unit]
    assert overdue_first_unit == sorted(range(per_unit), key=lambda n: (n % 8, n))  # by due date
    # a message that opens inside a unit repeats its heading, marked as continued
    assert any("中队（续）" in text for text in texts[1:])
    assert not any("）（续）" in text for text in texts)


def test_a_line_longer_than_the_limit_is_cut_with_an_ellipsis() -> None:
    long = "每次不少于30件" * 400
    unit = UnitReminder(
        "监督科",
        due_soon=[_item("短事项", "due_soon", date(2022, 3, 30))],
        overdue=[_item("长事项", "red", AS_OF, requirement=long)],
    )
    messages = build_messages(Digest(AS_OF, "宝山区城管执法局", [unit], 3), "wecom")
    assert all(m.size <= 4096 for m in messages)
    first = _text(messages[0])
    assert "长事项" in first
    assert first.endswith("…")
    assert first.count("每次不少于30件") < 400
    assert "短事项" in _text(messages[-1])


# --- delivery -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["wecom", "dingtalk", "feishu"])
def test_each_platform_accepts_our_signed_messages(
    kind: str, robots_server: RobotServer, robots_sleeps: list[float]
) -> None:
    messages = build_messages(_big_digest(3, 30), kind)
    result = _fast_post(messages, _robot(robots_server, kind), robots_sleeps)
    assert result.delivered, result.describe()
    assert [o.part for o in result.outcomes] == list(range(1, len(messages) + 1))
    assert len(robots_server.received) == len(messages)
    assert robots_sleeps == []
    # sent in order, and what arrived is what was built (plus the signature)
    arrived = [r.payload for r in robots_server.received]
    assert [{k: v for k, v in p.items() if k not in ("timestamp", "sign")} for p in arrived] == [
        m.payload for m in messages
    ]
    assert result.describe().startswith(f"机器人「测试{kind}」")
    assert result.describe().endswith(f"已送达 {len(messages)} 条")


def test_dingtalk_signature_is_url_encoded(robots_server: RobotServer, robots_sleeps: list[float]) -> None:
    # A signature holding "+" arrives as a space unless it is URL-encoded; pick a moment that makes one.
    now = int(time.time() * 1000)
    moment = next(
        ms
        for ms in range(now, now + 5000)
        if "+" in _b64_hmac(DING_SECRET.encode(), f"{ms}\n{DING_SECRET}".encode())
    )
    result = _fast_post(
        build_messages(_small_digest(), "dingtalk"),
        _robot(robots_server, "dingtalk"),
        robots_sleeps,
        clock=lambda: moment / 1000,
    )
    assert result.delivered, result.reason
    assert "%2B" in robots_server.received[0].raw_query


def test_a_wrong_secret_fails_the_real_check_and_is_not_retried(
    robots_server: RobotServer, robots_sleeps: list[float]
) -> None:
    webhook = _robot(robots_server, "dingtalk", secret="SECnot-the-right-one")
    result = _fast_post(build_messages(_small_digest(), "dingtalk"), webhook, robots_sleeps)
    assert not result.delivered
    assert result.outcomes[0].attempts == 1
    assert robots_sleeps == []
    assert (
        result.reason
        == "钉钉返回错误码 310000（sign not match）：安全设置校验未通过：加签密钥、自定义关键词或 IP 白名单不符"
    )


def test_a_feishu_robot_without_its_secret_is_refused(
    robots_server: RobotServer, robots_sleeps: list[float]
) -> None:
    webhook = Webhook("feishu", robots_server.url(f"/feishu/hook/{FEISHU_HOOK}"), None, "飞书群")
    result = _fast_post(build_messages(_small_digest(), "feishu"), webhook, robots_sleeps)
    assert result.reason is not None
    assert result.reason.startswith("飞书返回错误码 19021")
    assert "签名校验失败" in result.reason


def test_http_200_with_errcode_is_a_failure(robots_server: RobotServer, robots_sleeps: list[float]) -> None:
    webhook = _robot(robots_server, "dingtalk", path="/dingtalk/signfail")
    messages = build_messages(_big_digest(6, 40), "dingtalk")
    result = _fast_post(messages, webhook, robots_sleeps)
    assert not result.delivered
    assert len(messages) >= 2
    # the first part failed, so the rest were held back rather than sent out of context
    assert len(result.outcomes) == 1
    assert result.not_sent == len(messages) - 1
    assert robots_server.paths() == ["/dingtalk/signfail"]
    assert result.describe().endswith(f"（共尝试1次），其余 {len(messages) - 1} 条未发送")


def test_a_server_error_is_retried_then_delivered(
    robots_server: RobotServer, robots_sleeps: list[float]
) -> None:
    webhook = _robot(robots_server, "wecom", path="/wecom/flaky")
    result = _fast_post(build_messages(_small_digest(), "wecom"), webhook, robots_sleeps)
    assert result.delivered
    assert result.outcomes[0].attempts == 2
    assert robots_sleeps == [0.5]
    assert robots_server.paths() == ["/wecom/flaky", "/wecom/flaky"]


def test_a_throttling_code_is_retried_with_exponential_backoff(
    robots_server: RobotServer, robots_sleeps: list[float]
) -> None:
    webhook = _robot(robots_server, "wecom", path="/wecom/busy")
    result = _fast_post(build_messages(_small_digest(), "wecom"), webhook, robots_sleeps, retries=3)
    assert result.delivered
    assert result.outcomes[0].attempts == 3
    assert robots_sleeps == [0.5, 1.0]


def test_retries_are_bounded(robots_server: RobotServer, robots_sleeps: list[float]) -> None:
    webhook = _robot(robots_server, "wecom", path="/wecom/busy")
    result = _fast_post(build_messages(_small_digest(), "wecom"), webhook, robots_sleeps, retries=1)
    assert not result.delivered
    assert result.outcomes[0].attempts == 2
    assert (
        result.reason
        == "企业微信返回错误码 45009（api freq out of limit）：发送过于频繁（每个机器人每分钟最多 20 条）"
    )
    assert robots_sleeps == [0.5]


def test_a_slow_robot_times_out(
    robots_server: RobotServer, robots_sleeps: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A robot that answers too slowly times out on every attempt.

    Each attempt's connection carries the 0.2 s timeout and the retry's backoff is not slept: the
    server holds its answer past it, so an unheeded timeout would be delivered.
    """
    timeouts: list[object] = []
    connect = socket.create_connection

    def recording(address: Any, *args: Any, **kw: Any) -> Any:
        timeouts.append(args[0] if args else kw.get("timeout"))
        return connect(address, *args, **kw)

    monkeypatch.setattr(socket, "create_connection", recording)
    webhook = _robot(robots_server, "wecom", path="/wecom/slow")
    result = _fast_post(
        build_messages(_small_digest(), "wecom"), webhook, robots_sleeps, timeout=0.2, retries=1
    )
    assert timeouts == [0.2, 0.2]
    assert robots_sleeps == [0.5]
    assert not result.delivered
    assert result.outcomes[0].attempts == 2
    assert result.reason == "等待回复超时（超过 0.2 秒）"


def test_not_found_and_non_json_replies_fail_without_retry(
    robots_server: RobotServer, robots_sleeps: list[float]
) -> None:
    messages = build_messages(_small_digest(), "wecom")
    gone = _fast_post(messages, _robot(robots_server, "wecom", path="/wecom/removed"), robots_sleeps)
    html = _fast_post(messages, _robot(robots_server, "wecom", path="/wecom/html"), robots_sleeps)
    assert gone.reason == "服务器返回 HTTP 404"
    assert gone.outcomes[0].attempts == 1
    assert html.reason == "回复不是机器人接口的 JSON，请检查地址或代理设置"
    assert html.outcomes[0].attempts == 1
    assert robots_sleeps == []


def test_an_unreachable_robot_is_retried_and_reported(robots_sleeps: list[float]) -> None:
    webhook = Webhook("wecom", f"http://127.0.0.1:9/cgi-bin/webhook/send?key={WECOM_KEY}", None, "断网")
    result = _fast_post(
        build_messages(_small_digest(), "wecom"), webhook, robots_sleeps, timeout=0.5, retries=1
    )
    assert not result.delivered
    assert result.outcomes[0].attempts == 2
    assert result.reason is not None
    assert result.reason.startswith("无法连接：")


def test_one_failing_robot_does_not_stop_the_others(
    robots_server: RobotServer, robots_sleeps: list[float]
) -> None:
    robots = [
        _robot(robots_server, "dingtalk", path="/dingtalk/signfail"),
        _robot(robots_server, "wecom"),
        _robot(robots_server, "feishu"),
    ]
    results = send(
        plan(_small_digest(), robots), timeout=2.0, retries=1, backoff=0.1, sleep=robots_sleeps.append
    )
    assert [r.delivered for r in results] == [False, True, True]
    report = summarize(results)
    assert report.endswith("共 3 个机器人，2 个全部送达，1 个未送达\n")
    assert "机器人「测试dingtalk」（钉钉，" in report
    assert "未送达——第1/1条：钉钉返回错误码 310000" in report


# --- secrets stay secret --------------------------------------------------------------------------


def test_urls_are_masked() -> None:
    assert mask_url(f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WECOM_KEY}") == (
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a****"
    )
    assert (
        mask_url(f"https://open.feishu.cn/open-apis/bot/v2/hook/{FEISHU_HOOK}")
        == "https://open.feishu.cn/open-apis/bot/v2/hook/5e3d****"
    )
    assert mask_url("https://user:pw@oapi.dingtalk.com/robot/send?access_token=abcdefgh") == (
        "https://oapi.dingtalk.com/robot/send?access_token=ab****"
    )


def test_no_output_or_log_reveals_a_key_or_secret(
    robots_server: RobotServer, robots_sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="cgtask")
    robots = [
        _robot(robots_server, "dingtalk", path="/dingtalk/signfail"),
        _robot(robots_server, "wecom", path="/wecom/echo"),
        _robot(robots_server, "feishu"),
    ]
    outgoing = plan(_small_digest(), robots)
    shown = [render_dry_run(outgoing), summarize(send(outgoing, retries=0, sleep=robots_sleeps.append))]
    shown += [repr(robot) for robot in robots] + [caplog.text]
    assert "invalid webhook url /wecom/echo?key=693a****" in shown[1]  # the server echoed the key back
    for text in shown:
        for secret in (WECOM_KEY, DING_TOKEN, DING_SECRET, FEISHU_HOOK, FEISHU_SECRET):
            assert secret not in text


# --- dry run --------------------------------------------------------------------------------------


def test_dry_run_shows_exactly_what_would_be_sent_and_sends_nothing(robots_server: RobotServer) -> None:
    robots = [_robot(robots_server, "wecom"), _robot(robots_server, "feishu")]
    outgoing = plan(_big_digest(4, 12), robots)
    text = render_dry_run(outgoing)
    assert robots_server.received == []
    lines = text.splitlines()
    assert lines[0] == "【预演】以下消息不会发送。"
    wecom_count = len(outgoing[0].messages)
    assert (
        lines[1]
        == f"== 机器人「测试wecom」（企业微信，{robots_server.base}/wecom/send?key=693a****，未加签）：共 {wecom_count} 条 =="
    )
    assert (
        f"== 机器人「测试feishu」（飞书，{robots_server.base}/feishu/hook/5e3d****，加签（发送时在请求体中加 timestamp（秒）和 sign 字段））：共 2 条 =="
        in lines
    )
    # each message's JSON, parsed back, is the payload post() sends
    bodies = re.split(r"^-- 第 \d+/\d+ 条（.* \d+ 字节，上限 \d+）--$|^== .* ==$", text, flags=re.M)
    shown = [json.loads(b) for b in bodies if b.strip().startswith("{")]
    assert shown == [m.payload for entry in outgoing for m in entry.messages]
    assert (
        f"-- 第 1/{wecom_count} 条（markdown 内容 {outgoing[0].messages[0].size} 字节，上限 4096）--" in lines
    )
    assert f"-- 第 2/2 条（请求体（含签名预留） {outgoing[1].messages[1].size} 字节，上限 20000）--" in lines


def test_the_robots_library_starts_light() -> None:
    # `cgtask remind` should not pay for pydantic, typer's rich help or YAML just to post JSON.
    script = "import sys, json, cgtask.publish.robots; print(json.dumps(sorted(sys.modules)))"
    loaded = set(
        json.loads(
            subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
        )
    )
    assert not {"pydantic", "typer", "rich", "ruamel.yaml", "jinja2", "docx", "openpyxl"} & loaded


# --- configuration --------------------------------------------------------------------------------

WECOM_URL = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WECOM_KEY}"
DING_URL = f"https://oapi.dingtalk.com/robot/send?access_token={DING_TOKEN}"
FEISHU_URL = f"https://open.feishu.cn/open-apis/bot/v2/hook/{FEISHU_HOOK}"


def _secrets_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / ".cgtask-robots.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_urls_from_the_command_line_take_their_kind_from_the_host() -> None:
    env = {"CGTASK_DINGTALK_SECRET": DING_SECRET}
    robots = load_webhooks([WECOM_URL, f"监督科群={DING_URL}"], [], env, None)
    assert robots == [
        Webhook("wecom", WECOM_URL, None, "企业微信机器人1"),
        Webhook("dingtalk", DING_URL, DING_SECRET, "监督科群"),
    ]


def test_env_spec_reads_url_and_its_own_secret() -> None:
    env = {"JDK_ROBOT": FEISHU_URL, "JDK_ROBOT_SECRET": "own", "CGTASK_FEISHU_SECRET": "shared"}
    [robot] = load_webhooks(["env:JDK_ROBOT"], ["飞书"], env, None)
    assert robot == Webhook("feishu", FEISHU_URL, "own", "JDK_ROBOT")


def test_the_local_file_names_robots(tmp_path: Path) -> None:
    path = _secrets_file(
        tmp_path,
        f"""
[robots."监督科群"]
kind = "dingtalk"
url = "{DING_URL}"
secret = "{DING_SECRET}"

[robots."政务微信群"]
kind = "政务微信"
url = "https://wx.gov.example.cn/cgi-bin/webhook/send?key=abc123"
""",
    )
    [robot] = load_webhooks(["robot:监督科群"], [], {}, path)
    assert robot == Webhook("dingtalk", DING_URL, DING_SECRET, "监督科群")
    defaults = load_webhooks([], [], {"CGTASK_WEBHOOK_WECOM": WECOM_URL}, path)
    assert [(r.name, r.kind) for r in defaults] == [
        ("CGTASK_WEBHOOK_WECOM", "wecom"),
        ("监督科群", "dingtalk"),
        ("政务微信群", "wecom"),
    ]
    only_wecom = load_webhooks([], ["wecom"], {"CGTASK_WEBHOOK_WECOM": WECOM_URL}, path)
    assert [r.name for r in only_wecom] == ["CGTASK_WEBHOOK_WECOM", "政务微信群"]
    with pytest.raises(RobotConfigError, match="已配置的机器人中没有飞书机器人"):
        load_webhooks([], ["feishu"], {}, path)


def test_kinds_pair_with_robots_in_order() -> None:
    robots = load_webhooks(
        ["http://10.1.2.3/a?key=k1", "http://10.1.2.3/b?key=k2"], ["wecom", "dingtalk"], {}, None
    )
    assert [r.kind for r in robots] == ["wecom", "dingtalk"]


@pytest.mark.parametrize(
    ("specs", "kinds", "env", "message"),
    [
        ([WECOM_URL], ["weixin"], {}, "不认识的机器人种类「weixin」；可用：wecom（企业微信/政务微信）"),
        ([DING_URL], ["wecom"], {}, "机器人种类前后矛盾（企业微信、钉钉）"),
        (
            ["http://10.1.2.3/robot?key=k"],
            [],
            {},
            "无法从地址 http://10.1.2.3/robot?key=**** 判断机器人种类，请用 --kind 指明",
        ),
        (["env:MISSING"], [], {}, "--webhook env:MISSING：环境变量 MISSING 未设置或为空"),
        (["env:W"], [], {"W": WECOM_URL, "W_SECRET": "x"}, "企业微信群机器人不支持加签"),
        ([WECOM_URL, DING_URL, FEISHU_URL], ["wecom", "dingtalk"], {}, "给了 3 个机器人和 2 个 --kind"),
        ([WECOM_URL, f"副本={WECOM_URL}"], [], {}, "机器人「企业微信机器人1」和「副本」是同一个地址"),
        (["ftp://qyapi.weixin.qq.com/x"], [], {}, "不是有效的 http(s) 地址"),
        ([], [], {}, "没有可发送的机器人：请用 --webhook 指定地址，或设置环境变量 CGTASK_WEBHOOK_WECOM"),
        (["robot:监督科群"], [], {}, "没有机器人配置文件（.cgtask-robots.toml）"),
    ],
)
def test_bad_configuration_is_explained(
    specs: list[str], kinds: list[str], env: dict[str, str], message: str
) -> None:
    with pytest.raises(RobotConfigError) as caught:
        load_webhooks(specs, kinds, env, None)
    assert message in caught.value.spelled(flag)  # as the command line prints it
    assert not re.search(r"(?<![\w-])--[a-z]", str(caught.value))  # the library names parameters
    assert isinstance(caught.value, UsageError)
    assert caught.value.exit_code == 2
    assert WECOM_KEY not in str(caught.value)
    assert DING_TOKEN not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "spec", "message"),
    [
        ('[robots."群"\nurl = 1', "robot:群", "的 TOML 格式有误"),
        ('[robots.监督科群]\nurl = "x"', "robot:监督科群", '；中文名称须加引号，如 [robots."监督科群"]'),
        (
            f'[robots."群"]\nurl = "{WECOM_URL}"\ntoken = "x"\n',
            "robot:群",
            "[robots.群]：不认识的键 token；可用的键：url、kind、secret",
        ),
        ('[robots."群"]\nkind = "wecom"\n', "robot:群", "[robots.群]：缺少 url"),
        (
            f'[robot."群"]\nurl = "{WECOM_URL}"\n',
            "robot:群",
            "不认识的配置项 robot；机器人写在 [robots.名称] 下",
        ),
        (f'[robots."甲"]\nurl = "{WECOM_URL}"\n', "robot:乙", "中没有机器人「乙」；已配置的有：甲"),
    ],
)
def test_bad_secrets_file_is_explained(tmp_path: Path, text: str, spec: str, message: str) -> None:
    with pytest.raises(RobotConfigError, match=re.escape(message)):
        load_webhooks([spec], [], {}, _secrets_file(tmp_path, text))


def test_a_missing_secrets_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(RobotConfigError, match="找不到机器人配置文件"):
        load_webhooks([], [], {}, tmp_path / "nope.toml")


def test_the_signature_uses_the_given_clock(robots_server: RobotServer, robots_sleeps: list[float]) -> None:
    # Two hours ago is outside 钉钉's one-hour window, so the real check must refuse it.
    stale = _fast_post(
        build_messages(_small_digest(), "dingtalk"),
        _robot(robots_server, "dingtalk"),
        robots_sleeps,
        clock=lambda: time.time() - 7200,
    )
    assert (
        stale.reason
        == "钉钉返回错误码 310000（timestamp invalid）：安全设置校验未通过：加签密钥、自定义关键词或 IP 白名单不符"
    )


def test_a_daily_duty_due_soon_counts_the_days_after_it() -> None:
    """行为规范督察 is owed every day: the reminder says how many more days fall due, never 期."""
    from datetime import date

    from cgtask.api import open_registry
    from cgtask.publish.reminder_data import reminder_digest
    from cgtask.queries.years import year_context

    as_of = date(2022, 3, 31)
    digest = reminder_digest(year_context(open_registry(), day=as_of), as_of, 3)
    said = [
        item.requirement for unit in digest.units for item in unit.due_soon if item.title == "行为规范督察"
    ]
    assert any("（此后6天也将到期）" in text for text in said)  # 1 April to 6 April, 7 days from 31 March
    assert not any("期也将到期" in text for text in said)

r"""The three group-robot platforms: markup, request shape, size limit, signature and error codes.

Sources checked through the search tool (December 2026); third-party copies of the official pages
are named where that is what was read:

* 企业微信/政务微信 群机器人配置说明 (developer.work.weixin.qq.com/document/path/91770, as quoted in
  cnblogs.com/saplh/p/archive/2021/10/08 and blog.csdn.net/liuxingxing_star/article/details/128659150):
  body ``{"msgtype": "markdown", "markdown": {"content": …}}``; "markdown内容，最长不超过4096个字节，
  必须是utf8编码"; markdown subset: headings, bold, links, quotes, ``<font color="info|comment|warning">``;
  no signing (the key in the URL is the credential); 20 messages a minute per robot
  (skills.sh/ajaxhe/wecom-bot-skill). Error codes seen in the wild: 40058 "markdown.content exceed max
  length 4096" (github.com/RayWangQvQ/BiliBiliToolPro/issues/702), 93000 "invalid webhook url"
  (github.com/wes-lin/Cloud189Checkin/issues/175), and 45009 "api freq out of limit", the WeChat
  family's throttling code (seen for 公众号 APIs; not re-checked for the robot).
* 钉钉 自定义机器人接入 / 安全设置 (open.dingtalk.com/document/robots/custom-robot-access, as quoted in
  blog.csdn.net/weixin_43564241/article/details/139138811 and …/weixin_31560545/article/details/116255918):
  ``{"msgtype": "markdown", "markdown": {"title": …, "text": …}}``, the title being what the chat list
  shows; 加签: ``timestamp`` in milliseconds, ``sign`` = urlEncode(Base64(HmacSHA256(key=secret,
  msg=timestamp + "\n" + secret))), both appended to the webhook URL; 20 messages a minute, then
  throttled for 10 minutes with errcode 130101 "send too fast" (blog.csdn.net/jialiuyang/article/details/
  118615052); 310000 "sign not match" when the signature, keyword or IP check fails; 300001 "token is
  not exist" (github.com/timonwong/prometheus-webhook-dingtalk/issues/91). The 20000-byte cap on the
  request is our margin, not a documented limit.
* 飞书 自定义机器人使用指南 (open.larkoffice.com/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN, the
  official page): "请求体的数据大小不能超过 20 KB"; 100 requests a minute and 5 a second per robot,
  11232 when throttled; 签名校验: ``timestamp`` in seconds and ``sign`` = Base64(HmacSHA256(key=
  timestamp + "\n" + secret, msg=empty)) placed in the JSON body (blog.csdn.net/zhanglili1993/article/
  details/136473704 shows the key/message order that trips people up); 19021 when the signature fails,
  19022 IP, 19024 keyword, 9499 a bad request (blog.csdn.net/qq_43108153/article/details/136166075).
  A card is ``{"msg_type": "interactive", "card": {"header": …, "elements": [{"tag": "div", "text":
  {"tag": "lark_md", …}}]}}`` (open.larkoffice.com/document/uAjLw4CM/ukTMukTMukTM/reference/im-v1/
  message-card/overview).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from cgtask.publish.robots.digest import STATUS_WORDS, Status

Payload = dict[str, Any]


@dataclass(frozen=True)
class Line:
    """One line of a reminder: its status (the colour it is shown in) and its text."""

    status: Status
    body: str


@dataclass(frozen=True)
class Group:
    """Lines under one group heading (逾期及未完成 / 即将到期); ``continued`` after a split."""

    name: str
    continued: bool
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Section:
    """One 科室/中队 inside one message; ``continued`` when the unit began in the previous message."""

    unit: str
    continued: bool
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Draft:
    """A message before markup: its title (with （1/3） when split), the summary line, the sections."""

    title: str
    summary: str
    sections: tuple[Section, ...]

    @property
    def urgent(self) -> bool:
        """Whether any line is overdue or close to due, so the message is marked urgent."""
        return any(
            line.status in ("red", "yellow") for s in self.sections for g in s.groups for line in g.lines
        )


def encode_body(payload: Payload) -> bytes:
    """The exact bytes sent: UTF-8 JSON, Chinese unescaped (so sizes are measured as sent)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _hmac_base64(key: str, message: str) -> str:
    digest = hmac.new(key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def _continued(name: str, continued: bool) -> str:
    if not continued:
        return name
    # 即将到期（3个工作日内） → 即将到期（3个工作日内，续）, not two brackets in a row
    return f"{name[:-1]}，续）" if name.endswith("）") else f"{name}（续）"


class Platform(ABC):
    """One robot platform: its markup, its size limit and what it counts, its signature and error codes."""

    kind: str
    label: str
    limit: int
    # What :meth:`measure` counts, for people reading a dry run.
    measured: str
    # Codes that mean "try again later" rather than "this request is wrong".
    retry_codes: frozenset[int]
    hints: Mapping[int, str]

    @abstractmethod
    def payload(self, draft: Draft) -> Payload:
        """The request body that carries ``draft`` in this platform's markup."""

    @abstractmethod
    def measure(self, payload: Payload) -> int:
        """The size the platform's limit applies to, in bytes."""

    def sign(self, url: str, payload: Payload, secret: str | None, now: float) -> tuple[str, Payload]:
        """The URL and payload to send, with the signature the platform wants when a secret is set."""
        return url, payload

    def failure(self, reply: Mapping[str, Any]) -> tuple[int, str] | None:
        """(code, message) when a 200 reply still reports an error, else None."""
        # 企业微信 and 钉钉 both answer {"errcode": 0, "errmsg": "ok"}; 飞书 has its own shapes.
        code = reply.get("errcode")
        if not isinstance(code, int) or code == 0:
            return None
        message = reply.get("errmsg") or reply.get("msg") or ""
        return code, str(message)


class Wecom(Platform):
    """企业微信 (and 政务微信): markdown with coloured status words, at most 4096 bytes of content."""

    kind = "wecom"
    label = "企业微信"
    limit = 4096
    measured = "markdown 内容"
    retry_codes = frozenset({-1, 45009})
    hints: Mapping[int, str] = {
        93000: "机器人地址无效，可能已被移出群聊",
        40058: "消息内容超过 4096 字节上限",
        45009: "发送过于频繁（每个机器人每分钟最多 20 条）",
        -1: "企业微信系统繁忙",
    }
    _colours: Mapping[Status, str] = {
        "red": "warning",
        "yellow": "warning",
        "blue": "info",
        "due_soon": "info",
    }

    def payload(self, draft: Draft) -> Payload:
        """A markdown message with the draft as its content."""
        return {"msgtype": "markdown", "markdown": {"content": self.content(draft)}}

    def content(self, draft: Draft) -> str:
        """The draft in 企业微信 markdown: headings per unit, bold groups, coloured lines."""
        out = [f"## {draft.title}", f'<font color="comment">{draft.summary}</font>']
        for section in draft.sections:
            out += ["", f"### {_continued(section.unit, section.continued)}"]
            for group in section.groups:
                out.append(f"**{_continued(group.name, group.continued)}**")
                out += [self._line(line) for line in group.lines]
        return "\n".join(out)

    def _line(self, line: Line) -> str:
        word = STATUS_WORDS[line.status]
        return f'<font color="{self._colours[line.status]}">【{word}】</font>{line.body}'

    def measure(self, payload: Payload) -> int:
        """The bytes of the markdown content, which the 4096-byte limit applies to."""
        return len(payload["markdown"]["content"].encode("utf-8"))


class DingTalk(Platform):
    """钉钉: markdown without colour, at most 20,000 bytes of request body, signed in the URL."""

    kind = "dingtalk"
    label = "钉钉"
    limit = 20000
    measured = "请求体"
    retry_codes = frozenset({-1, 130101})
    hints: Mapping[int, str] = {
        310000: "安全设置校验未通过：加签密钥、自定义关键词或 IP 白名单不符",
        300001: "access_token 无效，机器人可能已被移除",
        130101: "发送过于频繁（每个机器人每分钟最多 20 条，超限后限流 10 分钟）",
        -1: "钉钉系统繁忙",
    }

    def payload(self, draft: Draft) -> Payload:
        """A markdown message with the draft's title and text."""
        return {"msgtype": "markdown", "markdown": {"title": draft.title, "text": self.text(draft)}}

    def text(self, draft: Draft) -> str:
        """The draft in 钉钉 markdown: bold groups and list items, status words in bold."""
        # 钉钉 markdown has no colour and joins single newlines, so groups are bold paragraphs and
        # lines are list items; the status word is bold instead of coloured.
        out = [f"### {draft.title}", "", draft.summary]
        for section in draft.sections:
            out += ["", f"#### {_continued(section.unit, section.continued)}"]
            for group in section.groups:
                out += ["", f"**{_continued(group.name, group.continued)}**", ""]
                out += [f"- **【{STATUS_WORDS[line.status]}】**{line.body}" for line in group.lines]
        return "\n".join(out)

    def measure(self, payload: Payload) -> int:
        """The bytes of the whole request body."""
        return len(encode_body(payload))

    def sign(self, url: str, payload: Payload, secret: str | None, now: float) -> tuple[str, Payload]:
        """The URL with ``timestamp`` and ``sign`` added when a secret is set."""
        if not secret:
            return url, payload
        timestamp = str(round(now * 1000))
        signature = _hmac_base64(secret, f"{timestamp}\n{secret}")
        return _with_query(url, {"timestamp": timestamp, "sign": signature}), payload


class Feishu(Platform):
    """飞书: an interactive card, at most 20 KB of request body, signed in the body."""

    kind = "feishu"
    label = "飞书"
    # The documented cap is 20 KB of request body; the signature fields are added after measuring,
    # so they are reserved here: "timestamp" (10 digits) and "sign" (44 base64 characters) + JSON.
    limit = 20000
    sign_reserve = 80
    measured = "请求体（含签名预留）"
    retry_codes = frozenset({11232})
    hints: Mapping[int, str] = {
        19021: "签名校验失败：密钥不符，或本机时间与标准时间相差超过 1 小时",
        19022: "本机 IP 不在机器人的 IP 白名单内",
        19024: "消息不含机器人设置的自定义关键词",
        9499: "请求格式错误或超过 20 KB",
        11232: "发送过于频繁（每个机器人每分钟最多 100 次、每秒 5 次）",
    }
    _colours: Mapping[Status, str | None] = {"red": "red", "yellow": "red", "blue": None, "due_soon": None}

    def payload(self, draft: Draft) -> Payload:
        """An interactive card: the summary, then one block per unit; a red header when urgent."""
        elements: list[Payload] = [_lark_div(draft.summary)]
        for section in draft.sections:
            elements += [{"tag": "hr"}, _lark_div(self.section_text(section))]
        header = {
            "title": {"tag": "plain_text", "content": draft.title},
            "template": "red" if draft.urgent else "blue",
        }
        return {
            "msg_type": "interactive",
            "card": {"config": {"wide_screen_mode": True}, "header": header, "elements": elements},
        }

    def section_text(self, section: Section) -> str:
        """One unit's block of the card in 飞书 markdown."""
        out = [f"**{_continued(section.unit, section.continued)}**"]
        for group in section.groups:
            out.append(f"**{_continued(group.name, group.continued)}**")
            out += [self._line(line) for line in group.lines]
        return "\n".join(out)

    def _line(self, line: Line) -> str:
        word = f"【{STATUS_WORDS[line.status]}】"
        colour = self._colours[line.status]
        return f"<font color='{colour}'>{word}</font>{line.body}" if colour else f"{word}{line.body}"

    def measure(self, payload: Payload) -> int:
        """The bytes of the request body, plus room for the signature fields added after measuring."""
        return len(encode_body(payload)) + self.sign_reserve

    def failure(self, reply: Mapping[str, Any]) -> tuple[int, str] | None:
        """(code, message) when the reply reports an error, in either of the two reply shapes."""
        # Older deployments answer {"StatusCode": 0, "StatusMessage": "success"} without "code".
        code = reply.get("code", reply.get("StatusCode"))
        if not isinstance(code, int) or code == 0:
            return None
        return code, str(reply.get("msg") or reply.get("StatusMessage") or "")

    def sign(self, url: str, payload: Payload, secret: str | None, now: float) -> tuple[str, Payload]:
        """The payload with ``timestamp`` and ``sign`` added when a secret is set."""
        if not secret:
            return url, payload
        timestamp = str(int(now))
        digest = hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256).digest()
        return url, {"timestamp": timestamp, "sign": base64.b64encode(digest).decode("ascii"), **payload}


def _lark_div(content: str) -> Payload:
    return {"tag": "div", "text": {"tag": "lark_md", "content": content}}


def _with_query(url: str, extra: Mapping[str, str]) -> str:
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query, keep_blank_values=True), *extra.items()]
    return urlunsplit(parts._replace(query=urlencode(query)))


PLATFORMS: Mapping[str, Platform] = {p.kind: p for p in (Wecom(), DingTalk(), Feishu())}
KINDS = tuple(PLATFORMS)


def platform(kind: str) -> Platform:
    """The platform of a robot ``kind`` (wecom, dingtalk or feishu)."""
    return PLATFORMS[kind]

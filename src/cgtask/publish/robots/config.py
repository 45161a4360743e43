"""Where robot addresses and secrets come from: the command line, the environment, or a local file.

Never from the registry: the registry is shared through git, and a webhook URL or secret in it
would let anyone who can read the repository post to the group. The scheme:

* ``--webhook`` takes ``URL``, ``env:VAR`` (the URL is in environment variable VAR, its secret in
  ``VAR_SECRET`` if set) or ``robot:NAME`` (robot NAME of the local file); any form may start with
  ``名称=`` to name the robot in reports (``监督科群=env:JDK_ROBOT``).
* ``--kind`` once for every robot, once per robot in order, or not at all when the URL's host
  (qyapi.weixin.qq.com, oapi.dingtalk.com, open.feishu.cn) or the file says it.
* Without ``--webhook``: every robot of ``CGTASK_WEBHOOK_WECOM``, ``CGTASK_WEBHOOK_DINGTALK``,
  ``CGTASK_WEBHOOK_FEISHU`` and of the local file; ``--kind`` then keeps only robots of those kinds.
* A 钉钉 or 飞书 robot with 加签/签名校验 and no secret of its own takes ``CGTASK_DINGTALK_SECRET`` or
  ``CGTASK_FEISHU_SECRET``.
* The local file (default ``.cgtask-robots.toml``, kept out of git) holds ``[robots.NAME]`` tables
  with ``url``, optional ``kind``, optional ``secret`` and optional ``units`` (a list of 科室/中队: that
  group receives only their items, e.g. ``units = ["罗店镇中队"]`` for the 中队's own group).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cgtask.errors import UsageError, param
from cgtask.publish.robots.hosts import DOCUMENTED_HOSTS, may_sign_for, tracked_by_git
from cgtask.publish.robots.platforms import KINDS, platform
from cgtask.publish.robots.webhook import Webhook, mask_url

SECRETS_FILE_NAME = ".cgtask-robots.toml"
DEFAULT_URL_VARS = {kind: f"CGTASK_WEBHOOK_{kind.upper()}" for kind in KINDS}
DEFAULT_SECRET_VARS = {"dingtalk": "CGTASK_DINGTALK_SECRET", "feishu": "CGTASK_FEISHU_SECRET"}
_KIND_ALIASES = {
    **{kind: kind for kind in KINDS},
    "企业微信": "wecom",
    "政务微信": "wecom",
    "钉钉": "dingtalk",
    "飞书": "feishu",
    "lark": "feishu",
}
_KNOWN_HOSTS = DOCUMENTED_HOSTS
_FILE_KEYS = ("url", "kind", "secret", "units")


class RobotConfigError(UsageError):
    """A robot address, kind or secret that cannot be used; the message says which and how to fix it."""


@dataclass(frozen=True)
class _Source:
    """A robot as found, before its kind is settled: ``origin`` says where, for error messages."""

    name: str | None
    url: str
    secret: str | None
    kind: str | None
    origin: str
    units: tuple[str, ...] = ()


def load_webhooks(
    specs: Sequence[str], kinds: Sequence[str], env: Mapping[str, str], secrets_file: Path | None
) -> list[Webhook]:
    """The robots to send to, in order; raises :class:`RobotConfigError` with a Chinese message."""
    file_robots = _read_secrets_file(secrets_file) if secrets_file is not None else {}
    wanted_kinds = [_kind_name(k) for k in kinds]
    if specs:
        settled = _settle_kinds(
            [_from_spec(spec, env, file_robots, secrets_file) for spec in specs], wanted_kinds
        )
    else:
        # Without --webhook, --kind picks among the configured robots instead of relabelling them.
        settled = _only_kinds(_settle_kinds(_defaults(env, file_robots), []), wanted_kinds)
    webhooks = [_webhook(source, kind, number, env) for number, (source, kind) in enumerate(settled, start=1)]
    _reject_duplicates(webhooks)
    return webhooks


# --- sources --------------------------------------------------------------------------------------


def _split_name(spec: str) -> tuple[str | None, str]:
    """``名称=来源`` → (名称, 来源); a URL's own ``=`` (``?key=…``) comes after a ``:`` and is left alone."""
    head, sep, rest = spec.partition("=")
    if sep and head.strip() and not any(c in head for c in ":/?"):
        return head.strip(), rest.strip()
    return None, spec.strip()


def _from_spec(
    spec: str, env: Mapping[str, str], file_robots: Mapping[str, _Source], secrets_file: Path | None
) -> _Source:
    name, source = _split_name(spec)
    if source.startswith("env:"):
        var = source[4:].strip()
        url = env.get(var, "").strip()
        if not var or not url:
            raise RobotConfigError(f"{param('webhooks')} {spec}：环境变量 {var or '（空）'} 未设置或为空")
        return _Source(name or var, url, env.get(f"{var}_SECRET") or None, None, f"环境变量 {var}")
    if source.startswith("robot:"):
        wanted = source[6:].strip()
        if secrets_file is None:
            raise RobotConfigError(
                f"{param('webhooks')} {spec}：没有机器人配置文件（{SECRETS_FILE_NAME}），无从查找「{wanted}」"
            )
        if wanted not in file_robots:
            known = "、".join(file_robots) or "（无）"
            raise RobotConfigError(
                f"{param('webhooks')} {spec}：{secrets_file} 中没有机器人「{wanted}」；已配置的有：{known}"
            )
        found = file_robots[wanted]
        return _Source(name or found.name, found.url, found.secret, found.kind, found.origin, found.units)
    return _Source(name, source, None, None, param("webhooks"))


def _defaults(env: Mapping[str, str], file_robots: Mapping[str, _Source]) -> list[_Source]:
    sources = [
        _Source(var, env[var].strip(), None, kind, f"环境变量 {var}")
        for kind, var in DEFAULT_URL_VARS.items()
        if env.get(var, "").strip()
    ]
    sources += file_robots.values()
    if not sources:
        variables = "、".join(DEFAULT_URL_VARS.values())
        raise RobotConfigError(
            f"没有可发送的机器人：请用 {param('webhooks')} 指定地址，或设置环境变量 {variables}，或在 {SECRETS_FILE_NAME} 中配置"
        )
    return sources


def _read_secrets_file(path: Path) -> dict[str, _Source]:
    if tracked_by_git(path):
        raise RobotConfigError(
            f"机器人配置文件 {path} 已提交到 git 仓库：能改仓库的人都能改发送地址，不予使用；"
            f"请移出仓库（git rm --cached {path.name}），或用环境变量、{param('webhooks')} 指定机器人"
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RobotConfigError(f"找不到机器人配置文件 {path}") from None
    except UnicodeDecodeError:
        raise RobotConfigError(f"{path} 不是 UTF-8 编码，请另存为 UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        # TOML's bare keys are ASCII only, so a Chinese robot name without quotes is the usual slip.
        hint = '；中文名称须加引号，如 [robots."监督科群"]' if "key" in str(exc) else ""
        raise RobotConfigError(f"{path} 的 TOML 格式有误{_toml_place(str(exc))}{hint}") from None
    except RecursionError:
        raise RobotConfigError(f"{path} 的嵌套层级过深，不是机器人配置") from None
    except OSError as exc:
        raise RobotConfigError(f"无法读取 {path}：{exc.strerror or exc}") from None
    extra = sorted(set(data) - {"robots"})
    if extra:
        raise RobotConfigError(f"{path}：不认识的配置项 {'、'.join(extra)}；机器人写在 [robots.名称] 下")
    robots = data.get("robots", {})
    if not isinstance(robots, dict):
        raise RobotConfigError(f"{path}：robots 应是表，每个机器人写成 [robots.名称]")
    return {name: _file_robot(path, name, entry) for name, entry in robots.items()}


def _toml_place(message: str) -> str:
    """Where tomllib's English message says the error is, in Chinese (its wording is left out)."""
    found = re.search(r"at line (\d+), column (\d+)", message)
    if found:
        return f"（第 {found.group(1)} 行第 {found.group(2)} 列）"
    return "（文件末尾，可能缺少右括号或引号）" if "end of document" in message else ""


def _file_robot(path: Path, name: str, entry: Any) -> _Source:
    where = f"{path} 的 [robots.{name}]"
    if not isinstance(entry, dict):
        raise RobotConfigError(f"{where}：应是表，含 url，可选 kind、secret、units")
    unknown = sorted(set(entry) - set(_FILE_KEYS))
    if unknown:
        raise RobotConfigError(f"{where}：不认识的键 {'、'.join(unknown)}；可用的键：{'、'.join(_FILE_KEYS)}")
    units = _file_units(where, entry.get("units"))
    values = {key: entry.get(key) for key in _FILE_KEYS if key != "units"}
    for key, value in values.items():
        if value is not None and not isinstance(value, str):
            raise RobotConfigError(f"{where}：{key} 应是字符串")
    if not values["url"]:
        raise RobotConfigError(f"{where}：缺少 url")
    kind = _kind_name(values["kind"]) if values["kind"] else None
    return _Source(name, values["url"].strip(), values["secret"] or None, kind, where, units)


def _file_units(where: str, value: Any) -> tuple[str, ...]:
    """``units = ["罗店镇中队"]``: the 科室/中队 whose items the group receives (checked against the registry later)."""
    if value is None:
        return ()
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise RobotConfigError(f'{where}：units 应是非空的科室或中队名称列表，如 units = ["罗店镇中队"]')
    return tuple(dict.fromkeys(v.strip() for v in value))


# --- kinds and checks -----------------------------------------------------------------------------


def _kind_name(text: str) -> str:
    kind = _KIND_ALIASES.get(text.strip().lower()) or _KIND_ALIASES.get(text.strip())
    if kind is None:
        raise RobotConfigError(
            f"不认识的机器人种类「{text}」；可用：wecom（企业微信/政务微信）、dingtalk（钉钉）、feishu（飞书）"
        )
    return kind


def _settle_kinds(sources: list[_Source], kinds: list[str]) -> list[tuple[_Source, str]]:
    if len(kinds) not in (0, 1, len(sources)):
        raise RobotConfigError(
            f"给了 {len(sources)} 个机器人和 {len(kinds)} 个 {param('kinds')}：{param('kinds')} 应给一次（全部适用）或每个机器人一次"
        )
    settled = []
    for index, source in enumerate(sources):
        given = kinds[index] if len(kinds) == len(sources) else (kinds[0] if kinds else None)
        settled.append((source, _kind_of(source, given)))
    return settled


def _only_kinds(settled: list[tuple[_Source, str]], kinds: list[str]) -> list[tuple[_Source, str]]:
    if not kinds:
        return settled
    kept = [(source, kind) for source, kind in settled if kind in kinds]
    if not kept:
        labels = "、".join(platform(k).label for k in dict.fromkeys(kinds))
        raise RobotConfigError(f"已配置的机器人中没有{labels}机器人；请用 {param('webhooks')} 指定地址")
    return kept


def _kind_of(source: _Source, given: str | None) -> str:
    from_host = _KNOWN_HOSTS.get((urlsplit(source.url).hostname or "").lower())
    stated = [k for k in (given, source.kind, from_host) if k]
    if not stated:
        raise RobotConfigError(
            f"{source.origin}：无法从地址 {mask_url(source.url)} 判断机器人种类，请用 {param('kinds')} 指明（wecom、dingtalk、feishu）"
        )
    if len(set(stated)) > 1:
        labels = "、".join(platform(k).label for k in dict.fromkeys(stated))
        raise RobotConfigError(
            f"{source.origin}：机器人种类前后矛盾（{labels}），地址为 {mask_url(source.url)}"
        )
    return stated[0]


def _webhook(source: _Source, kind: str, number: int, env: Mapping[str, str]) -> Webhook:
    _check_url(source)
    secret = source.secret
    if secret is None and kind in DEFAULT_SECRET_VARS and may_sign_for(source.url, kind, env):
        # the shared secret signs only for the platform's own hosts (or those the operator lists)
        secret = env.get(DEFAULT_SECRET_VARS[kind]) or None
    if secret is not None and kind == "wecom":
        raise RobotConfigError(
            f"{source.origin}：企业微信群机器人不支持加签，请去掉它的密钥（地址本身即凭据，请妥善保管）"
        )
    name = source.name or f"{platform(kind).label}机器人{number}"
    secret = secret.strip() if secret else None
    return Webhook(kind=kind, url=source.url, secret=secret, name=name, units=source.units)


def _check_url(source: _Source) -> None:
    parts = urlsplit(source.url)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in source.url):
        raise RobotConfigError(f"{source.origin}：{mask_url(source.url)} 不是有效的 http(s) 地址")


def _reject_duplicates(webhooks: list[Webhook]) -> None:
    seen: dict[str, str] = {}
    for webhook in webhooks:
        if webhook.url in seen:
            raise RobotConfigError(
                f"机器人「{seen[webhook.url]}」和「{webhook.name}」是同一个地址（{webhook.masked_url}），会重复发送"
            )
        seen[webhook.url] = webhook.name

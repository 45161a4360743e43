"""A robot's address and secret, and the masked form that is the only one ever shown or logged.

A webhook URL is itself a credential (企业微信's ``key``, 钉钉's ``access_token``, 飞书's hook id):
anyone holding it can post to the group. So every message, log line and ``repr`` uses
:func:`mask_url`, and the secret never leaves this object except to compute a signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from cgtask.publish.robots.platforms import KINDS

_VISIBLE = 4
# A path segment this long with a digit in it is a token (飞书's hook id), not a word like "send".
_TOKEN_SEGMENT = 16


def _mask(value: str) -> str:
    # At most a quarter shows, so even a short token stays unguessable.
    return value[: min(_VISIBLE, len(value) // 4)] + "****" if value else value


def _is_token(segment: str) -> bool:
    return len(segment) >= _TOKEN_SEGMENT and any(c.isdigit() for c in segment)


def mask_url(url: str) -> str:
    """The URL with every query value and token-like path segment cut to four characters and ****."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: show none rather than fail while reporting
        port = None
    netloc = f"{host}:{port}" if port else host  # drops any user:password@
    path = "/".join(_mask(s) if _is_token(s) else s for s in parts.path.split("/"))
    query = "&".join(f"{key}={_mask(value)}" for key, value in parse_qsl(parts.query, keep_blank_values=True))
    return urlunsplit((parts.scheme, netloc, path, query, ""))


@dataclass(frozen=True)
class Webhook:
    """One group robot: ``kind`` is wecom, dingtalk or feishu; ``name`` is how reports call it.

    ``units``: the 科室/中队 whose items this group receives (a 中队's own group); empty for every one.
    """

    kind: str
    url: str = field(repr=False)
    secret: str | None = field(repr=False)
    name: str
    units: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown robot kind {self.kind!r}; expected one of {', '.join(KINDS)}")

    @property
    def masked_url(self) -> str:
        """The URL with its key masked, for reports and logs."""
        return mask_url(self.url)

    def scrub(self, text: str) -> str:
        """``text`` (an error from the server or the network) with the secret and URL tokens masked."""
        for value in self._credentials():
            text = text.replace(value, _mask(value))
        return text

    def _credentials(self) -> list[str]:
        parts = urlsplit(self.url)
        found = [value for _, value in parse_qsl(parts.query) if value]
        found += [s for s in parts.path.split("/") if _is_token(s)]
        if self.secret:
            found.append(self.secret)
        # Longest first, so a value that contains another is masked whole.
        return sorted(set(found), key=len, reverse=True)

    def __repr__(self) -> str:
        signed = "加签" if self.secret else "未加签"
        return f"Webhook(kind={self.kind!r}, name={self.name!r}, url={self.masked_url!r}, {signed})"

"""Which hosts may receive a message, and which robots files may be trusted.

A robots file committed to a repository can be changed by anyone who can push to it; CI runs
``cgtask remind`` in that repository with the platforms' signing secrets in its environment. So a
tracked robots file is refused outright, and a secret from the environment signs only messages to
the platform's documented hosts, or to hosts the operator lists in ``CGTASK_ROBOT_HOSTS`` (outside
the repository). A URL given on the command line, in an environment variable or in an untracked
local file was named by the operator.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

# The hosts each platform documents for its group robots.
DOCUMENTED_HOSTS = {
    "qyapi.weixin.qq.com": "wecom",
    "oapi.dingtalk.com": "dingtalk",
    "open.feishu.cn": "feishu",
    "open.larksuite.com": "feishu",
}
OPERATOR_HOSTS_VAR = "CGTASK_ROBOT_HOSTS"


def host_of(url: str) -> str:
    """The host a URL sends to, lower-cased ('' when it names none)."""
    return (urlsplit(url).hostname or "").lower()


def operator_hosts(env: Mapping[str, str]) -> frozenset[str]:
    """Hosts the operator allows besides the documented ones: ``CGTASK_ROBOT_HOSTS=a.gov.cn,b.gov.cn``."""
    text = env.get(OPERATOR_HOSTS_VAR, "")
    return frozenset(part.strip().lower() for part in text.replace("，", ",").split(",") if part.strip())


def may_sign_for(url: str, kind: str, env: Mapping[str, str]) -> bool:
    """Whether a secret from the environment may sign a message to ``url`` (a robot of ``kind``)."""
    host = host_of(url)
    return DOCUMENTED_HOSTS.get(host) == kind or host in operator_hosts(env)


def tracked_by_git(path: Path) -> bool:
    """Whether ``path`` is a file git tracks in the repository it sits in (False without git)."""
    path = Path(path).resolve()
    if shutil.which("git") is None or not any((parent / ".git").exists() for parent in path.parents):
        return False
    try:
        done = subprocess.run(
            ["git", "-C", str(path.parent), "ls-files", "--error-unmatch", "--", path.name],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0

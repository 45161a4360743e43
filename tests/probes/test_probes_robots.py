"""Probes: secrets stay where meant.

A robots file committed to git is refused, the shared secret signs only for the platform's own hosts, a
redirect is not followed, a reply is read up to 1 MB.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cgtask.publish.robots import load_webhooks
from cgtask.publish.robots.config import RobotConfigError
from cgtask.publish.robots.delivery import DeliveryOptions, post
from cgtask.publish.robots.messages import RobotMessage
from cgtask.publish.robots.webhook import Webhook

SECRET = "SEC0123456789abcdef"
HOSTILE = """\
[robots."群"]
url = "https://collector.example.net/robot/send?access_token=t"
kind = "dingtalk"
"""


def _file(folder: Path) -> Path:
    path = folder / ".cgtask-robots.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_robots_file_committed_to_git_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", path.name], cwd=tmp_path, check=True)
    with pytest.raises(RobotConfigError, match="已提交到 git 仓库"):
        load_webhooks([], [], {"CGTASK_DINGTALK_SECRET": SECRET}, path)


def test_the_shared_secret_signs_only_for_the_platforms_own_hosts(tmp_path: Path) -> None:
    env = {"CGTASK_DINGTALK_SECRET": SECRET}
    [robot] = load_webhooks([], [], env, _file(tmp_path))
    assert robot.secret is None  # another host: not signed with the environment's secret
    named = load_webhooks([], [], env | {"CGTASK_ROBOT_HOSTS": "collector.example.net"}, _file(tmp_path))
    assert named[0].secret == SECRET  # a host the operator names outside the repository
    [own] = load_webhooks(["https://oapi.dingtalk.com/robot/send?access_token=t"], [], env, None)
    assert own.secret == SECRET


class _Server:
    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    return


def _message() -> RobotMessage:
    return RobotMessage("wecom", 1, 1, "t", {"msgtype": "text", "text": {"content": "x"}})


def test_a_redirect_to_another_host_is_not_followed(no_proxy: None) -> None:
    hits: list[str] = []

    class Target(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"errcode":0}')

        def log_message(self, *args: object) -> None:
            pass

    target = _Server(Target)

    class Redirect(Target):
        def do_POST(self) -> None:
            self.send_response(307)
            self.send_header("Location", f"{target.url}/stolen")
            self.end_headers()

    redirect = _Server(Redirect)
    result = post(
        [_message()],
        Webhook("wecom", f"{redirect.url}/send?key=k", None, "r"),
        options=DeliveryOptions(retries=0),
    )
    assert not result.delivered
    assert "未跟随" in result.describe()
    assert hits == []


def test_a_huge_reply_is_read_up_to_a_bound(no_proxy: None) -> None:
    class Huge(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(200)
            self.end_headers()
            chunk = b" " * (1 << 20)
            try:
                for _ in range(1024):  # a gigabyte, if anyone read it all
                    self.wfile.write(chunk)
            except OSError:
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = _Server(Huge)
    result = post(
        [_message()],
        Webhook("wecom", f"{server.url}/send?key=k", None, "r"),
        options=DeliveryOptions(retries=0),
    )
    assert not result.delivered
    assert "回复过大" in result.describe()  # read up to the bound, not to the end of a 1 GiB reply


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("a = " + "[" * 10_000 + "]" * 10_000 + "\n", "嵌套层级过深"),
        ("robots = [[[\n", "文件末尾"),
        ('[robots."群"]\nurl = "x" y\n', "第 2 行"),
    ],
)
def test_a_hostile_robots_file_is_refused_in_chinese(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / ".cgtask-robots.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RobotConfigError, match=said) as caught:
        load_webhooks([], [], {}, path)
    assert not re.search(r"Invalid|Expected|Unclosed", str(caught.value)), caught.value


def test_a_reply_trickled_a_byte_a_second_ends_within_the_timeout(no_proxy: None) -> None:
    """Each wait is within the socket's timeout; the whole reply is not, and is given up."""
    import time

    class Trickle(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = _Server(Trickle)
    result = post(
        [_message()],
        Webhook("wecom", f"{server.url}/send?key=k", None, "r"),
        options=DeliveryOptions(retries=0, timeout=2),
    )
    assert not result.delivered
    assert "回复过慢" in result.describe()


def test_a_platform_error_is_shown_with_its_control_characters_escaped(no_proxy: None) -> None:
    class Refuses(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = b'{"errcode":93000,"errmsg":"bad\\u001b[2J\\u202e"}'
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = _Server(Refuses)
    said = post(
        [_message()],
        Webhook("wecom", f"{server.url}/send?key=k", None, "r"),
        options=DeliveryOptions(retries=0),
    ).describe()
    assert "\x1b" not in said
    assert "\u202e" not in said
    assert "\\x1b[2J" in said

"""Probes of the robots: where a message and a signature may go, and what a hostile server can make us do.

Each runs ``cgtask remind`` against a local HTTP server started here; the server records what it received.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.probes.probe_round import Context, Probe, Run

SURFACE = "机器人"
SECRET = "SECprobe0123456789abcdef"
AS_OF = ("--as-of", "2022-03-15", "--retries", "0", "--timeout", "2")


@dataclass
class Server:
    """A local HTTP server whose handler is ``reply``; ``hits`` lists the paths it was sent."""

    reply: Callable[[BaseHTTPRequestHandler], None]
    hits: list[str] = field(default_factory=list)
    url: str = ""


@contextmanager
def serving(reply: Callable[[BaseHTTPRequestHandler], None]) -> Iterator[Server]:
    server = Server(reply)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            server.hits.append(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            with contextlib.suppress(OSError):  # the client hung up: that is its right
                reply(self)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


def answer(body: bytes, status: int = 200) -> Callable[[BaseHTTPRequestHandler], None]:
    def reply(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return reply


OK = answer(b'{"errcode":0,"errmsg":"ok"}')


def redirect(to: str, status: int = 307) -> Callable[[BaseHTTPRequestHandler], None]:
    def reply(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", to)
        handler.end_headers()

    return reply


def huge(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.end_headers()
    chunk = b" " * (1 << 20)
    for _ in range(1024):
        handler.wfile.write(chunk)


def trickle(handler: BaseHTTPRequestHandler) -> None:
    """One byte a second for a minute: each read is within the timeout, the whole reply is not."""
    handler.send_response(200)
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    for _ in range(60):
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(1)


def silent(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(60)


def remind(context: Context, *args: str, env: dict[str, str] | None = None) -> Run:
    return context.cgtask("remind", *args, *AS_OF, env=env)


def _sent_to_server(
    reply: Callable[[BaseHTTPRequestHandler], None],
    path: str,
    *,
    kind: str = "wecom",
    must: Callable[[Server, Run], str],
    env: dict[str, str] | None = None,
) -> Callable[[Context], str]:
    def action(context: Context) -> str:
        with serving(reply) as server:
            run = remind(context, "--webhook", server.url + path, "--kind", kind, env=env)
        said = run.out + run.err
        if "Traceback" in said or "内部错误" in said or run.hung:
            return f"traceback or hang: {said[-300:]}"
        if run.cpu > 10:
            return f"{run.cpu:.0f} s of CPU"
        return must(server, run)

    return action


def _refused_in_chinese(server: Server, run: Run) -> str:
    problems = [
        "exit 0" if run.code == 0 else "",
        "" if any("\u4e00" <= c <= "\u9fff" for c in run.err) else "no Chinese",
    ]
    return "; ".join(p for p in problems if p)


def _unsigned(server: Server, run: Run) -> str:
    signed = [hit for hit in server.hits if "sign=" in hit]
    return f"signed for a host outside the platform: {signed[:1]}" if signed else ""


def _no_token_echoed(server: Server, run: Run) -> str:
    return "the token is printed" if "TOKENSECRET" in run.out + run.err else _refused_in_chinese(server, run)


def robots_file(text: str, *, tracked: bool = False) -> Callable[[Context], object]:
    def setup(context: Context) -> None:
        path = context.work / ".cgtask-robots.toml"
        path.write_text(text, "utf-8")
        if tracked:
            git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
            subprocess.run([*git, "init", "-q"], cwd=context.work, check=True)
            subprocess.run([*git, "add", path.name], cwd=context.work, check=True)

    return setup


def _file_probe(name: str, text: str | None, *, tracked: bool = False, fifo: bool = False) -> Probe:
    def setup(context: Context) -> None:
        if fifo:
            os.mkfifo(context.work / ".cgtask-robots.toml")
        elif text is not None:
            robots_file(text, tracked=tracked)(context)

    return Probe(
        SURFACE, name, ("remind", "--dry-run", *AS_OF), setup=setup,
        env={"CGTASK_DINGTALK_SECRET": SECRET},
    )  # fmt: skip


def _file_to_server(text: Callable[[str], str], env: dict[str, str]) -> Callable[[Context], str]:
    """A robots file naming the local server; the secret in the environment must not sign for it."""

    def action(context: Context) -> str:
        with serving(answer(b'{"errcode":0}')) as server:
            robots_file(text(server.url))(context)
            run = remind(context, env=env)
        if "Traceback" in run.err or run.hung:
            return "traceback or hang"
        return _unsigned(server, run)

    return action


def _user_info(context: Context) -> str:
    """The platform's host written as user info in front of the local server's: the host is the server's."""
    with serving(OK) as server:
        url = server.url.replace("http://", "http://oapi.dingtalk.com@") + "/robot/send?access_token=t"
        run = remind(context, "--webhook", url, "--kind", "dingtalk", env={"CGTASK_DINGTALK_SECRET": SECRET})
    if "Traceback" in run.err or run.hung:
        return "traceback or hang"
    return _unsigned(server, run)


DING = '[robots."群"]\nurl = "{url}/robot/send?access_token=t"\nkind = "dingtalk"\n'
ROBOT_PROBES = [
    _file_probe("a robots file tracked by git", DING.format(url="https://collector.example.net"), tracked=True),
    _file_probe("a robots file that is a FIFO", None, fifo=True),
    Probe(
        SURFACE, "a robots file in GBK", ("remind", "--dry-run", *AS_OF),
        setup=lambda c: (c.work / ".cgtask-robots.toml").write_bytes('[robots."群"]\nurl = "x"\n'.encode("gbk"))),
    _file_probe("a robots file that is not TOML", "robots = [[[\n"),
    _file_probe("a robots file of 20 MB", "# " + "x" * (20 << 20) + "\n"),
    _file_probe("a robots file with a file:// URL", '[robots."群"]\nurl = "file:///etc/passwd"\nkind = "wecom"\n'),
    _file_probe("a robots file with an unknown key", '[robots."群"]\nurl = "https://qyapi.weixin.qq.com/x"\nhost = "a"\n'),
    _file_probe("a robots file nested 10,000 deep", "a = " + "[" * 10_000 + "]" * 10_000 + "\n"),
    Probe(SURFACE, "a robots file (untracked) naming another host: not signed with the environment's secret",
          action=_file_to_server(lambda url: DING.format(url=url), {"CGTASK_DINGTALK_SECRET": SECRET})),
    Probe(SURFACE, "a robots file naming another host, with a wildcard in CGTASK_ROBOT_HOSTS",
          action=_file_to_server(lambda url: DING.format(url=url),
                                 {"CGTASK_DINGTALK_SECRET": SECRET, "CGTASK_ROBOT_HOSTS": "*"})),
    Probe(SURFACE, "a URL with the platform's host as user info (oapi.dingtalk.com@127.0.0.1)", action=_user_info),
    Probe(SURFACE, "a redirect (307) to another host is not followed",
          action=_sent_to_server(redirect("http://127.0.0.1:9/stolen"), "/send?key=k", must=_refused_in_chinese)),
    Probe(SURFACE, "a redirect (302) to the same host is not followed either",
          action=_sent_to_server(redirect("/again"), "/send?key=k", must=_refused_in_chinese)),
    Probe(SURFACE, "a 1 GiB reply is read up to a bound",
          action=_sent_to_server(huge, "/send?key=k", must=_refused_in_chinese)),
    Probe(SURFACE, "a reply trickled a byte a second",
          action=_sent_to_server(trickle, "/send?key=k", must=_refused_in_chinese)),
    Probe(SURFACE, "a server that never answers",
          action=_sent_to_server(silent, "/send?key=k", must=_refused_in_chinese)),
    Probe(SURFACE, "a reply that is not JSON",
          action=_sent_to_server(answer(b"<html>oops</html>"), "/send?key=k", must=_refused_in_chinese)),
    Probe(SURFACE, "HTTP 500 with an English body",
          action=_sent_to_server(answer(b"Internal Server Error", 500), "/send?key=k", must=_refused_in_chinese)),
    Probe(SURFACE, "a platform error with control characters",
          action=_sent_to_server(answer(b'{"errcode":93000,"errmsg":"bad\\u001b[2J"}'), "/send?key=k",
                                 must=lambda s, r: "raw ESC in the output" if "\x1b" in r.out + r.err else _refused_in_chinese(s, r))),
    Probe(SURFACE, "a refused connection does not print the token",
          action=lambda c: _no_token_echoed(Server(OK), remind(c, "--webhook", "http://127.0.0.1:9/send?key=TOKENSECRET", "--kind", "wecom"))),
    Probe(SURFACE, "--webhook ftp://", ("remind", "--webhook", "ftp://127.0.0.1/x", "--kind", "wecom", *AS_OF)),
    Probe(SURFACE, "--webhook file://", ("remind", "--webhook", "file:///etc/passwd", "--kind", "wecom", *AS_OF)),
    Probe(SURFACE, "--webhook env: unset", ("remind", "--webhook", "env:NOPE_NOT_SET", "--kind", "wecom", *AS_OF)),
    Probe(SURFACE, "--webhook robot: without a file", ("remind", "--webhook", "robot:群", *AS_OF)),
    Probe(SURFACE, "--webhook a URL with a newline", ("remind", "--webhook", "http://127.0.0.1:9/x\r\nHost: evil", "--kind", "wecom", *AS_OF)),
    Probe(SURFACE, "--webhook an empty string", ("remind", "--webhook", "", "--kind", "wecom", *AS_OF)),
    Probe(SURFACE, "--kind unknown", ("remind", "--webhook", "http://127.0.0.1:9/x", "--kind", "微信", *AS_OF)),
]  # fmt: skip

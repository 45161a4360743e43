"""Reading the built site back: pages as parsed trees, local links, headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    """The parts of a page the tests look at: tags with attributes, text, links."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text_parts: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        """Attributes of every ``tag`` whose attributes include ``attrs`` (class_ for class)."""
        wanted = {k.rstrip("_"): v for k, v in attrs.items()}
        found = []
        for name, have in self.tags:
            if name != tag:
                continue
            if all(self._has(have, k, v) for k, v in wanted.items()):
                found.append(have)
        return found

    @staticmethod
    def _has(attrs: dict[str, str | None], key: str, value: str) -> bool:
        if key == "class":
            return value in (attrs.get("class") or "").split()
        return attrs.get(key) == value

    def headings(self) -> list[int]:
        return [int(tag[1]) for tag, _ in self.tags if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit()]


def read_page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def local_targets(page_path: Path) -> list[tuple[str, Path]]:
    """Every href/src of a page that points at a local file, with the file it names."""
    targets = []
    for _, attrs in read_page(page_path).tags:
        for key in ("href", "src"):
            value = attrs.get(key)
            if not value or value.startswith("#"):
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                continue
            targets.append((value, (page_path.parent / unquote(parts.path)).resolve()))
    return targets


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def run_chromium(binary: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with a throw-away profile; ``--no-sandbox`` because CI runs as root."""
    with tempfile.TemporaryDirectory(prefix="cgtask-chromium-") as profile:
        command = [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}", *args,
        ]  # fmt: skip
        env = {**os.environ, "LANG": "zh_CN.UTF-8"}
        return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, check=False)

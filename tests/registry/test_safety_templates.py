"""Templates cannot leak files or hang: links are refused, template bombs fail fast with a located message."""

from __future__ import annotations

import resource
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cgtask.errors import RenderError
from cgtask.render import environment
from cgtask.render.environment import RenderBudget, make_environment, render_template
from cgtask.render.templates import template_search_path

SECRET = "机密内容-不应出现在公文中"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    templates = tmp_path / "templates"
    templates.mkdir()
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    return templates


def _render(folder: Path, name: str, text: str | None = None) -> str:
    if text is not None:
        (folder / name).write_text(text, encoding="utf-8")
    return render_template(make_environment([folder]), name, {})


@pytest.mark.parametrize(
    "text",
    [
        "{% include 'leak.j2' %}",
        "{% include 'sub/leak.j2' %}",
        "{% extends 'leak.j2' %}",
    ],
)
def test_a_linked_template_is_refused(folder: Path, text: str) -> None:
    (folder / "leak.j2").symlink_to(folder.parent / "secret.txt")
    (folder / "sub").symlink_to(folder.parent, target_is_directory=True)
    (folder.parent / "leak.j2").write_text(SECRET, encoding="utf-8")
    with pytest.raises(RenderError, match="符号链接") as caught:
        _render(folder, "main.j2", text)
    assert SECRET not in str(caught.value)


def test_the_top_template_itself_may_not_be_a_link(folder: Path) -> None:
    (folder / "notice.txt.j2").symlink_to(folder.parent / "secret.txt")
    with pytest.raises(RenderError, match=r"notice\.txt\.j2.*符号链接"):
        _render(folder, "notice.txt.j2")


def test_a_linked_user_folder_is_fine(folder: Path, tmp_path: Path) -> None:
    """The folder given with --templates may itself be a link: it is resolved once, as the user's choice."""
    (tmp_path / "mine").symlink_to(folder, target_is_directory=True)
    (folder / "ok.j2").write_text("正文 {{ 1 + 1 }}", encoding="utf-8")
    env = make_environment(template_search_path(tmp_path / "mine", None))
    assert render_template(env, "ok.j2", {}) == "正文 2"


@contextmanager
def _memory_cap(extra: int) -> Iterator[None]:
    """The process's address space may grow by ``extra`` bytes.

    Past it, allocating raises MemoryError (tracemalloc would say the same, but slows a two-million-step
    loop tenfold).
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    cap = used + extra if hard == resource.RLIM_INFINITY else min(used + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("第一行\n{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}", "range()"),
        ("{{ lipsum(10**6) }}", "lipsum()"),
        ("\n{{ 9**(9**9) }}", "乘方"),
        ("{{ 'x' * 10**9 }}", "重复"),
        ("{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}{% endfor %}{% endfor %}", "循环次数"),
        ("{{ 'x'|center(10**9) }}", "过滤器 center"),
        ("{{ 'x'.ljust(10**9) }}", "字符串方法 ljust()"),
        ("{{ '%0999999999d' % 1 }}", "宽度"),
        ("{{ '{:>999999999}'.format(1) }}", "宽度"),
        ("{{ '{:.999999999f}'.format(1.5) }}", "精度"),
        ("{{ '{:{}}'.format(1, 999999999) }}", "由参数给出"),
        ("{{ '%.999999999f'|format(1.5) }}", "精度"),
        ("{{ ('x' * 1000000)|replace('x', 'xx') }}", "替换"),
        (
            "{% set ns = namespace(s='xx') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "namespace",
        ),
        ("{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else 0 }}{% endmacro %}{{ d('x', 60) }}", "调用参数"),
        ("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", "输出超过"),
    ],
)
def test_template_bombs_fail_fast_naming_the_template_and_line(
    folder: Path, text: str, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fast by the work done before the refusal, not by the clock (timed in bench/safety_bench.py).

    No more loop steps than the limit, and no bomb's value built — the largest allocation allowed is the
    capped output (MAX_OUTPUT_CHARS, about 40 MB with its join), where one bomb would take 100 MB to
    gigabytes: the process may grow by 128 MB at most while it renders.


    The renderer's own last resort, MAX_SECONDS, is a clock: raised here to a hang guard only, so a
    loaded machine still sees the limit each bomb must meet first (the words checked below).
    """
    budgets: list[RenderBudget] = []
    start = RenderBudget.__init__

    def kept(budget: RenderBudget) -> None:
        start(budget)
        budgets.append(budget)

    monkeypatch.setattr(RenderBudget, "__init__", kept)
    monkeypatch.setattr(environment, "MAX_SECONDS", 600.0)
    with _memory_cap(128 * 2**20), pytest.raises(RenderError) as caught:
        _render(folder, "bomb.txt.j2", text)
    steps = [budget.steps for budget in budgets]
    assert budgets, steps
    assert max(steps) <= environment.MAX_LOOP_STEPS + 1, steps
    message = str(caught.value)
    line = text.count("\n", 0, max(text.find("{%"), text.find("{{"), 0)) + 1
    assert f"bomb.txt.j2 第 {line} 行" in message, message
    assert "模板超出限制" in message, message
    assert words in message, message


def test_ordinary_templates_still_render(folder: Path) -> None:
    text = (
        "{% for a in range(3) %}{{ a }}{% endfor %} {{ 2**10 }} {{ 'ab' * 3 }} {{ '%5d' % 3 }} "
        "{{ '{:>4}'.format(7) }} {{ ['甲', '乙']|join('、') }} {{ 'x'|center(5) }}|{% set ns = namespace(n=0) %}"
        "{% for i in [1, 2, 3] %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}{{ lipsum(1)|length > 10 }}"
    )
    assert _render(folder, "fine.j2", text) == "012 1024 ababab     3    7 甲、乙   x  |6True"

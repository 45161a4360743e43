from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cgtask.errors import RenderError
from cgtask.render.environment import make_environment, parse_blocks, render_template
from cgtask.render.layout import Heading, Paragraph


def env_with(tmp_path: Path, **templates: str):  # type: ignore[no-untyped-def]
    for name, text in templates.items():
        (tmp_path / f"{name}.txt.j2").write_text(text, encoding="utf-8")
    return make_environment([tmp_path])


def test_renders_with_cn_date_and_keeps_trailing_newline(tmp_path: Path) -> None:
    env = env_with(tmp_path, notice="{{ unit }}于{{ day | cn_date }}印发\n")
    text = render_template(env, "notice.txt.j2", {"unit": "监督科", "day": date(2022, 3, 7)})
    assert text == "监督科于2022年3月7日印发\n"


def test_no_html_escaping(tmp_path: Path) -> None:
    env = env_with(tmp_path, plain="{{ name }}")
    assert render_template(env, "plain.txt.j2", {"name": "《方案》<附件>&"}) == "《方案》<附件>&"


def test_undefined_variable_names_template_and_line(tmp_path: Path) -> None:
    env = env_with(tmp_path, notice="第一行\n第二行\n各单位：{{ undefined_unit }}\n")
    with pytest.raises(RenderError) as caught:
        render_template(env, "notice.txt.j2", {})
    message = str(caught.value)
    assert "notice.txt.j2" in message
    assert "第 3 行" in message
    assert "undefined_unit" in message


def test_undefined_inside_included_template_points_at_that_file(tmp_path: Path) -> None:
    env = env_with(tmp_path, outer="开头\n{% include 'inner.txt.j2' %}\n", inner="\n\n{{ missing.attr }}\n")
    with pytest.raises(RenderError) as caught:
        render_template(env, "outer.txt.j2", {})
    assert "inner.txt.j2" in str(caught.value)
    assert "第 3 行" in str(caught.value)


def test_sandbox_blocks_dunder_access(tmp_path: Path) -> None:
    env = env_with(tmp_path, evil="好\n{{ ''.__class__.__mro__ }}\n")
    with pytest.raises(RenderError) as caught:
        render_template(env, "evil.txt.j2", {})
    assert "evil.txt.j2" in str(caught.value)
    assert "第 2 行" in str(caught.value)


def test_sandbox_blocks_calling_unsafe_methods(tmp_path: Path) -> None:
    env = env_with(tmp_path, evil="{{ cycler.__init__.__globals__ }}")
    with pytest.raises(RenderError):
        render_template(env, "evil.txt.j2", {})


def test_syntax_error_location(tmp_path: Path) -> None:
    env = env_with(tmp_path, broken="一\n二\n{% if x %}\n没有结束\n")
    with pytest.raises(RenderError) as caught:
        render_template(env, "broken.txt.j2", {"x": True})
    message = str(caught.value)
    assert "broken.txt.j2" in message
    assert "语法错误" in message
    assert "第 5 行" in message or "第 4 行" in message


def test_missing_template_lists_search_path(tmp_path: Path) -> None:
    env = make_environment([tmp_path])
    with pytest.raises(RenderError, match=r"找不到模板 nope\.txt\.j2"):
        render_template(env, "nope.txt.j2", {})


def test_parse_blocks_headings_run_in_headings_and_paragraphs() -> None:
    text = (
        "为全面加强执法监督工作，\n制定本方案。\n\n"
        "一、总体目标\n\n"
        "二、工作原则\n以问题为导向。\n\n"
        "（一）坚持问题导向。围绕主职主业，补短板。\n\n"
        "（二）坚持统筹协同。\n"
    )
    assert parse_blocks(text) == [
        Paragraph("为全面加强执法监督工作，制定本方案。"),
        Heading("一、总体目标"),
        Heading("二、工作原则"),
        Paragraph("以问题为导向。"),
        Paragraph("围绕主职主业，补短板。", heading="（一）坚持问题导向。"),
        Heading("（二）坚持统筹协同。"),
    ]


def test_parse_blocks_ignores_whitespace_only_chunks() -> None:
    assert parse_blocks("\n\n  \n\n正文。\n\u3000\n\n") == [Paragraph("正文。")]

"""The sandboxed Jinja environment for document wording, and text → layout blocks.

Templates produce plain text (autoescape off: the text becomes docx runs, not HTML).
A template that a user copied and changed is untrusted: the sandbox blocks attribute
tricks such as ``''.__class__``, and StrictUndefined turns a misspelt variable into an
error instead of a silent blank in an official document.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from cgtask.errors import RenderError
from cgtask.render.layout import Heading, Paragraph, format_cn_date, heading_level


def make_environment(search_path: list[Path]) -> SandboxedEnvironment:
    """A sandboxed, strict environment loading templates from ``search_path`` (first match wins).

    ``trim_blocks``/``lstrip_blocks`` keep ``{% for %}`` lines from leaving stray blank lines,
    which would split paragraphs in :func:`parse_blocks`.
    """
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cn_date"] = format_cn_date
    return env


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, object]) -> str:
    """Render ``name``; every template problem becomes a RenderError naming the file and line."""
    try:
        return env.get_template(name).render(dict(context))
    except jinja2.TemplateSyntaxError as exc:
        where = _where(exc.filename or exc.name or name, exc.lineno)
        raise RenderError(f"{where}：模板语法错误：{exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"找不到模板 {exc.name}（查找位置：{_search_path(env)}）") from exc
    except jinja2.exceptions.SecurityError as exc:
        where = _template_location(exc, name)
        raise RenderError(f"{where}：模板不允许访问该属性或方法（{exc}）") from exc
    except jinja2.UndefinedError as exc:
        where = _template_location(exc, name)
        raise RenderError(f"{where}：{_explain_undefined(str(exc))}") from exc
    except Exception as exc:  # a filter or a value misbehaving: still point at the template line
        where = _template_location(exc, name)
        raise RenderError(f"{where}：模板运行出错：{type(exc).__name__}: {exc}") from exc


def _where(filename: str, lineno: int | None) -> str:
    return f"模板 {filename} 第 {lineno} 行" if lineno else f"模板 {filename}"


def _template_location(exc: BaseException, name: str) -> str:
    """The innermost template frame: Jinja rewrites tracebacks so such frames carry the
    template's filename and line (their globals hold ``__jinja_exception__``)."""
    found: tuple[str, int] | None = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if "__jinja_exception__" in frame.f_globals or frame.f_code.co_name in (
            "top-level template code",
            "template",
        ):
            found = (frame.f_code.co_filename, lineno)
    return _where(*found) if found else _where(name, None)


def _search_path(env: jinja2.Environment) -> str:
    loader = env.loader
    if isinstance(loader, jinja2.FileSystemLoader):
        return "、".join(str(p) for p in loader.searchpath)
    return "（无）"


_UNDEFINED_VARIABLE = re.compile(r"^'([^']+)' is undefined$")
_MISSING_ATTRIBUTE = re.compile(r"^'(.+)' has no attribute '([^']+)'$")


def _explain_undefined(message: str) -> str:
    if match := _UNDEFINED_VARIABLE.match(message):
        return f"变量 {match.group(1)} 未定义（检查拼写，或在数据中提供它）"
    if match := _MISSING_ATTRIBUTE.match(message):
        return f"{match.group(1)} 没有属性 {match.group(2)}"
    return f"未定义的值：{message}"


# --- rendered text → blocks -------------------------------------------------------------

_BLANK_LINES = re.compile(r"\n[ \t\u3000]*\n")


def parse_blocks(text: str) -> list[Paragraph | Heading]:
    """Turn rendered template text into body blocks.

    * Paragraphs are separated by blank lines; the lines of one paragraph are joined with
      nothing in between (Chinese has no spaces between words).
    * A numbered line without a 。 (``一、总体目标``) is a :class:`Heading`; it may stand alone
      or be the first line of a paragraph, whose remaining lines become the text after it.
    * A numbered paragraph with a 。 before its end (``（一）坚持问题导向。围绕…``) is a
      :class:`Paragraph` whose run-in ``heading`` is everything up to and including that 。.
    """
    blocks: list[Paragraph | Heading] = []
    for chunk in _BLANK_LINES.split(text.replace("\r\n", "\n")):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) > 1 and _is_bare_heading(lines[0]):
            blocks.append(Heading(lines.pop(0)))
        blocks.append(_paragraph_or_heading("".join(lines)))
    return blocks


def _is_bare_heading(line: str) -> bool:
    return heading_level(line) is not None and "。" not in line


def _paragraph_or_heading(text: str) -> Paragraph | Heading:
    if heading_level(text) is None:
        return Paragraph(text)
    stop = text.find("。")
    if stop == -1 or stop == len(text) - 1:
        return Heading(text)
    return Paragraph(text[stop + 1 :], heading=text[: stop + 1])

"""The sandboxed Jinja environment for document wording, and text → layout blocks.

Templates produce plain text (autoescape off: the text becomes docx runs, not HTML).
A template that a user copied and changed is untrusted: the sandbox blocks attribute
tricks such as ``''.__class__``, and StrictUndefined turns a misspelt variable into an
error instead of a silent blank in an official document.

It must not hang or exhaust memory either, and a timer cannot stop Python code that runs
in one C call (``'x' * 10**9``), so the sandbox refuses work before doing it: loops count
their steps, ``range()`` its items, ``**`` and ``*`` estimate their results, string methods
and filters that pad or repeat check their sizes, and the output is cut off at a cap. Each
refusal names the template and line.
"""

from __future__ import annotations

import re
import time
import traceback
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace, generate_lorem_ipsum

from cgtask.errors import RenderError
from cgtask.render.layout import Heading, Paragraph, format_cn_date, heading_level
from cgtask.render.templates import SafeFileSystemLoader, UnreadableTemplateError, UnsafeTemplateError

# Far above what any 公文 needs (the 62-row 附件 takes a few thousand steps), far below a hang.
MAX_LOOP_STEPS = 2_000_000
MAX_RANGE_ITEMS = 200_000  # all range() calls of one rendering together
MAX_SEQUENCE = 1_000_000  # characters of a string, items of a list, built in one operation
MAX_INT_BITS = 100_000  # about 30,000 digits
MAX_WIDTH = 10_000  # a padding or wrapping width
MAX_OUTPUT_CHARS = 20_000_000  # a 100,000-row report is about 10 million characters
MAX_SECONDS = 20.0  # the last resort, checked at every loop step and call
_LOOP_GUARD = "__cgtask_loop_guard"


class TemplateLimitError(jinja2.TemplateRuntimeError):
    """A template asked for more work than a document can need; the message says which limit.

    ``where`` is set when the limit is found outside the template's own code (the output cap).
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.where = where


class RenderBudget:
    """What one rendering may still spend: loop steps, range() items and time."""

    def __init__(self) -> None:
        self.steps = 0
        self.range_items = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def step(self) -> None:
        """Count one loop step; refuse past the step limit, or (checked now and then) past the time limit."""
        self.steps += 1
        if self.steps > MAX_LOOP_STEPS:
            raise TemplateLimitError(f"循环次数超过上限（{MAX_LOOP_STEPS} 次）")
        if self.steps % 1024 == 0 and time.monotonic() > self.deadline:
            raise TemplateLimitError(f"运行超过 {MAX_SECONDS:.0f} 秒")

    def take_range(self, items: int) -> None:
        """Count the items of one range() call; refuse past the total limit."""
        self.range_items += items
        if self.range_items > MAX_RANGE_ITEMS:
            raise TemplateLimitError(f"range() 合计超过 {MAX_RANGE_ITEMS} 项")


_ACTIVE_BUDGET: ContextVar[RenderBudget | None] = ContextVar("cgtask_render_budget", default=None)


def _budget(context: Any) -> RenderBudget:
    """The budget of the rendering in progress (one per render_template call, includes too)."""
    active = _ACTIVE_BUDGET.get()
    if active is not None:
        return active
    eval_ctx = context.eval_ctx  # rendered outside render_template: one budget per template context
    if not hasattr(eval_ctx, "cgtask_budget"):
        eval_ctx.cgtask_budget = RenderBudget()
    budget: RenderBudget = eval_ctx.cgtask_budget
    return budget


def _too_big(value: Any) -> bool:
    return isinstance(value, str | list | tuple | bytes) and len(value) > MAX_SEQUENCE


def _check_sizes(values: Iterable[Any], what: str) -> None:
    if any(_too_big(v) for v in values):
        raise TemplateLimitError(f"{what}的文本或列表超过 {MAX_SEQUENCE} 个字符/项")


def _check_power(left: Any, right: Any) -> None:
    ints = isinstance(left, int) and isinstance(right, int)
    if ints and right > 0 and right * max(1, abs(left).bit_length()) > MAX_INT_BITS:
        raise TemplateLimitError(f"乘方 {_short(left)}**{_short(right)} 的结果过大")


def _check_product(left: Any, right: Any) -> None:
    for sequence, times in ((left, right), (right, left)):
        repeated = isinstance(sequence, str | list | tuple) and isinstance(times, int)
        if repeated and len(sequence) * times > MAX_SEQUENCE:
            raise TemplateLimitError(f"重复 {_short(times)} 次的结果超过 {MAX_SEQUENCE} 个字符/项")
    ints = isinstance(left, int) and isinstance(right, int)
    if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise TemplateLimitError("乘积过大")


def _short(number: int) -> str:
    """A number for a message; a huge one by its size (printing it would be the work refused)."""
    return str(number) if abs(number) < 10**12 else f"约 2^{abs(number).bit_length()}"


def _check_sum(left: Any, right: Any) -> None:
    sequences = isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple)
    if sequences and len(left) + len(right) > MAX_SEQUENCE:
        raise TemplateLimitError(f"拼接的结果超过 {MAX_SEQUENCE} 个字符/项")


# Widths and precisions: %0999999999d, %.999999999f, {:>999999999}, {:.999999999f}; a width taken
# from the arguments (%*d, {:{}}) is refused outright, as no document needs one.
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_BRACE_SPEC = re.compile(r"\{[^{}]*:((?:[^{}]|\{[^{}]*\})*)\}")


def _check_format(text: Any) -> None:
    if not isinstance(text, str):
        return
    widths = [w for match in _PERCENT_SPEC.finditer(text) for w in match.groups() if w]
    for match in _BRACE_SPEC.finditer(text):
        spec = match.group(1)
        widths += ["*"] if "{" in spec else re.findall(r"\d+", spec)
    if any(w == "*" or int(w) > MAX_WIDTH for w in widths):
        raise TemplateLimitError(f"格式中的宽度或精度超过 {MAX_WIDTH}（或由参数给出）")


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = text.count(old) if old else len(text) + 1
        if len(text) + count * (len(new) - len(old)) > MAX_SEQUENCE:
            raise TemplateLimitError(f"替换的结果超过 {MAX_SEQUENCE} 个字符")


def _check_widths(args: Iterable[Any], what: str) -> None:
    if any(isinstance(a, int) and a > MAX_WIDTH for a in args):
        raise TemplateLimitError(f"{what}的宽度或长度超过 {MAX_WIDTH}")


_PADDING_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs"}


def _check_str_method(method: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Limits for the methods of str that build large strings from small arguments."""
    target = getattr(getattr(method, "__wrapped__", method), "__self__", None)
    if not isinstance(target, str):
        return
    name = getattr(method, "__name__", "")
    if name in _PADDING_METHODS:
        _check_widths([*args, *kwargs.values()], f"字符串方法 {name}() ")
    elif name == "replace" and len(args) >= 2:
        _check_replace(target, args[0], args[1])
    elif name in ("format", "format_map"):
        _check_format(target)
    elif name == "join" and args and isinstance(args[0], list | tuple):
        _check_join(target, args[0])


def _check_join(separator: str, items: list[Any] | tuple[Any, ...]) -> None:
    if sum(len(a) for a in items if isinstance(a, str)) + len(separator) * len(items) > MAX_SEQUENCE:
        raise TemplateLimitError(f"join() 的结果超过 {MAX_SEQUENCE} 个字符")


class _BoundedNamespace(Namespace):
    """``namespace()`` whose attributes cannot grow past the limits (a value doubled in a loop)."""

    def __setitem__(self, name: str, value: Any) -> None:
        _check_sizes([value], "namespace 属性")
        super().__setitem__(name, value)


class LimitedSandbox(SandboxedEnvironment):
    """The sandbox plus the limits above; every ``{% for %}`` runs through a step-counting guard."""

    intercepted_binops = frozenset({"**", "*", "+", "%"})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            guard = nodes.Name(_LOOP_GUARD, "load", lineno=loop.iter.lineno)
            loop.iter = nodes.Call(guard, [loop.iter], [], None, None, lineno=loop.iter.lineno)
        tree.set_environment(self)
        return tree

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Call ``__obj`` after counting a step and checking the sizes of the arguments and string methods."""
        _budget(__context).step()
        _check_sizes([*args, *kwargs.values()], "调用参数中")
        _check_str_method(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Apply a binary operator after checking that ``**``, ``*``, ``+`` and ``%`` stay within limits."""
        if operator == "**":
            _check_power(left, right)
        elif operator == "*":
            _check_product(left, right)
        elif operator == "+":
            _check_sum(left, right)
        elif operator == "%":
            _check_format(left)
        return super().call_binop(context, operator, left, right)


@jinja2.pass_context
def _loop_guard(context: Any, iterable: Iterable[Any]) -> Iterator[Any]:
    budget = _budget(context)
    for item in iterable:
        budget.step()
        yield item


@jinja2.pass_context
def _limited_range(context: Any, *args: int) -> range:
    items = range(*args)
    _budget(context).take_range(len(items))
    return items


def _limited_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    if n > 100 or max > 1000 or min > max:
        raise TemplateLimitError("lipsum() 的段数不能超过 100、每段词数不能超过 1000")
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def _limited_filter(name: str, original: Any) -> Any:
    """Wrap a filter whose arguments can make its result huge."""
    passes_context = hasattr(original, "jinja_pass_arg")  # then the first argument is Jinja's, not the value

    def checked(*args: Any, **kwargs: Any) -> Any:
        values = args[1:] if passes_context else args
        rest = [*values[1:], *kwargs.values()]
        if name in ("center", "indent", "wordwrap", "truncate", "batch", "slice"):
            _check_widths([a for a in rest if not isinstance(a, bool)], f"过滤器 {name} ")
        if name == "indent" and values:
            _check_indent(values[0], rest[0] if rest else 4)
        elif name == "format" and values:
            _check_format(values[0])
        elif name == "replace" and len(values) >= 3:
            _check_replace(values[0], values[1], values[2])
        return original(*args, **kwargs)

    for attribute in ("jinja_pass_arg", "__name__", "__doc__"):
        if hasattr(original, attribute):
            setattr(checked, attribute, getattr(original, attribute))
    return checked


def _check_indent(value: Any, width: Any) -> None:
    """``indent`` pads every line: a narrow width times many lines is as large as one wide pad."""
    text = str(value)
    pad = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    if len(text) + pad * (text.count("\n") + 1) > MAX_OUTPUT_CHARS:
        raise TemplateLimitError(f"过滤器 indent 的结果将超过 {MAX_OUTPUT_CHARS} 个字符")


_LIMITED_FILTERS = ("center", "indent", "wordwrap", "truncate", "batch", "slice", "format", "replace")


def make_environment(search_path: list[Path]) -> SandboxedEnvironment:
    """A sandboxed, strict environment loading templates from ``search_path`` (first match wins).

    ``trim_blocks``/``lstrip_blocks`` keep ``{% for %}`` lines from leaving stray blank lines,
    which would split paragraphs in :func:`parse_blocks`.
    """
    env = LimitedSandbox(
        loader=SafeFileSystemLoader([str(p) for p in search_path]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cn_date"] = format_cn_date
    for name in _LIMITED_FILTERS:
        env.filters[name] = _limited_filter(name, env.filters[name])
    env.globals.update(
        {
            _LOOP_GUARD: _loop_guard,
            "range": _limited_range,
            "lipsum": _limited_lipsum,
            "namespace": _BoundedNamespace,
        }
    )
    return env


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, object]) -> str:
    """Render ``name``; every template problem becomes a RenderError naming the file and line."""
    token = _ACTIVE_BUDGET.set(RenderBudget())
    try:
        return _capped_output(env.get_template(name), context)
    except (UnsafeTemplateError, UnreadableTemplateError) as exc:
        raise RenderError(str(exc.message)) from exc
    except TemplateLimitError as exc:
        where = exc.where or _template_location(exc, name)
        raise RenderError(
            f"{where}：模板超出限制：{exc.message}（模板只用于组织文字，不能做大量计算）"
        ) from exc
    except RecursionError as exc:
        where = _template_location(exc, name)
        raise RenderError(f"{where}：模板递归过深（宏或 include 调用了自己？）") from exc
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
    finally:
        _ACTIVE_BUDGET.reset(token)


def _capped_output(template: jinja2.Template, context: Mapping[str, object]) -> str:
    """The rendered text, streamed so that a template producing too much stops at the cap."""
    parts: list[str] = []
    size = 0
    stream = template.generate(dict(context))
    for part in stream:
        size += len(part)
        if size > MAX_OUTPUT_CHARS:
            where = _where(template.filename or template.name or "", _suspended_line(stream, template))
            raise TemplateLimitError(f"输出超过 {MAX_OUTPUT_CHARS} 个字符", where)
        parts.append(part)
    return "".join(parts)


def _suspended_line(stream: Any, template: jinja2.Template) -> int | None:
    """The template line where the rendering stands (the innermost generator that yielded)."""
    frame = None
    while stream is not None and getattr(stream, "gi_frame", None) is not None:
        if stream.gi_frame.f_code.co_filename == template.filename:
            frame = stream.gi_frame
        stream = stream.gi_yieldfrom
    return template.get_corresponding_lineno(frame.f_lineno) if frame is not None else None


def _where(filename: str, lineno: int | None) -> str:
    return f"模板 {filename} 第 {lineno} 行" if lineno else f"模板 {filename}"


def _template_location(exc: BaseException, name: str) -> str:
    """The innermost template frame.

    Jinja rewrites tracebacks so such frames carry the template's filename and line (their globals hold
    ``__jinja_exception__``).
    """
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

"""Chinese wording for the parts of --help and usage errors that Typer writes in English.

Typer (and the click it vendors) has no translation hook, so the command and
group classes below translate their own output: the help page's fixed words
and the message of a usage error.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from functools import partial
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import DefaultPlaceholder

from cgtask.cli.grid import display_width

HELP_WORDS = {
    "Usage: ": "用法：",
    "[OPTIONS]": "[选项]",
    "COMMAND [ARGS]...": "命令 [参数]...",
    "Options:": "选项：",
    "Arguments:": "参数：",
    "Commands:": "命令：",
    "Show this message and exit.": "显示本帮助并退出。",
    "[default: ": "[缺省：",
    "[required]": "[必填]",
}

ERROR_PATTERNS = [
    (r"^Invalid value for (.+?): (.+) is not one of (.+)\.$", r"选项 \1 的值无效：\2 不是 \3 之一。"),
    (
        r"^Invalid value for (.+?): (.+) is not a valid integer(?: range)?\.$",
        r"选项 \1 的值无效：\2 不是整数。",
    ),
    (r"^Invalid value for (.+?): (.+)$", r"选项 \1 的值无效：\2"),
    (r"^No such option: (\S+) \(Possible options: (.+)\)$", r"没有选项 \1（是不是 \2？）"),
    (r"^No such option: (.+)$", r"没有选项 \1"),
    (r"^No such command '(.+)'\. Did you mean '(.+)'\?$", r"没有命令“\1”，是不是“\2”？"),
    (r"^No such command '(.+)'\.$", r"没有命令“\1”"),
    (r"^Missing option (.+)\.$", r"缺少选项 \1。"),
    (r"^Missing argument (.+)\.$", r"缺少参数 \1。"),
    (r"^Option (.+) requires an argument\.$", r"选项 \1 需要一个值。"),
    (r"^Got unexpected extra arguments? \((.+)\)$", r"多余的参数：\1"),
]


# Click's names for a value's type, shown after each option (``--month <int range>``).
METAVAR_WORDS = {
    "<int range>": "<整数>",
    "<int>": "<整数>",
    "<float range>": "<数>",
    "<float>": "<数>",
    "<str>": "<文字>",
    "<path>": "<路径>",
    "<given_path>": "<路径>",  # options.given_path: a path that may not be empty
    "<text>": "<文字>",
}

# The parts of the bracketed notes after an option's help: its range, whether it is required.
NOTE_PATTERNS = [
    (r"(-?[\d.]+)<=x<=(-?[\d.]+)", r"\1—\2"),
    (r"(-?[\d.]+)<x<(-?[\d.]+)", r"大于\1且小于\2"),
    (r"x>=(-?[\d.]+)", r"≥\1"),
    (r"x<=(-?[\d.]+)", r"≤\1"),
    (r"x>(-?[\d.]+)", r">\1"),
    (r"x<(-?[\d.]+)", r"<\1"),
    (r"\brequired\b", "必填"),
    (r"default: ", "缺省："),
    (r"; ", "；"),
]


def _translate_note(match: re.Match[str]) -> str:
    note = match.group(1)
    for pattern, replacement in NOTE_PATTERNS:
        note = re.sub(pattern, replacement, note)
    return f"[{note}]"


def translate_help(text: str) -> str:
    """A help page's English words in Chinese: fixed headings, type names and the notes in brackets."""
    for english, chinese in (HELP_WORDS | METAVAR_WORDS).items():
        text = text.replace(english, chinese)
    return re.sub(r"\[([^\[\]\n]*)\]", _translate_note, text)


# What Click says of a value inside "Invalid value for …: <reason>".
VALUE_PATTERNS = [
    (r"^'?(.+?)'? is not a valid int(?:eger)?\.$", r"“\1”不是整数"),
    (r"^'?(.+?)'? is not a valid float\.$", r"“\1”不是数字"),
    (r"^'?(.+?)'? is not a valid boolean\.$", r"“\1”不是是/否（true/false）"),
    (r"^(.+?) is not in the range (\S+)<=x<=(\S+)\.$", r"\1 不在 \2 到 \3 之间"),
    (r"^(.+?) is not in the range x>=(\S+)\.$", r"\1 应不小于 \2"),
    (r"^(.+?) is not in the range x<=(\S+)\.$", r"\1 应不大于 \2"),
    (r"^'?(.+?)'? is not one of (.+)\.$", r"“\1”不是 \2 之一"),
    (r"^(?:File|Path|Directory) '(.+)' does not exist\.$", r"“\1”不存在"),
]


def _first_translation(patterns: list[tuple[str, str]], text: str) -> str | None:
    """``text`` rewritten by the first of ``patterns`` that matches it, or None when none does."""
    for pattern, replacement in patterns:
        translated, count = re.subn(pattern, replacement, text)
        if count:
            return translated
    return None


def translate_value(reason: str) -> str:
    """Click's reason for a bad value, in Chinese (left as it is when Click says something new)."""
    translated = _first_translation(VALUE_PATTERNS, reason)
    return reason if translated is None else translated


def translate_error(message: str) -> str:
    """Click's English usage error as a Chinese sentence; an unknown message is returned as it is."""
    translated = _first_translation(ERROR_PATTERNS, message)
    if translated is None:
        return message
    head, sep, reason = translated.partition("的值无效：")
    return f"{head}{sep}{translate_value(reason)}" if sep else translated


def _show_usage_error(error: Any) -> None:
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        usage = translate_help(ctx.get_usage())
        command = ctx.command_path
        sys.stderr.write(f"{usage}\n请运行 '{command} -h' 查看帮助。\n\n")
    sys.stderr.write(f"错误：{translate_error(error.format_message())}\n")


def wrap_by_cells(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` terminal cells, broken between CJK characters or at spaces.

    Never inside a word, and never before a closing mark (、，。）…), which stays with the character before it.
    """
    lines: list[str] = []
    line, used = "", 0
    # A docstring's line break inside Chinese text is no space; between English words it is one.
    text = re.sub(r"(?<=[^\x00-\x7f])[ \t]*\n\s*|[ \t]*\n\s*(?=[^\x00-\x7f])", "", text.strip())
    for token in re.findall(r"[!-~]+|\s+|.[、，。；：）」”》！？]*", " ".join(text.split())):
        cells = display_width(token)
        if used + cells > width and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
            if token.isspace():
                continue
        line += token
        used += cells
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _write_dl_by_cells(
    formatter: Any, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
) -> None:
    """Click's definition list, its terms translated and aligned by terminal cells (a CJK character is two)."""
    rows = [(translate_help(term), translate_help(help_text)) for term, help_text in rows]
    first_col = min(max((display_width(term) for term, _ in rows), default=0), col_max) + col_spacing
    indent = " " * formatter.current_indent
    for term, help_text in rows:
        formatter.write(f"{indent}{term}")
        if not help_text:
            formatter.write("\n")
            continue
        if display_width(term) <= first_col - col_spacing:
            formatter.write(" " * (first_col - display_width(term)))
        else:
            formatter.write("\n" + " " * (first_col + formatter.current_indent))
        lines = wrap_by_cells(help_text, max(formatter.width - first_col - 2, 10))
        formatter.write(f"{lines[0] if lines else ''}\n")
        for line in lines[1:]:
            formatter.write(f"{' ' * (first_col + formatter.current_indent)}{line}\n")


def _write_text_by_cells(formatter: Any, text: str) -> None:
    """Click's paragraphs of help text, wrapped by terminal cells instead of characters."""
    indent = " " * formatter.current_indent
    width = max(formatter.width - formatter.current_indent, 20)
    paragraphs = [p for p in re.split(r"\n\s*\n", text.replace("\b\n", "")) if p.strip()]
    # An example stays on one line, whole, so it can be copied into a terminal as it is.
    blocks = [
        indent + " ".join(p.split())
        if p.lstrip().startswith("示例：")
        else "\n".join(indent + line for line in wrap_by_cells(p, width))
        for p in paragraphs
    ]
    formatter.write("\n\n".join(blocks) + "\n")


class ChineseHelpMixin:
    """Help pages written in Chinese: mixed into the Typer command and group classes."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """Format the help as Click does, then translate its English words."""
        # Click measures text in characters; a CJK character takes two cells of a terminal.
        formatter.write_dl = partial(_write_dl_by_cells, formatter)
        formatter.write_text = partial(_write_text_by_cells, formatter)
        super().format_help(ctx, formatter)  # type: ignore[misc]
        formatter.buffer[:] = [translate_help(part) for part in formatter.buffer]


class ChineseCommand(ChineseHelpMixin, TyperCommand):
    """A command whose help page is all Chinese."""


class ChineseGroup(ChineseHelpMixin, TyperGroup):
    """The top-level group: Chinese help, and usage errors reported in Chinese."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the app; a usage error is printed in Chinese and Ctrl-C as 已取消, both exiting 1."""
        forward = {"args": args, "prog_name": prog_name, "complete_var": complete_var, **extra}
        if not standalone_mode:
            return super().main(**forward, standalone_mode=False)
        try:
            result = super().main(**forward, standalone_mode=False)
        except typer.Abort:
            sys.stderr.write("已取消\n")
            sys.exit(1)
        except Exception as error:
            if not hasattr(error, "format_message") or not hasattr(error, "exit_code"):
                raise
            _show_usage_error(error)
            sys.exit(error.exit_code)
        sys.exit(result if isinstance(result, int) else 0)


def use_chinese_help(app: typer.Typer) -> None:
    """Give every registered command (and sub-group) the Chinese help classes."""
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = ChineseCommand
    for group in app.registered_groups:
        if isinstance(group.cls, DefaultPlaceholder) or group.cls in (None, TyperGroup):
            group.cls = ChineseGroupHelp
        if group.typer_instance is not None:
            use_chinese_help(group.typer_instance)


class ChineseGroupHelp(ChineseHelpMixin, TyperGroup):
    """A sub-group (such as ``render``): Chinese help; errors are reported by the top group."""

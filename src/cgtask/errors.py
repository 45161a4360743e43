"""The one exception tree of cgtask.

Core code raises these and never prints; the CLI boundary turns them into a
Chinese message on stderr and an exit code (1 for findings, 2 for bad usage or
unreadable input).

The core speaks the library's language: a message that tells the user which value to give names
the *parameter* (the API's keyword: ``doc``, ``force``, ``period`` …) through :func:`param`, never a
command-line flag. ``str(error)`` spells each such parameter by its bare name, so a program calling
:mod:`cgtask.api` reads::

    编号“1.1”在多个文件中都有（tasks-2022、supervision-2022），请用 doc 指明

while the CLI boundary spells it as the flag that sets it (``cgtask.cli.flags``), so the terminal
reads, as it always has::

    错误：编号“1.1”在多个文件中都有（tasks-2022、supervision-2022），请用 --doc 指明

Inside the message (``error.args[0]``) a parameter is its name between two private-use characters;
:attr:`CgtaskError.params` lists the names and :meth:`CgtaskError.spelled` spells them another way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from cgtask.findings import Finding, Severity

__all__ = [
    "CgtaskError",
    "DraftWarning",
    "Finding",
    "FrequencyError",
    "LeftOutWarning",
    "Notice",
    "RegistryError",
    "RenderError",
    "Severity",
    "UsageError",
    "WriteError",
    "param",
    "spell_params",
]

# A parameter named in a message: its name between two private-use characters, which no message holds.
_OPEN, _CLOSE = "\ue000", "\ue001"
_PARAM = re.compile(f"{_OPEN}([A-Za-z_][A-Za-z0-9_]*){_CLOSE}")


def param(name: str) -> str:
    """The parameter ``name`` (an API keyword such as ``doc``), marked for a message.

    ``str(error)`` shows ``name``, the command line the flag that sets it (``--doc``).
    """
    return f"{_OPEN}{name}{_CLOSE}"


def spell_params(text: str, spell: Callable[[str], str] = str) -> str:
    """``text`` with each parameter marked by :func:`param` spelled by ``spell`` (its bare name by default)."""
    return _PARAM.sub(lambda match: spell(match.group(1)), text)


class Notice(str):
    """A warning that names parameters (:func:`param`).

    As a ``str`` it is the plain text, each parameter by its name, so a library caller never sees a
    marker; the CLI prints :meth:`spelled` with its flags.
    """

    marked: str

    def __new__(cls, marked: str) -> Notice:
        """The notice of ``marked`` (a message with its parameters marked by :func:`param`)."""
        notice = super().__new__(cls, spell_params(marked))
        notice.marked = marked
        return notice

    def spelled(self, spell: Callable[[str], str]) -> str:
        """The warning with each parameter it names spelled by ``spell`` (the CLI gives its flag)."""
        return spell_params(self.marked, spell)


class CgtaskError(Exception):
    """A problem the user can fix.

    Its message is Chinese and shown as is, each parameter it names (:func:`param`) by its name.
    """

    exit_code = 2

    def __str__(self) -> str:
        return spell_params(super().__str__())

    @property
    def params(self) -> tuple[str, ...]:
        """The parameters the message names, in order (the CLI names their flags instead)."""
        return tuple(_PARAM.findall(super().__str__()))

    def spelled(self, spell: Callable[[str], str]) -> str:
        """The message with each parameter it names spelled by ``spell`` (the CLI gives its flag)."""
        return spell_params(super().__str__(), spell)


class UsageError(CgtaskError):
    """A command-line value that does not fit the registry (unknown 科室, bad month …)."""


class RegistryError(CgtaskError):
    """The registry cannot be loaded; carries every finding of the one pass that failed."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        errors = sum(1 for f in findings if f.severity == "error")
        super().__init__(f"登记册有 {errors} 处错误，请先修正（可运行 cgtask check 查看）")


class FrequencyError(CgtaskError):
    """A frequency phrase that the engine does not understand; the message lists accepted forms."""


class RenderError(CgtaskError):
    """A document cannot be produced: missing issuing data, a broken template, bad characters."""


class WriteError(CgtaskError):
    """A file could not be written safely; the old file is left as it was."""


class LeftOutWarning(UserWarning):
    """A document with errors was left out of a query; the rest of the registry still answers.

    Issued with :func:`warnings.warn`, so a program using cgtask as a library sees it as any warning;
    the command line prints it once, in Chinese. ``cgtask check`` still fails on the document.
    """

    def __init__(self, files: list[str] | str, first: Sequence[Finding] = ()) -> None:
        # The warnings machinery may build the warning again from its message alone (a str).
        self.files = [files] if isinstance(files, str) else files
        names = "、".join(self.files)
        named = len(first) > 1  # with one file the place needs no name: the sentence gives it
        places = "、".join(
            f"{finding.file if named else ''}第 {finding.line} 行第 {finding.col} 列 {finding.code}"
            for finding in first
        )
        where = f"首个问题在{places}；" if places else ""
        super().__init__(f"{names} 有错误，本次未计入（{where}其余文件照常；运行 cgtask check 查看并修正）")


class DraftWarning(UserWarning):
    """An official document cites a plan that is still a draft (``draft: true``, e.g. from ``rollover``).

    The document is written — a drafter may want to see it — but it must not go out as if the plan were
    issued, so the command line says so, in Chinese.
    """

    def __init__(self, titles: list[str] | str) -> None:
        self.titles = [titles] if isinstance(titles, str) else titles
        names = "、".join(f"《{title}》" for title in self.titles)
        super().__init__(
            f"{names}仍是草稿（draft: true，尚未印发）：据此生成的文件只能作起草参考；印发后删去 draft: true 再生成"
        )

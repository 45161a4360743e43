"""The one error boundary: cgtask's errors become a Chinese message and an exit code, never a traceback.

``--debug`` (or ``$CGTASK_DEBUG``) lets the traceback through for developers.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
import warnings
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

import typer

from cgtask.cli.flags import flag
from cgtask.errors import (
    CgtaskError,
    DraftWarning,
    LeftOutWarning,
    Notice,
    RegistryError,
    UsageError,
    WriteError,
    spell_params,
)
from cgtask.findings import Finding

F = TypeVar("F", bound=Callable[..., Any])

# Whether this invocation lets tracebacks through: one flag, set by the app's callback.
_DEBUG: ContextVar[bool] = ContextVar("cgtask_debug", default=False)


def set_debug(enabled: bool) -> None:
    """Set once per invocation by the app's callback (``--debug`` or ``$CGTASK_DEBUG``)."""
    _DEBUG.set(enabled or bool(os.environ.get("CGTASK_DEBUG")))


def print_findings(findings: list[Finding]) -> None:
    """Each finding on its own line of stderr: ``file:line:col  code  message``."""
    for finding in findings:
        sys.stderr.write(finding.format() + "\n")


def warn(messages: list[str]) -> None:
    """Each warning on its own line of stderr, a parameter it names (errors.param) as its flag."""
    for message in messages:
        text = message.spelled(flag) if isinstance(message, Notice) else spell_params(message, flag)
        sys.stderr.write(f"警告：{text}\n")


def _show_left_out(message: Warning | str, category: type[Warning], *_: Any, **__: Any) -> None:
    """Cgtask's own warnings (a document left out) as a Chinese line; others as Python shows them."""
    if isinstance(message, LeftOutWarning | DraftWarning):
        warn([str(message)])
    else:
        sys.stderr.write(f"{category.__name__}: {message}\n")


def boundary(func: F) -> F:
    """Turn cgtask's errors into a Chinese message on stderr and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            _refuse_empty(func, kwargs)
            with warnings.catch_warnings():
                warnings.simplefilter("once", LeftOutWarning)
                warnings.simplefilter("once", DraftWarning)
                warnings.showwarning = _show_left_out
                return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except BrokenPipeError:
            # the reader (``| head``) has gone: stop quietly, as other command-line tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            sys.stderr.write("已中断\n")
            raise typer.Exit(130) from None
        except Exception as exc:
            if _DEBUG.get():
                raise
            sys.stderr.write(_message(exc))
            # A write that failed half-way leaves an XML writer suspended (openpyxl's); collected at exit it
            # would print its own "Exception ignored" traceback after the Chinese message.
            sys.unraisablehook = _said_already
            raise typer.Exit(_exit_code(exc)) from None

    return wrapper  # type: ignore[return-value]


def _said_already(unraisable: Any) -> None:
    """Drop what a failed write's leftovers raise while they are collected: the error was already told."""


def _refuse_empty(func: Callable[..., Any], kwargs: dict[str, Any]) -> None:
    """An empty value ("" or spaces) would read as none given (``--doc ""`` as no --doc): refuse it instead."""
    arguments = {
        name for name, p in inspect.signature(func).parameters.items() if "Argument" in repr(p.annotation)
    }
    for name, value in kwargs.items():
        values = value if isinstance(value, list | tuple) else [value]
        if any(isinstance(v, str) and not v.strip() for v in values):
            shown = name.upper() if name in arguments else flag(name)
            raise UsageError(f"{shown} 的值为空，请写明或省去")


def _message(exc: Exception) -> str:
    """What stderr says of an error.

    cgtask's own in Chinese (a parameter it names as its flag), an OS error's reason in Chinese (a full
    disk, no permission, a name too long), anything else as an internal error.
    """
    if isinstance(exc, CgtaskError):
        if isinstance(exc, RegistryError):
            print_findings(exc.findings)
        return f"错误：{exc.spelled(flag)}\n"
    if (said := _os_reason(exc)) is not None:
        where = f"{exc.filename}：" if isinstance(exc, OSError) and exc.filename else ""
        return f"错误：{where}{said}\n"
    return f"内部错误：{type(exc).__name__}: {exc}\n请加 --debug 重新运行并报告此问题。\n"


def _exit_code(exc: Exception) -> int:
    """The exit code of an error: cgtask's own, 2 for an OS error, 3 for an internal one."""
    if isinstance(exc, CgtaskError):
        return exc.exit_code
    return WriteError.exit_code if _os_reason(exc) is not None else 3


def _os_reason(exc: Exception) -> str | None:
    from cgtask.api import os_error_reason

    return os_error_reason(exc)

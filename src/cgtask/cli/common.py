"""What every command shares: options, the error boundary, the consoles."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from cgtask.errors import CgtaskError, Finding, RegistryError, UsageError

F = TypeVar("F", bound=Callable[..., Any])


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


RegistryOption = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        "-r",
        help="登记册目录（缺省为环境变量 CGTASK_REGISTRY，再缺省为随附的 registry/）",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="输出格式：table、json、csv、md", case_sensitive=False)
]

_state = {"debug": False}


def set_debug(enabled: bool) -> None:
    """Set once per invocation by the app's callback (``--debug`` or ``$CGTASK_DEBUG``)."""
    _state["debug"] = enabled or bool(os.environ.get("CGTASK_DEBUG"))


def print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        sys.stderr.write(finding.format() + "\n")


def boundary(func: F) -> F:
    """Turn cgtask's errors into a Chinese message on stderr and an exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CgtaskError as exc:
            if _state["debug"]:
                raise
            if isinstance(exc, RegistryError):
                print_findings(exc.findings)
            sys.stderr.write(f"错误：{exc}\n")
            raise typer.Exit(exc.exit_code) from None
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
            if _state["debug"]:
                raise
            sys.stderr.write(f"内部错误：{type(exc).__name__}: {exc}\n请加 --debug 重新运行并报告此问题。\n")
            raise typer.Exit(3) from None

    return wrapper  # type: ignore[return-value]


def parse_day(text: str | None, option: str) -> date | None:
    """A date typed on the command line, read once here at the edge; the core takes ``date``."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} 的值“{text}”不是日期，应写成 2022-03-08 的形式") from None

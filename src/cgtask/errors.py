"""The one exception tree of cgtask.

Core code raises these and never prints; the CLI boundary turns them into a
Chinese message on stderr and an exit code (1 for findings, 2 for bad usage or
unreadable input).
"""

from __future__ import annotations

from cgtask.findings import Finding, Severity

__all__ = [
    "CgtaskError",
    "Finding",
    "FrequencyError",
    "RegistryError",
    "RenderError",
    "Severity",
    "UsageError",
    "WriteError",
]


class CgtaskError(Exception):
    """A problem the user can fix; its message is Chinese and shown as is."""

    exit_code = 2


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

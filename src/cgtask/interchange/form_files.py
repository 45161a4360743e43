"""Where the month's 台账 forms go: one file for a 科室 or 中队, or one each into a folder.

The forms themselves are built by :mod:`cgtask.interchange.ledger_forms` and written by
:mod:`cgtask.interchange.forms`; this module only places them and refuses to replace a file unasked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cgtask.errors import UsageError
from cgtask.interchange.forms import FormSpec
from cgtask.interchange.forms.writer import form_bytes
from cgtask.interchange.ledger_forms import form_file_name, form_specs
from cgtask.queries.month_request import MonthRequest
from cgtask.registry.view import Registry, warn_of_drafts
from cgtask.support.atomic import write_bytes_atomic

# Whose forms for which month: the same request as the month's notices.
FormRequest = MonthRequest


@dataclass(frozen=True)
class FormsWritten:
    """The forms written (each file with its number of rows), and who had nothing due that month."""

    written: list[tuple[Path, int]]
    nothing_due: list[str]
    month_label: str


def write_forms(
    registry: Registry, request: FormRequest, output: Path, *, force: bool = False
) -> FormsWritten:
    """Write the forms asked for; a 科室 or 中队 with nothing due that month gets none (an empty sheet asks nothing)."""
    from cgtask.support.outputs import refuse_existing

    specs = form_specs(registry, request)
    label = specs[0].month_label if specs else f"{request.month}月"
    owed = [spec for spec in specs if spec.rows]
    nothing_due = [spec.unit for spec in specs if not spec.rows]
    if not owed:
        return FormsWritten([], nothing_due, label)
    warn_of_drafts(registry, (row.doc for spec in owed for row in spec.rows))
    # Every form is built before any is written (or a folder made): a build that fails (a full disk
    # under openpyxl's temporary files, a file-size limit) leaves no half a batch behind.
    built = [form_bytes(spec) for spec in owed]
    targets = _folder_targets(owed, output) if request.every else [_file_target(owed[0], output)]
    refuse_existing(targets, force=force)
    for data, target in zip(built, targets, strict=True):
        write_bytes_atomic(target, data)
    written = [(target, len(spec.rows)) for spec, target in zip(owed, targets, strict=True)]
    return FormsWritten(written, nothing_due, label)


def _folder_targets(specs: list[FormSpec], output: Path) -> list[Path]:
    """One file per form inside the folder ``output`` (created)."""
    if output.exists() and not output.is_dir():
        raise UsageError(f"一批文件须写入目录，而 {output} 是文件")
    output.mkdir(parents=True, exist_ok=True)
    return [output / form_file_name(spec) for spec in specs]


def _file_target(spec: FormSpec, output: Path) -> Path:
    """``output`` itself, or the form's own name inside it when it is a folder; always an .xlsx."""
    if output.is_dir():
        output = output / form_file_name(spec)
    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"台账表须为 .xlsx 文件，收到 {output.name}")
    return output

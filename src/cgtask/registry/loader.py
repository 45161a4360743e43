"""Load a registry: read every file, validate it, check across files, and cache the result."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from cgtask.errors import RegistryError
from cgtask.findings import Finding
from cgtask.models.data import (
    DocumentData,
    FindingData,
    OrganizationData,
    RegistryData,
    WorkCalendarData,
)
from cgtask.registry.cache import read_cache, read_payload, write_cache, write_payload
from cgtask.registry.files import RegistryFiles, file_stamps, registry_files
from cgtask.registry.view import CacheKey, Registry


def load_registry(root: Path, *, use_cache: bool = True) -> RegistryData:
    """The validated registry at ``root``; raises RegistryError with every finding when it has errors."""
    root = Path(root).resolve()
    files = registry_files(root)
    stamps = file_stamps(files)
    if use_cache:
        cached = read_cache(root, stamps)
        if cached is not None:
            return cached
    data, findings = load_fresh(files)
    if data is None:
        raise RegistryError(findings)
    if use_cache:
        write_cache(root, stamps, data)
    return data


def open_view(root: Path, *, use_cache: bool = True) -> Registry:
    """A view of the registry at ``root``: from the cache's small summary when it is warm."""
    root = Path(root).resolve()
    if not use_cache:
        return Registry(load_registry(root, use_cache=False))
    stamps = file_stamps(registry_files(root))
    key = CacheKey(root, stamps)
    summary = read_payload(root, stamps, "summary")
    if summary is not None:
        return Registry(summary=summary, key=key, load=lambda: load_registry(root))
    data = load_registry(root)
    view = Registry(data, key=key)
    write_payload(root, stamps, "summary", view.summary)
    return view


def check_registry(root: Path) -> list[Finding]:
    """Every finding (errors and warnings) of the registry at ``root``, without the cache."""
    _, findings = load_fresh(registry_files(root))
    return findings


def load_fresh(files: RegistryFiles) -> tuple[RegistryData | None, list[Finding]]:
    """Read and validate every file in one pass; data is None when any error was found."""
    from cgtask.models.ledger_data import empty_ledger
    from cgtask.registry.checks.documents import check_documents
    from cgtask.registry.ledger_file import check_ledger, load_ledger
    from cgtask.registry.names import OrgIndex

    findings: list[Finding] = []
    organization = _load_model(files, files.organization, "organization", findings)
    calendar = _load_model(files, files.calendar, "calendar", findings) if files.calendar else None
    failed: dict[str, str | None] = {}
    sources = [_load_document(files, path, findings, failed) for path in files.documents]
    documents = [s for s in sources if s is not None]
    ledger = load_ledger(files, findings) if files.ledger else empty_ledger()
    if organization is not None:
        index = OrgIndex(cast(OrganizationData, organization))
        findings += _without_unknown_basis(check_documents(documents, index), failed)
        ledger_findings = check_ledger(files, ledger, [s.data for s in documents], index)
        findings += _without_knock_on(files, ledger, ledger_findings, failed)
    findings.sort(key=lambda f: (f.file, f.line, f.col))
    if organization is None or any(f.severity == "error" for f in findings):
        return None, findings
    registry: RegistryData = {
        "root": str(files.root),
        "organization": cast(OrganizationData, organization),
        "documents": [s.data for s in documents],
        # Relative to the root, not to the working folder: the cache is shared by every folder.
        "document_files": {s.data["id"]: _in_root(files, s.display) for s in documents},
        "calendar": cast(WorkCalendarData, calendar or {"holidays": [], "workdays": []}),
        "warnings": [_finding_data(f) for f in findings],
        "ledger": ledger,
    }
    return registry, findings


def _in_root(files: RegistryFiles, display: str) -> str:
    path = Path(display) if Path(display).is_absolute() else Path.cwd().resolve() / display
    try:
        return str(path.relative_to(files.root))
    except ValueError:
        return display


def _finding_data(finding: Finding) -> FindingData:
    return {
        "file": finding.file,
        "line": finding.line,
        "col": finding.col,
        "code": finding.code,
        "message": finding.message,
        "severity": finding.severity,
    }


def _load_model(
    files: RegistryFiles, path: Path, which: str, findings: list[Finding]
) -> dict[str, Any] | None:
    from cgtask.models.calendar import WorkCalendarFile
    from cgtask.models.organization import Organization
    from cgtask.registry.validation import validate
    from cgtask.registry.yaml_io import read_yaml

    loaded = read_yaml(path, files.display(path))
    findings += loaded.findings
    if loaded.data is None:
        return None
    model = Organization if which == "organization" else WorkCalendarFile
    validated, errors = validate(model, loaded.data, loaded.display)
    findings += errors
    if which == "organization":
        from cgtask.registry.names import unsafe_name_findings

        # An error, but the organisation stays usable so the other files are still checked.
        findings += unsafe_name_findings(loaded.data, loaded.display)
    return None if validated is None else cast(dict[str, Any], validated.model_dump(mode="json"))


def _load_document(
    files: RegistryFiles, path: Path, findings: list[Finding], failed: dict[str, str | None]
) -> Any:
    """Validate one document from the fast parse; re-read it located only when positions are needed.

    A document that fails leaves its id (or its file's name) in ``failed`` with its likely kind
    (None when unreadable), so that references to it are not reported again as unknown.
    """
    from pydantic import TypeAdapter

    from cgtask.models.document import Document
    from cgtask.registry.checks.documents import DocumentSource
    from cgtask.registry.validation import validate
    from cgtask.registry.yaml_io import read_yaml

    display = files.display(path)
    loaded = read_yaml(path, display, located=False)
    if loaded.data is None:
        failed[path.stem] = None
        findings += read_yaml(path, display).findings or loaded.findings
        return None
    adapter = TypeAdapter(Document)
    validated, errors = validate(adapter, loaded.data, display)
    if validated is None:
        raw = loaded.data
        failed[_raw_id(raw) or path.stem] = _nearest_kind(raw) if isinstance(raw, dict) else None
        located = read_yaml(path, display)
        findings += _document_findings(located.data, display) if located.data is not None else errors
        return None
    data = cast(DocumentData, validated.model_dump(mode="json"))
    return DocumentSource(display, data, lambda: read_yaml(path, display).data)


def _raw_id(data: Any) -> str | None:
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


_KINDS = ("task_breakdown", "supervision_plan", "work_plan")


def _document_findings(data: Any, display: str) -> list[Finding]:
    """Every finding of a document; with an unknown ``kind:`` the rest is checked as the nearest kind,
    so one typo there does not hide every other error in the file."""
    from pydantic import TypeAdapter

    from cgtask.models.document import Document
    from cgtask.registry.validation import validate

    findings: list[Finding] = validate(TypeAdapter(Document), data, display)[1]
    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(data, dict) or kind in _KINDS:
        return findings
    guess = _nearest_kind(data)
    data["kind"] = guess  # in place, so ruamel keeps every position
    try:
        rest = validate(TypeAdapter(Document), data, display)[1]
    finally:
        if kind is None:
            del data["kind"]
        else:
            data["kind"] = kind
    return findings + [f for f in rest if f not in findings]


def _nearest_kind(data: dict[Any, Any]) -> str:
    import difflib

    if data.get("kind") in _KINDS:
        return str(data["kind"])
    close = difflib.get_close_matches(str(data.get("kind", "")), _KINDS, n=1, cutoff=0.5)
    if close:
        return close[0]
    if "categories" in data:
        return "task_breakdown"
    return "supervision_plan" if "items" in data else "work_plan"


def _without_unknown_basis(findings: list[Finding], failed: dict[str, str | None]) -> list[Finding]:
    """Drop E701 (a basis naming no known plan item) while a work plan, or a file that may be one,
    failed to load: its items are unknown until that file is fixed."""
    if not any(kind in (None, "work_plan") for kind in failed.values()):
        return findings
    return [f for f in findings if f.code != "E701"]


def _without_knock_on(
    files: RegistryFiles, ledger: Any, findings: list[Finding], failed: dict[str, str | None]
) -> list[Finding]:
    """Drop the ledger's "no such document/item" findings for documents that failed to load:
    they follow from that file's own findings, which already say what to fix."""
    entries = [n for n, entry in enumerate(ledger["entries"]) if entry.get("doc") in failed]
    if not entries or not findings or files.ledger is None:
        return findings
    from cgtask.registry.locate import value_position
    from cgtask.registry.yaml_io import read_yaml

    raw = read_yaml(files.ledger, files.display(files.ledger)).data
    hidden = {value_position(raw, ["entries", n, field]) for n in entries for field in ("doc", "item")}
    return [f for f in findings if f.code != "E801" or (f.line, f.col) not in hidden]

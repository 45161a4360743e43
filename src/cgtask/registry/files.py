"""Where a registry is and which files it holds."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cgtask.errors import UsageError

REGISTRY_ENV = "CGTASK_REGISTRY"
ORGANIZATION_FILE = "organization.yaml"
CALENDAR_FILE = "calendar.yaml"
LEDGER_FILE = "ledger.yaml"
DOCUMENTS_DIR = "documents"


def shipped_registry() -> Path:
    """The registry that ships with cgtask: inside the wheel, or the repository's ``registry/``."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_data" / "registry"
    if packaged.is_dir():
        return packaged
    return package.parent.parent / "registry"


def resolve_registry(option: Path | None) -> Path:
    """The registry to use: ``--registry``, else ``$CGTASK_REGISTRY``, else the shipped one."""
    chosen = option or (Path(os.environ[REGISTRY_ENV]) if os.environ.get(REGISTRY_ENV) else None)
    root = chosen or shipped_registry()
    if not (root / ORGANIZATION_FILE).is_file():
        raise UsageError(f"找不到登记册：{root}（目录中应有 {ORGANIZATION_FILE}）")
    return root


@dataclass(frozen=True)
class RegistryFiles:
    """The files of one registry, in a stable order."""

    root: Path
    organization: Path
    calendar: Path | None
    documents: tuple[Path, ...]
    ledger: Path | None = None

    def all(self) -> list[Path]:
        extra = [self.calendar] if self.calendar else []
        ledger = [self.ledger] if self.ledger else []
        return [self.organization, *extra, *self.documents, *ledger]

    def display(self, path: Path) -> str:
        """How a file is named in messages: relative to the working folder when it lies below it."""
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)


def registry_files(root: Path) -> RegistryFiles:
    calendar = root / CALENDAR_FILE
    docs_dir = root / DOCUMENTS_DIR
    documents = tuple(sorted(docs_dir.glob("*.yaml"))) if docs_dir.is_dir() else ()
    ledger = root / LEDGER_FILE
    return RegistryFiles(
        root,
        root / ORGANIZATION_FILE,
        calendar if calendar.is_file() else None,
        documents,
        ledger if ledger.is_file() else None,
    )


def file_stamps(files: RegistryFiles) -> list[list[object]]:
    """Name, modification time and size of every file: the cache is valid while these hold."""
    stamps: list[list[object]] = []
    for path in files.all():
        stat = path.stat()
        stamps.append([str(path.relative_to(files.root)), stat.st_mtime_ns, stat.st_size])
    return stamps

"""Where a registry is and which files it holds."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from cgtask.errors import UsageError, param
from cgtask.support.answers import note_files, note_folder

REGISTRY_ENV = "CGTASK_REGISTRY"
ORGANIZATION_FILE = "organization.yaml"
CALENDAR_FILE = "calendar.yaml"
LEDGER_FILE = "ledger.yaml"
# The split 台账 (``cgtask ledger split``): one file per year and month of the records' dates.
LEDGER_DIR = "ledger"
DOCUMENTS_DIR = "documents"


def shipped_registry() -> Path:
    """The registry that ships with cgtask: inside the wheel, or the repository's ``registry/``."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_data" / "registry"
    if packaged.is_dir():
        return packaged
    return package.parent.parent / "registry"


PACKAGED_REGISTRY_MESSAGE = (
    "随安装包提供的示例登记册不能写入（升级时会丢失）：请先用 cgtask init 目录 建立自己的登记册"
)


def is_packaged_registry(root: Path) -> bool:
    """True for a registry inside an installed cgtask (``…/site-packages/cgtask/_data/registry``).

    Whatever is written there is lost on the next upgrade, so commands that write refuse it.
    """
    real = Path(root).resolve()
    package = Path(__file__).resolve().parent.parent
    if real == (package / "_data" / "registry").resolve():
        return True
    parts = real.parts
    installed = any(part in ("site-packages", "dist-packages") for part in parts)
    return installed and parts[-3:] == ("cgtask", "_data", "registry")


UNNAMED_REGISTRY_MESSAGE = (
    "没有指定要写入的登记册：未指定时使用的是随 cgtask 提供的宝山示例，只供查看。请先用 cgtask init 目录 "
    f"建立自己的登记册，再用 {param('registry')} 目录 或环境变量 {REGISTRY_ENV} 指定"
)


def refuse_packaged_registry(root: Path, *, named: bool = True) -> None:
    """Raise UsageError for the installed package's own registry (see :func:`is_packaged_registry`).

    ``named`` False: the caller gave no registry, so ``root`` is the shipped example reached by default
    (unless $CGTASK_REGISTRY names one) — a write there would change the example, not the bureau's 台账.
    """
    if is_packaged_registry(root):
        raise UsageError(PACKAGED_REGISTRY_MESSAGE)
    if not named and not os.environ.get(REGISTRY_ENV):
        raise UsageError(UNNAMED_REGISTRY_MESSAGE)


def resolve_registry(option: Path | None) -> Path:
    """The registry to use: ``--registry``, else ``$CGTASK_REGISTRY``, else the shipped one."""
    chosen = option or (Path(os.environ[REGISTRY_ENV]) if os.environ.get(REGISTRY_ENV) else None)
    typed = chosen or shipped_registry()
    note_folder(typed)
    # The real absolute path, before any cache is consulted: a relative root would be read back
    # from the cache in another working folder and point the next write somewhere else.
    root = typed.resolve()
    if not (root / ORGANIZATION_FILE).is_file():
        raise UsageError(f"找不到登记册：{typed}（目录中应有 {ORGANIZATION_FILE}）")
    return root


@dataclass(frozen=True)
class RegistryFiles:
    """The files of one registry, in a stable order."""

    root: Path
    organization: Path
    calendar: Path | None
    documents: tuple[Path, ...]
    ledger: Path | None = None
    ledger_parts: tuple[Path, ...] = ()  # ledger/*.yaml, by name (year and month)

    def all(self) -> list[Path]:
        """Every file of the registry, in the order they are read: organisation, calendar, documents, 台账."""
        extra = [self.calendar] if self.calendar else []
        return [self.organization, *extra, *self.documents, *self.ledgers()]

    def ledgers(self) -> list[Path]:
        """The 台账's files in the order their records are read: ledger.yaml, then ledger/ by month."""
        return [*([self.ledger] if self.ledger else []), *self.ledger_parts]

    def display(self, path: Path) -> str:
        """How a file is named in messages: relative to the working folder when it lies below it."""
        # The file's own name, not its link target's: a loop or a dangling link must still be named.
        try:
            return str(Path(os.path.normpath(Path(path).absolute())).relative_to(Path.cwd().resolve()))
        except (ValueError, OSError):
            return str(path)


def registry_files(root: Path) -> RegistryFiles:
    """The files of the registry at ``root``; a calendar or ledger present in any form is listed."""
    root = Path(root).resolve()
    calendar = root / CALENDAR_FILE
    docs_dir = root / DOCUMENTS_DIR
    documents = tuple(sorted(docs_dir.glob("*.yaml"))) if docs_dir.is_dir() else ()
    ledger = root / LEDGER_FILE
    parts_dir = root / LEDGER_DIR
    parts = tuple(sorted(parts_dir.glob("*.yaml"))) if parts_dir.is_dir() else ()
    # Present in any form (a folder, a dangling link) counts: the loader then says what is wrong
    # with it, instead of the file being skipped in silence.
    return RegistryFiles(
        root,
        root / ORGANIZATION_FILE,
        calendar if os.path.lexists(calendar) else None,
        documents,
        ledger if os.path.lexists(ledger) else None,
        parts,
    )


def note_inputs(files: RegistryFiles) -> None:
    """Note every file of the registry, and the folders whose listing chooses them, as a query's inputs."""
    root = files.root
    for folder in (root, root / DOCUMENTS_DIR, root / LEDGER_DIR):
        note_folder(folder)
    note_files(files.all())


# Small files are also hashed while their times are too recent to tell edits apart: two writes of
# the same size within one tick of the file system's clock (a script, a checkout) keep every time
# the same. Once a file's change time is older than RACY_SECONDS, any later write moves it (ctime
# cannot be set back), so the times decide alone and a city's hundreds of files are not read at
# each command; the entry made while the file was racy is rebuilt once when its stamp loses the
# digest. Large files always rely on size, times and inode.
HASHED_FILE_BYTES = 256 * 1024
RACY_SECONDS = 3


def file_stamps(files: RegistryFiles) -> list[list[object]]:
    """What the cache must match for every file: the cache is valid while these hold.

    Size, modification and change time (ctime cannot be set back by a user) and inode, plus a
    content digest for small files. A file that cannot be read gets a stamp saying so, and the
    loader reports it.
    """
    return [_stamp(path, files.root) for path in files.all()]


def file_stamp(path: Path, root: Path) -> list[object]:
    """One file's stamp as :func:`file_stamps` makes it (city.yaml's, for its cached reading)."""
    return _stamp(path, root)


def _stamp(path: Path, root: Path) -> list[object]:
    import stat as stat_module

    name = str(path.relative_to(root))
    try:
        info = path.stat()
    except OSError as exc:
        return [name, "unreadable", exc.errno]
    if not stat_module.S_ISREG(info.st_mode):
        return [name, "not-a-file", info.st_mode]
    stamp: list[object] = [name, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
    if info.st_size <= HASHED_FILE_BYTES and _is_racy(info):
        stamp.append(_content_digest(path))
    return stamp


def _is_racy(info: os.stat_result) -> bool:
    """Whether the file changed so recently that an edit may not have moved its times."""
    return time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_SECONDS * 1_000_000_000


def _content_digest(path: Path) -> str:
    import hashlib

    try:
        # O_NONBLOCK: a FIFO swapped in after the stat above must not hang the stamp.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    with os.fdopen(fd, "rb") as handle:
        return hashlib.blake2b(handle.read(HASHED_FILE_BYTES + 1), digest_size=16).hexdigest()

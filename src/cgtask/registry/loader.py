"""Load a registry: read every file, validate it, check across files, and cache the result.

The cache is incremental (:mod:`cgtask.registry.store`): a file whose stamp is unchanged is not
read again, and the checks across files run over the small references each file's entry keeps.
"""

from __future__ import annotations

import functools
import gc
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, cast

from cgtask.errors import LeftOutWarning, RegistryError
from cgtask.findings import Finding, located
from cgtask.models.data import (
    DocumentData,
    FindingData,
    OrganizationData,
    RegistryData,
    WorkCalendarData,
)
from cgtask.registry.cache import read_payload, write_payload
from cgtask.registry.files import RegistryFiles, file_stamps, note_inputs, registry_files
from cgtask.registry.pack import is_intact, read_lines, read_section, tree_key, write_lines, write_section
from cgtask.registry.store import (
    INDEX,
    Built,
    FileRef,
    LazyRegistryData,
    built_from_index,
    entry_name,
    file_refs,
    finding_rows,
    findings_from,
    index_payload,
    is_entry_shape,
    is_index_shape,
    is_parts_shape,
    read_entry,
    write_entry,
)
from cgtask.registry.view import LEFT_OUT, DocumentSummary, Registry, RegistrySummary, summarize_document


@contextmanager
def quiet_gc() -> Iterator[None]:
    """No cyclic garbage collection while a registry is read.

    A load builds millions of containers and none of them is garbage, so every collection would be wasted
    work. What was built is then frozen (kept out of later collections) and collection restored as it was.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load_registry(root: Path, *, use_cache: bool = True) -> RegistryData:
    """The validated registry at ``root``; raises RegistryError with every finding when it has errors."""
    view = open_view(root, use_cache=use_cache)
    with quiet_gc():
        data = view.data
        data["documents"]
        return dict(data.items())  # type: ignore[return-value]


def open_view(root: Path, *, use_cache: bool = True, whole: bool = False) -> Registry:
    """A view of the registry at ``root``.

    From the cache's small index when it is warm, reading each file's entry only when a query needs it.
    A document with errors is left out with a warning; ``whole``: refused instead (RegistryError), for what
    goes out to others — a notice or a form that left a plan out would tell a 中队 it owes nothing.
    """
    store = RegistryStore(Path(root).resolve(), use_cache=use_cache)
    built = store.built()
    # A record counted twice (E802) fails ``check`` but leaves the registry open: the commands that
    # resolve it (ledger import, ledger undo) must run.
    if built.summary is None:
        raise RegistryError(built.findings)
    errors = [f for f in built.findings if f.severity == "error" and f.code not in OPEN_WITH]
    if errors and whole:
        raise RegistryError(errors)
    broken = sorted({f.file for f in errors})
    if broken:  # only documents can be broken here: the summary holds the others, left out
        import warnings

        first = [next(f for f in errors if f.file == file) for file in broken]
        warnings.warn(LeftOutWarning(broken, first), stacklevel=2)
    view = Registry(store=store)
    view.keep(LEFT_OUT, broken)  # so that "no such item" can say where the item may be
    return view


# E810 too: a record whose period no duty has counts nowhere, so the queries leave it out and answer.
OPEN_WITH = frozenset({"E802", "E810"})
# The cache kind of a ledger file's compact records ("records" is the checks' record index).
RECORDS = "compact"


def check_registry(root: Path) -> list[Finding]:
    """Every finding (errors and warnings) of the registry at ``root``; unchanged files come from the cache."""
    return RegistryStore(Path(root).resolve()).built().findings


def phrase_readings(root: Path | None, texts: list[str]) -> list[dict[str, Any]]:
    """How each phrase reads with the named seasons (汛期) of the registry at ``root`` (None: the default one).

    A text the engine cannot read whole but the import reads clause by clause (抽查比例为5%;每年抽查1次)
    gives one reading per demand, each naming the whole text in ``cell``.

    Only organization.yaml is read: a keeper checks wording while the documents may still be broken.
    """
    from cgtask.registry.files import resolve_registry
    from cgtask.schedule.cell_clauses import cell_readings

    index = RegistryStore(resolve_registry(root).resolve()).org_index()
    windows = dict(index.dated_windows) if index is not None else {}
    return [reading for text in texts for reading in cell_readings(text, windows)]


class RegistryStore:
    """The files of one registry and their cache entries; builds what is stale, once."""

    def __init__(self, root: Path, *, use_cache: bool = True) -> None:
        self.root = root
        self.use_cache = use_cache
        self.files = registry_files(root)
        self.stamps = file_stamps(self.files)
        note_inputs(self.files)  # a query's kept answer holds while these hold (support/answers)
        self.refs = file_refs(self.files, self.stamps)
        self._built: Built | None = None
        self._org_index: Any = None
        self._full: dict[str, Any] = {}  # entries with their data, by relative path
        self._ledger_files = set(self.files.ledgers())
        self.pack_key: str | None = None  # the pack of this state of the files, when there is one
        self._pack_entries: dict[str, bytes] | None = None
        self.built_here: set[str] = set()  # files read and checked by this process: all on a cold load
        self._memo: dict[str, Any] = {}

    # --- the index -----------------------------------------------------------------------------------

    def built(self) -> Built:
        """The registry's findings, summary and document list, from the cache index or rebuilt once."""
        if self._built is None:
            with quiet_gc():
                self._built = self._read_index() or self._from_pack() or self._rebuild()
        return self._built

    def _read_index(self) -> Built | None:
        if not self.use_cache:
            return None
        payload = read_payload(self.root, self.stamps, INDEX, is_index_shape)
        if payload is None:
            return None
        self.pack_key = payload.get("pack")
        return built_from_index(payload, self.refs)

    def _from_pack(self) -> Built | None:
        """The index of a pack made from exactly these files (a fresh clone, a lost cache), or None.

        Finding it reads every file (a tenth of a second for a city's 1,600); the stamps alone cannot tell a
        clone from an edit. A pack whose entries are damaged is not used, so that the load rebuilds and
        rewrites it.
        """
        if not self.use_cache:
            return None
        key = self._tree_key()
        payload = read_section(key, INDEX, is_index_shape) if key is not None else None
        if payload is None or (built := built_from_index(payload, self.refs)) is None:
            return None
        if not is_intact(cast(str, key), "entries"):  # rebuilt with the index, not file by file later
            return None
        self.pack_key = key
        write_payload(self.root, self.stamps, INDEX, {**payload, "pack": key})
        return built

    def peek_index(self) -> Built | None:
        """The cache index of these files if it is there (whether the registry is warm); nothing is built."""
        if self._built is None:
            with quiet_gc():
                self._built = self._read_index()
        return self._built

    def has_pack(self) -> bool:
        """Whether a pack of exactly these files is there to start from (its index intact; read, not used)."""
        key = self._tree_key() if self.use_cache else None
        return key is not None and is_intact(key, INDEX)

    def _tree_key(self) -> str | None:
        """:func:`tree_key` of these files, worked out once (every file is read for it)."""
        if "tree" not in self._memo:
            self._memo["tree"] = tree_key(self.files.all(), self.files.root, self.stamps)
        return cast(str | None, self._memo["tree"])

    def _rebuild(self) -> Built:
        built = _cross_check(self)
        if self.use_cache:
            index = index_payload(built, self.refs)
            # A cold load read every file: pack it for the next clone. Not with errors, whose messages may
            # name files as seen from this working folder.
            if len(self.built_here) == len(self.refs) and not any(
                f.severity == "error" for f in built.findings
            ):
                self.pack_key = self._write_pack(index)
            write_payload(self.root, self.stamps, INDEX, {**index, "pack": self.pack_key})
        return built

    def _write_pack(self, index: dict[str, Any]) -> str | None:
        key = tree_key(self.files.all(), self.files.root, self.stamps)
        if key is not None:
            write_lines(key, "entries", {rel: self._full[rel] for rel in self.refs})
            write_section(key, INDEX, index)
        return key

    def _packed(self, rel: str) -> Any:
        """One file's entry with its data from the pack of these files, or None."""
        if self.pack_key is None:
            return None
        if self._pack_entries is None:  # read once, each entry decoded when asked for
            self._pack_entries = read_lines(self.pack_key, "entries") or {}
        line = self._pack_entries.get(rel)
        try:
            entry: Any = json.loads(line) if line is not None else None
        except ValueError:
            return None
        if not is_entry_shape(entry):
            return None
        data = entry.get("data")
        return entry if (isinstance(data, dict) if entry["has_data"] else data is None) else None

    @property
    def summary(self) -> RegistrySummary:
        """The organisation and the documents' summaries (only opened on a registry without errors)."""
        summary = self.built().summary
        assert summary is not None  # a view is only opened on a registry without errors
        return summary

    # --- entries -------------------------------------------------------------------------------------

    def ref(self, path: Path) -> FileRef:
        """The cache reference (stamps, relative path) of one registry file."""
        return self.refs[str(path.relative_to(self.files.root))]

    def meta(self, path: Path) -> Any:
        """One file's findings and references (its entry without the data).

        All that the checks across files need, so a rebuild after editing one file decodes no other file's
        data.
        """
        ref = self.ref(path)
        if ref.rel in self._full:
            return self._full[ref.rel]
        meta = read_entry(self.root, ref) if self.use_cache else None
        packed = self._packed(ref.rel) if meta is None else None
        if packed is not None:  # kept as this file's own entry too: the next command reads it, not the pack
            self._full[ref.rel] = packed
            write_entry(self.root, ref, {key: value for key, value in packed.items() if key != "data"})
            if packed["data"] is not None:
                write_entry(self.root, ref, packed["data"], "data")
            return packed
        # The 台账's data is cached when a command reads it, not by the check that rebuilds it after a write:
        # its records are cached apart (ledger_chunks), so a ``done`` and the ``check`` after it write none.
        if meta is None:
            meta = self._appended_meta(path)
        return meta if meta is not None else self._build(path, keep_data=path not in self._ledger_files)

    def entry(self, path: Path) -> Any:
        """One file's entry with its data: in memory, else from the cache, else built from the file."""
        ref = self.ref(path)
        if ref.rel in self._full:
            return self._full[ref.rel]
        meta = self.meta(path)
        if ref.rel in self._full:  # just built
            return self._full[ref.rel]
        data = self._cached_data(path, ref) if meta["has_data"] else None
        if meta["has_data"] and data is None:  # the data's cache file is damaged or gone
            return self._build(path)
        entry = {**meta, "data": data}
        self._full[ref.rel] = entry
        return entry

    def remember(self, path: Path, entry: Any) -> None:
        """Keep an entry built elsewhere (by a worker) in memory."""
        self._full[self.ref(path).rel] = entry
        self.built_here.add(self.ref(path).rel)

    def _build(self, path: Path, *, keep_data: bool = True) -> Any:
        """Read and check the file; cache its findings and references, and (``keep_data``) its data apart."""
        ref = self.ref(path)
        entry = self._make_entry(path)
        entry["has_data"] = entry["data"] is not None
        self.built_here.add(ref.rel)
        if self.use_cache:
            write_entry(self.root, ref, {key: value for key, value in entry.items() if key != "data"})
            if entry["data"] is not None and keep_data:
                self._keep_data(path, ref, entry["data"])
        self._full[ref.rel] = entry
        return entry

    def record_index(self, path: Path) -> Any:
        """A 台账 file's records as the checks across files need them (ledger_checks), cached by its stamp."""
        from cgtask.registry.ledger_checks import is_record_index, record_index

        ref = self.ref(path)
        name = entry_name("records", ref.rel)
        cached = read_payload(self.root, ref.stamps, name, is_record_index) if self.use_cache else None
        if cached is not None:
            return cached
        data = self.entry(path)["data"]
        built = record_index(data["entries"] if data is not None else [])
        if self.use_cache:
            write_entry(self.root, ref, built, "records")
            if data is not None:
                from cgtask.registry.ledger_extend import keep_index
                from cgtask.registry.ledger_file import chunk_part

                keep_index(self.root, chunk_part(self.files.root, path), data["entries"], built)
        return built

    def _appended_meta(self, path: Path) -> Any:
        """A 台账 file's entry without its data when only records were appended since its index was kept.

        Its record index is extended by the appended records alone (ledger_extend) and cached under the
        file's stamp, where :meth:`record_index` finds it; the data is read when a command asks for it.
        """
        from cgtask.registry.ledger_extend import appended_index
        from cgtask.registry.ledger_file import chunk_part, stored_text
        from cgtask.registry.ledger_split import size_findings

        ref = self.ref(path)
        text = stored_text(path) if self.use_cache and path in self._ledger_files else None
        part = chunk_part(self.files.root, path)
        index = appended_index(self.root, part, text, ref.display) if text is not None else None
        if index is None:
            return None
        meta = {**_entry(None, size_findings(self.files, path)), "has_data": True}
        del meta["data"]
        write_entry(self.root, ref, meta)
        write_entry(self.root, ref, index, "records")
        return meta

    def _cached_data(self, path: Path, ref: FileRef) -> Any:
        """A file's cached data; a ledger file's from its compact records (:mod:`ledger_compact`) if kept so."""
        if path not in self._ledger_files:
            return read_entry(self.root, ref, "data")
        from cgtask.registry.ledger_compact import compact, expand

        data = expand(read_entry(self.root, ref, RECORDS))
        if data is not None:
            return data
        # Kept whole (from a pack, or a record of another shape): compacted from now on if it can be.
        data = read_entry(self.root, ref, "data")
        kept = compact(data) if data is not None else None
        if kept is not None:
            write_entry(self.root, ref, kept, RECORDS)
        return data

    def _keep_data(self, path: Path, ref: FileRef, data: Any) -> None:
        from cgtask.registry.ledger_compact import compact

        kept = compact(data) if path in self._ledger_files else None
        if kept is None:
            write_entry(self.root, ref, data, "data")
        else:
            write_entry(self.root, ref, kept, RECORDS)

    def org_index(self) -> Any:
        """The organisation's name index, or None when organization.yaml has errors."""
        from cgtask.registry.names import OrgIndex

        if self._org_index is None:
            data = self.entry(self.files.organization)["data"]
            self._org_index = OrgIndex(cast(OrganizationData, data)) if data is not None else False
        return self._org_index or None

    def _make_entry(self, path: Path) -> dict[str, Any]:
        files = self.files
        findings: list[Finding] = []
        if path == files.organization:
            return _entry(_load_model(files, path, "organization", findings), findings)
        if path == files.calendar:
            return _entry(_load_model(files, path, "calendar", findings), findings)
        if path in self._ledger_files:
            from cgtask.registry.ledger_file import load_ledger
            from cgtask.registry.ledger_split import size_findings

            ledger = load_ledger(files, path, findings, use_cache=self.use_cache)
            return _entry(cast(dict[str, Any], ledger), [*findings, *size_findings(files, path)])
        return _document_entry(files, path, findings, self.org_index())

    # --- the data ------------------------------------------------------------------------------------

    def data(self) -> RegistryData:
        """The registry data, each part read from the cache on first use."""
        known = {"root": str(self.root), "organization": self.summary["organization"]}
        return cast(RegistryData, LazyRegistryData(known, self._part))

    def duty_cadences(self) -> list[tuple[str, int, Any]]:
        """Each open document's id, year and duties' cadences as its entry keeps them (for E810).

        From the entries' references (:func:`_document_refs`): a board judging its records reads no document.
        """
        found = []
        for rel in self.built().documents:
            refs = self.meta(self.files.root / rel)["refs"]
            if refs.get("cadences"):
                found.append((refs["id"], refs["summary"]["year"], refs["cadences"]))
        return found

    def document(self, doc_id: str) -> Any:
        """One document's data, reading only its own entry (a notice needs its table, not the city's)."""
        built = self.built()
        for summary, rel in zip(self.summary["documents"], built.documents, strict=True):
            if summary["id"] == doc_id:
                return self.entry(self.files.root / rel)["data"]
        raise KeyError(doc_id)

    def _part(self, key: str) -> Any:
        from cgtask.models.ledger_data import empty_ledger

        files, built = self.files, self.built()
        if key == "documents":
            return [self.entry(files.root / rel)["data"] for rel in built.documents]
        if key == "document_files":
            return {d["id"]: rel for d, rel in zip(self.summary["documents"], built.documents, strict=True)}
        if key == "calendar":
            calendar = self.entry(files.calendar)["data"] if files.calendar else None
            return cast(WorkCalendarData, calendar or {"holidays": [], "workdays": []})
        if key == "warnings":
            return [_finding_data(f) for f in built.findings]
        return self.ledger() if files.ledgers() else empty_ledger()

    def ledger(self) -> Any:
        """The 台账: the records of ledger.yaml and of each ledger/ file, in that order."""
        from cgtask.registry.ledger_file import merged_ledgers

        return merged_ledgers([self.entry(path)["data"] for path in self.files.ledgers()])

    def derived(self, name: str, compute: Any, view: Registry) -> list[Any]:
        """``compute`` over each document on its own, concatenated; each part cached by its file's stamp.

        All parts are also kept in one file for these stamps, and in the pack of these files: a warm query
        reads one file, not one per document.
        """
        kind, documents = f"derived-{name}", self.built().documents
        with quiet_gc():
            parts = self._packed_parts(kind)
            if parts is None or any(rel not in parts for rel in documents):
                parts = self._document_parts(kind, compute, view)
        return [row for rel in documents for row in parts[rel]]

    def _packed_parts(self, kind: str) -> dict[str, Any] | None:
        if not self.use_cache:
            return None
        parts = read_payload(self.root, self.stamps, f"packed-{kind}", is_parts_shape)
        if parts is None and self.pack_key is not None:  # no copy: the index names the pack while it holds
            parts = read_section(self.pack_key, kind, is_parts_shape)
        return cast(dict[str, Any] | None, parts)

    def _document_parts(self, kind: str, compute: Any, view: Registry) -> dict[str, Any]:
        parts: dict[str, Any] = {}
        for rel in self.built().documents:
            ref = self.refs[rel]
            part = read_entry(self.root, ref, kind) if self.use_cache else None
            if part is None:
                document = self.entry(self.files.root / rel)["data"]
                single = LazyRegistryData({"documents": [document]}, view.data.__getitem__)
                part = compute(Registry(cast(RegistryData, single)))
                if self.use_cache:
                    write_entry(self.root, ref, part, kind)
            parts[rel] = part
        if self.use_cache:
            write_payload(self.root, self.stamps, f"packed-{kind}", parts)
            if self.pack_key is not None:
                write_section(self.pack_key, kind, parts)
        return parts


def _entry(data: dict[str, Any] | None, findings: list[Finding]) -> dict[str, Any]:
    return {"data": data, "load": finding_rows(findings), "checks": [], "refs": {}}


def _document_entry(files: RegistryFiles, path: Path, findings: list[Finding], index: Any) -> dict[str, Any]:
    """A document's entry.

    Its data, its own findings (names checked when the organisation loaded), and the references the checks
    across files need.
    """
    failed: dict[str, str | None] = {}
    source = _load_document(files, path, findings, failed)
    refs: dict[str, Any] = {"failed": [[key, kind] for key, kind in failed.items()]}
    checks: list[Finding] = []
    if source is not None and source.valid:
        refs.update(_document_refs(source.data, dict(index.dated_windows) if index is not None else {}))
    if source is not None and index is not None:
        checks = _document_checks(source, index)
    if source is not None and not source.valid:
        # Checked in part, and left out of the queries. W601 (a quantity no target records) would only
        # echo a broken target set aside; it is reported once the file validates.
        checks = [f for f in checks if f.code != "W601"]
        source = None
    return {
        "data": source.data if source is not None else None,
        "load": finding_rows(findings),
        "checks": finding_rows(checks),
        "refs": refs,
    }


def _document_refs(data: DocumentData, windows: dict[str, Any]) -> dict[str, Any]:
    from cgtask.registry import walk
    from cgtask.registry.ledger_cadence import document_cadences

    basis = [
        [[*task.path, "basis", n], task.id, item_id]
        for task in walk.items(data, "task")
        for n, item_id in enumerate(task.data.get("basis", []))
    ]
    return {
        "id": data["id"],
        "summary": summarize_document(data),
        "duty_items": [item.id for item in walk.items(data)] if walk.carries_duties(data) else None,
        "plan_items": [item.id for item in walk.all_items(data) if item.kind == "plan_item"],
        "basis": basis,
        # What each item's duties are, so a record's period is judged (E810) without parsing a phrase.
        "cadences": document_cadences(data, windows) if walk.carries_duties(data) else {},
    }


def _document_checks(source: Any, index: Any) -> list[Finding]:
    """The checks of one document against itself and the organisation (not the other files)."""
    import functools

    from cgtask.registry.checks import documents as checks
    from cgtask.registry.checks.targets import target_findings

    at = functools.partial(checks._at, source)
    return [
        *checks._duplicate_ids(source),
        *checks._names(source, index),
        *checks._levels(source, index),
        *checks._frequencies(source, index),
        *checks._period_disagreements(source, index),
        *checks._assumptions(source),
        *target_findings(source.data, at),
        *checks._kind_findings(source),
    ]


def _cross_check(store: RegistryStore) -> Built:
    """Every finding of the registry: each file's own (from its entry) and those across files."""
    files = store.files
    findings: list[Finding] = []
    entries = _stale_in_parallel(store)
    for path in files.all():
        entries[path] = entries.get(path) or store.meta(path)
        findings += findings_from(entries[path]["load"], store.ref(path).display)
    index = store.org_index()
    documents = [p for p in files.documents if entries[p]["has_data"]]
    failed = {key: kind for p in files.documents for key, kind in entries[p]["refs"]["failed"]}
    if index is not None:
        located_raw = _Located(store)
        findings += _duplicate_document_ids(documents, entries, located_raw)
        for path in files.documents:  # a document that failed validation was checked in part
            findings += findings_from(entries[path]["checks"], store.ref(path).display)
        findings += _without_unknown_basis(_basis_findings(documents, entries, located_raw), failed)
        if files.ledgers():
            findings += _ledger_findings(store, documents, entries, index, failed)
    findings.sort(key=lambda f: (f.file, f.line, f.col))
    organization = store.entry(files.organization)["data"]
    summary: RegistrySummary | None = None
    # A document with errors is left out of the queries (they answer from the rest, with a warning);
    # an error anywhere else (organisation, calendar, 台账) stops them, as check does. A record counted
    # twice (E802) fails ``check`` but leaves the registry open: the commands that resolve it must run.
    broken = {f.file for f in findings if f.severity == "error" and f.code not in OPEN_WITH}
    documents = [p for p in documents if store.ref(p).display not in broken]
    others_broken = broken - {store.ref(p).display for p in files.documents}
    if organization is not None and not others_broken:
        docs: list[DocumentSummary] = [entries[p]["refs"]["summary"] for p in documents]
        summary = RegistrySummary(organization=cast(OrganizationData, organization), documents=docs)
    rels = [store.ref(p).rel for p in documents]
    return Built(summary, findings, rels)


# Below this many bytes of stale documents, starting workers costs more than it saves.
PARALLEL_BYTES = 4 * 1024 * 1024
# The store a forked worker reads entries from: set in each worker (never in the parent) by the
# pool's initializer, which receives the store through fork, not pickled.
_WORKER_STORE: ContextVar[RegistryStore] = ContextVar("cgtask_worker_store")


def _stale_in_parallel(store: RegistryStore) -> dict[Path, Any]:
    """The entries of stale documents, built by forked workers when there are many.

    One process per core reads and checks files side by side (a city's first load). Each worker writes its
    entries to the cache itself; nothing changes when the machine has one core or cannot fork.
    """
    import multiprocessing

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return {}  # the entries are read one by one, as without workers
    cached = {
        p: read_entry(store.root, store.ref(p)) if store.use_cache else None for p in store.files.documents
    }
    fresh = {p: entry for p, entry in cached.items() if entry is not None}
    stale = [p for p, entry in cached.items() if entry is None]
    if len(stale) < 2 or sum(_size(p) for p in stale) < PARALLEL_BYTES:
        return fresh
    store.org_index()  # once, before the fork: every worker inherits it
    built = _in_workers(store, stale, min(cores, len(stale)))
    if built is None:
        return fresh  # the stale files are read here, one by one
    for path, entry in zip(stale, built, strict=True):
        store.remember(path, entry)
    return {**fresh, **dict(zip(stale, built, strict=True))}


def _in_workers(store: RegistryStore, stale: list[Path], workers: int) -> list[Any] | None:
    """The entries of ``stale`` built by forked workers; None when a worker died or none could start.

    A worker killed (out of memory, a signal) breaks the executor instead of leaving it waiting for ever, as
    ``multiprocessing.Pool`` would; the load then goes on in this process.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(workers, context, initializer=_adopt_store, initargs=(store,)) as pool:
            return list(pool.map(_forked_entry, stale, chunksize=1))
    except (BrokenProcessPool, OSError):
        return None


def _adopt_store(store: RegistryStore) -> None:
    _WORKER_STORE.set(store)


def _forked_entry(path: Path) -> Any:
    return _WORKER_STORE.get().entry(path)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Located:
    """The round-trip parse of a file, read only when a finding across files must be located there."""

    def __init__(self, store: RegistryStore) -> None:
        self.store = store
        self._raw: dict[Path, Any] = {}

    def at(self, path: Path, where: list[str | int], code: str, message: str) -> Finding:
        from cgtask.registry.locate import value_position
        from cgtask.registry.yaml_io import LEDGER_MAX_BYTES, MAX_FILE_BYTES
        from cgtask.registry.yaml_positions import read_positions

        display = self.store.ref(path).display
        if path not in self._raw:
            limit = LEDGER_MAX_BYTES if path in self.store.files.ledgers() else MAX_FILE_BYTES
            self._raw[path] = read_positions(path, display, limit)
        line, col = value_position(self._raw[path], where)
        return located(code, display, line, col, message)


def _duplicate_document_ids(documents: list[Path], entries: dict[Path, Any], raw: _Located) -> list[Finding]:
    seen: dict[str, str] = {}
    findings = []
    for path in documents:
        doc_id = entries[path]["refs"]["id"]
        if doc_id in seen:
            findings.append(raw.at(path, ["id"], "E302", f"文件编号 {doc_id} 与 {seen[doc_id]} 重复"))
        seen.setdefault(doc_id, raw.store.ref(path).display)
    return findings


def _basis_findings(documents: list[Path], entries: dict[Path, Any], raw: _Located) -> list[Finding]:
    """E701 for each basis id that no work plan of the registry holds."""
    from cgtask.registry.checks.basis import _unknown_message

    known = {item for path in documents for item in entries[path]["refs"]["plan_items"]}
    return [
        raw.at(path, where, "E701", _unknown_message(task_id, item_id, known))
        for path in documents
        for where, task_id, item_id in entries[path]["refs"]["basis"]
        if item_id not in known
    ]


def _ledger_findings(
    store: RegistryStore, documents: list[Path], entries: dict[Path, Any], index: Any, failed: dict[str, Any]
) -> list[Finding]:
    """E801, E810 and E802 of the 台账, each placed at its record's line.

    E801: entries naming a document, item or 中队 the registry does not have (not those naming a document
    that failed to load: its own findings say what to fix); E810: a period no duty of the item has (it
    would count nowhere); E802: one record counted twice (a git union merge of two clones).
    """
    from cgtask.registry.ledger_checks import RecordJudge, identities, judged_entry, may_repeat
    from cgtask.registry.ledger_clashes import ledger_clashes, may_clash

    indexes = [store.record_index(path) for path in store.files.ledgers()]
    if not any(index_["ids"] for index_ in indexes):
        return []
    items = {
        entries[p]["refs"]["id"]: set(entries[p]["refs"]["duty_items"])
        for p in documents
        if entries[p]["refs"]["duty_items"] is not None
    }
    judge = RecordJudge(items, index, failed, _period_fit(store, documents, entries))
    problems: list[tuple[int, str, str, str]] = []
    offset = 0
    for index_ in indexes:
        found = [judge.problems(judged_entry(key)) for key in index_["keys"]]
        problems += [
            (offset + n, field, message, code)
            for n, key in enumerate(index_["key_of"])
            for field, message, code in found[key]
        ]
        offset += len(index_["key_of"])
    places = _Places(store)
    # The identities of every record are built only when two may repeat (a git union merge).
    ledger = (
        [identity for index_ in indexes for identity in identities(index_)] if may_repeat(indexes) else []
    )
    clashes = ledger_clashes(ledger, places.named) if ledger and may_clash(ledger) else iter(())
    problems += [(n, field, message, "E802") for n, field, message in clashes]
    return _placed(store, places, problems) if problems else []


def _period_fit(store: RegistryStore, documents: list[Path], entries: dict[Path, Any]) -> Any:
    """The duties of the loaded documents, to judge records' periods by (E810)."""
    from cgtask.registry.ledger_cadence import PeriodFit, registry_calendar

    files = store.files
    calendar = store.entry(files.calendar)["data"] if files.calendar else None
    refs = [entries[p]["refs"] for p in documents]
    return PeriodFit(
        [(r["id"], r["summary"]["year"], r["cadences"]) for r in refs if r.get("cadences")],
        lambda: registry_calendar(calendar or {"holidays": [], "workdays": []}),
    )


class _Places:
    """Where each record of the merged 台账 is: read from the records' chunks, once, when a finding needs it."""

    def __init__(self, store: RegistryStore) -> None:
        self.store = store
        self._places: list[Any] | None = None

    def __getitem__(self, n: int) -> Any:
        from cgtask.registry.ledger_chunks import record_places

        if self._places is None:
            files = self.store.files.ledgers()
            self._places = record_places([(p, len(self.store.entry(p)["data"]["entries"])) for p in files])
        return self._places[n]

    def named(self, n: int) -> str:
        """How a message names record ``n``: its file and line, or its place in the file."""
        place = self[n]
        at = place.position("id")
        display = self.store.ref(place.path).display
        return f"{display} 第 {at[0]} 行" if at is not None else f"{display} 第 {place.index + 1} 条"


def _placed(
    store: RegistryStore, places: _Places, problems: list[tuple[int, str, str, str]]
) -> list[Finding]:
    """Each problem of the merged 台账's record ``n`` at its file and line, read from the records' chunks.

    Only a file not of the regular shape is parsed with positions (issue 24: a finding must not cost a
    located parse of a large 台账 on every rebuild).
    """
    raw = _Located(store)
    findings = []
    for n, field, message, code in problems:
        place = places[n]
        at = place.position(field)
        if at is None:
            findings.append(raw.at(place.path, ["entries", place.index, field], code, message))
        else:
            findings.append(located(code, store.ref(place.path).display, at[0], at[1], message))
    return findings


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
    if validated is None:
        return None
    data = cast(dict[str, Any], validated.model_dump(mode="json"))
    if which == "organization":
        from cgtask.registry.names import organization_findings

        findings += organization_findings(cast(OrganizationData, data), loaded.data, loaded.display)
    return data


def _load_document(
    files: RegistryFiles, path: Path, findings: list[Finding], failed: dict[str, str | None]
) -> Any:
    """Validate one document from the fast parse; re-read it located only when positions are needed.

    A document that fails leaves its id (or its file's name) in ``failed`` with its likely kind
    (None when unreadable), so that references to it are not reported again as unknown.
    """
    from cgtask.registry.checks.documents import DocumentSource
    from cgtask.registry.validation import validate
    from cgtask.registry.yaml_io import read_yaml
    from cgtask.registry.yaml_positions import read_positions

    display = files.display(path)
    loaded = read_yaml(path, display, located=False)
    if loaded.data is None:
        failed[path.stem] = None
        findings += read_yaml(path, display).findings or loaded.findings
        return None
    adapter = document_adapter()
    validated, errors = validate(adapter, loaded.data, display)
    if validated is None:
        raw = loaded.data
        failed[_raw_id(raw) or path.stem] = _nearest_kind(raw) if isinstance(raw, dict) else None
        located = read_yaml(path, display)
        findings += _document_findings(located.data, display) if located.data is not None else errors
        return _checked_in_part(raw, adapter, DocumentSource, lambda: read_yaml(path, display).data, display)
    data = cast(DocumentData, validated.model_dump(mode="json"))
    return DocumentSource(display, data, lambda: read_positions(path, display))


@functools.lru_cache(maxsize=1)  # building it costs as much as validating a medium document
def document_adapter() -> Any:
    """The validator of a document (pydantic's), made once per process."""
    from pydantic import TypeAdapter

    from cgtask.models.document import Document

    return TypeAdapter(Document)


def _checked_in_part(raw: Any, adapter: Any, source_type: Any, read_located: Any, display: str) -> Any:
    """The valid parts of a failed document (``valid`` false), so its other findings are still reported."""
    from cgtask.registry.partial import valid_parts

    if not isinstance(raw, dict):
        return None
    parts = valid_parts({**raw, "kind": _nearest_kind(raw)}, adapter)
    if parts is None:
        return None
    validated, to_file = parts
    return source_type(display, validated.model_dump(mode="json"), read_located, to_file)


def _raw_id(data: Any) -> str | None:
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


_KINDS = ("task_breakdown", "supervision_plan", "work_plan")


def _document_findings(data: Any, display: str) -> list[Finding]:
    """Every finding of a document.

    With an unknown ``kind:`` the rest is checked as the nearest kind, so one typo there does not hide every
    other error in the file.
    """
    from cgtask.registry.validation import validate

    findings: list[Finding] = validate(document_adapter(), data, display)[1]
    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(data, dict) or kind in _KINDS:
        return findings
    guess = _nearest_kind(data)
    data["kind"] = guess  # in place, so ruamel keeps every position
    try:
        rest = validate(document_adapter(), data, display)[1]
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
    """Drop E701 (a basis naming no known plan item) while a work plan, or a file that may be one, failed to load.

    Its items are unknown until that file is fixed.
    """
    if not any(kind in (None, "work_plan") for kind in failed.values()):
        return findings
    return [f for f in findings if f.code != "E701"]

"""Which document ids a new file may not take: those of the registry it is written into."""

from __future__ import annotations

from pathlib import Path

from cgtask.registry.view import Registry


def ids_taken_besides(registry: Registry, output: Path) -> frozenset[str]:
    """The ids a document written to ``output`` must not take.

    Written into the registry's folder, it must not take the id of any of its documents but the one
    whose file it replaces (the registry knows each document's file); written elsewhere, any id will do.
    """
    root = Path(registry.data["root"]).resolve()
    target = output.resolve()
    if not target.is_relative_to(root):
        return frozenset()
    files = registry.data["document_files"]
    return frozenset(doc_id for doc_id, rel in files.items() if (root / rel).resolve() != target)

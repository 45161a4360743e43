"""Records that mean the same thing twice: what git's union merge of two clones' ledgers can let through.

Union merges lines, not meaning. The same form imported in two clones gives each row twice (the same
derived id, or two ids of one ``origin``); the same record corrected in both gives two live
corrected copies; withdrawn in one and corrected in the other, its corrected copy counts though one
clone meant it gone. Each is reported (E802) at the later entry, naming the earlier one and the command
that leaves one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from cgtask.models.ledger_data import successor_id

Where = Callable[[int], str]  # how a message names the entry of an index: 第 3 条, or a file and line


def _ordinal(n: int) -> str:
    return f"第 {n + 1} 条"


def may_clash(entries: Sequence[Mapping[str, Any]]) -> bool:
    """Whether :func:`ledger_clashes` can find anything: an id, a form row or a withdrawn id seen twice.

    A quick look (sets of strings) that spares the queries the full search on a 台账 without clashes.
    """
    ids = [e["id"] for e in entries if e.get("id")]
    origins = [e["origin"] for e in entries if e.get("origin") and not e.get("withdraws")]
    targets = [e["withdraws"] for e in entries if e.get("withdraws")]
    return any(len(set(values)) != len(values) for values in (ids, origins, targets))


def ledger_clashes(
    entries: Sequence[Mapping[str, Any]], where: Where = _ordinal
) -> Iterator[tuple[int, str, str]]:
    """(entry index, field, Chinese message) for every duplicate live record and clashing correction."""
    withdrawn = {e.get("withdraws") for e in entries} - {None}
    live = [(n, e) for n, e in enumerate(entries) if not e.get("withdraws") and e.get("id") not in withdrawn]
    yield from _same_id(live, where)
    yield from _same_origin(live, where)
    yield from _two_corrections(entries, {str(e.get("id")) for _, e in live}, where)
    yield from _undone_and_corrected(entries, {str(e.get("id")) for _, e in live})


def _same_id(live: list[tuple[int, Mapping[str, Any]]], where: Where) -> Iterator[tuple[int, str, str]]:
    first: dict[str, int] = {}
    for n, entry in live:
        record_id = entry.get("id")
        if record_id is None:
            continue
        if record_id in first:
            yield (
                n,
                "id",
                f"记录 {record_id} 在台账中出现两次（{where(first[record_id])}和{where(n)}，"
                "两份克隆导入了同一张表后合并）："
                + (
                    "再导入该表（cgtask ledger import 表格）即合并为一条"
                    if entry.get("origin")
                    else "删除其中一行"
                ),
            )
        first.setdefault(str(record_id), n)


def _same_origin(live: list[tuple[int, Mapping[str, Any]]], where: Where) -> Iterator[tuple[int, str, str]]:
    first: dict[str, tuple[int, str]] = {}
    for n, entry in live:
        origin, record_id = entry.get("origin"), str(entry.get("id"))
        if not origin:
            continue
        earlier = first.get(str(origin))
        if earlier is not None and earlier[1] != record_id:
            yield (
                n,
                "origin",
                f"记录 {record_id} 与 {earlier[1]}（{where(earlier[0])}）来自台账表的同一行，重复计入："
                f"再导入该表（cgtask ledger import 表格）即合并为一条，或撤销多余的一条：cgtask ledger undo {record_id}",
            )
        first.setdefault(str(origin), (n, record_id))


def _two_corrections(
    entries: Sequence[Mapping[str, Any]], live_ids: set[str], where: Where
) -> Iterator[tuple[int, str, str]]:
    """A record withdrawn twice whose corrected copies both still count (``ledger edit`` in two clones)."""
    index = {str(e.get("id")): n for n, e in enumerate(entries) if e.get("id") is not None}
    copies: dict[str, list[str]] = {}
    for entry in entries:
        target = entry.get("withdraws")
        if target is None or entry.get("id") is None:
            continue
        copy = successor_id(str(target), str(entry["id"]))
        if copy in live_ids:
            copies.setdefault(str(target), []).append(copy)
    for target, found in copies.items():
        for later in found[1:]:
            yield (
                index[later],
                "id",
                f"记录 {target} 被更正了两次，{found[0]} 与 {later} 都有效（两处同时 ledger edit 后合并）："
                f"保留一条，撤销另一条：cgtask ledger undo {later}",
            )


def _undone_and_corrected(
    entries: Sequence[Mapping[str, Any]], live_ids: set[str]
) -> Iterator[tuple[int, str, str]]:
    """A record withdrawn by ``ledger undo`` in one clone and corrected by ``ledger edit`` in the other."""
    ids = {str(e.get("id")) for e in entries if e.get("id") is not None}
    index = {str(e.get("id")): n for n, e in enumerate(entries) if e.get("id") is not None}
    undone: set[str] = set()
    corrected: dict[str, str] = {}
    for entry in entries:
        target, own = entry.get("withdraws"), entry.get("id")
        if target is None or own is None:
            continue
        copy = successor_id(str(target), str(own))
        if copy not in ids:
            undone.add(str(target))  # a plain undo: no corrected copy goes with it
        elif copy in live_ids:
            corrected.setdefault(str(target), copy)
    for target in sorted(undone & corrected.keys(), key=lambda t: index[corrected[t]]):
        copy = corrected[target]
        yield (
            index[copy],
            "id",
            f"记录 {target} 一处撤销、一处更正为 {copy}（两处分别操作后合并），更正的一条仍然计入："
            f"要保留更正，删去撤销 {target} 的那条不带更正的撤销记录；要撤销，运行 cgtask ledger undo {copy}",
        )

"""A city's answers: each district's own query, run on its prepared context, and the rows put together.

The queries are not forked: every district answers through the same function a district's command
calls (:mod:`cgtask.queries.years`, :mod:`cgtask.queries.listing`), and this layer only tags each row
with its district, merges the rows, and ranks the districts on the board. A district whose names do
not fit the question (a 科室 only some districts have) simply has nothing to add; only when no district
knows the name is it an error.

The board of every district is kept in that district's cache, keyed by its files' stamps and the
question, so a 市局's second look at 16 districts reads 16 small files instead of weighing every period
again.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from cgtask.errors import Notice, UsageError
from cgtask.queries.rows import BoardRow, DueRow
from cgtask.queries.standing_query import CityRanking, DistrictStanding, DutyStanding

if TYPE_CHECKING:
    from cgtask.queries.due_query import DueQuery, DueResult
    from cgtask.queries.listing import ListFilter, ListRow
    from cgtask.queries.standing import ProgressResult
    from cgtask.queries.standing_query import OverdueResult, StandingQuery
    from cgtask.registry.city import City
    from cgtask.registry.view import Registry

R = TypeVar("R")
P = ParamSpec("P")
STATUS_ORDER = ("red", "yellow", "blue", "green")


def across(
    path: Path | None,
    district: Callable[Concatenate[Registry, P], R],
    city: Callable[Concatenate[City, P], R],
    *args: P.args,
    **kwargs: P.kwargs,
) -> R:
    """``district`` on the registry at ``path``; on a city folder (city.yaml), ``city`` on its districts.

    The city folder is ``path``, ``$CGTASK_REGISTRY`` or the working folder (see :func:`city_root`).
    """
    from cgtask.registry.city import city_root, open_city
    from cgtask.registry.files import resolve_registry
    from cgtask.registry.loader import open_view, quiet_gc

    root = city_root(path)
    # A query builds hundreds of thousands of records, rows and groups (a 台账 of 60,000 records) and
    # leaves no cycles to collect: collecting during it would be a third of its time.
    with quiet_gc():
        if root is None:
            return district(open_view(resolve_registry(path)), *args, **kwargs)
        return city(open_city(root), *args, **kwargs)


def answers(city: City, answer: Callable[[Registry], R]) -> list[tuple[str, R]]:
    """Each district's answer, in city.yaml's order.

    A district that cannot take the question (UsageError: a 科室 it does not have) is passed over; when
    none can, the first district's message stands.
    """
    found: list[tuple[str, R]] = []
    refused: list[UsageError] = []
    for name, view in city.districts:
        try:
            found.append((name, answer(view)))
        except UsageError as exc:
            refused.append(exc)
    if refused and not found:
        raise refused[0]
    return found


def list_rows(city: City, query: ListFilter) -> list[ListRow]:
    """``list`` across the districts: each district's rows, its name first."""
    from cgtask.queries.list_cache import district_list

    return [
        {"district": name, **row}
        for name, rows in answers(city, lambda view: district_list(view, query))
        for row in rows
    ]


def due(city: City, query: DueQuery) -> DueResult:
    """What is due in every district, each row tagged with its district, in due order (then city.yaml's)."""
    from cgtask.queries.due_cache import district_due
    from cgtask.queries.due_query import DueResult

    rows: list[DueRow] = []
    labels: dict[str, str] = {}
    notes: list[str] = []
    found = answers(city, lambda view: district_due(view, query))
    for name, result in found:
        rows += [_tagged(row, name) for row in result.rows]
        labels.update(result.period_labels)
        # A notice keeps its marked parameters, so the command line still names its flag (--year).
        notes += [Notice(f"{name}：{getattr(note, 'marked', note)}") for note in result.warnings]
    rows.sort(key=lambda row: (row.due is None, row.due or date.min))  # stable: districts stay in order
    merged = DueResult([], labels, notes, found[0][1].calendar)
    merged.__dict__["rows"] = rows  # the rows are made already (``rows`` is cached from the groups)
    return merged


def _tagged(row: Any, district: str) -> Any:
    return replace(row, district=district)


def rank(rows: list[BoardRow], names: list[str]) -> CityRanking:
    """Districts by red lines, then yellow (equal counts share a place); duties by red, then yellow."""
    tallies = {name: dict.fromkeys(STATUS_ORDER, 0) for name in names}
    duties: dict[tuple[str, str, str], dict[str, dict[str, int]]] = {}
    for row in rows:
        district = row.district or ""
        tallies.setdefault(district, dict.fromkeys(STATUS_ORDER, 0))[row.status] += 1
        per = duties.setdefault((row.doc, row.item, row.title), {})
        per.setdefault(district, {"red": 0, "yellow": 0})
        if row.status in ("red", "yellow"):
            per[district][row.status] += 1
    order = sorted(tallies, key=lambda name: (-tallies[name]["red"], -tallies[name]["yellow"]))
    standings: list[DistrictStanding] = []
    place = 0
    for position, name in enumerate(order, 1):
        counts = tallies[name]
        if not standings or (counts["red"], counts["yellow"]) != (standings[-1].red, standings[-1].yellow):
            place = position
        standings.append(
            DistrictStanding(
                place, name, counts["red"], counts["yellow"], counts["blue"], sum(counts.values())
            )
        )
    return CityRanking(standings, _duty_standings(duties))


def _duty_standings(duties: dict[tuple[str, str, str], dict[str, dict[str, int]]]) -> list[DutyStanding]:
    found = [
        DutyStanding(
            doc, item, title, sum(c["red"] for c in per.values()), sum(c["yellow"] for c in per.values()), per
        )
        for (doc, item, title), per in duties.items()
    ]
    found = [duty for duty in found if duty.red or duty.yellow]
    return sorted(found, key=lambda duty: (-duty.red, -duty.yellow))


def overdue(city: City, query: StandingQuery, *, detail: bool) -> OverdueResult:
    """The city board: every district's lines, its name on each, worst first; the districts ranked."""
    from cgtask.queries.standing_query import OverdueResult

    if not detail:
        _boards_side_by_side(city, query)
    found = answers(city, lambda view: district_overdue(view, query, detail=detail))
    order = {name: index for index, name in enumerate(city.names)}
    rows = [_tagged(row, name) for name, result in found for row in result.rows]
    rows.sort(key=lambda row: (STATUS_ORDER.index(row.status), order[row.district]))
    details = [_tagged(row, name) for name, result in found for row in result.details]
    labels: dict[str, str] = {}
    years: dict[str, int] = {}
    for _, result in found:
        labels.update(result.period_labels)
        years.update(result.doc_years)
    board = OverdueResult(rows, details, labels, query.as_of, years)
    board.ranking = rank(rows, city.names)
    return board


BOARD_CACHE = "board"
_BOARD_FIELDS = tuple(f.name for f in fields(BoardRow))


def board(path: Path | None, query: StandingQuery, *, detail: bool) -> OverdueResult:
    """``cgtask overdue`` on a registry or a city; a cold city's districts are read and their boards made in one pass.

    The workers that read a cold district's files go on to its board while its registry is in memory.
    """
    from cgtask.registry.city import city_root, open_city

    root = city_root(path)
    if root is None:
        return across(path, district_overdue, overdue, query, detail=detail)
    then = None if detail else functools.partial(_quiet_board, query=query)
    return overdue(open_city(root, then=then, prepare=_board_modules), query, detail=detail)


def _board_modules() -> None:
    """The modules a board is computed with, imported once before the workers that compute boards start."""
    import cgtask.queries.standing
    import cgtask.queries.years  # noqa: F401


def _quiet_board(view: Registry, query: StandingQuery) -> None:
    """A district's board into its cache; a question it cannot take is the parent's to pass over."""
    try:
        district_overdue(view, query)
    except UsageError:
        return


def district_overdue(view: Registry, query: StandingQuery, *, detail: bool = False) -> OverdueResult:
    """A district's board: read back when the same question was asked of the same files, else computed.

    The board (not its ``detail``) is kept in the registry's cache, keyed by every file's stamp, the
    code and the question; a 市局 asks 16 districts the same question, and a clerk the same one all day.
    """
    from cgtask.registry.ledger_store import FileLedger, ledger_of

    # Cached only while the 台账 is the registry's own files: the stamps say nothing of another store.
    cacheable = not detail and isinstance(ledger_of(view), FileLedger)
    cached = _cached_board(view, query) if cacheable else None
    if cached is not None:
        return cached
    from cgtask.queries.years import overdue as board  # only now: the schedule is heavy to import

    result = board(view, query, detail=detail)
    if not cacheable:
        return result
    _keep_board(view, query, result)
    return result


def answer_key(query: object) -> str:
    """What a cached answer must have been asked: the question, and the holiday tables it was dated by.

    The files' and the code's stamps are the cache header's; the official calendar is another package's, and
    an upgrade of it (next year's 调休 published) changes due dates without changing a file of the registry.
    """
    return hashlib.blake2b(f"{query!r}|{_holiday_tables()}".encode(), digest_size=12).hexdigest()


@functools.lru_cache(maxsize=1)
def _holiday_tables() -> str:
    """The installed chinese_calendar, by its tables' file stamp (found without importing it)."""
    from importlib.util import find_spec

    spec = find_spec("chinese_calendar")
    folder = Path(spec.origin).parent if spec is not None and spec.origin else None
    try:
        info = (folder / "constants.py").stat() if folder is not None else None
    except OSError:
        info = None
    return f"{folder}:{info.st_size}:{info.st_mtime_ns}" if info is not None else "none"


def _cached_board(view: Registry, query: StandingQuery) -> OverdueResult | None:
    from cgtask.queries.standing_query import OverdueResult
    from cgtask.registry.cache import read_payload

    root, stamps = view.stamps or (None, None)
    payload = read_payload(root, stamps, BOARD_CACHE) if root is not None and stamps is not None else None
    if not isinstance(payload, dict) or payload.get("question") != answer_key(query):
        return None
    try:
        rows = [BoardRow(**row) for row in payload["rows"]]
    except (TypeError, KeyError):  # written by another shape of row: computed again
        return None
    heading = str(payload.get("unit_heading", "中队"))
    return OverdueResult(rows, [], payload["labels"], query.as_of, payload["years"], unit_heading=heading)


def _keep_board(view: Registry, query: StandingQuery, result: OverdueResult) -> None:
    from cgtask.registry.cache import write_payload

    root, stamps = view.stamps or (None, None)
    if root is None or stamps is None:
        return
    rows = [{name: getattr(row, name) for name in _BOARD_FIELDS} for row in result.rows]  # flat: no deep copy
    payload = {"question": answer_key(query), "rows": rows, "labels": result.period_labels}
    extra = {"years": result.doc_years, "unit_heading": result.unit_heading}
    write_payload(root, stamps, BOARD_CACHE, {**payload, **extra})


# The question forked processes answer: set before the fork, inherited, never pickled.
_FORKED: ContextVar[tuple[City, StandingQuery]] = ContextVar("cgtask_city_question")


def _boards_side_by_side(city: City, query: StandingQuery) -> None:
    """Compute the boards not cached yet in forked processes, one per core, each into its district's cache."""
    from cgtask.registry.city import run_forked

    cold = [name for name, view in city.districts if _cached_board(view, query) is None]
    token = _FORKED.set((city, query))
    try:
        run_forked(_board_in_fork, cold)
    finally:
        _FORKED.reset(token)


def _board_in_fork(name: str) -> None:
    city, query = _FORKED.get()
    _quiet_board(dict(city.districts)[name], query)


def progress(city: City, query: StandingQuery) -> ProgressResult:
    """Completion in every district: each tally, item and target with its district first."""
    from cgtask.queries.standing import ProgressResult
    from cgtask.queries.years import progress as progress_in_years

    merged = ProgressResult(query.as_of)
    for name, result in answers(city, lambda view: progress_in_years(view, query)):
        merged.parties += [{"district": name, **tally} for tally in result.parties]
        merged.items += [{"district": name, **item} for item in result.items]
        merged.targets += [{"district": name, **target} for target in result.targets]
    return merged

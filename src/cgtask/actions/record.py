"""``cgtask done``: check one record against the registry and append it to the ledger (台账).

Everything the user typed is resolved before the file is touched: the document and item, the
中队, the level, the activity when one period holds several, the period (by default the
occurrence whose period contains the date) and the numbers. Only a complete, valid entry is
handed to :func:`cgtask.registry.ledger_file.append_ledger_entry`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cgtask.errors import UsageError, param
from cgtask.models.data import DocumentData, TargetData, TaskData
from cgtask.models.ledger_data import EDIT_NOTE, new_record_id, successor_id, withdrawal_of
from cgtask.queries.context import prepare
from cgtask.queries.duties import Duty, collect_duties, duty_requirement, task_bases, unit_members
from cgtask.queries.requirements import Requirement
from cgtask.registry.files import LEDGER_FILE
from cgtask.registry.view import Registry, iter_tasks, left_out_files
from cgtask.schedule.calendar import WorkCalendar
from cgtask.schedule.occurrences import ExpansionOptions, Period, expand_occurrences
from cgtask.schedule.periods import window_dates
from cgtask.support.limits import MAX_ACTIONS, MAX_NOTE_CHARS, MAX_QUANTITY
from cgtask.support.text import control_characters
from cgtask.support.words import month_day


@dataclass(frozen=True)
class DoneRequest:
    """What ``cgtask done`` was given; ``date`` is ISO text, None for today."""

    item: str
    doc: str | None = None
    unit: str | None = None
    level: str | None = None
    activity: str | None = None
    period: str | None = None
    when: date | None = None
    count: int = 1
    value: float | None = None
    metric: str | None = None
    note: str | None = None
    quantity: int | None = None
    of: int | None = None
    covers: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Choice:
    """One duty of the item and one of its periods: a place the record could go."""

    duty: Duty
    period: Period


def _document_of(registry: Registry, request: DoneRequest, year: int) -> DocumentData:
    """The task table or supervision plan holding the item: of the record's ``year`` when several years do."""
    found = [d for d in registry.select(request.doc) if _has_item(d, request.item)]
    if not found:
        where = f"文件 {request.doc} 中" if request.doc else "任务分解表和执法监督方案中"
        left_out = left_out_files(registry)
        hint = f"；{'、'.join(left_out)} 有错误、本次未读入，该事项可能在其中，请先修正" if left_out else ""
        raise UsageError(f"{where}没有编号为“{request.item}”的事项（任务如 4.3，监督事项如 1）{hint}")
    of_year = [d for d in found if d["year"] == year]
    if len(found) > 1 and len(of_year) == 1:
        return of_year[0]  # tasks-2022 and tasks-2023 both hold 4.3: the record's year decides
    if len(found) > 1:
        names = "、".join(d["id"] for d in found)
        raise UsageError(f"编号“{request.item}”在多个文件中都有（{names}），请用 {param('doc')} 指明")
    return found[0]


def _has_item(document: DocumentData, item: str) -> bool:
    if document["kind"] == "task_breakdown":
        return any(task["id"] == item for _, task in iter_tasks(document))
    if document["kind"] == "supervision_plan":
        return any(entry["id"] == item for entry in document["items"])
    return False


def _unit(registry: Registry, name: str | None) -> str | None:
    if name is None:
        return None
    unit = registry.index.resolve_party(name)
    if registry.index.kind_of(unit) != "unit":
        raise UsageError(f"“{name}”是科室，不是中队；科室登记时不用 {param('unit')}")
    return unit


def _duties_for(registry: Registry, doc: str, request: DoneRequest, unit: str | None) -> list[Duty]:
    """The item's duties that fit --level, --unit and --activity; an error says why none does."""
    duties = [d for d in collect_duties(registry) if d.doc == doc and d.item == request.item]
    if not duties:
        return []
    levels = list(dict.fromkeys(d.level for d in duties))
    if request.level is not None and request.level not in levels:
        raise UsageError(
            f"第 {request.item} 项没有“{request.level}”层级的工作；现有层级：{'、'.join(levels)}"
        )
    duties = [d for d in duties if request.level in (None, d.level)]
    duties = _by_unit(registry, duties, request.item, unit)
    if request.activity is not None:
        titles = list(dict.fromkeys(d.title for d in duties))
        duties = [d for d in duties if d.title == request.activity]
        if not duties:
            raise UsageError(f"第 {request.item} 项没有工作“{request.activity}”；可选：{'、'.join(titles)}")
    return duties


def _by_unit(registry: Registry, duties: list[Duty], item: str, unit: str | None) -> list[Duty]:
    """A 中队 records the 中队-level duties it is one of; without --unit, only the bureau's own."""
    index = registry.index
    if unit is None:
        own = [d for d in duties if unit_members(d.level, index) is None]
        if not own:
            members = [m for d in duties for m in unit_members(d.level, index) or []]
            word = index.unit_word(members)
            raise UsageError(f"第 {item} 项由{word}完成，请用 {param('unit')} 指明是哪个{word}")
        return own
    mine = [d for d in duties if unit in (unit_members(d.level, index) or [])]
    if not mine:
        raise UsageError(f"{unit}不承担第 {item} 项的中队工作（请检查 {param('unit')} 和 {param('level')}）")
    return mine


def _choices(duties: list[Duty], year: int, calendar: WorkCalendar, day: date) -> list[_Choice]:
    """Each period of the document's year for each duty; an event-driven duty's period is the day."""
    choices = []
    for duty in duties:
        if duty.frequency.is_event:
            choices.append(_Choice(duty, Period("event", day, day, day.isoformat(), day.isoformat())))
            continue
        for occurrence in expand_occurrences(
            duty.frequency,
            year,
            calendar,
            duty.rule,
            options=ExpansionOptions(
                rest_days_owed=duty.rest_days, anchor_year=duty.year, plan_year=duty.year
            ),
        ):
            choices.append(_Choice(duty, occurrence.period))
    return choices


def _pick(choices: list[_Choice], request: DoneRequest, day: date) -> list[_Choice]:
    """The choices of --period, else those whose period contains the date; one period at most."""
    if request.period is not None:
        picked = [c for c in choices if c.period.key == request.period]
        if not picked:
            examples = "、".join(dict.fromkeys(f"{c.period.key}（{c.period.label}）" for c in choices[:3]))
            raise UsageError(f"周期“{request.period}”不是第 {request.item} 项的周期；应写成如 {examples}")
    else:
        picked = [c for c in choices if c.period.start <= day <= c.period.end]
        if not picked:
            raise UsageError(
                f"{day.isoformat()} 不在第 {request.item} 项的任何周期内，请用 {param('period')}（必要时加 {param('activity')}）指明"
            )
    keys = list(dict.fromkeys(c.period.key for c in picked))
    if len(keys) > 1:
        options = "、".join(
            dict.fromkeys(f"{c.period.key}（{c.duty.title}，{c.duty.phrases[0]}）" for c in picked)
        )
        raise UsageError(
            f"第 {request.item} 项在 {day.isoformat()} 有多个周期可登记：{options}；请用 {param('period')} 指明"
        )
    return picked


def _check_single_duty(picked: list[_Choice], item: str) -> None:
    """Several works of one item may share a period (诉件督办, 重复诉件督察 …): say which was done."""
    titles = list(dict.fromkeys(c.duty.title for c in picked))
    if len(titles) > 1:
        raise UsageError(
            f"第 {item} 项在该周期有多项工作：{'、'.join(titles)}；请用 {param('activity')} 指明"
        )
    levels = sorted({c.duty.level for c in picked})
    if len(levels) > 1:
        raise UsageError(f"第 {item} 项在该周期有多个层级：{'、'.join(levels)}；请用 {param('level')} 指明")


def _task(document: DocumentData, item: str) -> TaskData | None:
    if document["kind"] != "task_breakdown":
        return None
    return next((task for _, task in iter_tasks(document) if task["id"] == item), None)


def _metric(document: DocumentData, request: DoneRequest) -> str | None:
    """The target a --value is for: --metric, or the task's only measurable target."""
    if request.value is None:
        if request.metric is not None:
            raise UsageError(f"{param('metric')} 需要与 {param('value')} 一起使用")
        return None
    task = _task(document, request.item)
    targets: list[TargetData] = [t for t in (task["targets"] if task else []) if t["op"]]
    metrics = list(dict.fromkeys(t["metric"] or t["text"] for t in targets))
    if request.metric is not None:
        if request.metric not in metrics:
            known = "、".join(metrics) or "（无量化指标）"
            raise UsageError(f"第 {request.item} 项没有指标“{request.metric}”；现有指标：{known}")
        return request.metric
    if len(metrics) > 1:
        raise UsageError(f"第 {request.item} 项有多项指标：{'、'.join(metrics)}；请用 {param('metric')} 指明")
    return metrics[0] if metrics else None


def _last_year(period: str | None, year: int) -> int:
    """The last year a named period runs in: its plan's year, or a later one-off's (2023-once-20251231)."""
    later = re.fullmatch(r"\d{4}-once-(\d{4})\d{4}", period or "")
    return max(year, int(later.group(1))) if later else year


def build_entry(
    registry: Registry, request: DoneRequest, today: date, now: datetime | None = None
) -> dict[str, Any]:
    """The ledger entry ``request`` describes, in file key order; an error when any part is wrong."""
    _check_numbers(request)
    day = request.when or today
    if day > today:
        raise UsageError(f"完成日期 {day.isoformat()} 晚于今天（{today.isoformat()}），不能预先登记")
    named = (request.period or "")[:4]
    document = _document_of(registry, request, int(named) if named.isdigit() else day.year)
    year = document["year"]
    # The period decides, not the calendar year of the date: December's duty may be done on 2 January,
    # and a duty owed until a later year (十四五末: 2023-once-20251231) until the January after it.
    if not (year <= day.year <= _last_year(request.period, year) + 1) or (
        day.year > year and request.period is None
    ):
        raise UsageError(
            f"日期 {day.isoformat()} 不在文件 {document['id']} 的年度（{year}年）内"
            + (
                f"；次年补做上一年的工作，或跨年度的一次性工作（如“十四五”末），请用 {param('period')} 指明周期"
                if day.year > year
                else ""
            )
        )
    unit = _unit(registry, request.unit)
    duties = _duties_for(registry, document["id"], request, unit)
    level, activity, period, duty = _placement(registry, request, duties, year, day)
    count, quantity = _count_and_quantity(registry, request, duty)
    entry: dict[str, Any] = {
        "id": new_record_id(),
        "item": request.item,
        "doc": document["id"],
        "level": level,
    }
    optional = {
        "unit": unit,
        "activity": activity,
        "period": period,
        "date": day,
        "count": count,
        "quantity": quantity,
        "of": _share_base(registry, request, duty),
        "covers": _covers(registry, request, duty) or None,
        "value": request.value,
        "metric": _metric(document, request),
        "note": request.note.strip() if request.note and request.note.strip() else None,
        "recorded_at": now,
    }
    entry.update({key: value for key, value in optional.items() if value is not None})
    check_bounds(entry)
    return entry


# A measured value (96.5 %, 3.2 天): finite and of a size a person reports; 1e308 is a typo, nan no value.
MAX_VALUE = 1e9


def check_bounds(entry: dict[str, Any]) -> None:
    """The bounds every record holds to, as ``done`` and an edit write it (the model holds hand-written ones)."""
    count, quantity, base, value = (entry.get(k) for k in ("count", "quantity", "of", "value"))
    if count is not None and not 0 <= int(count) <= MAX_ACTIONS:
        raise UsageError(f"次数 {count} 超出范围（一个周期 0—{MAX_ACTIONS} 次），请核对")
    for name, number in (("数量", quantity), ("基数", base)):
        if number is not None and not 0 <= int(number) <= MAX_QUANTITY:
            raise UsageError(f"{name} {number} 超出范围（0—{MAX_QUANTITY}），请核对")
    if value is not None and not (math.isfinite(value) and abs(value) <= MAX_VALUE):
        raise UsageError(f"指标值 {value} 不是可登记的数（应为有限的数，绝对值不超过 {MAX_VALUE:.0e}）")


def check_note(note: str | None) -> None:
    """A note is words: no control characters (they would act on the terminal that lists it), bounded."""
    if note is None:
        return
    bad = control_characters(note)
    if bad:
        raise UsageError(f"说明中有控制字符 {'、'.join(bad)}，请删去后再登记")
    if len(note) > MAX_NOTE_CHARS:
        raise UsageError(f"说明过长（{len(note)} 字，上限 {MAX_NOTE_CHARS} 字）")


def _check_numbers(request: DoneRequest) -> None:
    check_note(request.note)
    if request.count < 0 or (request.count == 0 and request.value is None):
        raise UsageError(f"次数应为正整数，收到 {request.count}")
    if request.count > MAX_QUANTITY:
        raise UsageError(f"次数 {request.count} 过大，请核对")
    if request.quantity is not None and not 0 < request.quantity <= MAX_QUANTITY:
        raise UsageError(f"数量应为正整数且不超过 {MAX_QUANTITY}，收到 {request.quantity}")
    if request.of is not None and not 0 < request.of <= MAX_QUANTITY:
        raise UsageError(f"{param('of')} 基数应为正整数，收到 {request.of}")


def _requirement(registry: Registry, duty: Duty | None) -> Requirement | None:
    return duty_requirement(duty, registry.index) if duty is not None else None


def _count_and_quantity(
    registry: Registry, request: DoneRequest, duty: Duty | None
) -> tuple[int, int | None]:
    """(actions, quantity): for a duty counted in its own unit (起, 件, a share) --count is that quantity."""
    requirement = _requirement(registry, duty)
    quantity = requirement.quantity if requirement else None
    if quantity is None:
        if request.quantity is not None:
            raise UsageError(f"该项工作没有数量要求，不用 {param('quantity')}；次数用 {param('count')}")
        if request.count > MAX_ACTIONS:
            raise UsageError(f"次数 {request.count} 过大（一个周期不超过 {MAX_ACTIONS} 次），请核对")
        return request.count, None
    if quantity.per == "occurrence":
        return request.count, request.quantity  # 每次不少于30件: --count actions, --quantity 件 each
    if request.quantity is not None:
        return request.count, request.quantity
    return 1, request.count  # 每月整改问题不少于16起: --count 17 means 17 起


def _share_base(registry: Registry, request: DoneRequest, duty: Duty | None) -> int | None:
    requirement = _requirement(registry, duty)
    share = requirement is not None and requirement.quantity is not None and requirement.quantity.is_share
    if request.of is not None and not share:
        raise UsageError(f"该项工作不是比例要求，不用 {param('of')}")
    default = task_bases(registry, duty.doc).get(duty.item) if share and duty and request.of is None else None
    if default is not None and (request.quantity or request.count) > default["value"]:
        raise UsageError(f"抽查数大于{default['name']} {default['value']:g}，请核对 {param('count')}")
    if share and request.of is None and default is None:
        base = requirement.quantity.of if requirement and requirement.quantity else None
        raise UsageError(
            f"比例要求需登记基数：用 {param('of')} 写明{base or '基数'}，{param('count')} 写明抽查数"
        )
    sampled = request.quantity if request.quantity is not None else request.count
    if request.of is not None and sampled > request.of:
        raise UsageError(f"抽查数 {sampled} 大于基数 {request.of}，请核对 {param('count')} 和 {param('of')}")
    return request.of


def _covers(registry: Registry, request: DoneRequest, duty: Duty | None) -> list[str]:
    names = [
        name.strip()
        for text in request.covers
        for name in text.replace("，", ",").replace("、", ",").split(",")
    ]
    names = [name for name in names if name]
    if not names:
        return []
    requirement = _requirement(registry, duty)
    if requirement is None or requirement.coverage is None:
        raise UsageError(f"该项工作没有覆盖中队的要求，不用 {param('covers')}")
    resolved = []
    for name in names:
        unit = registry.index.resolve_party(name)
        if registry.index.kind_of(unit) != "unit":
            raise UsageError(f"{param('covers')} 中的“{name}”不是中队")
        resolved.append(unit)
    return list(dict.fromkeys(resolved))


def _own_level(registry: Registry, level: str | None) -> str:
    """The level of a record of a task without periodic work: the one asked for, else the bureau's own."""
    index = registry.index
    if level is not None and level not in index.levels:
        raise UsageError(f"未登记的层级“{level}”；本局的层级：{'、'.join(index.levels)}")
    return level or index.own_level


def _refuse_outside_windows(duties: list[Duty], item: str, day: date, year: int) -> None:
    """A record dated outside every window of the item's work (February for a 5—12月 inspection) is refused."""
    windows = [d.frequency.window for d in duties if not d.frequency.is_event]
    if not windows or any(w is None for w in windows):
        return
    spans = [window_dates(year, w) for w in windows if w is not None]
    if any(start <= day <= end for start, end in spans):
        return
    shown = "、".join(dict.fromkeys(f"{month_day(start)}至{month_day(end)}" for start, end in spans))
    raise UsageError(
        f"完成日期 {day.isoformat()} 不在第 {item} 项工作的时间窗口（{shown}）内，不能登记；请核对 {param('when')}"
    )


def _placement(
    registry: Registry, request: DoneRequest, duties: list[Duty], year: int, day: date
) -> tuple[str, str | None, str, Duty | None]:
    """(level, activity, period, duty) of the record: from the duties, or the whole year for a task without any."""
    if not duties:
        if request.period not in (None, str(year)):
            raise UsageError(f"第 {request.item} 项没有周期性工作，周期只能是全年“{year}”")
        return _own_level(registry, request.level), request.activity, str(year), None
    _refuse_outside_windows(duties, request.item, day, day.year)
    choices = _choices(duties, year, prepare(registry).calendar, day)
    picked = _pick(choices, request, day)
    _check_single_duty(picked, request.item)
    period = picked[0].period
    _refuse_outside_windows([picked[0].duty], request.item, day, period.start.year)
    if day < period.start:
        raise UsageError(
            f"完成日期 {day.isoformat()} 早于周期 {period.key}（{period.label}，自 {period.start.isoformat()} 起），"
            f"请核对 {param('when')} 和 {param('period')}"
        )
    start = picked[0].duty.effective_from
    if start is not None and period.end < start:
        raise UsageError(
            f"周期 {period.key}（{period.label}）在文件施行（{start.isoformat()}）之前已结束，不计入，不必登记"
        )
    return picked[0].duty.level, request.activity, period.key, picked[0].duty


def record_done(
    registry: Registry, request: DoneRequest, today: date, now: datetime | None = None
) -> dict[str, Any]:
    """Validate ``request`` and append it to the registry's ledger.yaml; returns the entry written."""
    from cgtask.registry.ledger_file import append_ledger_entry

    entry = build_entry(registry, request, today, now)
    append_ledger_entry(Path(registry.data["root"]) / LEDGER_FILE, entry)
    return entry


def withdrawal_entry(
    registry: Registry, record_id: str, today: date, now: datetime | None = None, note: str | None = None
) -> dict[str, Any]:
    """A record that withdraws ``record_id``: the ledger keeps both lines, the first no longer counts."""
    entries = registry.data["ledger"]["entries"]
    original = next((e for e in entries if e.get("id") == record_id and not e.get("withdraws")), None)
    if original is None:
        raise UsageError(
            f"台账中没有编号为“{record_id}”的记录（编号见 cgtask done 的输出或 ledger.yaml 的 id）"
        )
    if any(e.get("withdraws") == record_id for e in entries):
        raise UsageError(f"记录 {record_id} 已经撤销过")
    return withdrawal_of(original, today, now, note)


def withdraw_record(
    registry: Registry, record_id: str, today: date, now: datetime | None = None, note: str | None = None
) -> dict[str, Any]:
    """Append the withdrawal of ``record_id`` to the registry's ledger.yaml; returns the entry written."""
    from cgtask.registry.ledger_file import append_planned_entries

    entry = withdrawal_entry(registry, record_id, today, now, note)
    append_planned_entries(Path(registry.data["root"]) / LEDGER_FILE, _once(record_id, [entry]))
    return entry


def _once(
    record_id: str, entries: list[dict[str, Any]]
) -> Callable[[list[dict[str, Any]]], list[dict[str, Any]]]:
    """Append ``entries`` unless, under the lock, ``record_id`` turns out withdrawn meanwhile.

    A second undo or edit of one record, run at the same time, is refused rather than counted twice.
    """

    def plan(current: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if any(e.get("withdraws") == record_id for e in current):
            raise UsageError(f"记录 {record_id} 已经撤销过（刚由另一次操作撤销或更正）")
        return entries

    return plan


EDITABLE = ("date", "count", "quantity", "of", "covers", "note")


def corrected_entries(
    registry: Registry, record_id: str, changes: dict[str, Any], today: date, now: datetime | None = None
) -> list[dict[str, Any]]:
    """The withdrawal of ``record_id`` and its corrected copy: an edit that keeps the history."""
    check_note(changes.get("note"))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise UsageError(f"不能修改的字段：{'、'.join(sorted(unknown))}；可改：{'、'.join(EDITABLE)}")
    if not changes:
        raise UsageError(
            f"没有要修改的内容：用 {param('date')}、{param('count')}、{param('quantity')}、{param('of')}、{param('covers')} 或 {param('note')} 写明"
        )
    withdrawal = withdrawal_entry(registry, record_id, today, now, EDIT_NOTE)
    original = next(e for e in registry.data["ledger"]["entries"] if e.get("id") == record_id)
    fixed: dict[str, Any] = {key: value for key, value in original.items() if value not in (None, [])}
    # The corrected copy's id names what it corrects: ``check`` finds two corrections of one record.
    fixed.update({"id": successor_id(record_id, withdrawal["id"]), **changes, "recorded_at": now})
    if isinstance(fixed.get("date"), str):
        fixed["date"] = date.fromisoformat(fixed["date"])
    if fixed["date"] > today:
        raise UsageError(f"完成日期 {fixed['date'].isoformat()} 晚于今天（{today.isoformat()}）")
    check_bounds(fixed)
    if fixed.get("of") is not None and int(fixed["of"]) < 1:
        raise UsageError(f"基数 {fixed['of']} 应为正整数")
    return [withdrawal, {key: value for key, value in fixed.items() if value is not None}]


def edit_record(
    registry: Registry, record_id: str, changes: dict[str, Any], today: date, now: datetime | None = None
) -> list[dict[str, Any]]:
    """Correct one record: its withdrawal and the corrected copy appended in one write.

    ``covers`` may be given as typed (names separated by commas or 、); each must be a 中队.
    """
    from cgtask.registry.ledger_file import append_planned_entries

    if changes.get("covers"):
        changes = {**changes, "covers": covered_units(registry, changes["covers"])}
    entries = corrected_entries(registry, record_id, changes, today, now)
    append_planned_entries(Path(registry.data["root"]) / LEDGER_FILE, _once(record_id, entries))
    return entries


def covered_units(registry: Registry, texts: list[str]) -> list[str]:
    """The 中队 named in ``texts`` (each may hold several, separated by ，、 or ,), by their registry names."""
    return [_covered_unit(registry, name) for text in texts for name in _names(text)]


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.replace("，", ",").replace("、", ",").split(",") if n.strip()]


def _covered_unit(registry: Registry, name: str) -> str:
    unit = registry.index.resolve_party(name)
    if registry.index.kind_of(unit) != "unit":
        raise UsageError(f"“{name}”不是中队")
    return unit

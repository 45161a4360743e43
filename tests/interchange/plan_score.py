"""Score ``cgtask import`` on the published plans of other bureaus (tests/data/plans): right, refused, wrong.

    python tests/interchange/plan_score.py dev        # the five plans to develop on
    python tests/interchange/plan_score.py heldout    # linyi and chengdu: once, when the importer is done
    python tests/interchange/plan_score.py heldout2   # fucheng and meili (drawn 2026-12-07, seed 20261207)
    python tests/interchange/plan_score.py heldout3   # changzhi, ezhou, gardencity (gathered 2026-12-07, plan22c)
    python tests/interchange/plan_score.py heldout4   # six plans drawn 2026-12-08 (gather22): baoji, beijing,
                                                      # qingdao, zhengzhou ×2, zichuan — the lead's first run

Each plan is built as .xlsx and .docx (build_files.py), imported into a fresh ``init --blank`` registry,
and the duties of each imported task (its ``schedule``, read by the phrase engine) are compared with the
row's ``duties`` in expected.yaml. Per requirement (row):

- **right**: the imported duties are exactly the expected ones — kind, period, bounds (min / max / exact),
  window months, deadline date (or event), and a share's base size when the plan publishes one;
- **refused**: not right, but every imported duty is one of the expected ones and the task carries a
  review note (a cell or a part of the wording the import could not read) that ``check`` reports; or
  the import refused the whole table with a message (nothing written);
- **wrong, reading noted**: not right, but each imported duty that is not an expected one is named, with
  the reading it was given, in a review note at its cell (记为一次性节点（2025年底前），请核对), and the task
  carries a note for what is missing. The keeper is told what was read, not what is wrong: this is still
  wrong, tallied apart from refused and from silent, and counted with silent in the headline "wrong";
- **wrong silently**: anything else — a duty missing without a word, a number or bound changed, a duty
  invented with no note naming it.

Compared loosely on purpose: ``milestone`` and ``deadline`` are one kind (a dated one-off duty); a dated
quantity or share (2023年底前4-5个) is a quantity or share of period ``once``, its date not scored; a window
of the whole year (1—12月, 2024年全年) on a yearly duty is no window; ``unit``,
``per`` and a base's name are not scored (a base's published size is). The roles (lead + 重点责任部门,
牵头局领导) are tallied on a line of their own.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "tests" / "data" / "plans"
HELDOUT = ("chengdu-2021-waste-tasks", "linyi-2024-inspection")
HELDOUT2 = ("fucheng-2026-inspection", "meili-2021-civilized-city")
HELDOUT3 = ("changzhi-2024-joint-inspection", "ezhou-2009-garden-city", "gardencity-2010-tasks")
# Drawn 2026-12-08 by gather22; expected.yaml written by hand before any importer ran on them.
HELDOUT4 = (
    "baoji-2011-garden-city",
    "beijing-2016-random-inspection",
    "qingdao-2023-workpoints",
    "zhengzhou-2006-greening-tasks",
    "zhengzhou-2022-greening-plan",
    "zichuan-2020-random-inspection",
)
SPLITS = {"heldout": HELDOUT, "heldout2": HELDOUT2, "heldout3": HELDOUT3, "heldout4": HELDOUT4}
OUTCOMES = ("right", "refused", "wrong, reading noted", "wrong silently")
DRAFT_NOTE = "已作为草稿登记"
DATED = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:底|(\d{1,2})日)前")

Duty = tuple[Any, ...]


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("plan_build_files", PLANS / "build_files.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _date(deadline: str, year: int) -> str | None:
    found = DATED.fullmatch(deadline)
    if found is None:
        return None
    import calendar

    y = int(found.group(1) or year)
    month = int(found.group(2))
    day = int(found.group(3) or calendar.monthrange(y, month)[1])
    return f"{y:04d}-{month:02d}-{day:02d}"


def imported_duty(phrase: str, year: int, base: float | None) -> Duty:
    """An imported obligation's phrase as the comparable tuple (kind, period, min, max, exact, window, deadline, base)."""
    from cgtask.schedule import parse_frequency

    f = parse_frequency(phrase)
    window = (f.window[0], f.window[2]) if f.window else None
    if f.trigger:
        return ("deadline", "once", None, None, None, None, f"event:{f.trigger}", None)
    quota = f.quota
    if quota is not None and quota.percent is not None:
        low, high, exact = _bounds(quota.percent, quota.exact, quota.at_most)
        if f.range is not None:  # 10-20%: at least 10, at most 20
            low, high = f.range
        return ("share", f.period, low, high, exact, window, None, base)
    if quota is not None and quota.count is not None:
        low, high, exact = _bounds(float(quota.count), quota.exact, quota.at_most)
        if f.range is not None:  # 4-5个: at least 4, at most 5
            low, high = f.range
        return ("quantity", f.period, low, high, exact, window, None, None)
    if f.coverage and f.period == "once":  # 2025年底前全覆盖: every one covered by the date
        return ("coverage", "once", None, None, 100.0, window, _date(f.deadline or "", year), None)
    if f.period == "once" or (f.deadline and f.times is None):
        return ("deadline", "once", None, None, None, window, _date(f.deadline or "", year), None)
    if f.range is not None:
        return ("count", f.period, f.range[0], f.range[1], None, window, None, None)
    low, high, exact = _bounds(float(f.times or 1), f.exact, False)
    return ("count", f.period, low, f.maximum if high is None else high, exact, window, None, None)


def _bounds(value: float, exact: bool, at_most: bool) -> tuple[float | None, float | None, float | None]:
    if exact:
        return None, None, value
    return (None, value, None) if at_most else (value, None, None)


def expected_duty(duty: dict[str, Any]) -> Duty:
    """An expected.yaml duty as the same tuple."""
    kind = "deadline" if duty["kind"] == "milestone" else duty["kind"]
    window = duty.get("window") or {}
    months = (window["start_month"], window["end_month"]) if "start_month" in window else None
    if months == (1, 12) and duty["period"] == "year":
        months = None  # 全年 is the year itself: no window narrower than the period
    deadline = duty.get("deadline")
    if duty.get("event"):
        deadline = f"event:{duty['event']}"
    elif deadline is not None:
        deadline = str(deadline)
    base = duty.get("base") or {}
    size = _number(base.get("value")) if kind == "share" else None
    bounds = (_number(duty.get("min")), _number(duty.get("max")), _number(duty.get("exact")))
    period = "once" if kind == "deadline" else duty["period"]
    return (kind, period, *bounds, months, deadline if kind in ("deadline", "coverage") else None, size)


def outcome(found: list[Duty], wanted: list[Duty], review: list[str], phrases: list[str]) -> str:
    """right, refused, wrong with its reading noted, or wrong silently (see the module docstring)."""
    if sorted(map(repr, found)) == sorted(map(repr, wanted)):
        return "right"
    noted = any(DRAFT_NOTE not in note for note in review)
    if noted and all(duty in wanted for duty in found):
        return "refused"
    unexpected = [phrase for duty, phrase in zip(found, phrases, strict=True) if duty not in wanted]
    if noted and all(any(f"（{phrase}）" in note for note in review) for phrase in unexpected):
        return "wrong, reading noted"
    return "wrong silently"


def _import(key: str, fmt: str, folder: Path, year: int) -> dict[str, Any]:
    from cgtask import api
    from cgtask.interchange.table_import import ImportOptions

    root = folder / f"{key}-{fmt}"
    api.init(root, blank=True, bureau="测试局")
    output = root / "documents" / "plan.yaml"
    api.import_table(root, folder / f"{key}.{fmt}", output, ImportOptions(year=year))
    data: dict[str, Any] = _yaml(output)
    return data


def score_plan(key: str, fmt: str, folder: Path) -> tuple[Counter[str], Counter[str], list[str]]:
    """(outcomes, role tallies, lines explaining each requirement not right) of one plan in one format."""
    from cgtask.errors import UsageError

    expected = _yaml(PLANS / key / "expected.yaml")
    try:
        document = _import(key, fmt, folder, int(expected["year"]))
    except UsageError as exc:  # the whole table refused, with a message: every requirement is refused
        count = len(expected["requirements"])
        return Counter({"refused": count}), Counter(), [f"  {key}.{fmt} 整表未导入：{exc}"]
    tasks = [task for category in document["categories"] for task in category["tasks"]]
    outcomes: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    lines = []
    for requirement in expected["requirements"]:
        task = tasks[requirement["row"]] if requirement["row"] < len(tasks) else {}
        base = _number((task.get("base") or {}).get("value"))
        phrases = [duty["frequency"] for duty in task.get("schedule", [])]
        found = [imported_duty(phrase, document["year"], base) for phrase in phrases]
        wanted = [expected_duty(duty) for duty in requirement["duties"]]
        result = outcome(found, wanted, task.get("review", []), phrases)
        outcomes[result] += 1
        if result != "right":
            lines.append(f"  {key}.{fmt} 第{requirement['number']}行 {result}: 得到 {found}；应为 {wanted}")
        answer = [*task.get("lead", []), *task.get("responsible", [])]
        roles["responsible right" if answer == list(requirement["responsible"]) else "responsible wrong"] += 1
        if "leader" in requirement:
            roles["leader right" if task.get("leader") == requirement["leader"] else "leader wrong"] += 1
    return outcomes, roles, lines


def main(split: str) -> int:
    """Score every plan of the split in both formats and print the tallies."""
    build = _builder()
    held = {key for keys in SPLITS.values() for key in keys}
    keys = [
        key
        for key in build.plan_keys()
        if key in SPLITS.get(split, ()) or (split == "dev" and key not in held)
    ]
    total: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build.build(folder, keys)
        for key in keys:
            for fmt in ("xlsx", "docx"):
                outcomes, tallies, lines = score_plan(key, fmt, folder)
                total += outcomes
                roles += tallies
                print(f"{key}.{fmt}: " + "，".join(f"{name} {outcomes[name]}" for name in OUTCOMES))
                for line in lines:
                    print(line)
    count = sum(total.values())
    summary = "，".join(f"{name} {total[name]}（{100 * total[name] / count:.0f}%）" for name in OUTCOMES)
    print(f"{split}: {count} requirements (each plan as .xlsx and .docx) — {summary}")
    print("roles: " + "，".join(f"{name} {value}" for name, value in sorted(roles.items())))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "dev"))

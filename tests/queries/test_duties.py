"""The deadline core: duties merged across 正文/附件1, windows, 中队 expansion, filters, 暂定 years."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cgtask import api
from cgtask.errors import UsageError
from cgtask.queries.context import prepare
from cgtask.queries.duties import DueQuery, due_items
from cgtask.queries.rows import ROW_KEYS, DueRow, json_lines, records
from cgtask.schedule.frequency import parse_frequency
from cgtask.schedule.source_readings import stricter_frequency

ORGANIZATION = """\
bureau:
  name: 测试区城市管理行政执法局
  short_name: 区城管执法局
departments:
  - name: 办公室
  - name: 监督科
  - name: 法制科
units:
  - name: 机动执法中队
    kind: mobile
  - name: 甲街道中队
    kind: street
  - name: 乙镇中队
    kind: street
groups:
  - name: 各科室
    members: departments
  - name: 各中队
    members: units
  - name: 街镇中队
    members: street_units
"""


def supervision_plan(year: int = 2022) -> str:
    return f"""\
kind: supervision_plan
id: sup-test
title: 测试执法监督工作方案
year: {year}
items:
  - id: '1'
    title: 街面实效
    responsible: [监督科, 各中队]
    obligations:
      - level: 区局
        activity: 街面实效督察
        frequency: 每月
        source: 附件1
      - level: 街镇中队
        activity: 街面实效督察
        frequency: 每周
        source: 附件1
      - level: 区局
        activity: 街面实效督察
        frequency: 每月抽查全覆盖
        source: 正文
      - level: 街镇中队
        activity: 街面实效督察
        frequency: 每周不少于2次
        source: 正文
  - id: '2'
    title: 行为规范
    responsible: [监督科]
    obligations:
      - level: 区局
        activity: 行为规范督察
        frequency: 每月
        source: 附件1
      - level: 区局
        activity: 行为规范督察
        frequency: 每季度抽查全覆盖
        source: 正文
  - id: '3'
    title: 案卷评查
    responsible: [法制科]
    obligations:
      - level: 区局
        activity: 案卷集中评查
        frequency: 每半年1次，每次不少于30件
        source: 正文
  - id: '4'
    title: 重大案件
    responsible: [各科室]
    obligations:
      - level: 区局
        activity: 重大案件督办
        frequency: 一案一督
        source: 附件1
"""


@pytest.fixture
def plan_registry(make_registry: Callable[..., Path]) -> Callable[..., Path]:
    """A registry holding only the small supervision plan above (and no task table)."""

    def build(year: int = 2022) -> Path:
        root = make_registry(organization=ORGANIZATION, files={"documents/sup.yaml": supervision_plan(year)})
        (root / "documents" / "tasks.yaml").unlink()
        return root

    return build


def due(root: Path, **query: object) -> list[dict[str, Any]]:
    """The rows as their JSON contract holds them (ISO dates), as ``cgtask due --format json`` prints them."""
    for key in ("start", "end"):
        if isinstance(query.get(key), str):
            query[key] = date.fromisoformat(str(query[key]))
    return records(due_items(prepare(api.open_registry(root)), DueQuery(**query)).rows)  # type: ignore[arg-type]


def test_march_for_the_bureau_has_monthly_duties_and_a_quarterly_coverage_rule_not_half_years(
    plan_registry: Callable[..., Path],
) -> None:
    rows = due(plan_registry(), month=3, level="区局")
    # 附件1 每月 + 正文 每季度抽查全覆盖 is one monthly duty whose checks cover every 中队 each quarter.
    assert {(r["item"], r["period"]) for r in rows} == {("1", "2022-03"), ("2", "2022-03")}
    assert all(r["due"] == "2022-03-31" for r in rows)
    behaviour = next(r for r in rows if r["item"] == "2")
    assert (behaviour["coverage"], behaviour["coverage_window"]) == (2, "quarter")
    assert behaviour["disagreement"] is None


def test_weekly_street_duty_has_four_occurrences_due_in_march(plan_registry: Callable[..., Path]) -> None:
    rows = due(plan_registry(), month=3, level="街镇中队")
    # Weeks ending Sunday 6, 13, 20, 27 March; each Sunday rolls back to its Friday.
    assert [r["period"] for r in rows] == ["2022-W09", "2022-W10", "2022-W11", "2022-W12"]
    assert [r["due"] for r in rows] == ["2022-03-04", "2022-03-11", "2022-03-18", "2022-03-25"]
    assert all((r["times"] or 0) >= 2 for r in rows)
    assert sum(r["times"] or 0 for r in rows) >= 8


def test_body_and_attachment_with_the_same_period_merge_into_one_occurrence(
    plan_registry: Callable[..., Path],
) -> None:
    rows = [r for r in due(plan_registry(), month=3) if r["item"] == "1"]
    bureau = [r for r in rows if r["level"] == "区局"]
    assert len(bureau) == 1
    assert bureau[0]["source"] == ["附件1", "正文"]
    assert bureau[0]["frequency"] == "每月；每月抽查全覆盖"
    street = [r for r in rows if r["level"] == "街镇中队"]
    assert all(r["source"] == ["附件1", "正文"] and r["times"] == 2 for r in street)


def test_a_cadence_and_a_coverage_rule_from_two_sources_are_one_duty(
    plan_registry: Callable[..., Path],
) -> None:
    rows = [r for r in due(plan_registry(), month=3) if r["item"] == "2"]
    assert sorted((r["period"], tuple(r["source"])) for r in rows) == [("2022-03", ("附件1", "正文"))]


DISAGREEING_PLAN = supervision_plan().replace(
    """      - level: 区局
        activity: 行为规范督察
        frequency: 每季度抽查全覆盖
        source: 正文""",
    """      - level: 区局
        activity: 行为规范督察
        frequency: 每周不少于2次
        source: 正文""",
)


def _disagreeing(make_registry: Callable[..., Path], plan: str = DISAGREEING_PLAN) -> Path:
    return make_registry(organization=ORGANIZATION, files={"documents/sup.yaml": plan})


def test_disagreeing_cadences_count_one_duty_by_the_stricter_reading(
    make_registry: Callable[..., Path],
) -> None:
    rows = [r for r in due(_disagreeing(make_registry), month=3) if r["item"] == "2"]
    # 每周不少于2次 (104 a year) is stricter than 每月 (12): four weeks end in March, no monthly row.
    assert [r["period"] for r in rows] == ["2022-W09", "2022-W10", "2022-W11", "2022-W12"]
    assert all(r["disagreement"] == "附件1“每月”" and r["times"] == 2 for r in rows)


def test_the_reading_marked_prevails_governs_and_silences_the_warning(
    make_registry: Callable[..., Path],
) -> None:
    plan = DISAGREEING_PLAN.replace(
        "        frequency: 每月\n        source: 附件1\n      - level: 区局\n        activity: 行为规范督察",
        "        frequency: 每月\n        source: 附件1\n        prevails: true\n      - level: 区局\n        activity: 行为规范督察",
    )
    assert "prevails" in plan
    root = _disagreeing(make_registry, plan)
    rows = [r for r in due(root, month=3) if r["item"] == "2"]
    assert [(r["period"], r["disagreement"]) for r in rows] == [("2022-03", "正文“每周不少于2次”")]
    assert not [f for f in api.check(root)[0] if f.code == "W403"]


def test_event_driven_duties_only_with_events(plan_registry: Callable[..., Path]) -> None:
    root = plan_registry()
    assert not [r for r in due(root) if r["item"] == "4"]
    events = [r for r in due(root, events=True) if r["item"] == "4"]
    assert len(events) == 1
    assert events[0]["due"] is None
    assert events[0]["period"] is None
    assert events[0]["times"] is None


def test_rows_have_exactly_the_contract_keys(plan_registry: Callable[..., Path]) -> None:
    for row in due(plan_registry(), events=True):
        assert tuple(row) == ROW_KEYS


def test_per_unit_gives_one_row_per_street_unit(plan_registry: Callable[..., Path]) -> None:
    root = plan_registry()
    rows = due(root, month=3, level="街镇中队", per_unit=True)
    assert len(rows) == 8
    assert {r["unit"] for r in rows} == {"甲街道中队", "乙镇中队"}
    assert {r["unit"] for r in due(root, month=3, unit="乙镇中队")} == {"乙镇中队"}
    # The mobile 中队 is no 街镇中队.
    assert due(root, month=3, unit="机动执法中队") == []


def test_dept_filter_follows_levels_and_groups(plan_registry: Callable[..., Path]) -> None:
    root = plan_registry()
    supervision = due(root, month=3, dept="监督科", events=True)
    assert {r["level"] for r in supervision} == {"区局"}
    # 各科室 (item 4) stands for every 科室, so 监督科 and 办公室 both have the 一案一督 duty.
    assert {r["item"] for r in supervision} == {"1", "2", "4"}
    assert [r["item"] for r in due(root, dept="办公室", events=True)] == ["4"]
    street = due(root, month=3, dept="甲街道中队")
    assert {(r["level"], r["unit"]) for r in street} == {("街镇中队", "甲街道中队")}


def test_year_defaults_to_the_document_and_can_be_overridden(plan_registry: Callable[..., Path]) -> None:
    root = plan_registry()
    assert {r["due"][:4] for r in due(root) if r["due"]} == {"2022"}
    assert {r["due"][:4] for r in due(root, year=2023) if r["due"]} == {"2023"}


def test_unknown_calendar_year_is_provisional_with_a_warning(plan_registry: Callable[..., Path]) -> None:
    result = due_items(prepare(api.open_registry(plan_registry(2027))), DueQuery(month=1))
    assert result.rows
    assert all(r.provisional for r in result.rows)
    assert any("2027" in w and "暂定" in w for w in result.warnings)
    assert not due_items(prepare(api.open_registry(plan_registry(2022))), DueQuery(month=1)).warnings


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"month": 13}, "月份应为 1—12"),
        ({"week": 54}, "周次应为 1—53"),
        ({"start": date(2022, 3, 5), "end": date(2022, 3, 1)}, "晚于"),
        ({"start": date(2022, 3, 5)}, "同时给出"),
        ({"month": 3, "week": 10}, "只能选用一种"),
        ({"level": "市局"}, "未知的层级"),
        ({"dept": "监察科"}, "监督科"),
        ({"unit": "监督科"}, "不是中队"),
    ],
)
def test_bad_queries_are_usage_errors(
    plan_registry: Callable[..., Path], query: dict[str, object], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        due(plan_registry(), **query)


def test_week_and_date_range_windows(plan_registry: Callable[..., Path]) -> None:
    root = plan_registry()
    week = due(root, week=10, level="街镇中队")
    assert [r["due"] for r in week] == ["2022-03-11"]
    ranged = due(root, start="2022-03-01", end="2022-03-11", level="街镇中队")
    assert [r["due"] for r in ranged] == ["2022-03-04", "2022-03-11"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(year=st.integers(2020, 2030))
def test_months_partition_the_year(year: int) -> None:
    # “Due in month M” counts every occurrence of the year exactly once.
    registry = prepare(api.open_registry())
    whole = due_items(registry, DueQuery(year=year)).rows
    by_month = [row for m in range(1, 13) for row in due_items(registry, DueQuery(year=year, month=m)).rows]
    assert sorted(map(_identity, whole)) == sorted(map(_identity, by_month))


def _identity(row: DueRow) -> tuple[str, ...]:
    return (row.doc, row.item, row.title, row.level, row.period or "", str(row.due or ""))


def test_stricter_frequency_takes_the_larger_count_and_coverage() -> None:
    merged = stricter_frequency(parse_frequency("每周"), parse_frequency("每周不少于2次"))
    assert (merged.period, merged.times, merged.coverage) == ("week", 2, False)
    merged = stricter_frequency(parse_frequency("每月"), parse_frequency("每月抽查全覆盖"))
    assert merged.coverage
    quota = stricter_frequency(
        parse_frequency("每半年，每次不少于30份"), parse_frequency("每半年，每次不少于40件")
    )
    assert quota.quota is not None
    assert quota.quota.count == 40


def test_a_bare_count_beside_an_at_least_of_the_same_number_is_at_least() -> None:
    # 附件1 队列训练：每月2次; 正文 每月队列训练不少于2次 — the plan asks at least 2, not exactly 2.
    merged = stricter_frequency(parse_frequency("每月2次"), parse_frequency("每月不少于2次"))
    assert (merged.times, merged.exact) == (2, False)
    both_bare = stricter_frequency(parse_frequency("每半年1次"), parse_frequency("每半年1次"))
    assert both_bare.exact


def test_check_warns_when_sources_disagree_on_the_cadence(
    plan_registry: Callable[..., Path], make_registry: Callable[..., Path]
) -> None:
    assert not [f for f in api.check(plan_registry())[0] if f.code == "W403"]  # cadence + coverage
    root = _disagreeing(make_registry)
    findings, _ = api.check(root)
    warnings = [f for f in findings if f.code == "W403"]
    assert len(warnings) == 1
    assert warnings[0].severity == "warning"
    assert "第 2 项" in warnings[0].message
    assert "两处规定不一致" in warnings[0].message
    assert "附件1“每月”" in warnings[0].message
    assert "正文“每周不少于2次”" in warnings[0].message
    assert warnings[0].file.endswith("sup.yaml")
    text = (root / "documents" / "sup.yaml").read_text(encoding="utf-8").splitlines()
    assert "每月" in text[warnings[0].line - 1]
    assert not [f for f in findings if f.severity == "error"]


# --- the shipped registry ------------------------------------------------------------------------


def test_shipped_march_bureau_duties() -> None:
    rows = records(due_items(prepare(api.open_registry()), DueQuery(month=3, level="区局")).rows)
    periods = {r["period"][5:] for r in rows if r["period"]}
    assert periods == {"03", "Q1"}
    assert {"1", "2", "5", "6", "8", "9", "10"} <= {r["item"] for r in rows if r["doc"] == "supervision-2022"}
    assert not [r for r in rows if r["item"] == "7" and r["doc"] == "supervision-2022"]


def test_shipped_weekly_street_inspection_in_march() -> None:
    rows = records(due_items(prepare(api.open_registry()), DueQuery(month=3, level="街镇中队")).rows)
    street = [r for r in rows if r["item"] == "1" and r["title"] == "街面实效督察"]
    # Issued 2022-03-07: the week ending 6 March is not owed (DESIGN: weeks ending 13, 20, 27 March).
    assert [r["due"] for r in street] == ["2022-03-11", "2022-03-18", "2022-03-25"]
    assert all(r["times"] == 2 and r["source"] == ["附件1", "正文"] for r in street)


def test_shipped_check_warns_about_the_real_disagreements_only() -> None:
    findings, _ = api.check()
    messages = [f.message for f in findings if f.code == "W403"]
    # 行为规范 街镇中队 每天 vs 每周不少于2次. Items 3, 9, 10 pair a monthly cadence with a coverage rule,
    # and item 5's 正文 splits 附件1's line by object (two duties): neither is a disagreement.
    assert len(messages) == 1
    assert "第 2 项" in messages[0]
    assert "每天" in messages[0]
    assert "每周不少于2次" in messages[0]


def test_item_5_is_two_duties_each_from_its_own_sources() -> None:
    """正文: 区局每月对重复诉件…开展督察；每季度对不属实件、不满意件开展专项督察 — 附件1's 每月 is the first."""
    rows = records(due_items(prepare(api.open_registry()), DueQuery(year=2022)).rows)
    item5 = [r for r in rows if r["doc"] == "supervision-2022" and r["item"] == "5"]
    by_title: dict[str, list[dict[str, object]]] = {}
    for row in item5:
        by_title.setdefault(str(row["title"]), []).append(row)
    monthly = by_title["重复诉件、重复信访、不依法履职件督察"]
    quarterly = by_title["不属实件、不满意件专项督察"]
    assert set(by_title) == {"重复诉件、重复信访、不依法履职件督察", "不属实件、不满意件专项督察"}
    # Issued 2022-03-07: the months from March on are owed, and the first quarter too.
    assert [r["period"] for r in monthly] == [f"2022-{m:02d}" for m in range(3, 13)]
    assert {r["source"] == ["附件1", "正文"] for r in monthly} == {True}
    assert [r["period"] for r in quarterly] == ["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"]
    assert {tuple(r["source"]) for r in quarterly} == {("正文",)}
    assert not [r for r in item5 if r["disagreement"]]


def test_an_assumed_period_is_marked_in_the_requirement_and_checked_once() -> None:
    """市级平台实效督察不少于50起 has no period of its own: 每月 is the registry's assumption, never the text."""
    context = prepare(api.open_registry())
    rows = records(due_items(context, DueQuery(month=3, unit="罗店镇中队")).rows)
    platform = [r for r in rows if r["title"] == "市级平台实效督察"]
    assert [r["requirement"] for r in platform] == ["不少于50起（推定：方案未写周期，承上句按每月计）"]
    stated = [r for r in rows if r["title"] == "整改问题"]
    assert [r["requirement"] for r in stated] == ["不少于16起"]  # stated by the plan: no mark
    findings, _ = api.check()
    assumed = [f for f in findings if f.code == "W404"]
    assert len(assumed) == 1
    assert assumed[0].severity == "warning"
    assert "市级平台实效督察不少于50起" in assumed[0].message
    assert "推定" in assumed[0].message


def test_json_lines_are_the_records_encoded_one_by_one(plan_registry: Callable[..., Path]) -> None:
    import json

    result = due_items(
        prepare(api.open_registry(plan_registry())), DueQuery(month=3, per_unit=True, events=True)
    )
    lines = list(json_lines(result.rows))
    assert [json.loads(line) for line in lines] == records(result.rows)
    assert all(line == json.dumps(json.loads(line), ensure_ascii=False) for line in lines)
    assert {row.unit for row in result.rows} == {None, "甲街道中队", "乙镇中队"}


DAILY_PLAN = supervision_plan().replace(
    """      - level: 街镇中队
        activity: 街面实效督察
        frequency: 每周不少于2次
        source: 正文""",
    """      - level: 街镇中队
        activity: 街面实效督察
        frequency: 每周不少于2次
        source: 正文
      - level: 街镇中队
        activity: 巡查
        frequency: 每天
        source: 附件1""",
)


def test_a_daily_duty_counts_rest_days_unless_the_document_says_not(
    make_registry: Callable[..., Path],
) -> None:
    root = make_registry(organization=ORGANIZATION, files={"documents/sup.yaml": DAILY_PLAN})
    every_day = [r["due"] for r in due(root, month=10) if r["title"] == "巡查"]
    assert every_day[:3] == [
        "2022-10-01",
        "2022-10-02",
        "2022-10-03",
    ]  # 国庆 counted, each due on its own day
    assert any("rest_days: false" in note for note in api.check_notes(root))
    workdays_only = DAILY_PLAN.replace(
        "frequency: 每天\n        source: 附件1",
        "frequency: 每天\n        source: 附件1\n        rest_days: false",
    )
    (root / "documents" / "sup.yaml").write_text(workdays_only, encoding="utf-8")
    worked = [r["due"] for r in due(root, month=10) if r["title"] == "巡查"]
    assert worked[0] == "2022-10-08"  # a 调休 Saturday, the first working day of October 2022
    assert len(worked) == len(set(worked)) < len(every_day)
    assert not api.check_notes(root)

"""The organisation is the registry's: levels, unit kinds, groups, aliases and named seasons are data (issue 22)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cgtask.findings import Finding
from cgtask.models.data import OrganizationData
from cgtask.registry.files import shipped_registry
from cgtask.registry.loader import check_registry, load_registry
from cgtask.registry.names import OrgIndex

BUREAUS = Path(__file__).parents[1] / "data" / "bureaus"

# A 市局 as the Linyi plan names its bodies (tests/data/plans/linyi-2024-inspection/source.md): the 检查主体
# is spelled 市、县级城市管理部门 in rows 1–2 and 市县级城市管理部门 in rows 3–5 — one body, two spellings.
CITY_ORGANIZATION = """\
bureau:
  name: 临沂市城市管理局
  short_name: 市城管局
levels:
  - name: 市局
  - name: 各县区
unit_kinds:
  - name: 县区
    title: 县区城市管理部门
departments:
  - name: 办公室
units:
  - name: 兰山区
    kind: 县区
  - name: 罗庄区
    kind: 县区
  - name: 沂南县
    kind: 县区
groups:
  - name: 各县区
    members: 县区
  - name: 市县级城市管理部门
    aliases: [市、县级城市管理部门]
    members: 县区
windows:
  汛期: 6-9月
"""


def _codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def _plan(*obligations: str, responsible: str = "办公室") -> str:
    lines = "\n".join(f"      - {o}" for o in obligations)
    return f"""\
kind: supervision_plan
id: plan-2024
title: 抽查工作计划
year: 2024
items:
  - id: '1'
    title: 城市防汛安全监督检查
    responsible: [{responsible}]
    obligations:
{lines}
"""


def test_an_organisation_without_declarations_keeps_the_first_registrys_meaning() -> None:
    index = load_registry(shipped_registry())["organization"]
    assert OrgIndex(index).levels == ["区局", "街镇中队", "机动执法中队"]
    bare: OrganizationData = {
        "bureau": index["bureau"], "levels": None, "unit_kinds": None, "windows": {},
        "departments": index["departments"], "units": index["units"], "groups": index["groups"],
        "external": index["external"],
    }  # fmt: skip
    defaults, declared = OrgIndex(bare), OrgIndex(index)
    assert defaults.levels == declared.levels
    assert defaults.unit_kinds == declared.unit_kinds == {"street": "街镇中队", "mobile": "机动执法中队"}
    assert defaults.expand("街镇中队", []) == declared.expand("街镇中队", [])
    assert len(defaults.expand("街镇中队", [])) == 12  # the 3 街道 and 9 镇 中队, not the 机动执法中队
    assert defaults.own_level == "区局"


def test_a_city_bureau_declares_its_own_levels_kinds_groups_and_aliases(
    make_registry: Callable[..., Path],
) -> None:
    root = make_registry(
        organization=CITY_ORGANIZATION,
        tasks=_plan("{level: 市局, frequency: 3-7月抽查1次}", "{level: 各县区, frequency: 3-7月抽查1次}"),
    )
    assert check_registry(root) == []
    index = OrgIndex(load_registry(root)["organization"])
    assert index.levels == ["市局", "各县区"]
    assert index.own_level == "市局"
    assert index.expand("各县区", []) == ["兰山区", "罗庄区", "沂南县"]
    # Two spellings of one body: the alias resolves to the registered name and stands for the same units.
    assert index.canonical("市、县级城市管理部门") == "市县级城市管理部门"
    assert index.expand("市、县级城市管理部门", []) == index.expand("各县区", [])
    assert index.dated_windows == (("汛期", (6, 1, 9, 0)),)


def test_a_level_the_organisation_does_not_declare_is_located_with_a_suggestion(
    make_registry: Callable[..., Path],
) -> None:
    root = make_registry(organization=CITY_ORGANIZATION, tasks=_plan("{level: 区局, frequency: 每月1次}"))
    [finding] = check_registry(root)
    assert finding.file.endswith("documents/tasks.yaml")
    assert (finding.line, finding.code) == (10, "E306")
    assert "未登记的层级“区局”" in finding.message
    assert "市局、各县区" in finding.message
    assert "levels" in finding.message
    assert " or " not in finding.message


def test_what_the_organisation_declares_must_hold_together(make_registry: Callable[..., Path]) -> None:
    broken = (
        CITY_ORGANIZATION.replace("  - name: 沂南县\n    kind: 县区", "  - name: 沂南县\n    kind: 县")
        .replace("members: 县区\n  - name: 市县级", "members: 区县\n  - name: 市县级")
        .replace("汛期: 6-9月", "汛期: 夏天")
        + "external:\n  - name: 兰山区\n"
    )
    root = make_registry(organization=broken, tasks=_plan("{level: 市局, frequency: 每月1次}"))
    found = {
        (f.line, f.code): f.message for f in check_registry(root) if f.file.endswith("organization.yaml")
    }
    assert set(found) == {(18, "E307"), (21, "E307"), (26, "E404"), (28, "E307")}, found
    assert "类型“县”未在 unit_kinds 中登记" in found[(18, "E307")]
    assert "成员“区县”不明" in found[(21, "E307")]
    assert "时间窗口“夏天”" in found[(26, "E404")]
    assert "“兰山区”已在单位中登记" in found[(28, "E307")]


def test_one_wrong_value_does_not_hide_the_rest_of_the_file(make_registry: Callable[..., Path]) -> None:
    tasks = """\
kind: supervision_plan
id: plan-2024
title: 抽查工作计划
year: 2024
items:
  - id: '1'
    title: 甲
    responsible: [办公窒]
    obligations:
      - {level: 省局, frequency: 每月1次}
      - {level: 市局, frequency: 每月1次, rest_days: 也许}
  - id: '2'
    title: 乙
    responsible: [办公室]
    obligations:
      - {level: 各县区, frequency: 每半个月1次}
  - id: '2'
    title: 丙
    responsible: [办公室]
    obligations:
      - {level: 市局, frequency: 每月1次, source: 5}
"""
    root = make_registry(organization=CITY_ORGANIZATION, tasks=tasks)
    found = [(f.line, f.code) for f in check_registry(root)]
    # The two wrong values (E203), and what the checks across fields find in the rest of the file.
    assert found == [(8, "E301"), (10, "E306"), (11, "E203"), (16, "E401"), (17, "E303"), (21, "E203")]


def test_choices_are_listed_in_chinese(make_registry: Callable[..., Path]) -> None:
    tasks = """\
kind: task_breakdown
id: tasks-2024
title: 任务分解表
year: 2024
categories:
  - number: 1
    name: 市容
    tasks:
      - id: '1.1'
        title: 示范区域
        detail: 示范区域。至少建成1个。
        lead: [办公室]
        targets:
          - {text: 至少建成1个, op: at_least, value: 1}
"""
    [finding] = check_registry(make_registry(organization=CITY_ORGANIZATION, tasks=tasks))
    assert finding.code == "E203"
    assert "“>=”、“>”、“<=”、“<”、“=”、“between”、“top” 之一" in finding.message
    assert " or " not in finding.message


@pytest.mark.parametrize(
    ("windows", "expected"),
    [("windows:\n  汛期: 6-9月\n", None), ("", "E401")],
)
def test_a_season_is_read_as_the_registry_defines_it(
    make_registry: Callable[..., Path], windows: str, expected: str | None
) -> None:
    organization = CITY_ORGANIZATION.replace("windows:\n  汛期: 6-9月\n", "") + windows
    root = make_registry(
        organization=organization, tasks=_plan("{level: 各县区, frequency: 汛期每周巡查1次}")
    )
    codes = _codes(check_registry(root))
    assert codes == ([expected] if expected else [])
    if expected:
        [finding] = check_registry(root)
        assert "organization.yaml 的 windows" in finding.message


def test_a_declared_level_that_names_nothing_is_a_second_bureau_level(
    make_registry: Callable[..., Path],
) -> None:
    organization = CITY_ORGANIZATION.replace(
        "  - name: 各县区\nunit_kinds", "  - name: 各县区\n  - name: 各县市\nunit_kinds"
    )
    root = make_registry(organization=organization, tasks=_plan("{level: 市局, frequency: 每月1次}"))
    [finding] = check_registry(root)
    assert (finding.line, finding.code, finding.severity) == (7, "W306", "warning")
    assert "层级“各县市”不是已登记的统称或单位" in finding.message

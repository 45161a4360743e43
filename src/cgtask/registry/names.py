"""Names of the organisation: levels, 科室, units of each kind, groups that stand for several, external bodies."""

from __future__ import annotations

import difflib
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from cgtask.errors import UsageError
from cgtask.findings import Finding, located
from cgtask.models.data import DEFAULT_LEVELS, DEFAULT_UNIT_KINDS, GROUP_MEMBERS, GroupData, OrganizationData

if TYPE_CHECKING:
    from cgtask.schedule.named_windows import NamedWindows

NameKind = Literal["department", "unit", "group", "external"]
# The first registries' word for "every street 中队"; it means the kind ``street``.
_LEGACY_MEMBERS = {"street_units": "street"}


class OrgIndex:
    """Looks names up, expands groups and suggests the nearest known name for a typo."""

    def __init__(self, org: OrganizationData) -> None:
        self.departments = [d["name"] for d in org["departments"]]
        self.units = [u["name"] for u in org["units"]]
        self.unit_kind = {u["name"]: u["kind"] for u in org["units"]}
        self.groups: dict[str, GroupData] = {g["name"]: g for g in org["groups"]}
        self.external = [e["name"] for e in org["external"]]
        self.levels = declared_levels(org)
        self.unit_kinds = declared_unit_kinds(org)
        self.windows: dict[str, str] = dict(org.get("windows") or {})
        self._canonical: dict[str, str] = {}
        self._kind: dict[str, NameKind] = {}
        for entry in org["departments"]:
            self._add(entry["name"], entry["aliases"], "department")
        for unit in org["units"]:
            self._add(unit["name"], unit["aliases"], "unit")
        for group in org["groups"]:
            self._add(group["name"], group.get("aliases", []), "group")
        for body in org["external"]:
            self._add(body["name"], body.get("aliases", []), "external")

    @cached_property
    def own_level(self) -> str:
        """The bureau's own level (区局, 市局 …): the first declared level that no unit owes."""
        for level in self.levels:
            name = self.canonical(level) or level
            if self._kind.get(name) != "unit" and not (name in self.groups and self.stands_for_units(name)):
                return level
        return self.levels[0] if self.levels else "本局"

    @cached_property
    def dated_windows(self) -> NamedWindows:
        """The registry's named seasons with their dates, as the phrase engine takes them (read on first use)."""
        from cgtask.schedule.named_windows import named_windows

        return named_windows(self.windows)

    def _add(self, name: str, aliases: list[str], kind: NameKind) -> None:
        for spelling in (name, *aliases):
            self._canonical[spelling] = name
        self._kind[name] = kind

    def canonical(self, name: str) -> str | None:
        """The registered name for a name or alias, or None when unknown."""
        return self._canonical.get(name)

    def kind_of(self, name: str) -> NameKind | None:
        """Whether ``name`` (or an alias of it) is a 科室, a 中队, a group or an outside body."""
        canonical = self.canonical(name)
        return self._kind.get(canonical) if canonical else None

    def suggest(self, name: str) -> str | None:
        """The nearest known name, for messages such as 监察科 → 监督科？ (None when nothing is close)."""
        close = difflib.get_close_matches(name, list(self._canonical), n=1, cutoff=0.5)
        return self._canonical[close[0]] if close else None

    def expand(self, group: str, lead: list[str]) -> list[str]:
        """The 科室/units a group stands for; 各科室 leaves out the task's own lead."""
        members = self.groups[self.canonical(group) or group]["members"]
        departments = [d for d in self.departments if d not in lead]
        if members == "departments":
            return departments
        if members == "units":
            return list(self.units)
        if members == "all":
            return departments + self.units
        return self.units_of_kind(_LEGACY_MEMBERS.get(members, members))

    def units_of_kind(self, kind: str) -> list[str]:
        """Every unit of one kind (street, 县市区 …), in the order organization.yaml lists them."""
        return [name for name in self.units if self.unit_kind[name] == kind]

    def unit_word(self, units: list[str]) -> str:
        """What people call these units: 中队 (any kind of 中队), one kind's title (县市区城管局), else 单位."""
        titles = {self.unit_kinds.get(self.unit_kind.get(name, ""), "") for name in units}
        if titles and all(title.endswith("中队") for title in titles):
            return "中队"
        return titles.pop() if len(titles) == 1 and "" not in titles else "单位"

    @property
    def unit_heading(self) -> str:
        """What a column of the bureau's units is headed: 中队 (any kind of 中队), else its one kind (县区), else 单位.

        The kind's own name as organization.yaml declares it, short enough for a heading; Baoshan keeps 中队.
        """
        kinds = {self.unit_kind.get(name, "") for name in self.units}
        if all(self.unit_kinds.get(kind, "").endswith("中队") for kind in kinds):
            return "中队"
        return kinds.pop() if len(kinds) == 1 and "" not in kinds else "单位"

    def stands_for_units(self, group: str) -> bool:
        """Whether a group means units only (各中队, 街镇中队, 各县市区), so a duty at it is owed per unit."""
        members = self.groups[self.canonical(group) or group]["members"]
        return members != "departments" and members != "all"

    def resolve_party(self, name: str) -> str:
        """A 科室, 中队 or outside body given on the command line, or a clear error suggesting the nearest one."""
        kind = self.kind_of(name)
        canonical = self.canonical(name)
        if canonical and kind in (
            "department",
            "unit",
            "external",
        ):  # any registered body may answer (issue 22)
            return canonical
        if kind == "group":
            raise UsageError(f"“{name}”是统称，请指定具体的科室或中队")
        hint = self.suggest(name)
        suggestion = f"，是不是“{hint}”？" if hint else ""
        raise UsageError(f"未知的科室或中队“{name}”{suggestion}")


def declared_levels(org: OrganizationData) -> list[str]:
    """The levels duties may be owed at: those organization.yaml declares, else the first registry's three."""
    levels = org.get("levels")
    return [level["name"] for level in levels] if levels is not None else list(DEFAULT_LEVELS)


def declared_unit_kinds(org: OrganizationData) -> dict[str, str]:
    """Each declared unit kind with what people call it (the name itself when no title is given)."""
    kinds = org.get("unit_kinds")
    if kinds is None:
        return dict(DEFAULT_UNIT_KINDS)
    return {kind["name"]: kind["title"] or kind["name"] for kind in kinds}


def group_members_known(members: str, unit_kinds: dict[str, str]) -> bool:
    """Whether a group's ``members`` names something: 科室, units, both, or a declared unit kind."""
    return members in GROUP_MEMBERS or _LEGACY_MEMBERS.get(members, members) in unit_kinds


def unsafe_name_findings(raw: Any, display: str) -> list[Finding]:
    """E111 for each 科室 or 中队 whose name cannot be a file name, at the name in organization.yaml.

    Batch notices are written one file per name.
    """
    from cgtask.registry.locate import value_position
    from cgtask.support.filenames import file_name_problems

    findings = []
    for section, label in (("departments", "科室"), ("units", "中队")):
        entries = raw.get(section) if isinstance(raw, dict) else None
        for n, entry in enumerate(entries if isinstance(entries, list) else []):
            name = entry.get("name") if isinstance(entry, dict) else None
            problems = file_name_problems(name) if isinstance(name, str) else []
            if problems:
                line, col = value_position(raw, [section, n, "name"])
                message = f"{label}名称“{name}”不能用作文件名：{'；'.join(problems)}"
                findings.append(located("E111", display, line, col, message))
    return findings


def organization_findings(org: OrganizationData, raw: Any, display: str) -> list[Finding]:
    """What the organisation declares that does not hold together, each at its place in organization.yaml.

    E307: a unit of an undeclared kind, a group whose members name nothing, a name registered twice;
    E404: a named window (汛期: 6-9月) whose dates cannot be read.
    """
    from cgtask.registry.locate import value_position

    def at(path: list[str | int], code: str, message: str) -> Finding:
        line, col = value_position(raw, path)
        return located(code, display, line, col, message)

    kinds = declared_unit_kinds(org)
    findings = [
        at(["units", n, "kind"], "E307", f"单位“{unit['name']}”的类型“{unit['kind']}”未在 unit_kinds 中登记"
           f"（已登记：{'、'.join(kinds)}）")
        for n, unit in enumerate(org["units"])
        if unit["kind"] not in kinds
    ]  # fmt: skip
    findings += [
        at(["groups", n, "members"], "E307", f"统称“{group['name']}”的成员“{group['members']}”不明：应为 departments、"
           f"units、all 或已登记的单位类型（{'、'.join(kinds)}）")
        for n, group in enumerate(org["groups"])
        if not group_members_known(group["members"], kinds)
    ]  # fmt: skip
    findings += _twice_registered(org, at)
    return findings + _level_findings(org, at) + _window_findings(org, at)


def _level_findings(org: OrganizationData, at: Any) -> list[Finding]:
    """W306 for a declared level after the bureau's own that names no group or unit (a typo makes a second 本局)."""
    if org.get("levels") is None:
        return []  # the defaults are the first registry's words, not this keeper's
    index = OrgIndex(org)
    own = index.own_level
    return [
        at(["levels", n, "name"], "W306", f"层级“{level}”不是已登记的统称或单位，按本局自身的层级计（与“{own}”并列）；"
           "若指由各单位完成的层级，请写成 groups 或 units 中的名称")
        for n, level in enumerate(index.levels)
        if level != own and index.kind_of(level) not in ("unit", "group")
    ]  # fmt: skip


def _twice_registered(org: OrganizationData, at: Any) -> list[Finding]:
    """E307 for each spelling (name or alias) registered a second time, at the second place."""
    seen: dict[str, str] = {}
    findings = []
    sections: list[tuple[str, list[Any]]] = [
        ("departments", list(org["departments"])), ("units", list(org["units"])),
        ("groups", list(org["groups"])), ("external", list(org["external"])),
    ]  # fmt: skip
    for section, entries in sections:
        for n, entry in enumerate(entries):
            for spelling in (entry["name"], *entry.get("aliases", [])):
                if spelling in seen:
                    findings.append(
                        at([section, n, "name"], "E307", f"“{spelling}”已在{seen[spelling]}中登记")
                    )
                seen.setdefault(spelling, _SECTION_WORDS[section])
    return findings


_SECTION_WORDS = {"departments": "科室", "units": "单位", "groups": "统称", "external": "外部单位"}


def _window_findings(org: OrganizationData, at: Any) -> list[Finding]:
    from cgtask.errors import FrequencyError
    from cgtask.schedule.named_windows import window_dates

    findings = []
    for name, text in (org.get("windows") or {}).items():
        try:
            window_dates(text)
        except FrequencyError as exc:
            findings.append(at(["windows", name], "E404", f"{name}：{exc}"))
    return findings

"""Names of the organisation: 科室, 中队, groups that stand for several, external bodies."""

from __future__ import annotations

import difflib
from typing import Any, Literal

from cgtask.errors import UsageError
from cgtask.findings import Finding, located
from cgtask.models.data import GroupData, OrganizationData

NameKind = Literal["department", "unit", "group", "external"]


class OrgIndex:
    """Looks names up, expands groups and suggests the nearest known name for a typo."""

    def __init__(self, org: OrganizationData) -> None:
        self.departments = [d["name"] for d in org["departments"]]
        self.units = [u["name"] for u in org["units"]]
        self.street_units = [u["name"] for u in org["units"] if u["kind"] == "street"]
        self.groups: dict[str, GroupData] = {g["name"]: g for g in org["groups"]}
        self.external = [e["name"] for e in org["external"]]
        self._canonical: dict[str, str] = {}
        self._kind: dict[str, NameKind] = {}
        for entry in org["departments"]:
            self._add(entry["name"], entry["aliases"], "department")
        for unit in org["units"]:
            self._add(unit["name"], unit["aliases"], "unit")
        for name in self.groups:
            self._add(name, [], "group")
        for name in self.external:
            self._add(name, [], "external")

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
        """The 科室/中队 a group stands for; 各科室 leaves out the task's own lead."""
        members = self.groups[group]["members"]
        departments = [d for d in self.departments if d not in lead]
        if members == "departments":
            return departments
        if members == "units":
            return list(self.units)
        if members == "street_units":
            return list(self.street_units)
        return departments + self.units

    def resolve_party(self, name: str) -> str:
        """A 科室 or 中队 given on the command line, or a clear error suggesting the nearest one."""
        kind = self.kind_of(name)
        canonical = self.canonical(name)
        if canonical and kind in ("department", "unit"):
            return canonical
        if kind == "group":
            raise UsageError(f"“{name}”是统称，请指定具体的科室或中队")
        if kind == "external":
            raise UsageError(f"“{name}”是外部单位，本登记册中不承担任务")
        hint = self.suggest(name)
        suggestion = f"，是不是“{hint}”？" if hint else ""
        raise UsageError(f"未知的科室或中队“{name}”{suggestion}")


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

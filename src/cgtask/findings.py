"""The catalogue of finding codes: each code once, with its level and what it means.

A code's first digit names its family, and a family means one thing (1 reading a file, 2 fields,
3 names and ids, 4 frequencies and due rules, 5 a work plan's key figures, 6 quantitative targets,
7 a task's basis, 8 the ledger, 9 a city's city.yaml). ``E`` codes are errors (``check`` exits 1), ``W`` codes warnings.
Every place that reports a problem builds its :class:`Finding` through :func:`located`, so a code
cannot be used without being listed here; the README's table is generated from ``CATALOGUE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """One finding code: ``E101``, its level, and a one-line Chinese meaning for the README."""

    code: str
    meaning: str

    @property
    def severity(self) -> Severity:
        """``warning`` for a W code, ``error`` for every other code."""
        return "warning" if self.code.startswith("W") else "error"


FAMILIES = {
    "1": "读取文件（YAML）",
    "2": "字段与取值",
    "3": "名称与编号",
    "4": "频率与期限",
    "5": "工作计划的关键数字",
    "6": "量化指标",
    "7": "任务的依据（basis）",
    "8": "台账",
    "9": "市局登记册（city.yaml）",
}

CATALOGUE: dict[str, Code] = {
    code.code: code
    for code in (
        Code("E100", "无法读取文件"),
        Code("E101", "文件过大"),
        Code("E102", "文件不是 UTF-8 编码"),
        Code("E103", "文件为空"),
        Code("E104", "缩进中有制表符（Tab）"),
        Code("E105", "文件中有控制字符（XML 无法容纳的，或以转义写成的）"),
        Code("E106", "YAML 语法错误"),
        Code("E107", "同一层级中重复的键"),
        Code("E108", "嵌套过深或别名展开过多"),
        Code("E109", "不允许的 YAML 写法（别名循环、!!binary 等标签）"),
        Code("E110", "不合法的日期或数字（如 2022-02-30）"),
        Code("E111", "科室或中队名称不能用作文件名（含 / \\ : * ? 等或以点开头）"),
        Code("E201", "缺少必填字段"),
        Code("E202", "未知字段（可能是拼写错误）"),
        Code("E203", "字段的值类型或取值不对"),
        Code("E301", "未知的部门名称"),
        Code("E302", "文件编号重复"),
        Code("E303", "事项编号重复"),
        Code("E305", "任务没有牵头部门"),
        Code("W305", "草稿中的任务尚未填写牵头部门"),
        Code("E306", "层级未在 organization.yaml 的 levels 中登记"),
        Code("W306", "登记的层级既不是统称也不是单位，按本局自身的层级计（可能是名称写错）"),
        Code("E307", "组织机构的声明不一致：单位类型未登记、统称的成员不明、同一名称登记两次"),
        Code("W308", "文件是草稿，尚未印发（cgtask rollover、decompose 生成的）"),
        Code("W309", "沿用上年文件时标出的年度数字或日期待复核"),
        Code("E404", "时间窗口（如 汛期: 6-9月）的写法无法识别"),
        Code("E401", "不认识的频率或定额写法"),
        Code("E402", "不认识的期限规则"),
        Code("W403", "正文与附件1 对同一事项的频率不一致，待确定以哪个为准"),
        Code("W404", "要求中有原文没有写明、由登记册推定的部分（assumed），各处列出时注明“推定”"),
        Code("W405", "导入时待核对的内容（读不懂的单元格、新登记的部门、从正文读出的期限）"),
        Code("E501", "关键数字引用的条目不存在"),
        Code("E502", "关键数字的数值不在原句中"),
        Code("E503", "关键数字的原句不在条目正文中"),
        Code("E601", "量化指标的原文不在任务的工作细则中"),
        Code("W601", "工作细则中的量化要求没有记为指标"),
        Code("E701", "任务的依据指向不存在的计划条目"),
        Code("E801", "台账记录指向不存在的文件、事项、中队或周期"),
        Code("E802", "台账中同一记录计入两次，或同一记录的两次更正都有效（多为 git 合并两份克隆所致）"),
        Code("E810", "台账记录的周期、层级或工作不是该事项的（如每月的工作写成周 2022-W10），计不进任何一期"),
        Code("W801", "台账文件已较大，读写变慢：按年月拆分（cgtask ledger split）"),
        Code("W802", "ledger.yaml 与按月拆分的 ledger/ 同时存在（多为合并了未拆分的克隆）"),
        Code("E901", "city.yaml 中同一个区或同一个登记册位置登记了两次"),
        Code("W901", "city.yaml 中某区的登记册不存在（未克隆或子模块未更新），该区未计入"),
    )
}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in a registry file, located to its line and column (1-based)."""

    file: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """The finding as one line: ``file:line:col  code  message``, warnings marked 警告."""
        level = "" if self.severity == "error" else "警告："
        return f"{self.file}:{self.line}:{self.col}  {self.code}  {level}{self.message}"


def located(code: str, file: str, line: int, col: int, message: str) -> Finding:
    """A finding of a catalogued ``code``; its level comes from the catalogue."""
    return Finding(file, line, col, code, message, CATALOGUE[code].severity)


def catalogue_markdown() -> str:
    """The README's table of codes, family by family."""
    lines = ["| 代码 | 级别 | 含义 |", "|---|---|---|"]
    for family, name in FAMILIES.items():
        lines.append(f"| **{family}xx** | | **{name}** |")
        for code in CATALOGUE.values():
            if code.code[1] == family:
                level = "错误" if code.severity == "error" else "警告"
                lines.append(f"| {code.code} | {level} | {code.meaning} |")
    return "\n".join(lines) + "\n"

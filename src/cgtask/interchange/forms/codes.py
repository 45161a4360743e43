"""Every problem code of a 台账 form import, in one place, each with what it means.

F10x: the file as a whole; F11x: the 完成日期 cell; F12x: numbers; F13x: 覆盖中队; F14x: several files.
"""

from __future__ import annotations

PROBLEM_CODES: dict[str, str] = {
    "F100": "文件或文件夹不存在",
    "F101": "文件无法读取：已损坏，或不是 .xlsx 文件",
    "F102": "不是 cgtask 台账表：缺少记录表身份的隐藏工作表",
    "F103": "表属于另一个登记册",
    "F104": "表的年份不是本次导入的年份",
    "F105": "固定单元格（事项、名称、周期、要求等）被改动过",
    "F106": "表的结构被改动：找不到行，或隐藏工作表内容不全",
    "F107": "文件超出可读范围（过大、压缩炸弹、实体声明、单元格或合并区域过多）",
    "F108": "隐藏工作表与登记册不符：单位、事项、层级、周期或行号被改动，或登记册在发表后已更改",
    "F111": "完成日期无法识别",
    "F112": "完成日期不在该事项的周期内",
    "F113": "完成日期晚于今天",
    "F114": "填了次数、数量或中队，却没有填完成日期",
    "F115": "每天的事项：只写了天数而不是整月每天，或天数与所写日期的个数不符，请写明是哪几天",
    "F121": "次数不是大于等于 0 的整数",
    "F122": "数量不是大于等于 0 的整数",
    "F123": "基数不是大于等于 0 的整数",
    "F124": "填了完成日期，却缺少该事项要求的数量或基数",
    "F125": "数量大于基数",
    # F126 (from the codes issue 24 set aside): a row of the whole file, not a number.
    "F126": "表中另加的行填了内容：不是表内列出的工作，不能登记，请填在对应工作的行上",
    "F127": "这一行不填此栏（该工作不计数量、基数或覆盖中队），所填内容不能登记",
    "F131": "覆盖中队中有不认识的中队名",
    "F132": "备注含有控制字符，或超过长度上限",
    "F141": "同一张表（同一单位、同一月份）在多个文件中内容不同",
}


def describe(code: str) -> str:
    """The one-line meaning of a code (for ``--help`` texts and the README)."""
    return PROBLEM_CODES[code]

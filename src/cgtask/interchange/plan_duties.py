"""A row's frequency, share, window and deadline cells, and the dated deadlines in its wording, as duties.

Each duty is a phrase the engine reads (``schedule.parse_frequency``), written with the verbatim cell
text beside it and the cell it came from. Nothing is guessed silently: a bare number (1次, 10%) is
exact, as the plan wrote it, never turned into a lower bound; a cell the engine cannot read, a
quantity in the wording and a deadline found in the wording become review notes that ``check``
reports at the task until the keeper settles them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cgtask.errors import FrequencyError
from cgtask.interchange.plan_numbers import (
    BARE_QUANTITY,
    SLOGAN,
    column_amounts,
    coverages,
    dated_target,
    every,
    own_period,
    plain_approximate,
    whole_months,
)
from cgtask.schedule.cell_clauses import (
    CLAUSE_BREAK,
    NO_DUTY,
    PERIOD_WORD,
    cell_clauses,
    clause_demand,
    period_of,
)
from cgtask.schedule.frequency import parse_frequency

WHOLE_YEAR = re.compile(r"^(?:\d{4}年)?全年$")
YEAR_SPAN = re.compile(r"(\d{4})\s*[—\-~～至到]+\s*(\d{4})\s*年底前?")
MONTH_WITHOUT_WORD = re.compile(r"(\d{4})年(\d{1,2})底前")
# 2024.6.30, 2024-06-30, 2024/6/30 → 2024年6月30日前; 2024年6月 (a month alone) → its end, for review.
DOTTED_DATE = re.compile(r"^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})日?(?:前)?$")
MONTH_ALONE = re.compile(r"^(\d{4})年(\d{1,2})月(?:份)?$")
WITHIN_YEAR = re.compile(r"^(?:年内|本年度?内|当年|年度内)(?:完成)?$")
# 11月 or 每年5月 in a 检查时间 cell: that one month (the engine writes it 11月份).
ONE_MONTH = re.compile(r"^(?:每年)?(\d{1,2})月$")
EVENT_DONE = re.compile(r"^(.+后\d+个?(?:月|日|天|个工作日))完成$")
DATED_IN_WORDING = re.compile(
    r"(?:\d{4}年\d{1,2}月底前?|\d{4}年底前?|[“\"]?十[一二三四五六七八九]五[”\"]?(?:规划)?(?:期)?末|年底前"
    r"|\d{4}年\d{1,2}月\d{1,2}日前|(?<![年\d])\d{1,2}月(?:底|\d{1,2}日)前)"  # 5月底前, 3月10日前: the plan's year
)
BOUNDED_QUANTITY = (
    r"(?:至少|不少于|不低于|首批)\S{0,4}?\d+(?:\s*[-—~]\s*\d+)?\s*(?:个|家|处|块|地块|条|座|所|项)"
)
QUANTITY_IN_WORDING = re.compile(
    BOUNDED_QUANTITY + r"|\d+(?:\.\d+)?\s*(?:个|家|处|块|地块|条|座|所|项|%|％)\s*以上|\d+(?:\.\d+)?\s*[%％]"
)
# The bureau's own 任务分解表 (the five classic columns) describes its work in words whose numbers the
# supervision plan schedules (the shipped registry holds them as obligations written by hand): there,
# only a bounded quantity is noted, as before, and no duty is read from the wording but its dates.
QUANTITY_IN_OWN_TABLE = re.compile(BOUNDED_QUANTITY)
# 各县市区 / 各中队 just before a quantity: the quantity is each unit's, not the bureau's.
GROUP_BEFORE = re.compile(
    r"各[\u4e00-\u9fff]{0,6}?(?:县市区|区县|县|区|街道|街镇|镇|乡|中队|大队|科室|单位|部门)"
)
# A cadence in a task's wording (分季度进行整治, 每月开展): not read into a duty, so noted for review.
CADENCE_IN_WORDING = re.compile(r"(?:分|每)(?:季度|季|月|周|半年|年度)|每(?:天|日|年)")


@dataclass(frozen=True)
class Cell:
    """One cell of the row: its text, its heading and where it is in the file (Sheet1!E3, 表1第3行第5列)."""

    text: str
    heading: str
    where: str


@dataclass
class RowDuties:
    """What a row yields: its duties (phrase, verbatim text, source cell) and the notes for review."""

    duties: list[tuple[str, str, str]] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    # A duty owed by each unit of a group the registry declares as a level (各县市区): its index → the level.
    levels: dict[int, str] = field(default_factory=dict)

    def drop(self, index: int) -> None:
        """Take back the duty at ``index`` (a column date that an amount of the wording took)."""
        del self.duties[index]
        self.levels = {n - (n > index): level for n, level in self.levels.items() if n != index}


@dataclass
class ColumnDate:
    """The date of a row's 完成时限 cell, held as a milestone until the wording says what it dates.

    An amount of the wording with no period of its own is the size of that dated work (完成时间
    2009年5月底前 beside 达60%以上): one dated duty, and the bare milestone is taken back — unless the
    wording lists another work beside the sized one (``unsized``), whose deadline it still is.
    """

    index: int
    phrase: str
    cell: Cell
    taken: bool = False
    unsized: list[str] = field(default_factory=list)


def _spaceless(text: str) -> str:
    return re.sub(r"\s+", "", text).strip("。.")


def _readable(phrase: str) -> bool:
    try:
        parse_frequency(phrase)
    except FrequencyError:
        return False
    return True


def _holds_amount(phrase: str) -> bool:
    """Whether the engine reads a dated amount with its amount (为5座 reads, but without the 5: not held)."""
    try:
        return parse_frequency(phrase).quota is not None
    except FrequencyError:
        return False


def duty_label(phrase: str) -> str:
    """What kind of duty a phrase states, to tell a row's duties apart (比例, 次数, 每次数量, 期限 …)."""
    reading = parse_frequency(phrase)
    if reading.quota is not None and reading.quota.percent is not None:
        return "比例"
    if reading.quota is not None:
        return "每次数量" if reading.quota.per == "each" else "数量"
    if reading.times is not None or reading.range is not None:
        return "次数"
    return "期限" if reading.deadline else "要求"


def _sets_time(text: str) -> bool:
    """Whether a 检查时间 text changes when a duty falls; words read only as the duty's activity do not."""
    plain, timed = parse_frequency("每年1次"), parse_frequency(f"每年1次，{text}")
    changed = {
        name for name in vars(plain) if name != "text" and getattr(plain, name) != getattr(timed, name)
    }
    return bool(changed - {"activity", "object", "subject"})


def window_phrase(cell: Cell | None, result: RowDuties) -> str | None:
    """The window a 检查时间 cell sets (5-9月), None for the whole year; an unreadable one is noted."""
    if cell is None or not cell.text.strip():
        return None
    text = _spaceless(cell.text)
    months = whole_months(text)  # 2024.01.01-2024.12.31 is the whole year: no narrowing, nothing to note
    if WHOLE_YEAR.match(text) or NO_DUTY.search(text) or months == (1, 12):
        return None
    text = f"{months[0]}月至{months[1]}月" if months else ONE_MONTH.sub(r"\1月份", text)
    if _readable(f"每年1次，{text}") and _sets_time(text):
        return text
    result.review.append(f"{cell.where}“{cell.heading}”的“{cell.text}”读不懂，时间窗口未计入")
    return None


def cell_duties(cells: list[Cell], window: str | None, result: RowDuties) -> None:
    """The duties of the frequency, share and quantity cells, each clause its own duty, in the window."""
    clauses = [(c, part) for c in cells for part in cell_clauses(c.text)]
    period = period_of([part for _, part in clauses])
    for cell, clause in clauses:
        if NO_DUTY.search(clause):
            continue
        clause, approximated = plain_approximate(clause)
        if approximated:
            result.review.append(
                f"{cell.where}“{cell.heading}”的“{approximated}”是约数，按“{clause}”读入，请核对"
            )
        phrase = clause_demand(clause, period) or ""  # the rule ``cgtask phrase`` shows a cell by
        if window:
            phrase = f"{phrase}，{window}"
        if phrase and _readable(phrase):
            result.duties.append((phrase, cell.text, f"{cell.where}（{cell.heading}）"))
        else:
            result.review.append(f"{cell.where}“{cell.heading}”的“{clause}”读不懂，未计入履职要求")


def _dated(text: str, year: int, cell: Cell, result: RowDuties) -> str:
    """A date as people write it in a 完成时限 cell, in the engine's words; a month alone is its end, noted."""
    text = DOTTED_DATE.sub(r"\1年\2月\3日前", text)
    text = WITHIN_YEAR.sub(f"{year}年底前", text)
    if MONTH_ALONE.match(text):
        text = MONTH_ALONE.sub(r"\1年\2月底前", text)
        result.review.append(f"{cell.where}“{cell.text}”只写了月份，按“{text}”读，请核对")
    return text


def deadline_duty(cell: Cell | None, year: int, result: RowDuties) -> ColumnDate | None:
    """The duty of a 完成时限 cell: a date (2016年底前), a span's end, or a time after an event.

    Returns the date when the cell holds only a date, for the wording's amounts to take (ColumnDate).
    """
    if cell is None or not _spaceless(cell.text) or NO_DUTY.search(cell.text):
        return None
    text = _spaceless(cell.text)
    phrase = _dated(text, year, cell, result)
    phrase = YEAR_SPAN.sub(r"\2年底前", phrase)
    phrase = EVENT_DONE.sub(r"\1内", phrase)
    if MONTH_WITHOUT_WORD.search(phrase):
        phrase = MONTH_WITHOUT_WORD.sub(r"\1年\2月底前", phrase)
        result.review.append(f"{cell.where}“{cell.text}”缺“月”字，按“{phrase}”读，请核对")
    if phrase == "年底前":
        phrase = f"{year}年底前"
    if not _readable(phrase):
        result.review.append(f"{cell.where}“{cell.heading}”的“{cell.text}”读不懂，未计入履职要求")
        return None
    result.duties.append((phrase, cell.text, f"{cell.where}（{cell.heading}）"))
    reading = parse_frequency(phrase)
    if reading.period != "once" or reading.trigger or reading.quota or reading.coverage:
        return None
    return ColumnDate(len(result.duties) - 1, phrase, cell)


def settle_column_date(column: ColumnDate | None, result: RowDuties) -> None:
    """The column's bare milestone taken back when the wording's amounts are what it dates, else named."""
    if column is None or not column.taken:
        return
    if not column.unsized:
        result.drop(column.index)
        return
    works = "、".join(column.unsized)
    result.review.append(
        f"{column.cell.where}“{column.cell.heading}”的“{column.cell.text}”另记为一次性节点（{column.phrase}），"
        f"是“{works}”的期限，请核对"
    )


def _dated_phrase(words: str, year: int) -> str:
    """A deadline found in wording as the engine writes it: 年底前 and 5月底前 are of the plan's year."""
    if words == "年底前" or re.fullmatch(r"\d{1,2}月(?:底|\d{1,2}日)前", words):
        return f"{year}年{words}"
    return words if words.endswith(("前", "末")) else words + "前"


@dataclass(frozen=True)
class Wording:
    """What reading a quantity in a task's wording needs: where its duty goes, the registry's levels."""

    result: RowDuties
    year: int
    levels: frozenset[str] = frozenset()
    column: ColumnDate | None = None


def _wording_quantity(found: re.Match[str], sentence: str, cell: Cell, wording: Wording) -> None:
    """A quantity in the wording as a duty for review: the bureau's own (4个以上), or each unit's.

    A group's quantity (各县市区至少建成1个) is owed by each of its units: a duty at that level when the
    registry declares the group as a level, else a note saying how to declare it. A share in the wording
    has no base to count against and is left to the keeper.
    """
    words, result = found.group(0), wording.result
    group = GROUP_BEFORE.search(sentence[max(0, found.start() - 12) : found.start()])
    level = group.group(0) if group else None
    period = own_period(sentence, found.start())
    phrase = None if "%" in words or "％" in words else _quantity_phrase(words, wording.year, period)
    if phrase is None or not _readable(phrase) or (level is not None and level not in wording.levels):
        why = f"是{level}每个单位各自的数量（在 organization.yaml 的 levels 中登记 {level} 后重新导入即可读入），"
        result.review.append(
            f"{cell.where}中的数量“{words}”{why if level else ''}未读成履职要求，请核对后补上"
        )
        return
    if level is not None:
        result.levels[len(result.duties)] = level
    result.duties.append((phrase, sentence.strip(), f"{cell.where}（{cell.heading}）"))
    owed = f"{level}每个单位的" if level else ""
    result.review.append(f"{cell.where}中的数量“{words}”记为{owed}履职要求（{phrase}），请核对")


def _quantity_phrase(words: str, year: int, period: str | None) -> str | None:
    """至少/不少于 N个, N个以上: a lower bound of its clause's period (每月…, else the year); 首批 N个: by year end.

    A range keeps both ends (首批选择4-5地块 → 2023年底前4—5个: at least 4, at most 5, shown so); a first
    batch with no date of its own is owed within the plan's year, which the review note says.
    """
    found = re.search(r"(\d+)(?:\s*[-—~]\s*(\d+))?\s*(个|家|处|块|地块|条|座|所|项)", words)
    if found is None:
        return None
    unit = "个" if found.group(3) == "地块" else found.group(3)
    amount = f"{found.group(1)}—{found.group(2)}" if found.group(2) else found.group(1)
    if words.startswith("首批") or found.group(2):
        return f"{year}年底前{amount}{unit}"
    return f"{every(period)}不少于{amount}{unit}"


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _wording_dates(sentence: str, cell: Cell, wording: Wording, *, plan: bool) -> list[tuple[int, int]]:
    """Each dated deadline of a sentence: with the amount after it a dated target, alone a milestone.

    Returns the spans of the amounts taken, so that they are not noted again as bare numbers.
    """
    result, taken = wording.result, []
    dates = list(DATED_IN_WORDING.finditer(sentence))
    for found, following in zip(dates, [*dates[1:], None], strict=False):
        phrase = _dated_phrase(found.group(0), wording.year)
        words = re.sub('[“”"]', "", found.group(0))  # “十四五”末 is named once, not in doubled quotes
        rest = sentence[found.end() : following.start() if following else None]
        rest = PERIOD_WORD.split(rest, maxsplit=1)[0]  # 6月底前…，全年检查50家: the 50 is the year's
        target = dated_target(phrase, rest, found.end()) if plan else None
        covered_at = coverages(rest)
        covered = _coverage_phrase(phrase, rest[: covered_at[0]]) if covered_at else ""
        if plan and covered and _readable(covered):
            # 力争到“十四五”末，所有重点区域全覆盖: a coverage due by the date, not a bare milestone.
            result.duties.append((covered, sentence, f"{cell.where}（{cell.heading}）"))
            result.review.append(
                f"{cell.where}中的期限“{words}”和“全覆盖”记为到期全覆盖（{covered}），请核对"
            )
            taken.append((found.end() + covered_at[0], found.end() + covered_at[0] + 3))
        elif target is not None and _holds_amount(target.phrase):
            result.duties.append((target.phrase, sentence, f"{cell.where}（{cell.heading}）"))
            result.review.append(
                f"{cell.where}中的期限“{words}”和数量“{target.words}”记为到期数量（{target.phrase}），请核对"
            )
            taken.append((target.start, target.end))
        elif _readable(phrase):
            result.duties.append((phrase, sentence, f"{cell.where}（{cell.heading}）"))
            result.review.append(f"{cell.where}中的期限“{words}”记为一次性节点（{phrase}），请核对")
    return taken


def _column_amounts(sentence: str, cell: Cell, wording: Wording, taken: list[tuple[int, int]]) -> None:
    """A sentence with no date of its own read against the row's column date: its amounts are dated by it.

    An amount whose clause names its own period (全年检查50家) stays apart, and the note says so.
    """
    column, result = wording.column, wording.result
    if column is None or DATED_IN_WORDING.search(sentence):
        return
    where = f"{column.cell.where}“{column.cell.heading}”的“{column.cell.text}”"
    amounts = column_amounts(sentence, column.phrase)
    for target in amounts.dated:
        if _holds_amount(target.phrase) and not _overlaps((target.start, target.end), taken):
            result.duties.append((target.phrase, sentence, f"{cell.where}（{cell.heading}）"))
            result.review.append(
                f"{cell.where}中的数量“{target.words}”和{where}记为到期数量（{target.phrase}），请核对"
            )
            taken.append((target.start, target.end))
            column.taken = True
    column.unsized += amounts.unsized
    for at in coverages(sentence):
        covered = _coverage_phrase(column.phrase, sentence[:at])
        if not _overlaps((at, at + 3), taken) and _readable(covered):  # 建成区全覆盖 beside 2024年底前
            result.duties.append((covered, sentence, f"{cell.where}（{cell.heading}）"))
            result.review.append(f"{cell.where}中的“全覆盖”和{where}记为到期全覆盖（{covered}），请核对")
            taken.append((at, at + 3))
            column.taken = True
    for words, period in amounts.apart:
        result.review.append(
            f"{cell.where}中的数量“{words}”有自己的周期（{period}），不是{where}的数量，两者分开记，请核对"
        )


def _coverage_phrase(deadline: str, before: str) -> str:
    """A dated coverage, with the group its clause names (各县市区…全覆盖): the units it counts, when declared."""
    clause = CLAUSE_BREAK.split(before)[-1]
    groups = list(GROUP_BEFORE.finditer(clause))
    return f"{deadline}{groups[-1].group(0) if groups else ''}全覆盖"


def _year_amounts(sentence: str, cell: Cell, wording: Wording, taken: list[tuple[int, int]]) -> None:
    """A bare amount (建成精品道路3条) in a row with no date anywhere: the plan's year dates it, said so.

    Only a plain number with its unit: a bounded one (不少于4个, 4个以上) is a yearly floor read below,
    a share has no base, and an amount whose clause names a period keeps it.
    """
    if wording.column is not None or DATED_IN_WORDING.search(sentence):
        return
    for target in column_amounts(sentence, f"{wording.year}年底前").dated:
        plain = re.fullmatch(r"\d+(?:\.\d+)?\s*[\u4e00-\u9fff]{1,2}", target.words) is not None
        if plain and _holds_amount(target.phrase) and not _overlaps((target.start, target.end), taken):
            wording.result.duties.append((target.phrase, sentence, f"{cell.where}（{cell.heading}）"))
            wording.result.review.append(
                f"{cell.where}中的数量“{target.words}”未写期限，按本计划年度记为到期数量（{target.phrase}），请核对"
            )
            taken.append((target.start, target.end))


def _wording_amounts(sentence: str, cell: Cell, wording: Wording, taken: list[tuple[int, int]]) -> None:
    """Quantities and cadences in the wording read or noted; any other number with a unit noted on its own."""
    _column_amounts(sentence, cell, wording, taken)
    _year_amounts(sentence, cell, wording, taken)
    for found in QUANTITY_IN_WORDING.finditer(sentence):
        if not _overlaps(found.span(), taken):
            _wording_quantity(found, sentence, cell, wording)
            taken.append(found.span())
    read = [phrase for phrase, text, _ in wording.result.duties if text == sentence]
    for found in CADENCE_IN_WORDING.finditer(sentence):
        if not any(phrase.startswith(found.group(0)) for phrase in read):  # 每月…不少于20家 was read
            wording.result.review.append(
                f"{cell.where}中的频次“{found.group(0)}”未读成履职要求，请核对后补上"
            )
    column = wording.column
    # the row's date then dates nothing it can hold: its milestone is named, not left as the whole reading
    alone = (
        f"，{column.cell.where}的“{column.cell.text}”只记为一次性节点（{column.phrase}）" if column else ""
    )
    for found in BARE_QUANTITY.finditer(sentence):
        if not _overlaps(found.span(), taken):
            wording.result.review.append(
                f"{cell.where}中的数字“{found.group(0)}”未读成履职要求{alone}，请核对后补上"
            )
    for at in coverages(sentence):
        if not _overlaps((at, at + 3), taken):  # no date to hold it by
            wording.result.review.append(f"{cell.where}中的“全覆盖”未读成履职要求，请核对后补上")


def wording_duties(
    cell: Cell | None,
    year: int,
    result: RowDuties,
    *,
    plan: bool = True,
    levels: frozenset[str] = frozenset(),
    column: ColumnDate | None = None,
) -> None:
    """Dated targets and deadlines in a task's wording as duties, quantities as duties or notes, for review.

    ``plan`` is False for the bureau's own classic 任务分解表 (see QUANTITY_IN_OWN_TABLE).
    """
    if cell is None:
        return
    wording = Wording(result, year, levels, column)
    if not plan:
        for found in QUANTITY_IN_OWN_TABLE.finditer(cell.text):
            result.review.append(f"{cell.where}中的数量“{found.group(0)}”未读成履职要求，请核对后补上")
    for sentence in re.split(r"(?<=[。；;])", cell.text):
        sentence = _spaceless(sentence)
        taken = _wording_dates(sentence, cell, wording, plan=plan)
        if plan:
            _wording_amounts(sentence, cell, wording, taken)
    if plan:
        _slogan_note(cell, result)


def _slogan_note(cell: Cell, result: RowDuties) -> None:
    """One reading of 全覆盖、全过程、全时段: none beside a coverage the row holds, else one note saying why.

    Such a list names qualities of a system (a slogan), not units to count by a date.
    """
    slogans = [m.group(0) for m in SLOGAN.finditer(_spaceless(cell.text)) if "全覆盖" in m.group(0)]
    if slogans and not any("全覆盖" in phrase for phrase, _, _ in result.duties):
        result.review.append(
            f"{cell.where}中的“{slogans[0]}”是工作要求的提法，没有要清点的对象和期限，未读成履职要求，请核对"
        )

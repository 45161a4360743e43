"""Tokens → clauses: the second stage of the frequency grammar.

A phrase is one or more clauses, each ``[subject] [bound] period [filler] demand…``, where a demand is
a count (不少于2次), a quantity in its own unit (16起), a share of a base (当季案件数10%), coverage
(全覆盖), a maximum (不超过4次) or a deadline (次月5日前). The parts may come in either order
(1次/年 puts the count first). A second period opens a new clause once the first has a demand
(每月抽查9%，每年全部检查一次) or, after a comma, an activity (每季度…进行抽查，全年覆盖所有中队);
otherwise the phrase names two periods for one duty, which is an error. A second quantity of the
same period is a clause of its own (每月整改问题不少于16起，市级平台实效督察不少于50起), and a share
whose base names a period (当季案件数) joins that period's clause.

Words are never a reason to refuse: whatever the parts leave is the activity, the object or the subject,
returned in the reading (a word list only helps tell which is which). What is refused is structure the
duty cannot hold: two periods for one demand, two counted duties in one phrase (each needs its own
line), a list of values (分别不低于20%、40%), a measure cgtask does not count (50公斤), a named season
the registry does not define (汛期), a campaign without dates (为期三个月). Every problem is kept with
its position so the message can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from cgtask.schedule import _beyond
from cgtask.schedule._lexicon import MODALS, OBJECT_MARKERS, SPAN_UNITS, VERBS
from cgtask.schedule._naming import name_words
from cgtask.schedule._scanner import Token, scan
from cgtask.schedule._text import parse_number
from cgtask.schedule.frequency import EVEN_BIMONTH_STARTS, Quota, Response

# A share's base keeps its scope (辖区内机构数) but not the verb before it (抽查总数 → 总数).
NO_PERIOD = "没有写明周期，如每周、每月、每季度；原文没写、按上下文推定的，写明周期并在 assumed 中说明"
_BASE_PREFIXES = tuple(sorted((*VERBS, *MODALS), key=len, reverse=True))


@dataclass
class Clause:
    """One period of a phrase and what it demands."""

    start: int
    period: str | None = None
    step: int | None = None
    months: tuple[int, ...] | None = None
    trigger: str | None = None
    times: int | None = None
    maximum: int | None = None
    coverage: bool = False
    quota: Quota | None = None
    deadline: str | None = None
    no_fixed_day: bool = False
    activity: bool = (
        False  # words follow the period (每季度…进行抽查): the clause stands even without a count
    )
    window: tuple[int, int, int, int] | None = None
    window_name: str | None = None
    period_text: str = ""  # the words that named the period (全年, 每季度)
    on: tuple[int | None, int, int] | None = None
    range: tuple[float, float] | None = None
    # The count is exact: 为2次, or a number with no bound word (每年抽查1次 — the plan's number as
    # written, not a floor). A quantity's or share's own exactness is its quota's ``exact``.
    exact: bool = False
    total: bool = False
    response: Response | None = None
    embedded_count: Token | None = None  # the count was run into a word (一次全面排查; 二次供水?)
    on_day: bool = False  # 每周五下午召开, 每季度末召开: done on that day (no 前), so once a period

    def has_demand(self) -> bool:
        return (
            bool(self.times or self.maximum or self.coverage or self.quota or self.deadline or self.trigger)
            or self.on is not None
        )


@dataclass
class Problem:
    """Something the grammar could not accept, at ``position`` (0-based) of the normalised phrase."""

    position: int
    message: str
    unknown_words: bool = False


@dataclass
class Reading:
    """The clauses of a phrase, its subject (words before the first part) and the problems found."""

    clauses: list[Clause]
    subject: str | None
    problems: list[Problem] = field(default_factory=list)
    ignored: list[tuple[int, int]] = field(default_factory=list)
    activity: str | None = None
    object: str | None = None


class _Reader:
    """Walks the tokens once, keeping the words seen since the last part until a part claims them."""

    def __init__(self, phrase: str, windows: tuple[tuple[str, tuple[int, int, int, int]], ...] = ()) -> None:
        self.phrase = phrase
        self.windows = dict(windows)
        self.filler: list[Token] = []  # words after the first part: activity and object
        self.anchor_end = 0  # where the last part ended: an event's trigger starts after it
        self.total = False
        self.listed = False  # the last separator was 、 (a list)
        self.first_demand: int | None = None  # where the first count or quantity starts
        self.alternative = False  # 或 since the last part
        self.clauses = [Clause(0)]
        self.problems: list[Problem] = []
        self.ignored: list[tuple[int, int]] = []
        self.subject: str | None = None
        self.anchored = False
        self.bound: Token | None = None
        self.before: list[Token] = []
        self.after: list[Token] = []
        self.each = False
        # After a verb (巡查…一次河道) later words are its object, until a separator.
        self.verb_seen = False
        self.separated = False  # a separator since the last period
        self.last_share: Quota | None = None
        self.head_count: tuple[int, int] | None = None  # a count in a sentence before the first part
        self.last_separator = -1
        self.vague: Token | None = None  # 多次: a count without its number
        self.each_at: Token | None = None  # the first 每次: a demand on each occurrence needs a cadence
        self.parts_of_day = 1  # 早晚各1次: the count that follows is made once in each part of the day
        self.condition_event = False  # 如果遇到故障，…2小时内: the condition is the event, not refused

    @property
    def clause(self) -> Clause:
        return self.clauses[-1]

    def problem(self, position: int, message: str, end: int | None = None, *, unknown: bool = False) -> None:
        last = position if end is None else end
        if not unknown and last > position:
            # Say where: the keeper fixes the phrase in an editor, not in the parser's head.
            message = f"第{position + 1}个字起“{self.phrase[position:last]}”：{message}"
        self.problems.append(Problem(position, message, unknown))
        self.ignored.append((position, last))

    # --- words --------------------------------------------------------------------------------

    def word(self, token: Token) -> None:
        share = self.last_share
        self.last_share = None
        if share is not None and not self.before and not self.after:
            rest = self._base_after_share(share, token)
            if rest is None:
                return
            token = rest
        (self.after if self.bound is not None else self.before).append(token)

    def _base_after_share(self, share: Quota, token: Token) -> Token | None:
        """10%的中队案件进行抽查: the words up to the next verb are the base; the rest is filler."""
        text = token.text
        cut = _first_verb(text)
        scope_only = share.basis is not None and share.basis.endswith(_SCOPE_ENDS)
        # 辖区内25%国家重点监控企业: a place before the share is its scope; the base is what follows
        if not text.startswith("的") and not scope_only and (share.basis is not None or cut is None):
            return token
        if scope_only and text.startswith(VERBS):
            return token  # 辖区内10%进行复核: no base follows, the verb is the activity
        end = len(text) if cut is None else cut
        if scope_only and "并" in text[1:end]:
            end = text.index("并", 1)  # 全市5%在营企业并公示结果: 并 opens a second predicate, not the base
        based = replace(
            share, basis=_basis((share.basis or "") + text[:end].removeprefix("的").removesuffix("并"))
        )
        for clause in self.clauses:  # a quota is frozen: the clause that holds the share takes the based one
            clause.quota = based if clause.quota is share else clause.quota
        if cut is None:
            return None
        return Token("WORD", token.start + cut, token.end, text[cut:])

    def flush_words(self) -> None:
        """Words no part claimed: the subject before the first part, else the activity or object."""
        words = self.before + self.after
        self.before, self.after = [], []
        if not words:
            return
        if not self.anchored:
            self.subject = (self.subject or "") + "".join(w.text for w in words)
            return
        for run in _runs(words):
            self.filler.append(run)
            self.clause.activity = True
            if run.text.startswith(OBJECT_MARKERS) and any(w in run.text for w in ("所有", "全部", "所辖")):
                self.clause.coverage = True  # 对所有…进行巡查: every one of them, within the period

    def anchor(self, token: Token) -> None:
        self.flush_words()
        self.anchored = True
        self.anchor_end = token.end

    # --- periods ------------------------------------------------------------------------------

    def period(self, token: Token) -> None:
        assert token.period is not None
        clause = self.clause
        bare = not token.text.startswith(("每", "按", "/")) and token.kind == "PERIOD"
        adjacent = token.start == self.anchor_end and self.anchored
        if clause.period is not None and bare and not self.separated and not adjacent:
            # 关于上半年预算执行情况: a period word inside the words, not a second period.
            self.word(Token("WORD", token.start, token.end, token.text))
            return
        if (
            clause.period is not None
            and self.listed
            and (clause.period, clause.step) != (token.period, token.step)
        ):
            self.problem(token.start, "几个周期并列（如“每月、每季度”），各有各的对象，请分成几条", token.end)
            return
        demand_then_comma = (
            self.first_demand is not None
            and self.last_separator > self.first_demand
            and not token.text.startswith("/")
        )  # 3%;2次/年 keeps the table's form: the slash period after the count covers the row
        if clause.period is None and clause.trigger is None and clause.has_demand() and demand_then_comma:
            # 实施一次集中免疫，每月设立补免日: the count belongs to a sentence without a period.
            self.problem(token.start, "周期写在另一分句，前一分句的次数或数量没有周期，请分成两条", token.end)
            return
        self.anchor(token)
        if clause.period is None and clause.trigger is None:
            clause.period, clause.step = token.period, token.step
            clause.period_text = token.text
        elif (clause.period, clause.step) == (token.period, token.step):
            return
        elif (
            clause.period == "year" and token.period in ("h1", "h2") and adjacent and not clause.has_demand()
        ):
            clause.period = token.period  # 每年上半年: a yearly duty in January–June
        elif clause.period in ("h1", "h2") and token.period == "year":
            return
        elif clause.period_text == _YEAR_OF_WINDOW and adjacent and not clause.has_demand():
            # 每年5月至9月每周巡查一次: the months narrow the weekly duty; 每年 only said every year.
            clause.period, clause.step, clause.period_text = token.period, token.step, token.text
        elif clause.has_demand() or (clause.activity and self.separated):
            # 每季度…进行抽查，全年覆盖所有中队: a second period after a comma is a second demand.
            self.clauses.append(Clause(token.start, token.period, token.step, period_text=token.text))
            self.each = self.verb_seen = False
        else:
            self.problem(token.start, "出现了两个周期", token.end)
        self.separated = self.listed = False  # a list (、) is of periods only when it follows one

    def day_parts(self, token: Token) -> None:
        """早晚各1次: a day's parts, each with the count after it — a daily duty, the parts times the count."""
        assert token.number is not None
        if self.clause.period not in (None, "day"):
            self.anchor(token)
            self.problem(token.start, "“早晚各、上下午各”是每天的次数，不能再写别的周期", token.end)
            return
        self.period(token)
        self.parts_of_day = int(token.number)

    def months(self, token: Token) -> None:
        digits = "".join(c for c in token.text if c.isdigit()) or token.text.strip("()自从月份起开始")
        start = parse_number(digits)
        if self.clause.period != "bimonth" or not 1 <= start <= 12:
            self.problem(token.start, "“（N月起）”只能紧跟在“每两个月/双月”之后，N为1—12", token.end)
            return
        # Only the parity matters: starting in March gives the same windows as starting in January.
        self.clause.months = EVEN_BIMONTH_STARTS if start % 2 == 0 else None

    def event(self, token: Token) -> None:
        self.anchor(token)
        clause = self.clause
        if token.text == "不定期" and clause.period not in (None, "event"):
            clause.no_fixed_day = True
            return
        if clause.period is not None or clause.trigger is not None:
            self.problem(token.start, "出现了两个周期", token.end)
            return
        clause.period, clause.trigger = "event", token.text

    def deadline(self, token: Token) -> None:
        clause = self.clause
        if (
            token.period is None
            and clause.period is None
            and "后" in self.phrase[self.anchor_end : token.start]
        ) or (token.deadline and token.deadline.endswith("个工作日内") and self._time_allowed_at(token)):
            # 收到异议后，应当尽快核实，并在三个工作日内答复: a response time after an event.
            amount, unit = _amount(token.text)
            if not amount:
                # 事发后次日上午10点前: a time of day after an event, no amount of time the duty can count
                self.anchor(token)
                self.problem(token.start, "事件之后的钟点期限暂不支持，请写成“…后N小时内”", token.end)
                return
            self.respond(token, amount, unit)
            return
        inferred = not token.text.startswith(
            "每"
        )  # 次月10日前 implies a month only when no period is written
        if token.period is not None and (clause.period is None or not inferred):
            self.period(token)
        self.anchor(token)
        if clause.deadline is not None and clause.deadline != token.deadline:
            self.problem(token.start, "出现了两个期限", token.end)
        clause.deadline = token.deadline
        clause.on_day = _on_the_day(token)

    def response(self, token: Token) -> None:
        assert token.number is not None
        assert token.unit is not None
        segment = self.phrase[self.anchor_end : token.start]
        if (
            token.kind == "WITHIN"
            and "后" not in segment
            and not _CONDITION_CLAUSE.search(segment)
            and not self._time_allowed_at(token)
        ):
            self.word(Token("WORD", token.start, token.end, token.text))  # 未来四十八小时内的预报: words
            return
        self.respond(token, token.number, token.unit)

    def _time_allowed_at(self, token: Token) -> bool:
        """A time allowed + a verb that opens the demand, in a clause with no period and no deadline.

        The shape says it: a time allowed that counts from something — the item's arrival (信访事项应当在60日内
        办结, the event unnamed), a noun before it (室内故障4小时内到达), a noun phrase in the clause before
        (…提出的意见、建议、投诉,要在1个工作日内回复) or a condition opening the sentence (如果遇到故障,…在2小时内).
        It is an event duty, done with that event's date. 的 after it (…内的预报) makes it words, as before;
        a clause before it that is an action (…检修，保证在五个工作日内恢复) names no event: refused.
        """
        clause = self.clause
        if clause.period is not None or clause.deadline is not None or clause.has_demand():
            return False
        before = self.phrase[self.anchor_end : token.start]
        after = self.phrase[token.end : token.end + 1]
        if not _is_han(after) or after == "的":
            return False
        parts = re.split("[,;]", before)
        if self.each or _TIME_WORD_END.search(_MODAL_TAIL.sub("", parts[0])):
            return False  # 本月10日内, 每次…30分钟内: a time word or 每次 before it is no event
        if len(parts) == 1:
            return True
        # 重大事项，2小时内报告: the time allowed opens the clause after the event's clause (only modals between)
        opens = bool(_MODALS_ONLY.fullmatch(parts[-1])) and bool(parts[0])
        return len(parts) == 2 and (opens or (bool(_AT_TIME_ALLOWED.search(before)) and _names_event(before)))

    def respond(self, token: Token, amount: float, unit: str) -> None:
        """The event is the words since the last part, after 在/自/于 (接到投诉); the words before it are the subject."""
        clause = self.clause
        if clause.period not in (None, "event") or clause.response is not None:
            self.problem(token.start, "事件触发的期限不能与周期或另一期限同时出现", token.end)
            return
        if _IN_A_CONDITION.match(self.phrase, token.end):
            # 60日内未整改的，予以处罚: the time allowed is part of a condition (…的，), not a duty's deadline
            self.anchor(token)
            self.problem(token.start, "这个时限写在条件里（“…内未…的，”），不是须按时完成的事务", token.end)
            return
        segment_start = self.anchor_end
        segment = self.phrase[segment_start : token.start]
        cut, trigger = _trigger_of(segment)
        self.condition_event = self.condition_event or _CONDITION_EVENT.match(segment) is not None
        if trigger and self.subject and not self.anchored:
            # 接到来电时，…: the clause before the comma was taken for the subject; it is the event
            plain = re.sub("[,;、]", "", trigger)
            self.subject = self.subject[: self.subject.find(plain)] if plain in self.subject else self.subject
            self.subject = re.sub(f"^(?:{'|'.join(_CONDITION_WORDS)})$", "", self.subject) or None
        head = [
            w
            for w in self.before + self.after
            if w.end <= segment_start + cut and w.text not in _EVENT_OPENERS
        ]
        self.before, self.after = head, []
        self.flush_words()
        self.anchored = True
        self.anchor_end = token.end
        clause.period = "event"
        clause.trigger = trigger
        clause.response = Response(f"{_plain(amount)}{unit}", amount, unit)

    def window(self, token: Token) -> None:
        if token.period is not None:
            self.period(token)
            self.clause.period_text = _YEAR_OF_WINDOW
        self.anchor(token)
        clause = self.clause
        if clause.window is not None and clause.window != token.window:
            self.problem(token.start, "出现了两个时间窗口", token.end)
            return
        clause.window = token.window

    def named(self, token: Token) -> None:
        self.anchor(token)
        window = self.windows.get(token.text)
        if window is None:
            self.problem(
                token.start,
                f"“{token.text}”的起止日期没有定义：请写明月份（如“5—9月”），"
                f"或在 organization.yaml 的 windows 中定义（如 {token.text}: 6-9月）",
                token.end,
            )
            return
        self.clause.window, self.clause.window_name = window, token.text

    def dated(self, token: Token) -> None:
        self.anchor(token)
        assert token.on is not None
        clause = self.clause
        year = token.on[0]
        if clause.period in (None, "once") and clause.on is None:
            clause.period, clause.on = "once", token.on
            clause.deadline = format_date(token.on)
        elif year is None and clause.period == "year" and clause.deadline is None:
            clause.deadline = format_date(token.on)  # 每年 … 5月24日: the day of each year
        else:
            self.problem(token.start, "日期与周期或另一日期冲突", token.end)

    def roll(self, token: Token) -> None:
        # 遇节假日顺延 moves the deadline before it; without one there is nothing to move.
        if token.text == "提前" and token.start != self.anchor_end:
            self.word(Token("WORD", token.start, token.end, token.text))  # …的,应提前通知: in advance, words
            return
        if self.clause.deadline is None:
            self.problem(token.start, f"“{token.text}”前没有期限", token.end)
            return
        self.clause.deadline += f"，{token.text}"

    def remark(self, token: Token) -> None:
        # （1月免报）qualifies the deadline before it and is kept with it.
        if self.clause.deadline is None:
            self.problem(token.start, f"“{token.text}”前没有报送期限", token.end)
            return
        self.clause.deadline += token.text.replace("(", "（").replace(")", "）")

    # --- demands ------------------------------------------------------------------------------

    def set_bound(self, token: Token) -> None:
        if token.bound == "soft":
            return
        self.bound = token

    def coverage(self, token: Token) -> None:
        # A pending bound stays: 至少覆盖一次 bounds the count that follows.
        self.flush_words()
        self.anchored = True
        self.clause.coverage = True

    def count(self, token: Token) -> None:
        clause = self.clause
        if self._threshold_in_condition(token) or self._garbled_bound(token):
            return
        after = self.phrase[token.end : token.end + 1]
        # 二次供水: an unbounded count run into the next word may be part of a noun.
        embedded = self.bound is None and token.high is None and bool(after) and _is_han(after)
        if embedded and (clause.period is None or clause.times is not None):
            self.word(Token("WORD", token.start, token.end, token.text))
            return
        if clause.times is not None and clause.embedded_count is not None and not embedded:
            # 对二次供水设施检查不少于2次: the first count was part of a noun, this one is the count.
            first = clause.embedded_count
            self.filler.append(first)
            clause.times, clause.embedded_count = None, None
        bound = token.bound or (self.bound.bound if self.bound else None)
        at_most = self._at_most(token)
        self.anchor(token)
        self.first_demand = token.start if self.first_demand is None else self.first_demand
        assert token.number is not None
        n = int(token.number)
        clause.exact = (
            clause.exact or bound == "exact" or (bound is None and not at_most and token.high is None)
        )
        if n < 1 or n != token.number:
            self.problem(token.start, "次数应为正整数", token.end)
        elif token.high is not None:
            if token.high != int(token.high) or token.high <= n or clause.times is not None:
                self.problem(token.start, "次数范围应为两个由小到大的正整数", token.end)
                return
            clause.times, clause.maximum, clause.range = n, int(token.high), (float(n), token.high)
            return
        if at_most:
            if clause.maximum is not None:
                self.problem(token.start, "出现了两个上限", token.end)
            clause.maximum = n
        else:
            if clause.times is not None:
                self.problem(token.start, "出现了两个次数", token.end)
            clause.times, self.parts_of_day = n * self.parts_of_day, 1
            clause.embedded_count = token if embedded else None

    def _garbled_bound(self, token: Token) -> bool:
        """每月不少少于16起, 每月不于16起, 超过20次: bound-like words cgtask cannot read — refused (True), never exact."""
        end = token.start if self.bound is None else self.bound.start
        match = _BOUND_LIKE.search(self.phrase, self.anchor_end, end)
        if match is None:
            return False
        if self.phrase.startswith("的", token.end):
            # 对超过30人的场所: a comparison that names the things, not a demand — the words of the phrase
            start = (
                token.start if self.bound is None else self.bound.start
            )  # the words before are kept already
            self.bound = None
            self.word(Token("WORD", start, token.end, self.phrase[start : token.end]))
            return True
        self.anchor(token)
        self.bound = None
        self.problem(
            match.start(),
            "上下限写法读不懂（可写不少于、不超过、至少、最多），数字不能当作确切的数，请改写",
            match.end(),
        )
        return True

    def _threshold_in_condition(self, token: Token) -> bool:
        """涉及人数超过30人的，应当…: a bound and number closing a 的-clause are the condition's words (True)."""
        if not _CLOSES_CONDITION.match(self.phrase, token.end):
            return False
        start = token.start if self.bound is None else self.bound.start
        self.bound = None
        self.word(Token("WORD", start, token.end, self.phrase[start : token.end]))
        return True

    def quantity(self, token: Token) -> None:
        clause = self.clause
        if self._threshold_in_condition(token) or self._garbled_bound(token):
            return
        modifier = token.bound is not None and self.bound is None and self.phrase.startswith("的", token.end)
        if modifier or (
            not self.anchored and self.bound is None and not self.phrase.startswith("/", token.end)
        ):
            self.word(
                Token("WORD", token.start, token.end, token.text)
            )  # 30人以下的班级, 二万立方米以上的: words
            return
        if token.unit in ("天", "日") and self._days_of_the_period(token):
            return
        bound = token.bound or (self.bound.bound if self.bound else None)
        what = _joined(self.before + self.after)
        if self._second_quantity_refused(token, what):
            return
        at_most = self._at_most(token)
        if what is not None:
            self.filler += _runs(self.before + self.after)
        self.before, self.after = [], []
        self.anchored = True
        self.anchor_end = token.end
        assert token.number is not None
        assert token.unit is not None
        number, unit, high = token.number, token.unit, token.high
        if number != int(number) and unit == "小时":
            number, unit, high = number * 60, "分钟", None if high is None else high * 60
        if number != int(number) or (high is not None and high != int(high)):
            self.problem(token.start, "数量应为整数（时长可换成更小的单位，如1.5小时写作90分钟）", token.end)
            return
        clause = self.clause
        per = "each" if self.each else "period"
        # 50个 with no bound word is the plan's number; a duration (每次20分钟) is shown as a floor.
        exact = bound == "exact" or (
            bound is None and not at_most and high is None and unit not in SPAN_UNITS
        )
        draft = Quota(per=per, count=int(number), unit=unit, what=what, at_most=at_most, exact=exact)
        self.set_quota(token, draft)
        clause = self.clause
        if high is not None:
            clause.range = (number, high)
        if per == "period" and (self.total or unit in SPAN_UNITS):
            clause.total = True  # 每周累计不少于40小时, 每天锻炼不少于1小时: a total over the period

    def _days_of_the_period(self, token: Token) -> bool:
        """N日 or N天 that names days in the period rather than an amount of time (True: handled)."""
        clause = self.clause
        if token.unit == "日" and clause.period == "month" and clause.deadline is not None and self.listed:
            self.problem(token.start, "写了几个固定日期（如14日、29日），请分成几条", token.end)
            return True
        if token.unit == "日" and clause.period == "month" and token.start == self.anchor_end:
            # 每个月14日: a fixed day of the month
            rule = f"{_plain(token.number or 0)}日前"
            self.deadline(Token("DEADLINE", token.start, token.end, token.text, deadline=rule))
            return True
        if self.phrase[: token.start].endswith(_CHOSEN) or _CHOSEN_AFTER.match(self.phrase, token.end):
            # 每月相对固定1天开展主题党日, 每月1天为相对固定的时间: days chosen in the period, each one occurrence
            days = Token(
                "COUNT", token.start, token.end, token.text, number=token.number, unit="次", high=token.high
            )
            self.count(days)
            return True
        return False

    def share(self, token: Token) -> None:
        if self._garbled_bound(token):
            return
        quota = self.clause.quota
        shared = self.listed and self.bound is None and token.bound is None and quota and not quota.exact
        if shared and quota is not None:
            # 至少对25%的重点单位、15%的特殊单位…进行抽查: the one bound covers each share of the list
            self.bound = Token("BOUND", token.start, token.start, "", bound="max" if quota.at_most else "min")
        had_bound = self.bound is not None
        exact = token.bound == "exact" or (self.bound is not None and self.bound.bound == "exact")
        at_most = self._at_most(token)
        assert token.number is not None
        before, after = _joined(self.before), _joined(self.after)
        self.before, self.after = [], []
        self.anchored = True
        self.anchor_end = token.end
        names_rate = before is not None and before.endswith(_RATE_NAMES)
        if had_bound and after is None and before is not None and before.endswith(("按", "按照")):
            # 重点单位按不低于30%的比例抽查: the base is named before 按.
            basis, what = _basis(before.removesuffix("按照").removesuffix("按")), None
        elif had_bound or names_rate:
            # 结案率达到90%, 抽查比例不低于5%: the words before name the share; a base follows the bound.
            basis, what = _basis(after), before
        else:
            basis, what = _basis(before), None
        # 月检按绿地面积的10%, 抽查比例5%: the rate as written, not a floor; 10-20% is a range.
        exact = exact or (not had_bound and token.bound is None and not at_most and token.high is None)
        if not 0 < token.number <= 100 or (token.high is not None and not token.number < token.high <= 100):
            self.problem(token.start, "比例应在0%—100%之间", token.end)
        draft = Quota(
            per="each" if self.each else "period",
            percent=token.number,
            basis=basis,
            what=what,
            at_most=at_most,
            exact=exact,
        )
        self.last_share = draft
        owner = _clause_named_by(basis, self.clauses)
        if owner is not None and owner.quota is None:
            owner.quota = draft  # 不少于当季案件数10% belongs to the quarterly clause, wherever it stands
        else:
            self.set_quota(token, draft)
            owner = self.clause
        if token.high is not None:  # 10-20%: at least 10, at most 20 — both ends kept, never halved
            owner.range = (token.number, token.high)

    def set_quota(self, token: Token, draft: Quota) -> None:
        clause = self.clause
        self.first_demand = token.start if self.first_demand is None else self.first_demand
        if clause.quota is not None:
            if clause.period is None:
                self.problem(token.start, "只能写一项数量或比例要求", token.end)
                return
            # 每月整改问题不少于16起，市级平台实效督察不少于50起: a second demand of the same period.
            self.clauses.append(Clause(token.start, clause.period, clause.step, clause.months))
        self.clause.quota = draft

    def _second_quantity_refused(self, token: Token, what: str | None) -> bool:
        """A quantity after another of the same clause that is not a demand of its own (True: handled)."""
        quota = self.clause.quota
        if quota is None or quota.percent is not None:
            return False
        if self._alternative(token):
            self.problem(token.start, "几个数量可以任选其一（“或”），请写明要求的是哪一个", token.end)
        elif self._restates(token, what):
            self.word(Token("WORD", token.start, token.end, token.text))  # 180分钟(3小时): the same amount
        elif what is None:
            # 新开工改造城镇老旧小区5.1万个、840万户: two measures of one thing, not two demands.
            self.problem(token.start, "同一事项写了两个数量，请只写一个或分成两条", token.end)
        else:
            return False
        return True

    def _restates(self, token: Token, what: str | None) -> bool:
        """A quantity in brackets right after another that gives the same amount: 180分钟(3小时)."""
        quota = self.clause.quota
        if (
            quota is None
            or quota.count is None
            or what is not None
            or self.phrase[token.start - 1 : token.start] != "("
        ):
            return False
        return _minutes(quota.count, quota.unit) == _minutes(token.number or 0, token.unit) is not None

    def _alternative(self, token: Token) -> bool:
        return "或" in self.phrase[self.anchor_end : token.start]

    def _at_most(self, token: Token) -> bool:
        bound = token.bound or (self.bound.bound if self.bound else None)
        self.bound = None
        return bound == "max"

    def separator(self, token: Token) -> None:
        if token.text in ("“", "”", "《", "》", '"'):
            self.word(Token("WORD", token.start, token.end, token.text))  # quotes belong to the words
            return
        words = self.before + self.after
        ends_trigger = bool(words) and words[-1].text.endswith(("后", "时", "的"))  # …事故发生后, : an event
        if not self.anchored and token.text.strip("、") and self.head_count is None and not ends_trigger:
            for word in words:
                counted = _COUNT_IN_WORDS.search(word.text)
                if counted is not None:
                    self.head_count = (word.start + counted.start(), word.start + counted.end())
        self.flush_words()
        self.last_separator = token.start
        if token.text.strip("()[]【】"):
            # 县级河长每季度、乡(村)级河长每月: brackets inside the words keep the list open.
            self.listed = token.text.strip("、") == ""
        self.each = False
        self.separated = True
        # 、 lists objects of the same verb (对生产设备、工作场所…进行检查); other marks end the object.
        if token.text.strip("、"):
            self.verb_seen = False

    def weekday(self, token: Token) -> None:
        """周三 after 每周一、: a second fixed day of the week."""
        if self.listed and self.clause.deadline is not None and self.clause.deadline.startswith("周"):
            self.problem(token.start, "写了几个固定日期（如周一、周三），请分成几条", token.end)
            return
        self.word(Token("WORD", token.start, token.end, token.text))

    def specific(self, token: Token) -> None:
        self.flush_words()
        self.problem(
            token.start, "指某一个季度，不是周期；每季度一次请写“每季度”，到期日请写在期限规则里", token.end
        )

    def unsupported(self, token: Token) -> None:
        self.flush_words()
        if re.search("[至到~—-]", token.text):
            self.problem(
                token.start, f"周期“{token.text}”是一个范围，日历上排不出来，请写一个确定的周期", token.end
            )
            return
        self.problem(
            token.start,
            f"不支持按小时或分钟计的周期“{token.text}”，请写成每天、每个工作日或按次数",
            token.end,
        )

    def finish(self) -> Reading:
        if self.bound is not None:
            bound = self.bound
            self.bound = None
            if bound.text in ("达到", "最低", "最少"):
                self.word(Token("WORD", bound.start, bound.end, bound.text))  # 全面达到治理效果: words
            else:
                self.problem(bound.start, f"“{bound.text}”之后缺少数量，如“{bound.text}2次”", bound.end)
        if not self.anchored and (self.before or self.after):
            # A quantity with no period of its own (市级平台实效督察不少于50起) is never given one silently.
            self.problem(0, NO_PERIOD)
            self.before, self.after = [], []
        self.flush_words()
        if len(self.clauses) > 1:
            # 全年向市民开放，每周累计开放时间不得少于56小时: 全年 says all year round, the duty is the week's.
            kept = [c for c in self.clauses if c.has_demand() or c.period_text not in _ALL_YEAR]
            self.clauses = kept or self.clauses
        for clause in self.clauses:
            self.settle(clause)
        self._count_and_span()
        counted = [c for c in self.clauses if c.times is not None or (c.quota and c.quota.unit in SPAN_UNITS)]
        bare = [c for c in self.clauses[1:] if not c.has_demand()]
        if bare and len({(c.period, c.step) for c in self.clauses}) > 1:
            # 每天1小扫，每周1大扫: each period has its own activity and nothing to count — two duties.
            self.problem(bare[0].start, "一句里有两项各有周期的事务，请分成两条", len(self.phrase))
        elif len(counted) > 1 and len({(c.period, c.step) for c in self.clauses}) > 1:
            self.problem(counted[1].start, "一句里有两项各有周期和数量的事务，请分成两条", len(self.phrase))
        demand = len(self.phrase) if self.first_demand is None else self.first_demand
        if "可以" in self.phrase[:demand] and not re.search("应当|必须|须|应", self.phrase[:demand]):
            # 每月可以回家一天至两天: a permission, not a duty to be done
            self.problem(0, "这是许可（可以），不是须完成的事务", len(self.phrase))
        self._leftover_numbers()
        self._vague_count()
        self._conditions()
        self._beyond_model()
        forbidding = self.bound is None and any(_FORBIDDING.search(w.text) for w in self.filler)
        if forbidding and not any(c.times or c.quota or c.coverage for c in self.clauses):
            self.problem(0, "这是禁止性规定（不得、禁止），不是按期完成的事务", len(self.phrase))
        activity, object_, subject = name_words(self.subject, [w.text for w in self.filler])
        return Reading(self.clauses, subject, self.problems, self.ignored, activity, object_)

    def _beyond_model(self) -> None:
        """Indicators, alternative starting points, 按比例 without a number, intervals after an event."""
        has_percent = any(c.quota is not None and c.quota.percent is not None for c in self.clauses)
        timed = any(c.response or c.deadline or c.trigger for c in self.clauses)
        found = (
            (_beyond.indicator(self.phrase) if has_percent else None)
            or (_beyond.alternative_anchors(self.phrase) if timed else None)
            or _beyond.share_without_number(self.phrase, has_percent)
            or _beyond.interval_after(self.phrase)
        )
        if found is not None:
            start, end, message = found
            self.problem(start, message, end)
        each = self.each_at
        if each is not None and all(c.period is None and c.trigger is None for c in self.clauses):
            # 每次抽查30%的商户: a demand on each occurrence with no cadence — how often is not said
            self.problem(
                each.start,
                "“每次”的要求没有写明周期（多久一次），请写明，如“每月一次，每次抽查30%”",
                each.end,
            )
        for clause in self.clauses:
            self._share_each_time(clause)

    def _share_each_time(self, clause: Clause) -> None:
        """每月检查一次，每次抽查30%: once a period, each time's share is the period's; more often it is not."""
        quota = clause.quota
        if quota is None or quota.percent is None or quota.per != "each":
            return
        if (clause.times or 1) > 1 or clause.range is not None:
            # 每月2次，每次抽查30%: 30% each time is not 30% of the month, and the duty counts shares by period
            self.problem(
                clause.start, "一期多次、每次各抽一个比例：cgtask 按周期计比例，请写明每期合计的比例"
            )
        clause.quota = replace(quota, per="period")

    def _count_and_span(self) -> None:
        """每年至少2次，间隔不少于3个月: a time beside a count, neither per occurrence nor a total, is refused."""
        for clause in self.clauses:
            quota = clause.quota
            spans = quota is not None and quota.unit in _INTERVAL_UNITS and quota.per == "period"
            if clause.times is not None and spans and not self.total and quota is not None:
                self.problem(
                    clause.start,
                    f"次数之外的“{quota.count}{quota.unit}”不清楚是每次还是合计（写“每次”或“累计”）",
                )
                return

    def _vague_count(self) -> None:
        """每日多次进行消毒消杀: the count has no number, so the duty cannot be counted; never read as once."""
        if self.parts_of_day != 1:
            # 每天早晚各巡查: the parts of the day with no count after them — never read as once a day
            self.problem(0, "“早晚各、上下午各”之后没有写次数，请写明各几次（如早晚各1次）")
        vague = self.vague
        if vague is None:
            return
        # a count or a total of its own, or a 的 closing the clause it sits in (需要多次转移…的单位), makes 多次 words
        counted = any(c.times or c.maximum or (c.quota and c.quota.per != "each") for c in self.clauses)
        modifier = re.match(r"[^,;]*的", self.phrase[vague.end :]) is not None
        if not counted and not modifier:
            self.problem(
                vague.start, f"“{vague.text}”没有写出次数，请写明每期至少几次（如每日不少于3次）", vague.end
            )

    def _conditions(self) -> None:
        """Refuse a condition (如遇…，若…，确需…) or a negated activity (每月不进行检查): no duty holds them."""
        condition = _CONDITION_OPENER.search(self.phrase)
        if condition is not None and not self.condition_event:
            start = condition.start(1)
            self.problem(
                start,
                "这是有条件的要求（如、若、确需…），cgtask 不记录条件，请去掉条件或分开写",
                condition.end(1),
            )
            return
        demands = any(c.times or c.quota or c.coverage for c in self.clauses)
        negated = next((w for w in self.filler if _NEGATED.match(w.text)), None)
        if negated is not None and not demands:
            self.problem(negated.start, "这是否定（不进行、不开展…），不是须完成的事务", negated.end)

    def _leftover_numbers(self) -> None:
        """Refuse a number no part took: 气温30以上, 8点前, 72200余批次.

        Such a number is a condition, a time of day or a second measure the duty cannot hold.
        """
        if self.head_count is not None:
            # 对散养畜禽要实施一次集中免疫，每月设立补免日: the count is in a sentence with no period.
            start, end = self.head_count
            self.problem(start, "次数写在没有周期的分句里，与后面的周期不是一件事，请分成两条", end)
            return
        words = [Token("WORD", 0, 0, self.subject)] if self.subject else []
        for word in words + self.filler:
            text = _TITLE.sub("", word.text)  # 《2009年…总结》: a year in a title is its name
            match = (
                _LEFTOVER_NUMBER.search(text)
                or _LEFTOVER_TIME_ALLOWED.search(text)
                or _LEFTOVER_MONTH.search(text)
                or (
                    _UNKNOWN_MEASURE.match(text) if _AFTER_PERIOD.search(self.phrase, 0, word.start) else None
                )
                or (_UNKNOWN_MEASURE_END.search(text) if f"{word.text}/" in self.phrase else None)
            )
            if match is not None:
                start = self.phrase.find(match[0])
                self.problem(
                    max(start, 0),
                    "这个数字不属于周期、次数或期限（条件、时刻或另一数量），cgtask 无法记录，请改写或分成几条",
                    max(start, 0) + len(match[0]),
                )
                return

    def settle(self, clause: Clause) -> None:
        """A clause without a period: one-off when it has a window or a date; else it stays without."""
        if clause.on_day and not (clause.times or clause.quota or clause.coverage or clause.maximum):
            clause.times, clause.exact = 1, True  # 每周五下午召开例会: held that day, once a week
        if clause.period is not None:
            return
        if clause.window is not None or clause.on is not None:
            clause.period = "once"
            return
        rule = clause.deadline or ""
        if _CLOCK_RULE.fullmatch(rule) and not _SOME_DAY.search(self.phrase):
            # 第一遍普扫应在7:00前完成: a time of day bounds a day, so with no period the duty is daily;
            # 当天, 次日 (当天晚上24:00前回复) is the day of some event, which the phrase does not name: refused
            clause.period = "day"
            return
        if re.fullmatch(r"(?:次年)?\d+月(?:底|末|\d+日)前", rule):
            clause.period, clause.on = "once", _on_of(rule)


# 固定1天, 固定2日: days fixed (chosen) in the period — how many occurrences, not an amount of time
_CHOSEN = ("固定", "确定", "选定")
_CHOSEN_AFTER = re.compile("(?:为|作为)(?:相对)?(?:固定|确定)")
_RATE_NAMES = ("率", "比例", "比率", "比重", "比例之和")
_ALL_YEAR = ("全年", "常年", "年年")
_INTERVAL_UNITS = ("个月", "周")  # beside a count these read as a spacing (间隔不少于3个月), not a total
_YEAR_OF_WINDOW = "每年(窗口)"  # the period came with a window of months (每年5月至9月)
# Words that only say where (辖区内, 本行政区): a share after them still takes its base from what follows.
_SCOPE_ENDS = ("辖区内", "辖区", "行政区", "行政区域内", "区域内", "范围内", "全市", "全区", "全县")

# 抽查比例为25%: the words name the share itself, not what it is a share of.
_RATIO_WORDS = re.compile(r"^(?:比例|比率|比重)(?:之和)?(?:为|是|达到)?|(?:比例|比率)(?:之和)?(?:为|是)?$")

_BASE_PERIODS = (
    ("当季", "quarter"),
    ("本季", "quarter"),
    ("当月", "month"),
    ("本月", "month"),
    ("当年", "year"),
)


def _clause_named_by(basis: str | None, clauses: list[Clause]) -> Clause | None:
    """The clause whose period the base of a share names (当季案件数 → the quarterly clause)."""
    if basis is None:
        return None
    period = next((kind for prefix, kind in _BASE_PERIODS if basis.startswith(prefix)), None)
    return next((c for c in clauses if period is not None and c.period == period), None)


# 60日内未整改的，; 30日内，伤亡人数发生变化的，: the time allowed bounds a condition (…的，), not a response
_IN_A_CONDITION = re.compile("[,;]?[^,;]*的(?:[,;]|$)")
# Bound-like words right before a number (or before a bound) that are no bound cgtask reads: 不少少于, 不于, 超过
_BOUND_LIKE = re.compile("(?:不[少低于多超过過高大小得应宜足]*|[少低多高大小]于|超过?|超過)$")
# 超过30人的, (a number right before 的 and the comma): a threshold of the condition, not a demand
_CLOSES_CONDITION = re.compile("的[,;]")
_TRIGGER_TAIL = re.compile(r"(?:后的?|之日起|起|的)$")
_MODALS_ONLY = re.compile("(?:应当|应该|应|必须|须|需|要|原则上)*")
_MODAL_TAIL = re.compile(f"{_MODALS_ONLY.pattern}(?:在|于)?$")
_TIME_WORD_END = re.compile("(?:年|月|季度?|周|旬|日|天|期|期间|前|内|当天|当日)$")
# 当天, 次日, 翌日 …: the day of (or after) some event the phrase does not name — a time of day on it is no daily duty
_SOME_DAY = re.compile("当天|当日|次日|翌日|隔日|第二天|前一天|前一日")
_CLOCK_RULE = re.compile(r"\d+时(?:\d+分)?前")
_TITLE = re.compile("《[^《》]*》")
_FORBIDDING = re.compile("不得|禁止|不准|严禁|不许")
# An Arabic number in the words, with a measure or a bound after it: not a name (S2疫苗, 12345热线).
_COUNT_IN_WORDS = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)[次遍](?!性)")
# 发现问题的于3日内整改完毕 after a cadence: a time allowed with no event the grammar found.
_LEFTOVER_TIME_ALLOWED = re.compile(
    r"(?:\d+|[一二两三四五六七八九十百]+)个?(?:工作日|小时|分钟|日|天|周|月)(?:以)?内(?!的)"
)
# A sentence that opens with a condition: 如遇重大活动，…; 若发现问题，…
# (遇特殊情况…的，应提前通知 is a condition too; 遇节假日顺延 moves a deadline and is read as such)
_CONDITION_OPENER = re.compile(
    r"(?:^|[,;])(如果|如遇|如有|如发现|如需|如出现|若|倘若|假如|确需|遇有|一旦|遇(?!(?:法定)?节假日))"
)
# Words that negate the activity: 不进行检查, 无需报送 (不定期, 不少于 … are parts of their own).
_NEGATED = re.compile(
    r"(?:应当|应|须|需|要|可)?(?:不(?:进行|开展|组织|实施|安排|检查|报送|召开)|无需|无须|不必|免于|暂停|停止)"
)
_MEASURE = (
    "(?:批次|人次|[个次遍名人家户处件起项台辆批场份点时月年])"  # 月: a month no window took (4月和10月)
)
# 四月和十月 in the words: months no window took, written in Chinese numerals (4月和10月 above).
_LEFTOVER_MONTH = re.compile(
    "(?<![每个上下本次当第两半这那])(?:十[一二]|[一二三四五六七八九十])月(?![度底末初中])"
)
# 每5年360学分: a number right after the period, in a measure cgtask does not know — no count, never dropped
_UNKNOWN_MEASURE = re.compile(r"\d+(?:\.\d+)?(?=[\u4e00-\u9fff])")
# 25学分/年: the same before a slash period
_UNKNOWN_MEASURE_END = re.compile(r"(?<![\d.A-Za-z])\d+(?:\.\d+)?(?=[\u4e00-\u9fff]{1,3}$)")
_AFTER_PERIOD = re.compile(r"每[^,;每]{0,3}(?:年|月|周|天|日|季度|学期|学年)$")
_LEFTOVER_NUMBER = re.compile(
    rf"(?<![A-Za-z\d.:])\d+(?:\.\d+)?(?:余|多)?(?={_MEASURE}|以上|以下|左右){_MEASURE}?(?:以上|以下|以内|左右)?"
    rf"(?![的\d]|{_MEASURE}|以上|以下|以内|左右)"
)  # …30人以下的班级 is a modifier of the words (kept), not a number left over
# 发生变化的，在30日内: a sentence ending in 的 before the time allowed names the event that starts it.
# 接到设施漏水来电时,必须在一小时内: a 时-clause names it too (同时, 及时, 按时 … are adverbs, not clauses).
_CONDITION_CLAUSE = re.compile(
    r"([\u4e00-\u9fff]{2,}(?:\d+[\u4e00-\u9fff]+)?)(?:的|(?<![同及平届随按准适定临暂实])时)[,;]"
)
# 如果遇到故障,…: a condition that opens the sentence; before a time allowed it is the event that starts it.
_CONDITION_WORDS = ("如果", "如遇到", "如遇", "若遇到", "若遇", "若", "一旦", "遇有", "遇到", "倘若", "假如")
_CONDITION_EVENT = re.compile(rf"^(?:{'|'.join(_CONDITION_WORDS)})([\u4e00-\u9fff]{{2,}})[,;]")
_EVENT_OPENERS = ("在", "自", "于", "当", "须", "需")
# 在/于 (after a modal or a 原则上) right before a time allowed: 应当在60日内, 需在2周内, 于5个工作日内.
_AT_TIME_ALLOWED = re.compile(r"(?:^|[\u4e00-\u9fff])(?:在|于)$")


def _on_the_day(token: Token) -> bool:
    """每周五下午, 每季度末, 每年年末 with no 前: the day it is done on, not a day to finish by."""
    if token.text.endswith(("前", "内")):
        return False
    rule = token.deadline or ""
    return bool(re.fullmatch("周.前|期末", rule)) or (token.text.startswith("每") and rule == "12月底前")


def _names_event(before: str) -> bool:
    """The clause before the time allowed names an event: a condition (如果遇到故障) or a noun phrase (…的投诉)."""
    if _CONDITION_EVENT.match(before) or _CONDITION_CLAUSE.search(before):
        return True
    head = re.split("[,;]", before)[0]
    return "的" in head and not head.endswith("的")


def _trigger_of(segment: str) -> tuple[int, str | None]:
    """Where the event's words start in ``segment`` (the words before are the subject) and the event."""
    condition = _CONDITION_CLAUSE.search(segment)
    if condition is not None and "后" not in segment:
        # 事故情况发生伤亡变化的，在30日内及时补报; 接到来电时，必须在一小时内: the 的- or 时-clause is the event.
        return condition.start(), condition[1]
    opened = (
        _CONDITION_EVENT.match(segment)
        or re.match("[^,;]*的[^,;]+(?=[,;])", segment)
        or re.match(f"([^,;]+)[,;]{_MODAL_TAIL.pattern}", segment)
    )
    if opened is not None:
        # 如果遇到故障,…; …提出的投诉,要在…; 投诉举报,须…: the condition or the clause before is the event
        return 0, _TRIGGER_TAIL.sub("", opened[1] if opened.groups() else opened[0])
    cut = max((segment.rfind(w) + len(w) for w in _EVENT_OPENERS if w in segment), default=0)
    return cut, _TRIGGER_TAIL.sub("", segment[cut:]).strip(",;、") or None


def _minutes(amount: float, unit: str | None) -> float | None:
    """An amount of time in minutes (3小时 → 180), None for other units."""
    return {"分钟": 1.0, "小时": 60.0, "个小时": 60.0}.get(unit or "", 0.0) * amount or None


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _amount(text: str) -> tuple[float, str]:
    """五个工作日内 → (5, 个工作日)."""
    match = re.search(r"(\d+|[零〇一二两三四五六七八九十百千]+)(个工作日|工作日|日|天|小时)", text)
    if match is None:
        return 0.0, text
    return float(parse_number(match[1])), match[2].replace("工作日", "个工作日").replace("个个", "个")


def format_date(on: tuple[int | None, int, int]) -> str:
    """(2024, 9, 0) → 2024年9月底前; (None, 5, 24) → 5月24日前."""
    year, month, day = on
    head = f"{year}年" if year is not None else ""
    return f"{head}{month}月{day}日前" if day else f"{head}{month}月底前"


def _on_of(rule: str) -> tuple[int | None, int, int]:
    match = re.fullmatch(r"(次年)?(\d+)月(?:(底|末)|(\d+)日)前", rule)
    assert match is not None
    return None, int(match[2]), 0 if match[3] else int(match[4])


def _runs(words: list[Token]) -> list[Token]:
    """Adjacent WORD tokens as one run, so a filler check sees 当季度案件数 whole."""
    runs: list[Token] = []
    for word in words:
        if runs and runs[-1].end == word.start:
            last = runs[-1]
            runs[-1] = Token("WORD", last.start, word.end, last.text + word.text)
        else:
            runs.append(word)
    return runs


def _joined(words: list[Token]) -> str | None:
    text = "".join(w.text for w in words)
    return text or None


def _first_verb(text: str) -> int | None:
    """Where the first verb of ``text`` starts (after its first character), or None."""
    places = [i for i in range(1, len(text)) if text.startswith(VERBS, i)]
    return places[0] if places else None


def _basis(words: str | None) -> str | None:
    """The base of a share without the verbs before it and the 的 after it: 抽查总数的 → 总数."""
    if words is None:
        return None
    text = words.removeprefix("按照").removeprefix("按").lstrip("".join(OBJECT_MARKERS))
    text = _RATIO_WORDS.sub("", text)
    while True:
        known = next((w for w in _BASE_PREFIXES if text.startswith(w) and len(text) > len(w)), None)
        if known is None:
            break
        text = text[len(known) :]
    if text in VERBS or text in MODALS:
        return None
    return text.removesuffix("的") or None


def _refusal(message: str) -> Callable[[_Reader, Token], None]:
    """A handler that refuses the part it is given, naming it."""

    def handle(reader: _Reader, token: Token) -> None:
        if not reader.anchored and token.kind in ("FOREIGN", "RATIO"):
            reader.word(Token("WORD", token.start, token.end, token.text))  # 年用水量二万立方米以上的: words
            return
        reader.anchor(token)
        reader.problem(token.start, message.format(token.text), token.end)

    return handle


def _list(reader: _Reader, token: Token) -> None:
    """分别…, or 各 after a list of times (汛前、汛后各一次): several demands in one phrase."""
    before = reader.phrase[max(reader.anchor_end, token.start - 12) : token.start]
    if token.text == "各" and not re.search("[、和与及]|上下午|前后|早晚|春秋", before):
        reader.word(Token("WORD", token.start, token.end, token.text))  # 每季度各抽查1次: each unit
        return
    reader.anchor(token)
    reader.problem(token.start, f"“{token.text}”列出了几项各自的要求，请分成几条分别写", token.end)


def _total(reader: _Reader, token: Token) -> None:
    reader.total = True


def _vague(reader: _Reader, token: Token) -> None:
    """每日多次进行消毒: a count with no number. Words beside a counted demand (对多次投诉的商户检查1次)."""
    reader.vague = reader.vague or token
    reader.word(Token("WORD", token.start, token.end, token.text))


_HANDLERS: dict[str, Callable[[_Reader, Token], None]] = {
    "PERIOD": _Reader.period,
    "MONTHS": _Reader.months,
    "DAYPARTS": _Reader.day_parts,
    "TITLE": _Reader.word,
    "EVENT": _Reader.event,
    "DEADLINE": _Reader.deadline,
    "REMARK": _Reader.remark,
    "ROLL": _Reader.roll,
    "BOUND": _Reader.set_bound,
    "COVERAGE": _Reader.coverage,
    "COUNT": _Reader.count,
    "QUANTITY": _Reader.quantity,
    "SHARE": _Reader.share,
    "WORD": _Reader.word,
    "UNSUPPORTED": _Reader.unsupported,
    "SPECIFIC": _Reader.specific,
    "WEEKDAY": _Reader.weekday,
    "RESPONSE": _Reader.response,
    "WITHIN": _Reader.response,
    "BACKWARD": _refusal("“{}”从期末倒数的期限暂不支持，请写成具体日期（如25日前）"),
    "WINDOW": _Reader.window,
    "NAMED": _Reader.named,
    "DATED": _Reader.dated,
    "TOTAL": _total,
    "VAGUE": _vague,
    "LIST": _list,
    "ORDINAL": _refusal("“{}”指周期中的某一段，这样的期限暂不支持，请写成具体日期（如每季度末月15日前）"),
    "RATIO": _refusal("比值“{}”不是可以按期计数的要求"),
    "FOREIGN": _refusal("“{}”这种数量 cgtask 不记录，请去掉或分开写"),
    "EXEMPT": _refusal("“{}”：cgtask 不记录免报或除外的月份，请去掉或把这些月份分开写"),
    "APPROXIMATE": _refusal(
        "“{}”是约数，cgtask 不把约数当作确切的次数、数量或日期，请写明确切的数或上下限（如不少于20家、25日前）"
    ),
    "START": _refusal(
        "“{}”是开始日期，cgtask 不记录开始日期，请写明周期和次数，或写成起止日期（如12月1日至12月31日）"
    ),
    "CAMPAIGN": _refusal("“{}”的活动需要写明起止日期，如“5月1日至7月31日”"),
}


def read_phrase(phrase: str, windows: tuple[tuple[str, tuple[int, int, int, int]], ...] = ()) -> Reading:
    """The clauses of a normalised phrase, with every problem located.

    ``windows`` names the registry's seasons (汛期 → its months and days); a season not named there is
    refused, never guessed.
    """
    reader = _Reader(phrase, windows)
    for token in scan(phrase):
        if token.kind not in ("WORD", "SHARE"):
            reader.last_share = None
        if token.kind == "SEP":
            reader.separator(token)
        elif token.kind == "EACH":
            reader.flush_words()
            reader.each = True
            reader.each_at = reader.each_at or token
        elif token.kind == "SCOPE":
            continue
        else:
            _HANDLERS[token.kind](reader, token)
    return reader.finish()

"""Tokens → clauses: the second stage of the frequency grammar.

A phrase is one or more clauses, each ``[subject] [bound] period [filler] demand…``, where a demand is
a count (不少于2次), a quantity in its own unit (16起), a share of a base (当季案件数10%), coverage
(全覆盖), a maximum (不超过4次) or a deadline (次月5日前). The parts may come in either order
(1次/年 puts the count first). A second period opens a new clause once the first has a demand
(每月抽查9%，每年全部检查一次) or, after a comma, an activity (每季度…进行抽查，全年覆盖所有中队);
otherwise the phrase names two periods for one duty, which is an error. A second quantity of the
same period is a clause of its own (每月整改问题不少于16起，市级平台实效督察不少于50起), and a share
whose base names a period (当季案件数) joins that period's clause.

Words are tolerated, not guessed: before the first part they are the subject (项目部); after it they
must open with a known verb, modal, scope or 对/向/为 (巡查, 需要, 各街镇中队, 对每条河湖), and once a
verb is read the rest up to a separator is its object. A noun straight after the period without a
verb (每周内务管理督察不少于2次) is usually an activity name and is refused, and so is anything else
the grammar cannot place. Every problem is kept with its position so the message can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cgtask.schedule._lexicon import MODALS, OBJECT_MARKERS, SCOPES, TIME_UNITS, VERBS
from cgtask.schedule._scanner import Token, scan
from cgtask.schedule._text import parse_number

EVEN_BIMONTH_STARTS: tuple[int, ...] = (2, 4, 6, 8, 10, 12)
_LEADING_FILLER = tuple(sorted((*VERBS, *MODALS, *SCOPES), key=len, reverse=True))
# A share's base keeps its scope (辖区内机构数) but not the verb before it (抽查总数 → 总数).
_BASE_PREFIXES = tuple(sorted((*VERBS, *MODALS), key=len, reverse=True))


@dataclass
class QuotaDraft:
    """A quantity or share found in a clause (see ``Quota``)."""

    per: str
    count: int | None = None
    unit: str | None = None
    percent: float | None = None
    basis: str | None = None
    what: str | None = None
    at_most: bool = False


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
    quota: QuotaDraft | None = None
    deadline: str | None = None
    no_fixed_day: bool = False
    activity: bool = False  # a verb was read (每季度…进行抽查): the clause stands even without a count

    def has_demand(self) -> bool:
        return bool(
            self.times or self.maximum or self.coverage or self.quota or self.deadline or self.trigger
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


class _Reader:
    """Walks the tokens once, keeping the words seen since the last part until a part claims them."""

    def __init__(self, phrase: str) -> None:
        self.phrase = phrase
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
        self.last_share: QuotaDraft | None = None

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

    def _base_after_share(self, share: QuotaDraft, token: Token) -> Token | None:
        """10%的中队案件进行抽查: the words up to the next verb are the base; the rest is filler."""
        text = token.text
        cut = _first_verb(text)
        if not text.startswith("的") and (share.basis is not None or cut is None):
            return token
        end = len(text) if cut is None else cut
        share.basis = _basis((share.basis or "") + text[:end].removeprefix("的"))
        if cut is None:
            return None
        return Token("WORD", token.start + cut, token.end, text[cut:])

    def flush_words(self) -> None:
        """Words no part claimed: the subject before the first part, else filler to be checked."""
        words = self.before + self.after
        self.before, self.after = [], []
        if not words:
            return
        if not self.anchored:
            self.subject = (self.subject or "") + "".join(w.text for w in words)
            return
        for run in _runs(words):
            self.check_filler(run)

    def check_filler(self, run: Token) -> None:
        if self.verb_seen:
            return
        text, index = run.text, 0
        while index < len(text):
            rest = text[index:]
            if rest.startswith(OBJECT_MARKERS) or rest.startswith(VERBS):
                self.verb_seen = True
                if rest.startswith(OBJECT_MARKERS) and ("所有" in rest or "全部" in rest):
                    self.clause.coverage = True  # 对所有…进行巡查: every one of them, within the period
                self.clause.activity = self.clause.activity or rest.startswith(VERBS) or "进行" in rest
                return  # a verb or 对 opens an object: the rest of the run is what is acted on
            known = next((w for w in _LEADING_FILLER if rest.startswith(w)), None)
            if known is None and rest[0] == "的":
                known = "的"
            if known is None:
                where = run.start + index
                self.problem(where, f"第{where + 1}个字起的“{rest}”无法理解", run.end, unknown=True)
                return
            index += len(known)

    # --- periods ------------------------------------------------------------------------------

    def period(self, token: Token) -> None:
        self.flush_words()
        self.anchored = True
        assert token.period is not None
        clause = self.clause
        if clause.period is None and clause.trigger is None:
            clause.period, clause.step = token.period, token.step
        elif (clause.period, clause.step) == (token.period, token.step):
            return
        elif clause.has_demand() or (clause.activity and self.separated):
            # 每季度…进行抽查，全年覆盖所有中队: a second period after a comma is a second demand.
            self.clauses.append(Clause(token.start, token.period, token.step))
            self.each = self.verb_seen = False
        else:
            self.problem(token.start, "出现了两个周期", token.end)
        self.separated = False

    def months(self, token: Token) -> None:
        digits = "".join(c for c in token.text if c.isdigit()) or token.text.strip("()自从月份起开始")
        start = parse_number(digits)
        if self.clause.period != "bimonth" or not 1 <= start <= 12:
            self.problem(token.start, "“（N月起）”只能紧跟在“每两个月/双月”之后，N为1—12", token.end)
            return
        # Only the parity matters: starting in March gives the same windows as starting in January.
        self.clause.months = EVEN_BIMONTH_STARTS if start % 2 == 0 else None

    def event(self, token: Token) -> None:
        self.flush_words()
        self.anchored = True
        clause = self.clause
        if token.text == "不定期" and clause.period not in (None, "event"):
            clause.no_fixed_day = True
            return
        if clause.period is not None or clause.trigger is not None:
            self.problem(token.start, "出现了两个周期", token.end)
            return
        clause.period, clause.trigger = "event", token.text

    def deadline(self, token: Token) -> None:
        if token.period is not None:
            self.period(token)
        self.flush_words()
        self.anchored = True
        if self.clause.deadline is not None:
            self.problem(token.start, "出现了两个期限", token.end)
        self.clause.deadline = token.deadline

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
        at_most = self._at_most(token)
        self.flush_words()
        self.anchored = True
        assert token.number is not None
        n = int(token.number)
        clause = self.clause
        if n < 1 or n != token.number:
            self.problem(token.start, "次数应为正整数", token.end)
        elif at_most:
            if clause.maximum is not None:
                self.problem(token.start, "出现了两个上限", token.end)
            clause.maximum = n
        else:
            if clause.times is not None:
                self.problem(token.start, "出现了两个次数", token.end)
            clause.times = n

    def quantity(self, token: Token) -> None:
        at_most = self._at_most(token)
        what = _joined(self.before + self.after)
        self.before, self.after = [], []
        self.anchored = True
        assert token.number is not None and token.unit is not None
        per = "each" if self.each or token.unit in TIME_UNITS else "period"
        draft = QuotaDraft(per=per, count=int(token.number), unit=token.unit, what=what, at_most=at_most)
        self.set_quota(token, draft)

    def share(self, token: Token) -> None:
        had_bound = self.bound is not None
        at_most = self._at_most(token)
        assert token.number is not None
        before, after = _joined(self.before), _joined(self.after)
        self.before, self.after = [], []
        self.anchored = True
        names_rate = before is not None and before.endswith(_RATE_NAMES)
        if had_bound or names_rate:
            # 结案率达到90%, 抽查比例不低于5%: the words before name the share; a base follows the bound.
            basis, what = _basis(after), before
        else:
            basis, what = _basis(before), None
        if not 0 < token.number <= 100:
            self.problem(token.start, "比例应在0%—100%之间", token.end)
        draft = QuotaDraft(per="period", percent=token.number, basis=basis, what=what, at_most=at_most)
        self.last_share = draft
        owner = _clause_named_by(basis, self.clauses)
        if owner is not None and owner.quota is None:
            owner.quota = draft  # 不少于当季案件数10% belongs to the quarterly clause, wherever it stands
            return
        self.set_quota(token, draft)

    def set_quota(self, token: Token, draft: QuotaDraft) -> None:
        clause = self.clause
        if clause.quota is not None:
            if clause.period is None:
                self.problem(token.start, "只能写一项数量或比例要求", token.end)
                return
            # 每月整改问题不少于16起，市级平台实效督察不少于50起: a second demand of the same period.
            self.clauses.append(Clause(token.start, clause.period, clause.step, clause.months))
        self.clause.quota = draft

    def _at_most(self, token: Token) -> bool:
        bound = token.bound or (self.bound.bound if self.bound else None)
        self.bound = None
        return bound == "max"

    def separator(self, token: Token) -> None:
        self.flush_words()
        self.each = False
        self.separated = True
        # 、 lists objects of the same verb (对生产设备、工作场所…进行检查); other marks end the object.
        if token.text.strip("、"):
            self.verb_seen = False

    def specific(self, token: Token) -> None:
        self.flush_words()
        self.problem(
            token.start, "指某一个季度，不是周期；每季度一次请写“每季度”，到期日请写在期限规则里", token.end
        )

    def unsupported(self, token: Token) -> None:
        self.flush_words()
        self.problem(
            token.start,
            f"不支持按小时或分钟计的周期“{token.text}”，请写成每天、每个工作日或按次数",
            token.end,
        )

    def finish(self) -> Reading:
        if self.bound is not None:
            bound = self.bound
            self.problem(bound.start, f"“{bound.text}”之后缺少数量，如“{bound.text}2次”", bound.end)
            self.bound = None
        if not self.anchored and (self.before or self.after):
            words = self.before + self.after
            start = words[0].start
            self.problem(start, f"无法理解“{self.phrase[start:]}”", len(self.phrase))
            self.before, self.after = [], []
        self.flush_words()
        return Reading(self.clauses, self.subject, self.problems, self.ignored)


_RATE_NAMES = ("率", "比例", "比率", "比重", "比例之和")

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
    text = words.lstrip("".join(OBJECT_MARKERS))
    text = _RATIO_WORDS.sub("", text)
    while True:
        known = next((w for w in _BASE_PREFIXES if text.startswith(w) and len(text) > len(w)), None)
        if known is None:
            break
        text = text[len(known) :]
    if text in VERBS or text in MODALS:
        return None
    return text.removesuffix("的") or None


_HANDLERS = {
    "PERIOD": _Reader.period,
    "MONTHS": _Reader.months,
    "EVENT": _Reader.event,
    "DEADLINE": _Reader.deadline,
    "REMARK": _Reader.remark,
    "BOUND": _Reader.set_bound,
    "COVERAGE": _Reader.coverage,
    "COUNT": _Reader.count,
    "QUANTITY": _Reader.quantity,
    "SHARE": _Reader.share,
    "WORD": _Reader.word,
    "UNSUPPORTED": _Reader.unsupported,
    "SPECIFIC": _Reader.specific,
}


def read_phrase(phrase: str) -> Reading:
    """The clauses of a normalised phrase, with every problem located."""
    reader = _Reader(phrase)
    for token in scan(phrase):
        if token.kind not in ("WORD", "SHARE"):
            reader.last_share = None
        if token.kind == "SEP":
            reader.separator(token)
        elif token.kind == "EACH":
            reader.flush_words()
            reader.each = True
        elif token.kind == "SCOPE":
            continue
        else:
            _HANDLERS[token.kind](reader, token)
    return reader.finish()

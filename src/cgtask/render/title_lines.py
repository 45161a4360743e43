"""Break a long 公文 title into lines of whole words in a trapezoid or diamond (GB/T 9704 7.3.1).

No dictionary dependency: a title is cut only where the break is known to fall between
words — around punctuation and book-title marks, after the function words 关于/的/和/与/及,
after a number with its unit (2022年), and around words of a small list of the vocabulary
that 城管 titles are made of.  Characters between such points stay together, so a break
never lands inside an unknown word ("完 / 成情况" cannot happen: 完成 and 情况 are listed).
Of the admissible ways to cut, the one with the most even lines whose shape is a trapezoid
(lengths falling or rising) or a diamond (the middle line longest) wins.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

# Words that make up the titles of a district 城管 bureau's documents.  Longest match wins,
# so 执法局 is one word and 城市管理 is preferred to 城市 + 管理.
_LEXICON_TEXT = """
    关于 印发 转发 进一步 加强 开展 做好 推进 落实 深化 全面 切实 建立 健全 规范 组织 召开
    上海市 宝山区 普陀区 长宁区 区城管执法局 城市管理 城管 行政 执法 执法局 综合 系统 中队 科室
    街镇 街道 各项 全年 年度 年 月 工作 任务 分解表 分解 监督 方案 实施 计划 总结 要点 意见 办法
    通知 通报 报告 请示 批复 决定 情况 完成 截至 到期 事项 清单 专项 整治 行动 考核 检查 督察
    督办 管理 队伍 建设 案件 质量 评查 制度 执行 三项 双随机 一公开 进度 目标 责任
    城管执法系统 执法监督 工作任务 工作总结 工作计划 工作要点 任务清单 完成情况
"""
LEXICON = frozenset(_LEXICON_TEXT.split())
LONGEST_WORD = max(len(word) for word in LEXICON)
# A break may follow these: the title's grammar ends a phrase there.
BREAK_AFTER = frozenset("的和与及、，；：》”）")
# A break may come before these: they open a phrase.
BREAK_BEFORE = frozenset("《“（")
# Never at a line's end (an opening mark) or start (a closing mark or a pause).
NO_LINE_END = frozenset("《“（")
NO_LINE_START = frozenset("》”）、，；：。")
WORD_BREAK_COST = 4.0
_NUMBER_WITH_UNIT = re.compile(r"[0-9０-９]+[年月日号期次项个]?")


AUTOSPACE = 0.25  # what Word and LibreOffice add between Chinese and digits (autoSpaceDN)


# Below U+2E80 but set in the CJK font, full width (the runs carry w:hint="eastAsia").
WIDE_PUNCTUATION = frozenset("‘’“”—…·")


def is_narrow(ch: str) -> bool:
    """Half a character wide: ASCII digits, letters and signs."""
    return ord(ch) < 0x2E80 and ch not in WIDE_PUNCTUATION


def _narrow_class() -> str:
    """The characters below U+2E80 but the wide punctuation, as ranges (quick to compile)."""
    ranges, low = [], 0
    for point in sorted(map(ord, WIDE_PUNCTUATION)):
        if point > low:
            ranges.append(f"{re.escape(chr(low))}-{re.escape(chr(point - 1))}")
        low = point + 1
    ranges.append(f"{re.escape(chr(low))}-{re.escape(chr(0x2E7F))}")
    return "[" + "".join(ranges) + "]"


# Runs of narrow characters (see is_narrow), found by one regular expression, not char by char.
_NARROW_RUN = re.compile(_narrow_class() + "+")


@functools.lru_cache(maxsize=4096)  # a batch of notices measures the same cells again and again
def display_width(text: str) -> float:
    """Width in full-width characters.

    ASCII digits and letters take half a character, and each change between Chinese and them a quarter more
    (2022年3月7日 is 7¼, not 6).
    """
    narrow = switches = 0
    for run in _NARROW_RUN.finditer(text):
        narrow += run.end() - run.start()
        switches += (run.start() > 0) + (run.end() < len(text))
    return (len(text) - narrow) + 0.5 * narrow + AUTOSPACE * switches


def tokens(title: str) -> list[str]:
    """The title as pieces between which a line may break (see the module's rules)."""
    pieces: list[str] = []
    i = 0
    while i < len(title):
        piece = _piece_at(title, i)
        pieces.append(piece)
        i += len(piece)
    return _join_unbreakable(pieces)


def _piece_at(title: str, i: int) -> str:
    number = _NUMBER_WITH_UNIT.match(title, i)
    if number:
        return number.group()
    for size in range(min(LONGEST_WORD, len(title) - i), 1, -1):
        if title[i : i + size] in LEXICON:
            return title[i : i + size]
    return title[i]


def _is_known(piece: str) -> bool:
    return len(piece) > 1 or piece in LEXICON or piece in BREAK_AFTER or piece in BREAK_BEFORE


def _breakable_between(left: str, right: str) -> bool:
    if left[-1] in NO_LINE_END or right[0] in NO_LINE_START:
        return False
    if left[-1] in BREAK_AFTER or right[0] in BREAK_BEFORE:
        return True
    # Between two known words; an unknown single character may be part of either neighbour.
    return _is_known(left) and _is_known(right)


def _join_unbreakable(pieces: list[str]) -> list[str]:
    joined: list[str] = []
    for piece in pieces:
        if joined and not _breakable_between(joined[-1], piece):
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


def _shape_ok(widths: list[float]) -> bool:
    """Trapezoid (monotone) or diamond (rising then falling); half a character of slack."""
    if len(widths) <= 2:
        return True
    rising = all(b >= a - 0.5 for a, b in itertools.pairwise(widths))
    falling = all(b <= a + 0.5 for a, b in itertools.pairwise(widths))
    peak = widths.index(max(widths))
    diamond = all(b >= a - 0.5 for a, b in itertools.pairwise(widths[: peak + 1])) and all(
        b <= a + 0.5 for a, b in itertools.pairwise(widths[peak:])
    )
    return rising or falling or diamond


def _splits(count: int, lines: int) -> Iterator[tuple[int, ...]]:
    for cuts in itertools.combinations(range(1, count), lines - 1):
        yield (0, *cuts, count)


def break_title(title: str, capacity: float) -> list[str]:
    r"""Lines of ``title`` each within ``capacity`` characters; explicit ``\n`` are kept."""
    lines: list[str] = []
    for part in title.split("\n"):
        lines += _break_part(part.strip(), capacity)
    return lines


def _break_part(title: str, capacity: float) -> list[str]:
    if display_width(title) <= capacity:
        return [title]
    pieces = tokens(title)
    needed = int(-(-display_width(title) // capacity))
    for lines in range(needed, min(len(pieces), needed + 3) + 1):
        best = _best_split(pieces, lines, capacity)
        if best is not None:
            return best
    return [title]  # no admissible break at all: one long line that wraps where the layout wraps it


def _is_phrase_break(left: str, right: str) -> bool:
    """A break after 的/和/》/、… or before 《/“: between phrases, not just between two words."""
    return left[-1] in BREAK_AFTER or right[0] in BREAK_BEFORE


def _best_split(pieces: list[str], lines: int, capacity: float) -> list[str] | None:
    best: tuple[tuple[bool, float, float, float], list[str]] | None = None
    for bounds in _splits(len(pieces), lines):
        texts = ["".join(pieces[a:b]) for a, b in itertools.pairwise(bounds)]
        widths = [display_width(text) for text in texts]
        if max(widths) > capacity:
            continue
        word_breaks = sum(not _is_phrase_break(a, b) for a, b in itertools.pairwise(texts))
        # Even lines first, a break between two words counting as WORD_BREAK_COST characters of
        # unevenness against one between phrases (…工作总结和 / 2022年… rather than …工作 / 总结和…);
        # of equally good ones, the longer line on top (an inverted trapezoid).
        evenness = max(widths) + WORD_BREAK_COST * word_breaks
        key = (not _shape_ok(widths), evenness, max(widths) - min(widths), -widths[0])
        if best is None or key < best[0]:
            best = (key, texts)
    return best[1] if best else None

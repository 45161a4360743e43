"""Read a rendered 公文 back from its PDF and check the page-level rules of GB/T 9704.

Text positions come from ``pdftotext -bbox-layout`` (poppler-utils).  Each check returns
problems in Chinese; :func:`check_pdf` gathers them with a one-line summary, so a failing gate
names every page that a clerk would send back, not just the first.
"""

from __future__ import annotations

import html
import itertools
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

MM_PER_PT = 25.4 / 72
PORTRAIT_WIDTH_MM = 210.0
TEXT_TOP_MM, TEXT_LEFT_MM, TEXT_RIGHT_MM = 37.0, 28.0, 184.0
TEXT_BOTTOM_MM = 297.0 - 35.0
LINE_PITCH_MM = 579 / 20 * MM_PER_PT  # 28.95 pt
CHAR_MM = 15.75 * MM_PER_PT  # a 三号 character tightened by 0.25 pt
SMALL_CHAR_MM = 14 * MM_PER_PT
BODY_LINE_MM = (19 * MM_PER_PT, 22.5 * MM_PER_PT)  # height of a 三号 line's box (20.8 pt)
PAGE_NUMBER = re.compile(r"^—(\d+)—$")
HEADING = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])[^。；]*$")
DATE = re.compile(r"^\d{4}年[1-9]\d?月[1-9]\d?日$")
TOLERANCE_MM = 1.5
PAGE_NUMBER_TOP_MM = 297.0 - 28.0


@dataclass(frozen=True)
class Line:
    """One text line: box in mm from the page's top-left corner, text without spaces."""

    left: float
    top: float
    right: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    def page_number(self) -> Line | None:
        return next((line for line in self.lines if PAGE_NUMBER.match(line.text)), None)

    def content(self) -> list[Line]:
        """Lines other than the page number, in reading order."""
        return [line for line in self.lines if not PAGE_NUMBER.match(line.text)]


def read_pages(pdf: Path) -> list[Page]:
    command = ["pdftotext", "-bbox-layout", str(pdf), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    pages = []
    for n, match in enumerate(
        re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', text, re.S)
    ):
        lines = [
            _line(m)
            for m in re.finditer(
                r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>',
                match.group(3),
                re.S,
            )
        ]
        width, height = (float(match.group(i)) * MM_PER_PT for i in (1, 2))
        pages.append(Page(n + 1, width, height, lines))
    return pages


def _line(match: re.Match[str]) -> Line:
    words = "".join(html.unescape(w) for w in re.findall(r">([^<]+)</word>", match.group(5)))
    left, top, right, bottom = (float(match.group(i)) * MM_PER_PT for i in range(1, 5))
    return Line(left, top, right, bottom, words.replace(" ", ""))


@dataclass
class Expectation:
    """What the document says about itself: its 发文机关标志, 署名, date and sealing."""

    signature: str
    date: str
    mark: str | None = None
    sealed: bool = False
    headings: list[str] = field(default_factory=list)
    attachment_titles: list[str] = field(default_factory=list)


@dataclass
class GateResult:
    name: str
    problems: list[str]
    facts: list[str]

    def summary(self) -> str:
        verdict = "通过" if not self.problems else f"{len(self.problems)} 处问题"
        return f"{self.name}：{verdict}；" + "；".join(self.facts)


def check_pdf(name: str, pdf: Path, expect: Expectation) -> GateResult:
    pages = read_pages(pdf)
    result = GateResult(name, [], [f"{len(pages)} 页"])
    _check_grid(pages, result)
    if expect.mark is not None:
        _check_mark(pages[0], expect.mark, result)
    _check_signature(pages, expect, result)
    _check_lonely_pages(pages, expect, result)
    _check_page_numbers(pages, result)
    _check_colophon(pages, result)
    return result


# --- the grid: 22 lines × 28 characters -------------------------------------------------------


def _body_lines(page: Page) -> list[Line]:
    """三号 lines inside the 版心 of a portrait page (not table text, not the 版记's 四号)."""
    return [
        line
        for line in page.content()
        if BODY_LINE_MM[0] <= line.height <= BODY_LINE_MM[1]
        # up to the page number, so that a 23rd line still counts
        and TEXT_TOP_MM - 2 <= line.top < PAGE_NUMBER_TOP_MM - 1
    ]


def _has_table(page: Page) -> bool:
    return any(line.height < BODY_LINE_MM[0] and not _is_colophon_text(line.text) for line in page.content())


def _is_colophon_text(text: str) -> bool:
    return text.startswith(("抄送：", "（共印")) or text.endswith("印发")


def _slot(line: Line) -> float:
    """Index of the grid line a text line sits on (0 = first line of the 版心)."""
    first_baseline_box = TEXT_TOP_MM + (LINE_PITCH_MM - line.height) / 2
    return (line.top - first_baseline_box) / LINE_PITCH_MM


def _check_grid(pages: list[Page], result: GateResult) -> None:
    full_pages = []
    widest = 0.0
    hanging = 0
    for page in pages:
        if page.landscape:
            continue
        lines = _body_lines(page)
        slots = [_slot(line) for line in lines]
        off_grid = [ln.text[:8] for ln, s in zip(lines, slots, strict=True) if abs(s - round(s)) > 0.2]
        # Page 1's 版头 lines have their own heights, and a table's height is no multiple of a
        # line, so the text after it is off the grid by design.
        if off_grid and page.number > 1 and not _has_table(page):
            result.problems.append(f"第{page.number}页有不在行格上的文字：{'、'.join(off_grid[:3])}")
        if any(round(s) > 21 for s in slots):
            result.problems.append(f"第{page.number}页超过22行")
        if slots and round(max(slots)) == 21 and len({round(s) for s in slots}) == 22:
            full_pages.append(page.number)
        page_widest, page_hanging = _full_lines(lines)
        widest, hanging = max(widest, page_widest), hanging + page_hanging
    if full_pages:
        result.facts.append(f"满页22行：第{'、'.join(map(str, full_pages))}页")
    if widest:
        result.facts.append(f"满行{widest:g}字" + (f"（{hanging}行句末标点悬挂于版心外）" if hanging else ""))
        if not 27.5 <= widest <= 28:
            result.problems.append(f"满行应为28字，实为{widest:g}字")


def _full_lines(lines: list[Line]) -> tuple[float, int]:
    """The widest full line of a page in characters (hanging marks not counted) and how many hang."""
    widest, hanging = 0.0, 0
    for line in lines:
        if line.right - line.left > 150:
            hangs = _hangs(line)
            hanging += hangs
            if _chars(line.text) == len(line.text):  # digits take their own room (autospace)
                widest = max(widest, _chars(line.text) - hangs)
    return widest, hanging


def _hangs(line: Line) -> int:
    """1 when the line's last mark hangs past the 版心's right edge, which does not count as a 29th character.

    Hanging punctuation is Word's and LibreOffice's default for Chinese.
    """
    return int(line.right > TEXT_RIGHT_MM + 2 and line.text[-1] in "，。、；：！？”’）》")


def _chars(text: str) -> float:
    """Characters of a line, ASCII counting half (“ ” are set full width in the CJK font)."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in "‘’“”—…" else 1.0 for ch in text)


# --- 版头 ----------------------------------------------------------------------------------


def _check_mark(page: Page, mark: str, result: GateResult) -> None:
    line = next((ln for ln in page.lines if ln.text == mark), None)
    if line is None:
        result.problems.append(f"第1页找不到发文机关标志“{mark}”")
        return
    result.facts.append(f"发文机关标志上距{line.top:.1f}mm")
    if abs(line.top - 72) > 2.5:
        result.problems.append(f"发文机关标志上边缘距纸张上边{line.top:.1f}mm，应约为72mm（版心下35mm）")


# --- 落款 ----------------------------------------------------------------------------------


def _check_signature(pages: list[Page], expect: Expectation, result: GateResult) -> None:
    found = _find_signature(pages, expect)
    if found is None:
        result.problems.append(f"找不到上下相接的署名“{expect.signature}”和成文日期“{expect.date}”")
        return
    page, signature, date = found
    shift = (date.left - signature.left) / CHAR_MM
    date_right = (TEXT_RIGHT_MM - date.right) / CHAR_MM
    if expect.sealed:
        centre_offset = ((signature.left + signature.right) - (date.left + date.right)) / 2
        result.facts.append(
            f"落款在第{page.number}页，日期右空{date_right:.1f}字，署名偏中{centre_offset:.1f}mm"
        )
        if abs(date_right - 4) > 0.6 or abs(centre_offset) > TOLERANCE_MM:
            result.problems.append("加盖印章的落款应为日期右空四字、署名以日期居中")
        return
    signature_right = (TEXT_RIGHT_MM - signature.right) / CHAR_MM
    result.facts.append(f"落款在第{page.number}页，署名右空{signature_right:.1f}字，日期右移{shift:.1f}字")
    if abs(shift - 2) > 0.3:
        result.problems.append(f"成文日期首字应比署名首字右移二字，实为{shift:.1f}字")
    if date_right < 1.7 or (signature_right > 2.3 and date_right > 2.3):
        result.problems.append(
            f"署名右空{signature_right:.1f}字、日期右空{date_right:.1f}字，应有一行右空二字"
        )


def _find_signature(pages: list[Page], expect: Expectation) -> tuple[Page, Line, Line] | None:
    for page in pages:
        lines = page.content()
        for upper, lower in itertools.pairwise(lines):
            if upper.text == expect.signature and lower.text == expect.date:
                return page, upper, lower
    return None


# --- pages that a clerk would send back ------------------------------------------------------


def _is_closing(line: Line, expect: Expectation) -> bool:
    """署名, 成文日期 or a 版记 line (四号, or the 印发 line)."""
    return (
        line.text in (expect.signature, expect.date)
        or line.text.startswith("抄送：")
        or line.text.endswith("印发")
        or line.text.startswith("（共印")
    )


def _check_lonely_pages(pages: list[Page], expect: Expectation, result: GateResult) -> None:
    stranded_titles = {t.replace("\n", "") for t in expect.attachment_titles}
    for page in pages:
        lines = page.content()
        if not lines:
            continue
        texts = [line.text for line in lines]
        holds_signature = _find_signature([page], expect) is not None
        if holds_signature and all(_is_closing(line, expect) for line in lines):
            result.problems.append(f"第{page.number}页只有落款，没有正文（7.3.5.4）")
        last = lines[-1].text
        if (
            _is_heading(last)
            or re.fullmatch(r"附件\d*", last)
            or last in stranded_titles
            or all(re.fullmatch(r"附件\d*", t) or t in stranded_titles for t in texts)
        ):
            result.problems.append(f"第{page.number}页以标题“{last[:12]}”结束，标题与其后内容分开了")


def _is_heading(text: str) -> bool:
    return bool(HEADING.match(text)) and len(text) <= 20


# --- page numbers ------------------------------------------------------------------------


def _check_page_numbers(pages: list[Page], result: GateResult) -> None:
    numbered = 0
    for page in pages:
        line = page.page_number()
        if line is None:
            continue
        numbered += 1
        number = int(PAGE_NUMBER.match(line.text).group(1))  # type: ignore[union-attr]
        if number != page.number:
            result.problems.append(f"第{page.number}页的页码是{number}")
        problem = (
            _landscape_number_problem(page, line) if page.landscape else _portrait_number_problem(page, line)
        )
        if problem:
            result.problems.append(
                f"第{page.number}页（{'横排' if page.landscape else '竖排'}）页码{problem}"
            )
    result.facts.append(f"页码{numbered}处位置正确" if not result.problems else f"页码{numbered}处")


def _portrait_number_problem(page: Page, line: Line) -> str | None:
    if abs(297 - line.top - 28) > 2.5:
        return f"上距纸张下边{297 - line.top:.1f}mm，应约28mm（版心下7mm）"
    if page.number % 2 and abs(line.right - (TEXT_RIGHT_MM - SMALL_CHAR_MM)) > 2:
        return "应在右侧、右空一字"
    if not page.number % 2 and abs(line.left - (TEXT_LEFT_MM + SMALL_CHAR_MM)) > 2:
        return "应在左侧、左空一字"
    return None


def _landscape_number_problem(page: Page, line: Line) -> str | None:
    """Turned with the sheet.

    Along the left edge 7 mm outside the 版心, which starts 35 mm in; odd numbers toward the bottom (the
    portrait page's right), even toward the top.
    """
    if not (line.left >= 19 and line.right <= 29):
        return f"应在左边距内（距左边21–28mm），实为{line.left:.1f}–{line.right:.1f}mm"
    if page.number % 2 and abs(line.bottom - (TEXT_RIGHT_MM - SMALL_CHAR_MM)) > 3:
        return f"单页应在下方（距上边约179mm），实为{line.bottom:.1f}mm"
    if not page.number % 2 and abs(line.top - (TEXT_LEFT_MM + SMALL_CHAR_MM)) > 3:
        return f"双页应在上方（距上边约33mm），实为{line.top:.1f}mm"
    return None


# --- 版记 ------------------------------------------------------------------------------------


def _check_colophon(pages: list[Page], result: GateResult) -> None:
    printed = [(page, line) for page in pages for line in page.content() if line.text.endswith("印发")]
    if not printed:
        return
    page, _ = printed[-1]
    line = page.content()[-1]
    result.facts.append(f"版记在第{page.number}页")
    if page.number != len(pages):
        result.problems.append(f"版记在第{page.number}页，不是最后一页")
    if page.number % 2:
        result.problems.append(f"版记在第{page.number}页（单页），应在最后一个双页（封四）")
    if abs(line.bottom - TEXT_BOTTOM_MM) > 3:
        result.problems.append(f"版记末行下距纸张上边{line.bottom:.1f}mm，应在版心下边缘（262mm）处")

"""The page gate's own checks on pages built inline: each fails where a clerk would object."""

from __future__ import annotations

from tests.render.page_gate import (
    CHAR_MM,
    LINE_PITCH_MM,
    TEXT_LEFT_MM,
    TEXT_RIGHT_MM,
    TEXT_TOP_MM,
    Expectation,
    GateResult,
    Line,
    Page,
    _check_colophon,
    _check_grid,
    _check_lonely_pages,
    _check_page_numbers,
    _check_signature,
)

OFFICE = "上海市宝山区城市管理行政执法局"
DATE = "2022年3月7日"
EXPECT = Expectation(signature=OFFICE, date=DATE, attachment_titles=["任务清单"])


def body_line(slot: int, text: str = "正文" * 14, left: float = TEXT_LEFT_MM, width: float = 155.5) -> Line:
    top = TEXT_TOP_MM + slot * LINE_PITCH_MM + (LINE_PITCH_MM - 7.34) / 2
    return Line(left, top, left + width, top + 7.34, text)


def number_line(page: int, odd: bool) -> Line:
    text = f"—{page}—"
    if odd:
        return Line(TEXT_RIGHT_MM - CHAR_MM - 12, 269.0, TEXT_RIGHT_MM - 4.94, 275.0, text)
    return Line(TEXT_LEFT_MM + 4.94, 269.0, TEXT_LEFT_MM + 17, 275.0, text)


def signature_lines(slot: int, date_shift_chars: float) -> list[Line]:
    start = TEXT_RIGHT_MM - 2 * CHAR_MM - 15 * CHAR_MM
    date_left = start + date_shift_chars * CHAR_MM
    return [
        body_line(slot, OFFICE, start, 15 * CHAR_MM),
        body_line(slot + 1, DATE, date_left, 6 * CHAR_MM),
    ]


def result() -> GateResult:
    return GateResult("test", [], [])


def test_a_page_with_only_the_signature_is_reported() -> None:
    pages = [
        Page(1, 210, 297, [body_line(0), number_line(1, odd=True)]),
        Page(2, 210, 297, [*signature_lines(0, 2), number_line(2, odd=False)]),
    ]
    found = result()
    _check_lonely_pages(pages, EXPECT, found)
    assert found.problems == ["第2页只有落款，没有正文（7.3.5.4）"]
    pages[1].lines.insert(0, body_line(0, "最后一行正文。"))
    found = result()
    _check_lonely_pages(pages, EXPECT, found)
    assert found.problems == []


def test_a_page_ending_on_a_heading_or_attachment_title_is_reported() -> None:
    pages = [
        Page(1, 210, 297, [body_line(0), body_line(21, "（四）各中队", width=40)]),
        Page(2, 210, 297, [body_line(0, "附件", width=10), body_line(2, "任务清单", width=40)]),
    ]
    found = result()
    _check_lonely_pages(pages, EXPECT, found)
    assert [p[:4] for p in found.problems] == ["第1页以", "第2页以"]


def test_date_must_start_two_characters_right_of_the_signature() -> None:
    pages = [Page(1, 210, 297, [body_line(0), *signature_lines(2, 0)])]
    found = result()
    _check_signature(pages, EXPECT, found)
    assert any("右移二字" in p for p in found.problems)
    found = result()
    _check_signature([Page(1, 210, 297, [body_line(0), *signature_lines(2, 2)])], EXPECT, found)
    assert found.problems == []


def test_colophon_must_be_on_the_last_even_page() -> None:
    printed = Line(30, 255, 180, 261.5, f"{OFFICE}{DATE}印发")
    found = result()
    _check_colophon([Page(1, 210, 297, [body_line(0), printed])], found)
    assert any("单页" in p for p in found.problems)
    found = result()
    _check_colophon([Page(1, 210, 297, [body_line(0)]), Page(2, 210, 297, [printed])], found)
    assert found.problems == []


def test_page_numbers_odd_right_even_left_and_turned_on_landscape_pages() -> None:
    good = [Page(1, 210, 297, [number_line(1, odd=True)]), Page(2, 210, 297, [number_line(2, odd=False)])]
    found = result()
    _check_page_numbers(good, found)
    assert found.problems == []
    wrong_side = [Page(1, 210, 297, [number_line(1, odd=False)])]
    found = result()
    _check_page_numbers(wrong_side, found)
    assert found.problems
    # a landscape page whose number sits at its foot, as a portrait footer would put it
    at_foot = [Page(1, 297, 210, [Line(250, 190, 262, 196, "—1—")])]
    found = result()
    _check_page_numbers(at_foot, found)
    assert any("横排" in p for p in found.problems)
    turned = [Page(1, 297, 210, [Line(20.6, 165, 27.0, 179.0, "—1—")])]
    found = result()
    _check_page_numbers(turned, found)
    assert found.problems == []


def test_grid_counts_full_pages_and_rejects_a_23rd_line() -> None:
    full = Page(2, 210, 297, [body_line(slot) for slot in range(22)])
    found = result()
    _check_grid([full], found)
    assert found.problems == []
    assert "满页22行：第2页" in found.facts
    overfull = Page(2, 210, 297, [body_line(slot) for slot in range(23)])
    found = result()
    _check_grid([overfull], found)
    assert "第2页超过22行" in found.problems

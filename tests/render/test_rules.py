"""Typesetting rules on their own: title breaks, column widths, font substitution, page count."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cgtask.render._tables import column_widths
from cgtask.render.fonts import FONT_ROLES, choose_fonts, fontconfig_text
from cgtask.render.layout import Column, Table
from cgtask.render.pdf import page_count
from cgtask.render.title_lines import break_title, display_width, tokens

REPORT_TITLE = "关于截至2022年3月31日各项工作任务完成情况的通报"


@pytest.mark.parametrize(
    "title",
    [
        REPORT_TITLE,
        "关于印发《宝山区城管执法系统2022年执法监督工作方案》的通知",
        "关于印发《上海市长宁区城管执法系统2022年工作总结和2023年工作计划》的通知",
        "关于印发《宝山区城管执法局2022年度工作任务分解表》的通知",
    ],
)
def test_long_titles_break_between_words_into_a_trapezoid(title: str) -> None:
    lines = break_title(title, 20)
    assert "".join(lines) == title
    assert len(lines) >= 2
    assert all(display_width(line) <= 20 for line in lines)
    # every break falls between two of the title's tokens, never inside one
    boundaries = set()
    position = 0
    for token in tokens(title):
        position += len(token)
        boundaries.add(position)
    position = 0
    for line in lines[:-1]:
        position += len(line)
        assert position in boundaries, (title, lines)


def test_report_title_keeps_words_whole() -> None:
    lines = break_title(REPORT_TITLE, 20)
    assert not any(line.endswith("完") for line in lines)
    assert lines == ["关于截至2022年3月31日", "各项工作任务完成情况的通报"]


def test_no_line_ends_with_an_opening_mark_or_starts_with_a_closing_one() -> None:
    for line in break_title("关于印发《宝山区城管执法系统2022年执法监督工作方案》的通知", 14):
        assert not line.endswith("《")
        assert not line.startswith(("》", "、"))


def test_widths_count_half_width_digits_and_the_space_around_them() -> None:
    assert display_width("监督科") == 3
    assert display_width("2022年3月7日") == 6 + 5 * 0.25  # five changes between digits and Chinese


@given(st.text(alphabet=st.sampled_from("监督科2022年aB ‘’“”—…·（）、，.-\u2e7f\u2e80"), max_size=30))
def test_widths_agree_with_counting_character_by_character(text: str) -> None:
    import itertools

    from cgtask.render.title_lines import AUTOSPACE, is_narrow

    narrow = [is_narrow(ch) for ch in text]
    switches = sum(a != b for a, b in itertools.pairwise(narrow))
    assert display_width(text) == sum(0.5 if n else 1.0 for n in narrow) + AUTOSPACE * switches


def test_short_title_and_explicit_breaks_stay() -> None:
    assert break_title("关于2022年3月到期工作事项的通知", 20) == ["关于2022年3月到期工作事项的通知"]
    assert break_title("第一行\n第二行", 20) == ["第一行", "第二行"]


def test_column_titles_and_short_phrases_do_not_wrap() -> None:
    """序号 at 12 mm would wrap to 序/号; 依据's 执法监督方案 needs six characters."""
    table = Table(
        [Column("序号", 12), Column("工作事项", 80), Column("依据", 20)],
        [["1", "街面实效督察，每周不少于两次，覆盖所有街镇", "执法监督方案 第1项"]],
    )
    widths = column_widths(table)
    char_mm = 11.75 * 25.4 / 72
    assert widths[0] >= 2 * char_mm + 4
    assert widths[2] >= 6 * char_mm + 4
    assert sum(widths) == pytest.approx(112)


def test_widths_stand_when_nothing_has_room() -> None:
    table = Table([Column("序号", 5), Column("工作事项", 5)], [["1", "街面实效"]])
    assert column_widths(table) == [5, 5]


def test_fonts_substitute_by_style_and_keep_installed_officials() -> None:
    installed = {"FandolFang", "AR PL UKai CN", "Noto Sans CJK SC", "Noto Serif CJK SC", "黑体"}
    choices = {choice.role.label: choice for choice in choose_fonts(installed)}
    assert choices["仿宋"].substitute == "FandolFang"
    assert choices["楷体"].substitute == "AR PL UKai CN"
    assert choices["黑体"].official_installed
    assert choices["黑体"].substitute is None
    assert choices["小标宋"].substitute == "Noto Serif CJK SC"
    assert "以 FandolFang 代替" in choices["仿宋"].describe()
    assert "使用已安装的 黑体" in choices["黑体"].describe()


def test_fontconfig_includes_the_system_and_assigns_strongly() -> None:
    text = fontconfig_text(
        choose_fonts({"Noto Serif CJK SC", "Noto Sans CJK SC"}), Path("/etc/fonts/fonts.conf")
    )
    assert '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>' in text
    assert "<string>仿宋_GB2312</string></test>" in text
    assert 'binding="strong"><string>Noto Serif CJK SC</string>' in text
    assert "<const>bold</const>" in text  # 小标宋
    assert "<string>黑体</string></test>" in text
    assert len(FONT_ROLES) == 5


def test_nothing_to_substitute_when_nothing_fits() -> None:
    choices = choose_fonts(set())
    assert all(choice.substitute is None for choice in choices)
    assert "<match" not in fontconfig_text(choices)


def test_page_count_reads_page_dictionaries(tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Pages/Count 2>>\n2 0 obj<</Type/Page/Parent 1 0 R>>\n"
        b"3 0 obj<</Type /Page /Parent 1 0 R>>\n"
    )
    assert page_count(pdf) == 2


def test_short_cell_lines_do_not_wrap_and_long_text_gets_the_room() -> None:
    """A frequency such as 街镇中队：每周 stays whole; the long 监督内容 takes what is left."""
    long_text = "案件抽查（立案和结案规范、办案质量和文书制作规范、自由裁量基准适用等）" * 2
    table = Table(
        [Column("序号", 14), Column("监督内容", 40), Column("监督频率", 20), Column("备注", 40)],
        [["1", long_text, "区局：每月\n街镇中队：每周", "一案一督"]],
    )
    widths = column_widths(table)
    char_mm = 11.75 * 25.4 / 72
    assert widths[2] >= 7 * char_mm + 3.8
    assert widths[1] == max(widths)
    assert widths[3] < widths[1]
    assert sum(widths) == pytest.approx(114, abs=0.3)


def test_a_one_column_table_gets_the_whole_width() -> None:
    table = Table([Column("事项", 50)], [["街面实效督察，每周不少于两次，覆盖所有街镇中队" * 3]])
    assert column_widths(table) == [50]

"""XML-level checks of the GB/T 9704 typesetting (the numbers of GBT9704.md)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.render.conftest import (
    MARK,
    NS,
    OFFICE,
    OPENING,
    TITLE,
    DocxParts,
    attr,
    paragraph_text,
    w,
)

THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def runs_of(paragraph: Any) -> list[Any]:
    return [run for run in paragraph.findall("w:r", NS) if run.find("w:t", NS) is not None]


def east_asia_font(run: Any) -> str | None:
    return attr(run, "w:rPr/w:rFonts", "eastAsia")


def size(run: Any) -> int:
    return int(attr(run, "w:rPr/w:sz", "val") or 0)


def test_page_is_a4_with_gbt_margins(saved: DocxParts) -> None:
    first = saved.document.find(".//w:sectPr", NS)
    assert (attr(first, "w:pgSz", "w"), attr(first, "w:pgSz", "h")) == ("11906", "16838")
    margins = {side: attr(first, "w:pgMar", side) for side in ("top", "bottom", "left", "right")}
    assert margins == {"top": "2098", "bottom": "1984", "left": "1588", "right": "1474"}


def test_body_paragraph_metrics(saved: DocxParts) -> None:
    paragraph = saved.paragraph_with(OPENING)
    assert attr(paragraph, "w:pPr/w:spacing", "lineRule") == "exact"
    assert attr(paragraph, "w:pPr/w:spacing", "line") == "579"
    assert attr(paragraph, "w:pPr/w:spacing", "before") == "0"
    assert attr(paragraph, "w:pPr/w:spacing", "after") == "0"
    assert attr(paragraph, "w:pPr/w:ind", "firstLine") == "640"


def test_body_runs_are_sanhao_fangsong_without_theme_fonts_or_bold(saved: DocxParts) -> None:
    for run in runs_of(saved.paragraph_with(OPENING)):
        assert size(run) == 32
        assert east_asia_font(run) == "仿宋_GB2312"
        fonts = run.find("w:rPr/w:rFonts", NS)
        assert fonts.get(w("hint")) == "eastAsia"
        assert not any(fonts.get(w(name)) for name in THEME_ATTRIBUTES)
        assert run.find("w:rPr/w:b", NS) is None


def test_defaults_and_normal_style_name_the_cjk_font(saved: DocxParts) -> None:
    styles = saved.part("word/styles.xml")
    default_rpr = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    normal_rpr = styles.find("w:style[@w:styleId='Normal']/w:rPr", NS)
    for rpr in (default_rpr, normal_rpr):
        fonts = rpr.find("w:rFonts", NS)
        assert fonts.get(w("eastAsia")) == "仿宋_GB2312"
        assert not any(fonts.get(w(name)) for name in THEME_ATTRIBUTES)
        assert attr(rpr, "w:lang", "eastAsia") == "zh-CN"
    assert attr(styles, "w:docDefaults/w:pPrDefault/w:pPr/w:spacing", "after") == "0"


def test_heading_fonts_follow_their_level(saved: DocxParts) -> None:
    expected = {"一、总体目标": "黑体", "（二）坚持统筹协同": "楷体_GB2312", "1. 区局": "仿宋_GB2312"}
    expected["（1）街镇中队"] = "仿宋_GB2312"
    for text, font in expected.items():
        (run,) = runs_of(saved.paragraph_with(text))
        assert east_asia_font(run) == font, text
        assert size(run) == 32


def test_run_in_heading_uses_kaiti_then_fangsong(saved: DocxParts) -> None:
    heading, text = runs_of(saved.paragraph_with("（一）坚持问题导向。"))
    assert east_asia_font(heading) == "楷体_GB2312"
    assert east_asia_font(text) == "仿宋_GB2312"


def test_title_is_erhao_xiaobiaosong_centred_not_bold(saved: DocxParts) -> None:
    paragraph = saved.paragraph_with(TITLE)
    assert attr(paragraph, "w:pPr/w:jc", "val") == "center"
    for run in runs_of(paragraph):
        assert size(run) == 44
        assert east_asia_font(run) == "方正小标宋简体"
        assert run.find("w:rPr/w:b", NS) is None


def test_masthead_red_mark_number_and_rule(saved: DocxParts) -> None:
    paragraphs = saved.paragraphs()
    mark = paragraphs[0]
    assert paragraph_text(mark) == MARK
    (run,) = runs_of(mark)
    assert attr(run, "w:rPr/w:color", "val") == "FF0000"
    assert east_asia_font(run) == "方正小标宋简体"
    # top edge 35 mm below the 版心 (space before, less half the line's extra leading)
    assert 1700 <= int(attr(mark, "w:pPr/w:spacing", "before") or 0) <= 1984
    number = saved.paragraph_with("〔2022〕")
    assert re.search(r"〔\d{4}〕[1-9]\d*号$", paragraph_text(number))
    assert paragraphs.index(number) == 3  # two blank lines below the mark
    assert attr(number, "w:pPr/w:jc", "val") == "center"
    assert attr(number, "w:pPr/w:pBdr/w:bottom", "color") == "FF0000"
    assert attr(number, "w:pPr/w:ind", "left") in (None, "0")
    assert attr(number, "w:pPr/w:ind", "right") in (None, "0")  # border spans the 156 mm 版心


def test_addressee_flush_left_with_fullwidth_colon(saved: DocxParts) -> None:
    paragraph = saved.paragraph_with("各街镇")
    assert paragraph_text(paragraph) == "各街镇："
    assert attr(paragraph, "w:pPr/w:ind", "firstLine") is None


def test_attachment_note_lists_numbered_names_aligned(saved: DocxParts) -> None:
    first = saved.paragraph_with("附件：1. ")
    second = saved.paragraph_with("2. 横排任务表")
    assert paragraph_text(first) == "附件：1. 2022年执法监督工作任务清单"
    assert attr(first, "w:pPr/w:ind", "left") == attr(second, "w:pPr/w:ind", "left")
    # the first line starts 2 字 in; “2.” starts under “1.” (3 字 of “附件：” further right)
    left = int(attr(first, "w:pPr/w:ind", "left") or 0)
    assert left - int(attr(first, "w:pPr/w:ind", "hanging") or 0) == 640
    assert left - int(attr(second, "w:pPr/w:ind", "hanging") or 0) == 640 + 960


def test_single_attachment_note_has_no_number(tmp_path: Any) -> None:
    from cgtask.render.gbt9704 import write_docx
    from cgtask.render.layout import Attachment
    from tests.render.conftest import make_document

    path = tmp_path / "one.docx"
    write_docx(make_document(attachments=[Attachment("附件", "任务清单", [])]), path)
    parts = DocxParts(path)
    assert paragraph_text(parts.paragraph_with("附件：")) == "附件：任务清单"


def test_signature_and_date(saved: DocxParts) -> None:
    """Unsealed: 15-character 署名 ends 2 字 from the right (starts at 28 − 2 − 15 = 11 字).

    The date starts 2 字 further right (13 字) — set as left indents of 315 twips per character.
    """
    signature = next(p for p in saved.paragraphs() if paragraph_text(p) == OFFICE)
    date = saved.paragraph_with("2022年3月7日")
    assert attr(signature, "w:pPr/w:jc", "val") == "left"
    assert attr(signature, "w:pPr/w:ind", "left") == str(11 * 315)
    assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", paragraph_text(date))
    assert attr(date, "w:pPr/w:ind", "left") == str(13 * 315)
    assert signature.find("w:pPr/w:keepNext", NS) is not None  # the 落款 stays together


def test_signature_place_rules() -> None:
    from cgtask.render.gbt9704 import signature_place

    # unsealed, short date: 署名 右空二字, date 2 字 right of its start
    # (the date is 7¼ characters wide: half-width digits, a quarter between digits and Chinese)
    assert signature_place(OFFICE, "2022年3月7日", sealed=False).signature == 28 - 2 - 15
    assert signature_place(OFFICE, "2022年3月7日", sealed=False).date == 28 - 2 - 15 + 2
    # unsealed, a date longer than the 署名: the date 右空二字, the 署名 2 字 left of it
    short = signature_place("监督科", "2022年12月31日", sealed=False)
    assert short.date == 28 - 2 - 8.25
    assert short.signature == short.date - 2
    # sealed: the date 右空四字, the 署名 centred over it
    sealed = signature_place(OFFICE, "2022年3月7日", sealed=True)
    assert sealed.date == 28 - 4 - 7.25
    assert sealed.signature + 15 / 2 == sealed.date + 7.25 / 2


def test_sealed_document_leaves_room_for_the_seal(tmp_path: Any) -> None:
    from cgtask.render.gbt9704 import write_docx
    from tests.render.conftest import make_document

    path = tmp_path / "sealed.docx"
    write_docx(make_document(sealed=True), path)
    parts = DocxParts(path)
    date = parts.paragraph_with("2022年3月7日")
    assert attr(date, "w:pPr/w:ind", "left") == str(round((28 - 4 - 7.25) * 315))
    signature = next(p for p in parts.paragraphs() if paragraph_text(p) == OFFICE)
    blanks_above = signature.xpath("preceding-sibling::w:p[position() <= 2][not(.//w:t)]", namespaces=NS)
    assert len(blanks_above) == 2


def test_last_text_line_heading_and_attachment_titles_keep_with_next(saved: DocxParts) -> None:
    for text in ("一、总体目标", "（二）坚持统筹协同", "附件1", "2022年执法监督工作任务清单"):
        assert saved.paragraph_with(text).find("w:pPr/w:keepNext", NS) is not None, text
    last_body = saved.paragraph_with("（1）街镇中队")
    assert last_body.find("w:pPr/w:keepNext", NS) is not None


def test_table_rows_do_not_split(saved: DocxParts) -> None:
    for row in saved.document.iter(w("tr")):
        assert row.find("w:trPr/w:cantSplit", NS) is not None


def test_landscape_pages_turn_their_page_numbers(saved: DocxParts) -> None:
    """The landscape section has its own footers: a text box on the page's left edge, turned."""
    sections = list(saved.document.iter(w("sectPr")))
    landscape = next(s for s in sections if attr(s, "w:pgSz", "orient") == "landscape")
    margins = {side: attr(landscape, "w:pgMar", side) for side in ("top", "bottom", "left", "right")}
    assert margins == {"top": "1588", "bottom": "1474", "left": "1984", "right": "2098"}
    footers = saved.section_footers(landscape)
    assert len(footers) == 2
    for footer in footers:
        box = footer.find(".//{*}bodyPr")
        assert box.get("vert") == "vert"
        offset = footer.find(".//{*}positionH/{*}posOffset").text
        assert int(offset) == (1984 - 2 * 397) * 635  # 7 mm outside the 版心's left edge
        text = "".join(footer.xpath(".//w:t/text()|.//w:instrText/text()", namespaces=NS))
        assert re.fullmatch(r"\u2014 \s*PAGE\s*1 \u2014", text), text


def test_colophon_after_landscape_starts_an_even_page_without_number(saved: DocxParts) -> None:
    last = list(saved.document.iter(w("sectPr")))[-1]
    assert attr(last, "w:type", "val") == "evenPage"
    for footer in saved.section_footers(last):
        assert not footer.xpath(".//w:t/text()|.//w:instrText/text()", namespaces=NS)


def test_document_properties_name_the_office_and_date(saved: DocxParts) -> None:
    core = saved.part("docProps/core.xml")
    values = {element.tag.split("}")[1]: element.text for element in core}
    assert values["creator"] == OFFICE
    assert values["created"] == "2022-03-07T00:00:00Z"
    assert values["title"] == "关于印发《宝山区城管执法系统2022年执法监督工作方案》的通知"
    assert "python-docx" not in str(values)


def test_colophon_rules_are_thick_thin_thick(saved: DocxParts) -> None:
    cc = saved.paragraph_with("抄送：")
    printed = saved.paragraph_with("日印发")
    sizes = [attr(cc, "w:pPr/w:pBdr/w:top", "sz"), attr(cc, "w:pPr/w:pBdr/w:bottom", "sz")]
    sizes.append(attr(printed, "w:pPr/w:pBdr/w:bottom", "sz"))
    assert sizes == ["8", "6", "8"]
    assert paragraph_text(cc) == "抄送：区委办公室，区政府办公室。"
    assert paragraph_text(printed) == f"{OFFICE}2022年3月7日印发"
    for paragraph in (cc, printed):
        assert attr(paragraph, "w:pPr/w:ind", "left") in ("280", "1120")
        assert attr(paragraph, "w:pPr/w:ind", "right") == "280"
        assert attr(paragraph, "w:pPr/w:framePr", "vAnchor") == "margin"
        for run in runs_of(paragraph):
            assert size(run) == 28
            assert east_asia_font(run) == "仿宋_GB2312"
    assert attr(printed, "w:pPr/w:tabs/w:tab", "val") == "right"


def test_even_and_odd_footers_with_page_field(saved: DocxParts) -> None:
    settings = saved.part("word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    section = saved.document.find(".//w:sectPr", NS)
    references = {ref.get(w("type")): ref for ref in section.findall("w:footerReference", NS)}
    assert set(references) == {"default", "even"}
    alignments = {}
    for footer in saved.footers():
        paragraph = footer.find("w:p", NS)
        text = "".join(paragraph.xpath(".//w:t/text()|.//w:instrText/text()", namespaces=NS))
        assert re.fullmatch(r"\u2014 \s*PAGE\s*1 \u2014", text), text
        for run in runs_of(paragraph):
            assert size(run) == 28
            assert east_asia_font(run) == "宋体"
        alignments[attr(paragraph, "w:pPr/w:jc", "val")] = paragraph.find("w:pPr/w:ind", NS)
    assert set(alignments) == {"left", "right"}
    assert alignments["right"].get(w("right")) == "280"
    assert alignments["left"].get(w("left")) == "280"


def test_table_header_repeats_widths_fixed_and_category_merged(saved: DocxParts) -> None:
    table = saved.document.find(".//w:tbl", NS)
    assert attr(table, "w:tblPr/w:tblLayout", "type") == "fixed"
    assert attr(table, "w:tblPr/w:tblW", "type") == "dxa"
    rows = table.findall("w:tr", NS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    header_run = rows[0].find(".//w:r", NS)
    assert east_asia_font(header_run) == "黑体"
    assert size(header_run) == 24
    widths = [int(cell.find("w:tcPr/w:tcW", NS).get(w("w"))) for cell in rows[1].findall("w:tc", NS)]
    # every cell fits its line: widths follow the content (类别 4, 监督内容 6, 责任部门 4 characters)
    # and still span the 版心
    assert sum(widths) == pytest.approx(156 * 56.69, abs=10)
    assert widths[0] == widths[2] < widths[1]
    merges = [row.find("w:tc/w:tcPr/w:vMerge", NS) for row in rows[1:]]
    states = [None if m is None else (m.get(w("val")) or "continue") for m in merges]
    # 街面实效 ×2 merged; empty categories never merged; 队伍建设 alone
    assert states == ["restart", "continue", None, None, None]
    body_run = rows[1].find(".//w:r", NS)
    assert east_asia_font(body_run) == "仿宋_GB2312"
    assert size(body_run) == 24


def test_multiline_cell_becomes_paragraphs(saved: DocxParts) -> None:
    table = saved.document.find(".//w:tbl", NS)
    cell = table.findall("w:tr", NS)[1].findall("w:tc", NS)[1]
    assert [paragraph_text(p) for p in cell.findall("w:p", NS)] == ["无序设摊", "跨门营业"]


def test_landscape_attachment_gets_its_own_section_and_footers(saved: DocxParts) -> None:
    sections = saved.document.findall(".//w:sectPr", NS)
    orientations = [attr(s, "w:pgSz", "orient") for s in sections]
    assert "landscape" in orientations
    landscape = sections[orientations.index("landscape")]
    assert (attr(landscape, "w:pgSz", "w"), attr(landscape, "w:pgSz", "h")) == ("16838", "11906")
    # footers are inherited (no restart of page numbers, no unlinking)
    assert landscape.find("w:pgNumType", NS) is None
    assert attr(sections[-1], "w:pgSz", "orient") in (None, "portrait")


def test_attachment_starts_new_page_with_label_and_title(saved: DocxParts) -> None:
    label = next(p for p in saved.paragraphs() if paragraph_text(p) == "附件1")
    assert label.find("w:pPr/w:pageBreakBefore", NS) is not None
    (run,) = runs_of(label)
    assert east_asia_font(run) == "黑体"
    assert attr(label, "w:pPr/w:ind", "firstLine") is None
    paragraphs = saved.paragraphs()
    title = paragraphs[paragraphs.index(label) + 2]
    assert paragraph_text(title) == "2022年执法监督工作任务清单"
    assert attr(title, "w:pPr/w:jc", "val") == "center"
    assert east_asia_font(runs_of(title)[0]) == "方正小标宋简体"


def test_characters_are_tightened_so_28_fit(saved: DocxParts) -> None:
    styles = saved.part("word/styles.xml")
    spacing = int(attr(styles, "w:style[@w:styleId='Normal']/w:rPr/w:spacing", "val") or 0)
    assert 28 * (320 + spacing) <= 11906 - 1588 - 1474 < 29 * (320 + spacing)

"""Low-level WordprocessingML helpers for python-docx objects.

These know XML, not GB/T 9704: fonts that survive East Asian layout, exact paragraph
metrics, borders, frames and fields.  ``gbt9704`` decides the numbers.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass
from typing import Any

from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# Attributes of w:rFonts that point to theme fonts; any of them overrides the explicit names.
_THEME_FONT_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")

# Children of w:pPr that come after w:pBdr / w:framePr in the schema's sequence; Word
# refuses files whose elements are out of order.
_AFTER_FRAME_PR = (
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing",
    "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_PBDR = _AFTER_FRAME_PR[4:]
_AFTER_RPR_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                      "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                      "w:eastAsianLayout", "w:specVanish", "w:oMath")  # fmt: skip


def set_fonts(rpr: Any, font: str) -> None:
    """Name ``font`` for every script of an ``w:rPr`` and drop theme fonts that would override it.

    ``hint="eastAsia"`` makes ambiguous characters such as “ ” — use the CJK font.
    """
    rfonts = rpr.get_or_add_rFonts()
    for attribute in list(rfonts.attrib):
        del rfonts.attrib[attribute]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{slot}"), font)
    rfonts.set(qn("w:hint"), "eastAsia")


def set_east_asian_lang(rpr: Any) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def set_character_spacing(rpr: Any, twentieths_of_point: int) -> None:
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rpr.insert_element_before(spacing, *_AFTER_RPR_SPACING)
    spacing.set(qn("w:val"), str(twentieths_of_point))


def style_run(run: Any, font: str, half_points: int, color: str | None = None) -> None:
    """Font, size and colour of one run; never bold or italic (GB/T 9704 uses none on CJK text)."""
    rpr = run._r.get_or_add_rPr()
    set_fonts(rpr, font)
    run.font.size = Pt(half_points / 2)
    if color is not None:
        run.font.color.rgb = RGBColor.from_string(color)


# Characters python-docx turns into w:tab / w:br instead of text.
_RUN_BREAKS = re.compile(r"[\t\r\n]")


def add_styled_run(paragraph: Any, text: str, font: str, half_points: int, color: str | None = None) -> Any:
    """``paragraph.add_run(text)`` then :func:`style_run`: the same XML, copied from a cached run.

    Styling a run through python-docx searches the schema order for every property; a
    table of 250 notices does that some 40,000 times, the bulk of their typesetting time.
    """
    r = copy.deepcopy(_styled_run_prototype(font, half_points, color))
    if not text or _RUN_BREAKS.search(text):
        r.text = text  # python-docx's own w:t / w:tab / w:br, after the copied properties
    else:
        _set_text(r[-1], text)
    paragraph._p.append(r)  # a paragraph's runs follow its pPr, as add_run places them
    return Run(r, paragraph)


def add_styled_text(paragraph: Any, text: str, font: str, half_points: int, *, after_break: bool) -> None:
    """A styled run, as python-docx's ``add_run``, ``add_break`` and ``add_text`` then :func:`style_run` make it.

    The text kept as it is, a tab included; the same XML, copied.
    """
    r = copy.deepcopy(_styled_run_prototype(font, half_points, None))
    t = r[-1]
    _set_text(t, text)
    if after_break:
        t.addprevious(OxmlElement("w:br"))
    paragraph._p.append(r)


def _set_text(t: Any, text: str) -> None:
    t.text = text
    if len(text.strip()) < len(text):  # python-docx's rule (CT_R.add_t)
        t.set(qn("xml:space"), "preserve")


@functools.lru_cache(maxsize=256)  # by font, size and colour: a handful per document kind
def _styled_run_prototype(font: str, half_points: int, color: str | None) -> Any:
    run = _detached_paragraph().add_run("x")
    style_run(run, font, half_points, color)
    return run._r


def _detached_paragraph() -> Any:
    """A paragraph in no document, to make the properties that get copied."""
    no_part: Any = None
    return Paragraph(OxmlElement("w:p"), no_part)


@dataclass(frozen=True)
class Spacing:
    """Space before a paragraph and its first-line, left and right indents, in twips."""

    before: int = 0
    first_line: int = 0
    left: int = 0
    right: int = 0


NO_SPACING = Spacing()


def format_paragraph(
    paragraph: Any,
    alignment: Any = None,
    *,
    line: int | None,
    spacing: Spacing = NO_SPACING,
    keep_with_next: bool | None = None,
) -> None:
    """``paragraph.alignment`` (when given), :func:`set_metrics`, then ``keep_with_next`` (when given).

    A paragraph without properties yet gets a copy of the same properties made once.
    """
    metrics = (line, spacing.before, spacing.first_line, spacing.left, spacing.right)
    if paragraph._p.pPr is not None:
        _format_directly(paragraph, alignment, metrics, keep_with_next)
        return
    prototype = _paragraph_properties(alignment, metrics, keep_with_next)
    paragraph._p.insert(0, copy.deepcopy(prototype))


# Line height (None: single), space before, first-line indent, left and right indents.
_Metrics = tuple[int | None, int, int, int, int]


@functools.lru_cache(maxsize=256)  # by alignment, metrics and keep: a handful per document kind
def _paragraph_properties(alignment: Any, metrics: _Metrics, keep_with_next: bool | None) -> Any:
    paragraph = _detached_paragraph()
    _format_directly(paragraph, alignment, metrics, keep_with_next)
    return paragraph._p.pPr


def _format_directly(paragraph: Any, alignment: Any, metrics: _Metrics, keep_with_next: bool | None) -> None:
    line, before, first_line, left, right = metrics
    if alignment is not None:
        paragraph.alignment = alignment
    set_metrics(paragraph, line=line, before=before, first_line=first_line, left=left, right=right)
    if keep_with_next is not None:
        paragraph.paragraph_format.keep_with_next = keep_with_next


def style_paragraph_mark(paragraph: Any, font: str, half_points: int) -> None:
    """Give an empty paragraph's mark the body font so a blank line is exactly one body line."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
    set_fonts(rpr, font)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(half_points))
    rpr.append(size)


def set_metrics(
    paragraph: Any,
    *,
    line: int | None,
    before: int = 0,
    first_line: int = 0,
    left: int = 0,
    right: int = 0,
) -> None:
    """Exact line height (or single spacing when ``line`` is None), spacing and indents in twips."""
    fmt = paragraph.paragraph_format
    fmt.space_before = Twips(before)
    fmt.space_after = Twips(0)
    if line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Twips(line)
    if first_line:
        fmt.first_line_indent = Twips(first_line)
    fmt.left_indent = Twips(left)
    fmt.right_indent = Twips(right)


def add_border(paragraph: Any, side: str, size: int, color: str, space_pt: int = 1) -> None:
    """A single-line paragraph border; ``size`` is in eighths of a point (w:sz)."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = OxmlElement("w:pBdr")
        ppr.insert_element_before(pbdr, *_AFTER_PBDR)
    border = OxmlElement(f"w:{side}")
    border.set(qn("w:val"), "single")
    border.set(qn("w:sz"), str(size))
    border.set(qn("w:space"), str(space_pt))
    border.set(qn("w:color"), color)
    # top, left, bottom, right is the schema order; callers add top before bottom.
    pbdr.append(border)


def frame_at(paragraph: Any, width: int, top: int) -> None:
    """Put the paragraph in its own frame, ``top`` twips below the 版心's top edge.

    One frame per paragraph: LibreOffice stops honouring the position when consecutive
    framed paragraphs carry different borders, and Word would merge equal frames.
    """
    ppr = paragraph._p.get_or_add_pPr()
    frame = OxmlElement("w:framePr")
    for name, value in (
        ("w", str(width)),
        ("wrap", "notBeside"),
        ("vAnchor", "margin"),
        ("hAnchor", "margin"),
        ("xAlign", "center"),
        ("y", str(top)),
    ):
        frame.set(qn(f"w:{name}"), value)
    ppr.insert_element_before(frame, *_AFTER_FRAME_PR)


def add_field(paragraph: Any, instruction: str, placeholder: str) -> list[Any]:
    """A complex field (begin, instruction, separate, result, end); returns its runs for styling."""
    runs = []
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = paragraph.add_run()
        if kind == "instr":
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            run._r.append(text)
        elif kind == "result":
            run.text = placeholder
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        runs.append(run)
    return runs


EMU_PER_TWIP = 635
_TEXT_BOX = """<w:r xmlns:w="{w}" xmlns:wp="{wp}" xmlns:a="{a}" xmlns:wps="{wps}"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0"
 locked="1" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>
<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="{id}" name="{name}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx>
<wps:bodyPr rot="0" vert="{vert}" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr">
<a:noAutofit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"""


@dataclass(frozen=True)
class Box:
    """Where a text box lies on the page: its top-left corner and its size, in twips."""

    left: int
    top: int
    width: int
    height: int


def add_text_box(paragraph: Any, box: Box, *, vertical: bool, box_id: int) -> Any:
    """A borderless text box placed on the page at ``box`` (twips from the page's top-left corner).

    Returns the box's ``w:txbxContent`` for paragraphs.  ``vertical`` turns its text 90° clockwise.
    """
    from docx.oxml import parse_xml

    xml = _TEXT_BOX.format(
        w="http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        a="http://schemas.openxmlformats.org/drawingml/2006/main",
        wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        x=box.left * EMU_PER_TWIP,
        y=box.top * EMU_PER_TWIP,
        cx=box.width * EMU_PER_TWIP,
        cy=box.height * EMU_PER_TWIP,
        id=box_id,
        name=f"页码{box_id}",
        vert="vert" if vertical else "horz",
    ).replace("\n", " ")
    run = parse_xml(xml)
    paragraph._p.append(run)
    return run.find(".//" + qn("w:txbxContent"))

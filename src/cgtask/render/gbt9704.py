"""Typeset an :class:`OfficialDocument` as a GB/T 9704-2012 .docx (numbers in GBT9704.md).

Vertical placement relies on exact line heights of 579 twips (22 lines fill the 225 mm
版心) and on blank body lines, as a typist would do it.  The 发文机关标志 gets its
72 mm top position from the first paragraph's *space before*; the red rule is the
bottom border of the 发文字号 paragraph, so it spans the 版心 (156 mm).  The 版记 sits in
a frame anchored to the bottom of the 版心 on the last page.  28 characters fit a line
because every run is tightened by 0.25 pt (set once in the Normal style).
"""

from __future__ import annotations

import copy
import functools
import html  # not xml.sax.saxutils, which imports urllib.request, http.client and ssl
import io
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import docx.document
import docx.text.paragraph
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips

from cgtask.render import _tables
from cgtask.render._wordml import (
    Box,
    Spacing,
    add_border,
    add_field,
    add_styled_run,
    add_styled_text,
    add_text_box,
    format_paragraph,
    frame_at,
    set_character_spacing,
    set_east_asian_lang,
    set_fonts,
    set_metrics,
    style_paragraph_mark,
    style_run,
)
from cgtask.render.layout import (
    Attachment,
    Block,
    Colophon,
    Enclosure,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
    format_cn_date,
    heading_level,
    validate_document,
)
from cgtask.render.title_lines import break_title, display_width
from cgtask.support.atomic import write_atomic

PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1588, 1474
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 225 mm
LINE = 579  # 22 × 579 ≤ 12756 twips of 版心 height
CHAR = 320  # one 三号 character
CHAR_PITCH = 315  # its advance on the line: 16 pt tightened by 0.25 pt, so 28 fill 156 mm
LINE_CHARS = 28
SMALL_CHAR = 280  # one 四号 character
# Page-number line: its top 7 mm below the 版心 and 7 mm high, so the footer starts 21 mm up.
FOOTER_LINE = 397  # 7 mm
FOOTER_DISTANCE = MARGIN_BOTTOM - 397 - FOOTER_LINE  # 35 − 7 − 7 mm
HEADER_DISTANCE = 851
# The 发文机关标志's top edge sits 35 mm below the 版心's top (72 mm from the paper's top).
MARK_OFFSET = 1984
COLOPHON_CHARS_PER_LINE = 26  # 四号 characters between the 抄送 indents
RULE_ALLOWANCE = 40  # twips the 版记 rules add to a framed line's height
RULE_GAP_PT = 8  # border distance; with the line's descent it puts the rule ≈ 4 mm under the 字号

BODY_SIZE, TITLE_SIZE, SMALL_SIZE = 32, 44, 28
TIGHTEN = -5  # twentieths of a point: 16 pt − 0.25 pt lets 28 characters fit 156 mm
TITLE_CHARS = TEXT_WIDTH // (TITLE_SIZE * 10 + TIGHTEN)  # 二号 characters on a title line (20)

FANGSONG, HEITI, KAITI, XIAOBIAOSONG, SONGTI = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"
HEADING_FONTS = {1: HEITI, 2: KAITI, 3: FANGSONG, 4: FANGSONG}
RED, BLACK = "FF0000", "000000"
EM_DASH = "\u2014"
DOCUMENT_MEMBER = "word/document.xml"


def build_docx(doc: OfficialDocument, *, colophon_on_even_page: bool = False) -> Any:
    """Return a python-docx ``Document`` holding ``doc`` typeset per GB/T 9704-2012.

    Only ``word/document.xml`` is the document's own; styles, settings, footers and the other
    parts are the shared base's (see :func:`_base_document`) and must not be changed.
    """
    validate_document(doc)
    base = _base_document()
    document = _SharedBaseDocument(copy.deepcopy(base.document.element), base, _package_properties(doc))
    if doc.issuer_mark is not None:
        _write_masthead(document, doc.issuer_mark, doc.doc_number)
    elif doc.doc_number is not None:
        _centred(document, doc.doc_number, FANGSONG, BODY_SIZE)
        _blank(document)
    _write_title(document, doc.title)
    _blank(document)
    if doc.addressee is not None:
        _write_addressee(document, doc.addressee)
    _write_blocks(document, doc.body)
    _keep_last_paragraph_with_next(document)
    if doc.enclosure is None:
        _write_attachment_note(document, doc.attachments)
        _write_signature(document, doc)
    else:
        _write_signature(document, doc)  # the notice is signed first; the issued document follows
        _write_enclosure(document, doc.enclosure, doc.attachments)
    for attachment in doc.attachments:
        _write_attachment(document, attachment, _attachment_label(attachment, doc.attachments))
    if doc.colophon is not None:
        _write_colophon(document, doc.colophon, own_page=colophon_on_even_page)
    return document


def write_docx(doc: OfficialDocument, path: Path, *, colophon_on_even_page: bool = False) -> None:
    """Typeset, then save atomically: a failure leaves no new file and any old file untouched.

    ``colophon_on_even_page`` moves the 版记 to a page of its own, the next even one; it is
    implied after a landscape attachment.
    """
    document = build_docx(doc, colophon_on_even_page=colophon_on_even_page)
    write_atomic(Path(path), document.save)


# --- the shared base: everything but the body, built once per process ------------------------


@dataclass(frozen=True)
class _Base:
    """A blank GB/T 9704 document and its saved parts, as (zip member, bytes) in python-docx order.

    Opening python-docx's template and setting up styles, settings, page and footers costs
    more than typesetting a monthly notice, and its styles parts (some 800 KB of XML) dominate
    saving; every document shares them, so they are built and serialised once.
    """

    document: Any
    members: tuple[tuple[str, bytes], ...]
    footers: dict[str, FooterIds]


# Footer relationship ids by footer type (default = odd pages, even) for one kind of page.
FooterIds = dict[str, str]


@functools.lru_cache(maxsize=1)  # the one base of the process
def _base_document() -> _Base:
    """The base, from the cache folder when this code made it before, else built (and kept there).

    Opening a saved base costs a third of building one, which a single ``render notice`` feels.
    """
    from cgtask.render import base_cache

    saved = base_cache.read()
    if saved is not None:
        raw, footers = saved
        document = docx.Document(io.BytesIO(raw))
    else:
        document, footers = _build_base()
        buffer = io.BytesIO()
        document.save(buffer)
        raw = buffer.getvalue()
        base_cache.write(raw, footers)
    from cgtask.render.deflated import remember_zip

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        members = tuple(remember_zip(archive, raw))
    return _Base(document, members, footers)


def _build_base() -> tuple[Any, dict[str, FooterIds]]:
    """The base with three pairs of footers that sections pick by relationship id.

    Page numbers on portrait pages, page numbers turned onto the landscape page's side, and none (版记 page).
    """
    document = docx.Document()
    _set_up_styles(document)
    _set_up_settings(document)
    section = document.sections[0]
    _set_page(section, landscape=False)
    _add_page_number_footers(section)
    portrait_sectpr = copy.deepcopy(section._sectPr)
    landscape = document.add_section(WD_SECTION.NEW_PAGE)
    _set_page(landscape, landscape=True)
    _add_landscape_page_numbers(landscape)
    # read now: python-docx reuses the last section's w:sectPr for the next section
    footers = {"portrait": _footer_ids(portrait_sectpr), "landscape": _footer_ids(landscape._sectPr)}
    blank = document.add_section(WD_SECTION.NEW_PAGE)
    for footer in (blank.footer, blank.even_page_footer):
        footer.is_linked_to_previous = False
    footers["blank"] = _footer_ids(blank._sectPr)
    body = document.element.body
    for child in list(body):
        body.remove(child)
    body.append(portrait_sectpr)
    return document, footers


def _footer_ids(sectpr: Any) -> FooterIds:
    return {ref.get(qn("w:type")): ref.get(qn("r:id")) for ref in sectpr.findall(qn("w:footerReference"))}


def _use_footers(section: Any, ids: FooterIds) -> None:
    """Point a section at one of the base's footer pairs (header/footer references come first)."""
    sectpr = section._sectPr
    for ref in sectpr.findall(qn("w:footerReference")):
        sectpr.remove(ref)
    for kind, rid in ids.items():
        ref = OxmlElement("w:footerReference")
        ref.set(qn("w:type"), kind)
        ref.set(qn("r:id"), rid)
        sectpr.insert(0, ref)


def prepare_base() -> None:
    """Build the shared base now, e.g. before forking workers that will inherit it."""
    _base_document()


class _SharedBaseDocument(docx.document.Document):
    """A document whose body is its own and whose other parts are the base's."""

    def __init__(self, element: Any, base: _Base, properties: dict[str, bytes]) -> None:
        super().__init__(element, base.document.part)
        self._base = base
        self._properties = properties

    def footer_ids(self, kind: str) -> FooterIds:
        """The base's footers for ``portrait``, ``landscape`` or ``blank`` pages."""
        return self._base.footers[kind]

    def save(self, path_or_stream: Any) -> None:
        """Write the package as python-docx would, with this document's body as document.xml."""
        from cgtask.render.deflated import write_zip

        body = serialize_part_xml(self.element)
        own = {**self._properties, DOCUMENT_MEMBER: body}
        # The base's parts are the same bytes in every document: deflated once, copied after.
        members = [(name, own.get(name, data), name not in own) for name, data in self._base.members]
        if isinstance(path_or_stream, str | Path):
            with Path(path_or_stream).open("wb") as stream:
                write_zip(stream, members)
        else:
            write_zip(path_or_stream, members)


_CORE_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{office}</dc:creator>\
<cp:lastModifiedBy>{office}</cp:lastModifiedBy><cp:category>公文</cp:category>\
<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>\
<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>"""
_APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">\
<Application>cgtask</Application><Company>{office}</Company></Properties>"""


def _package_properties(doc: OfficialDocument) -> dict[str, bytes]:
    """DocProps of this document.

    Its title and 文号, the issuing office as author, its own date (python-docx's template would say
    "python-docx", 2013-12-23).
    """
    office = doc.colophon.office if doc.colophon is not None else doc.signature
    values = {
        "title": html.escape(doc.title.replace("\n", ""), quote=False),
        "subject": html.escape(doc.doc_number or "", quote=False),
        "office": html.escape(office, quote=False),
        "when": f"{doc.date.isoformat()}T00:00:00Z",
    }
    return {
        "docProps/core.xml": _CORE_XML.format(**values).encode("utf-8"),
        "docProps/app.xml": _APP_XML.format(**values).encode("utf-8"),
    }


# --- document-wide settings -------------------------------------------------------------


def _set_up_styles(document: Any) -> None:
    """Body defaults in docDefaults and Normal so every paragraph starts as 三号仿宋 on the grid."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _make_body_rpr(default_rpr)
    default_ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set_body_spacing(default_ppr)

    normal = document.styles["Normal"]
    _make_body_rpr(normal.element.get_or_add_rPr())
    set_character_spacing(normal.element.get_or_add_rPr(), TIGHTEN)
    normal_ppr = normal.element.get_or_add_pPr()
    _set_body_spacing(normal_ppr)
    # Widow control would move single lines and leave pages with 21 lines.
    normal.paragraph_format.widow_control = False


def _make_body_rpr(rpr: Any) -> None:
    set_fonts(rpr, FANGSONG)
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            rpr.insert_element_before(element, "w:highlight", "w:u", "w:lang", "w:eastAsianLayout")
        element.set(qn("w:val"), str(BODY_SIZE))
    set_east_asian_lang(rpr)


def _set_body_spacing(ppr: Any) -> None:
    spacing = ppr.get_or_add_spacing()
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(LINE))
    spacing.set(qn("w:lineRule"), "exact")


def _set_up_settings(document: Any) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _set_page(section: Any, *, landscape: bool) -> None:
    """A4 with the GB/T margins; a landscape page keeps the footer's distance from its bottom."""
    if landscape:
        # The sheet turned a quarter to the left: its top edge is the portrait page's 订口.
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Twips(PAGE_HEIGHT), Twips(PAGE_WIDTH)
        section.left_margin, section.right_margin = Twips(MARGIN_BOTTOM), Twips(MARGIN_TOP)
        section.top_margin, section.bottom_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
        # the footer holds only the anchor of the turned page number: keep it out of the 版心
        section.header_distance, section.footer_distance = Twips(HEADER_DISTANCE), Twips(LINE)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
        section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
        section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
        section.header_distance, section.footer_distance = Twips(HEADER_DISTANCE), Twips(FOOTER_DISTANCE)
    section.gutter = Twips(0)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        grid.set(qn("w:linePitch"), str(LINE))


def _add_page_number_footers(section: Any) -> None:
    """``— 1 —`` in 四号宋体: odd pages right, even pages left, each indented one character."""
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        _write_page_number(footer.paragraphs[0], alignment)


def _write_page_number(paragraph: Any, alignment: Any) -> None:
    paragraph.alignment = alignment
    indent = SMALL_CHAR if alignment == WD_ALIGN_PARAGRAPH.LEFT else 0
    set_metrics(paragraph, line=FOOTER_LINE, left=indent, right=SMALL_CHAR - indent)
    runs = [paragraph.add_run(f"{EM_DASH} ")]
    runs += add_field(paragraph, "PAGE", "1")
    runs.append(paragraph.add_run(f" {EM_DASH}"))
    for run in runs:
        style_run(run, SONGTI, SMALL_SIZE)


def _add_landscape_page_numbers(section: Any) -> None:
    """Page numbers where the portrait pages have them once the sheet is bound.

    GB/T 9704 10.3: 单页码表头在订口一边.

    Along the landscape page's left edge, 7 mm outside the 版心, the text turned a quarter clockwise — odd
    numbers near the bottom corner, even near the top.
    """
    for footer, alignment, box_id in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, 901),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, 902),
    ):
        footer.is_linked_to_previous = False
        anchor = footer.paragraphs[0]
        set_metrics(anchor, line=20)
        place = Box(
            left=MARGIN_BOTTOM - 2 * FOOTER_LINE,  # the portrait number line, 7 mm below the 版心
            top=MARGIN_LEFT,  # spanning the 版心 as on a portrait page
            width=FOOTER_LINE,
            height=TEXT_WIDTH,
        )
        box = add_text_box(anchor, place, vertical=True, box_id=box_id)
        paragraph = docx.text.paragraph.Paragraph(OxmlElement("w:p"), footer)
        box.append(paragraph._p)
        _write_page_number(paragraph, alignment)


# --- 版头 and 主体 -------------------------------------------------------------------------


def _body_paragraph(document: Any, *, keep_with_next: bool | None = None) -> Any:
    paragraph = document.add_paragraph()
    format_paragraph(
        paragraph,
        WD_ALIGN_PARAGRAPH.JUSTIFY,
        line=LINE,
        spacing=Spacing(first_line=2 * CHAR),
        keep_with_next=keep_with_next,
    )
    return paragraph


def _blank(document: Any, *, keep_with_next: bool = False) -> Any:
    """An empty body line: a copy of one made once, as styling its mark costs more than the copy."""
    p = copy.deepcopy(_blank_paragraph(keep_with_next))
    document.element.body._insert_p(p)  # where add_paragraph puts a paragraph: before the w:sectPr
    return docx.text.paragraph.Paragraph(p, document._body)


@functools.lru_cache(maxsize=2)  # kept with the next or not
def _blank_paragraph(keep_with_next: bool) -> Any:
    paragraph = docx.text.paragraph.Paragraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]
    format_paragraph(paragraph, line=LINE, keep_with_next=keep_with_next or None)
    style_paragraph_mark(paragraph, FANGSONG, BODY_SIZE)
    return paragraph._p


def _centred(document: Any, text: str, font: str, size: int, color: str | None = None) -> Any:
    paragraph = document.add_paragraph()
    format_paragraph(paragraph, WD_ALIGN_PARAGRAPH.CENTER, line=LINE)
    add_styled_run(paragraph, text, font, size, color)
    return paragraph


def _mark_size(mark: str) -> int:
    """Largest 小标宋 size (half-points, at most 初号 42 pt) that keeps the mark within 156 mm."""
    fitting = int(TEXT_WIDTH / 20 * 2 * 0.95 / max(len(mark), 1))
    return min(84, fitting)


def _write_masthead(document: Any, mark: str, doc_number: str | None) -> None:
    size = _mark_size(mark)
    line = size * 10 * 5 // 4  # exact line a quarter taller than the glyphs so nothing is clipped
    paragraph = document.add_paragraph()
    format_paragraph(
        paragraph,
        WD_ALIGN_PARAGRAPH.CENTER,
        line=line,
        spacing=Spacing(before=MARK_OFFSET - (line - size * 10) // 2),
    )
    add_styled_run(paragraph, mark, XIAOBIAOSONG, size, RED)
    _blank(document)
    _blank(document)
    number = _centred(document, doc_number or "", FANGSONG, BODY_SIZE)
    add_border(number, "bottom", 12, RED, space_pt=RULE_GAP_PT)
    _blank(document)
    _blank(document)


def _write_title(document: Any, title: str) -> Any:
    """Centred 二号小标宋; a long title in lines of whole words (see :mod:`.title_lines`)."""
    paragraph = document.add_paragraph()
    format_paragraph(paragraph, WD_ALIGN_PARAGRAPH.CENTER, line=LINE, keep_with_next=True)
    for i, line in enumerate(break_title(title, TITLE_CHARS)):
        add_styled_text(paragraph, line, XIAOBIAOSONG, TITLE_SIZE, after_break=i > 0)
    return paragraph


def _write_addressee(document: Any, addressee: str) -> None:
    text = addressee.rstrip().rstrip(":：") + "："
    paragraph = document.add_paragraph()
    format_paragraph(paragraph, WD_ALIGN_PARAGRAPH.JUSTIFY, line=LINE)
    add_styled_run(paragraph, text, FANGSONG, BODY_SIZE)


def _write_blocks(document: Any, blocks: list[Block]) -> None:
    for block in blocks:
        if isinstance(block, Table):
            _tables.write_table(document, block)
        elif isinstance(block, Heading):
            level = heading_level(block.text) or 3
            paragraph = _body_paragraph(document, keep_with_next=True)  # never the last line of a page
            add_styled_run(paragraph, block.text.strip(), HEADING_FONTS[level], BODY_SIZE)
        else:
            _write_paragraph(document, block)


def _write_paragraph(document: Any, block: Paragraph) -> None:
    """One paragraph per text line; the run-in heading, in its level's font, leads the first."""
    for i, line in enumerate(block.text.split("\n")):
        paragraph = _body_paragraph(document)
        if i == 0 and block.heading is not None:
            level = heading_level(block.heading) or 3
            add_styled_run(paragraph, block.heading, HEADING_FONTS[level], BODY_SIZE)
        if line:
            add_styled_run(paragraph, line, FANGSONG, BODY_SIZE)


def _write_enclosure(document: Any, enclosure: Enclosure, attachments: list[Attachment]) -> None:
    """The issued document from a new page: its title (二号小标宋), a blank line, its body, its 附件说明."""
    title = _write_title(document, enclosure.title)
    title.paragraph_format.page_break_before = True
    _blank(document)
    _write_blocks(document, enclosure.body)
    _keep_last_paragraph_with_next(document)
    _write_attachment_note(document, attachments)


def _keep_last_paragraph_with_next(document: Any) -> None:
    """The text's last paragraph goes with the 附件说明 and 落款: a 落款 never stands alone (7.3.5.4)."""
    if document.paragraphs:
        document.paragraphs[-1].paragraph_format.keep_with_next = True


def _write_attachment_note(document: Any, attachments: list[Attachment]) -> None:
    """``附件：名称``, or ``附件：1. 名称`` with the later names aligned under the first."""
    if not attachments:
        return
    _blank(document, keep_with_next=True)
    names = [a.title.replace("\n", "") for a in attachments]
    if len(names) == 1:
        lone = attachments[0].label  # 附件, or 附件1 where the document was issued so
        paragraph = _body_paragraph(document, keep_with_next=True)
        hang = round(display_width(f"{lone}：") * CHAR)  # a wrapped name lines up after “附件1：”
        set_metrics(paragraph, line=LINE, first_line=-hang, left=2 * CHAR + hang)
        add_styled_run(paragraph, f"{lone}：{names[0]}", FANGSONG, BODY_SIZE)
        return
    label = 3 * CHAR  # “附件：”
    number = (len(str(len(names))) + 2) * CHAR // 2  # “1. ” in half-width characters
    for i, name in enumerate(names, start=1):
        paragraph = _body_paragraph(document, keep_with_next=True)
        prefix_width = number + (label if i == 1 else 0)
        set_metrics(paragraph, line=LINE, first_line=-prefix_width, left=2 * CHAR + label + number)
        prefix = "附件：" if i == 1 else ""
        add_styled_run(paragraph, f"{prefix}{i}. {name}", FANGSONG, BODY_SIZE)


def _text_width_in_chars(text: str) -> float:
    return display_width(text)


@dataclass(frozen=True)
class SignaturePlace:
    """Where the 署名 and the 成文日期 start, in characters from the 版心's left edge."""

    signature: float
    date: float


def signature_place(signature: str, date_text: str, *, sealed: bool) -> SignaturePlace:
    """落款 geometry of GB/T 9704 7.3.5 from the lengths of the 署名 and the date.

    Unsealed: the 署名 ends 2 字 from the right and the date starts 2 字 right of the 署名's
    start; a date too long for that ends 2 字 from the right and pushes the 署名 left.
    Sealed: the date ends 4 字 from the right and the 署名 is centred over it.
    """
    width_sig, width_date = display_width(signature), display_width(date_text)
    if sealed:
        date_start = LINE_CHARS - 4 - width_date
        return SignaturePlace(date_start + (width_date - width_sig) / 2, date_start)
    signature_start = LINE_CHARS - 2 - width_sig
    if signature_start + 2 + width_date > LINE_CHARS - 2:
        date_start = LINE_CHARS - 2 - width_date
        return SignaturePlace(date_start - 2, date_start)
    return SignaturePlace(signature_start, signature_start + 2)


def _write_signature(document: Any, doc: OfficialDocument) -> None:
    """落款 placed by left indents (see :func:`signature_place`), kept with the text above it (7.3.5.4).

    Where each line starts then does not depend on how wide the font draws digits.
    """
    _blank(document, keep_with_next=True)
    if doc.sealed:  # room for the seal, whose top stays within a line of the text
        _blank(document, keep_with_next=True)
    date_text = format_cn_date(doc.date)
    place = signature_place(doc.signature, date_text, sealed=doc.sealed)
    lines = ((doc.signature, place.signature), (date_text, place.date))
    for i, (text, start) in enumerate(lines):
        paragraph = document.add_paragraph()
        keep = i == 0 or doc.note is not None
        format_paragraph(
            paragraph,
            WD_ALIGN_PARAGRAPH.LEFT,
            line=LINE,
            spacing=Spacing(left=round(start * CHAR_PITCH)),
            keep_with_next=keep,
        )
        add_styled_run(paragraph, text, FANGSONG, BODY_SIZE)
    if doc.note is not None:
        note = doc.note.strip()
        if not note.startswith(("（", "(")):
            note = f"（{note}）"
        add_styled_run(_body_paragraph(document), note, FANGSONG, BODY_SIZE)


# --- 附件 and 版记 -------------------------------------------------------------------------


def _attachment_label(attachment: Attachment, attachments: list[Attachment]) -> str:
    """The label as given, matching its 附件说明.

    A lone attachment is ``附件`` (7.3.4) unless its document was issued with ``附件1`` (宝城执〔2022〕3号),
    which a copy of that document keeps.
    """
    return attachment.label


def _write_attachment(document: Any, attachment: Attachment, label_text: str) -> None:
    """New page (a new section when landscape); label on line 1, title centred on line 3.

    Label, title and the blank lines keep with the first row of what follows, so a page never
    ends on an attachment's title.
    """
    landscape = attachment.landscape
    if landscape or _last_section_is_landscape(document):
        section = document.add_section(WD_SECTION.NEW_PAGE)
        _set_page(section, landscape=landscape)
        _use_footers(section, document.footer_ids("landscape" if landscape else "portrait"))
        label = document.add_paragraph()
    else:
        label = document.add_paragraph()
        label.paragraph_format.page_break_before = True
    format_paragraph(label, line=LINE, keep_with_next=True)
    add_styled_run(label, label_text, HEITI, BODY_SIZE)
    _blank(document, keep_with_next=True)
    _write_title(document, attachment.title.replace("\n", ""))  # kept with the next
    _blank(document, keep_with_next=True)
    _write_blocks(document, attachment.blocks)


def _last_section_is_landscape(document: Any) -> bool:
    # The last section's properties are the body's own w:sectPr; ``document.sections`` would
    # search every paragraph of the body for the others.
    return bool(document.element.body.sectPr.orientation == WD_ORIENT.LANDSCAPE)


def _write_colophon(document: Any, colophon: Colophon, *, own_page: bool) -> None:
    """版记 at the foot of the last page: thick rule, 抄送, thin rule, 印发, thick rule (8/6/8).

    Each line is a frame placed from the bottom of the 版心 upwards, so the last rule sits on
    the 版心's bottom edge.  ``（共印N份）``, when given, takes the last line below that rule, as
    the bureau's issued documents do.  A wrapped 抄送 is measured by character count.
    """
    if own_page or _last_section_is_landscape(document):
        # 封四: the next even page, LibreOffice and Word inserting a blank page when needed;
        # neither the blank page nor the 版记 page carries a page number (GB/T 9704 7.5).
        section = document.add_section(WD_SECTION.EVEN_PAGE)
        _set_page(section, landscape=False)
        _use_footers(section, document.footer_ids("blank"))
    lines_below = 1 if colophon.copies is not None else 0
    printed_top = TEXT_HEIGHT - (lines_below + 1) * LINE
    if colophon.cc is not None:
        cc_text = "抄送：" + colophon.cc.strip().rstrip("。") + "。"
        cc_lines = math.ceil(_text_width_in_chars(cc_text) / COLOPHON_CHARS_PER_LINE)
        cc = _colophon_paragraph(document, printed_top - cc_lines * LINE - RULE_ALLOWANCE)
        set_metrics(cc, line=LINE, first_line=-3 * SMALL_CHAR, left=4 * SMALL_CHAR, right=SMALL_CHAR)
        add_styled_run(cc, cc_text, FANGSONG, SMALL_SIZE)
        add_border(cc, "top", 8, BLACK, space_pt=0)
        add_border(cc, "bottom", 6, BLACK, space_pt=0)
    printed = _colophon_paragraph(document, printed_top)
    if colophon.cc is None:
        add_border(printed, "top", 8, BLACK, space_pt=0)
    printed.paragraph_format.tab_stops.add_tab_stop(Twips(TEXT_WIDTH - SMALL_CHAR), WD_TAB_ALIGNMENT.RIGHT)
    text = f"{colophon.office}\t{format_cn_date(colophon.print_date)}印发"
    add_styled_run(printed, text, FANGSONG, SMALL_SIZE)
    add_border(printed, "bottom", 8, BLACK, space_pt=0)
    if colophon.copies is not None:
        copies = _colophon_paragraph(document, TEXT_HEIGHT - LINE)
        copies.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_styled_run(copies, f"（共印{colophon.copies}份）", FANGSONG, SMALL_SIZE)
    # LibreOffice drops the position of a frame that directly follows another frame and a
    # table unless an ordinary paragraph comes after them; 1 pt high, it never adds a page.
    format_paragraph(document.add_paragraph(), line=20)


def _colophon_paragraph(document: Any, top: int) -> Any:
    paragraph = document.add_paragraph()
    format_paragraph(paragraph, line=LINE, spacing=Spacing(left=SMALL_CHAR, right=SMALL_CHAR))
    frame_at(paragraph, TEXT_WIDTH, top)
    return paragraph

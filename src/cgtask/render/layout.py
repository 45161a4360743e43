"""The neutral structure of an official document (公文), independent of Word.

Templates and the registry build these plain dataclasses; ``gbt9704`` turns them
into a GB/T 9704-2012 .docx.  Nothing here imports python-docx, so building and
validating a document is cheap and testable on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from cgtask.errors import RenderError
from cgtask.support.text import describe_char, xml_illegal_chars
from cgtask.support.words import chinese_date

# Heading numbering of GB/T 9704 7.3.3, in level order.  Half-width brackets are
# accepted too because pasted text often carries them (the seed has “(二)”).
_CN_NUMERAL = "[一二三四五六七八九十百零〇]+"
_HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(f"^{_CN_NUMERAL}、")),
    (2, re.compile(f"^[（(]{_CN_NUMERAL}[）)]")),
    (3, re.compile(r"^\d+[.．](?!\d)")),
    (4, re.compile(r"^[（(]\d+[）)]")),
)

DOC_NUMBER_PATTERN = re.compile(r"〔\d{4}〕[1-9]\d*号$")
ATTACHMENT_LABEL_PATTERN = re.compile(r"^附件([1-9]\d*)?$")
ALIGNMENTS = ("left", "center", "right")

# 版心 widths in mm (GB/T 9704 5.2.2); a landscape page turns the 版心 on its side.
TEXT_WIDTH_MM = 156.0
LANDSCAPE_TEXT_WIDTH_MM = 234.0


format_cn_date = chinese_date  # 成文日期 form: Arabic numerals, full year, no leading zeros


def heading_level(text: str) -> int | None:
    """Level 1–4 from the heading's numbering (一、 （一） 1. （1）), or None for plain text."""
    stripped = text.lstrip()
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(stripped):
            return level
    return None


@dataclass
class Paragraph:
    """A body paragraph; ``heading`` is an optional run-in heading such as ``（一）坚持问题导向。``."""

    text: str
    heading: str | None = None


@dataclass
class Heading:
    """A heading on a line of its own; its level (and font) follows from its numbering."""

    text: str

    @property
    def level(self) -> int | None:
        """The heading's level, read from its numbering (一、 （一） 1. （1）), or None for plain text."""
        return heading_level(self.text)


@dataclass
class Column:
    """One table column: header text, width in mm and the alignment of its cells."""

    title: str
    width_mm: float
    align: str = "left"


@dataclass
class Table:
    """Rows of plain text; equal neighbouring cells of ``merge_column`` are merged downwards.

    ``merge_along`` names columns merged over the same rows (a category's 序号 beside its 目录).
    """

    columns: list[Column]
    rows: list[list[str]]
    merge_column: int | None = 0
    landscape: bool = False
    font_size_pt: float = 12
    merge_along: tuple[int, ...] = ()


Block = Paragraph | Heading | Table


@dataclass
class Attachment:
    """An attachment (附件) that starts on a new page; ``label`` is ``附件`` or ``附件1``."""

    label: str
    title: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def landscape(self) -> bool:
        """Whether any table of the section is set on landscape pages."""
        return any(isinstance(block, Table) and block.landscape for block in self.blocks)


@dataclass
class Enclosure:
    """The document a 印发通知 issues, set after the notice's 落款 from a new page under its own title.

    Its body ends with the 附件说明 (the issued document's attachments, as in 宝城执〔2022〕3号: the
    notice is signed and dated, then the 方案 follows with its title, its text and 附件1).
    """

    title: str
    body: list[Block] = field(default_factory=list)


@dataclass
class Colophon:
    """版记: 抄送 (optional), the issuing office, the 印发 date and the number of copies."""

    cc: str | None
    office: str
    print_date: date
    copies: int | None = None


@dataclass
class OfficialDocument:
    """A complete 公文; constructing one validates it (see :func:`validate_document`)."""

    title: str
    body: list[Block]
    signature: str
    date: date
    issuer_mark: str | None = None
    doc_number: str | None = None
    addressee: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    colophon: Colophon | None = None
    note: str | None = None
    enclosure: Enclosure | None = None  # the document issued by this notice, after its 落款
    # 加盖印章: the date right-indented 4 字 with the 署名 centred over it (GB/T 9704 7.3.5.1);
    # unsealed, the 署名 right-indented 2 字 and the date 2 字 right of its start (7.3.5.2).
    sealed: bool = False

    def __post_init__(self) -> None:
        validate_document(self)


def validate_document(doc: OfficialDocument) -> None:
    """Raise one RenderError listing every problem, each naming its field and an excerpt."""
    problems = list(_document_problems(doc))
    if problems:
        raise RenderError("公文内容有误，无法排版：\n" + "\n".join(f"  {p}" for p in problems))


def _excerpt(text: str, limit: int = 20) -> str:
    clean = "".join(ch if not xml_illegal_chars(ch) else "�" for ch in text)
    return clean if len(clean) <= limit else clean[:limit] + "…"


def _document_problems(doc: OfficialDocument) -> Iterator[str]:
    for name, text in _named_texts(doc):
        bad = xml_illegal_chars(text)
        if bad:
            chars = "、".join(sorted({describe_char(ch) for _, ch in bad}))
            yield f"{name}：含有无法写入文档的字符 {chars}（“{_excerpt(text)}”）"
    for name, text in (("title", doc.title), ("signature", doc.signature)):
        if not text.strip():
            yield f"{name}：不能为空"
    if doc.doc_number is not None and not DOC_NUMBER_PATTERN.search(doc.doc_number):
        yield (
            f"doc_number：发文字号“{_excerpt(doc.doc_number)}”格式不对，"
            "应以〔年份〕序号号结尾，如 宝城执〔2022〕3号（六角括号，年份写全，序号不编虚位、不加“第”）"
        )
    yield from _block_problems("body", doc.body, allow_landscape=False)
    if doc.enclosure is not None:
        if not doc.enclosure.title.strip():
            yield "enclosure.title：所印发文件的标题不能为空"
        yield from _block_problems("enclosure.body", doc.enclosure.body, allow_landscape=False)
    yield from _attachment_problems(doc.attachments)
    if doc.colophon is not None:
        yield from _colophon_problems(doc.colophon)


def _named_texts(doc: OfficialDocument) -> Iterator[tuple[str, str]]:
    """Every user text with a field path such as ``attachments[0].blocks[2].rows[1][3]``."""
    for name in ("title", "signature", "issuer_mark", "doc_number", "addressee", "note"):
        value = getattr(doc, name)
        if value is not None:
            yield name, value
    yield from _block_texts("body", doc.body)
    if doc.enclosure is not None:
        yield "enclosure.title", doc.enclosure.title
        yield from _block_texts("enclosure.body", doc.enclosure.body)
    for i, attachment in enumerate(doc.attachments):
        yield f"attachments[{i}].label", attachment.label
        yield f"attachments[{i}].title", attachment.title
        yield from _block_texts(f"attachments[{i}].blocks", attachment.blocks)
    if doc.colophon is not None:
        if doc.colophon.cc is not None:
            yield "colophon.cc", doc.colophon.cc
        yield "colophon.office", doc.colophon.office


def _block_texts(prefix: str, blocks: list[Block]) -> Iterator[tuple[str, str]]:
    for i, block in enumerate(blocks):
        where = f"{prefix}[{i}]"
        if isinstance(block, Paragraph):
            if block.heading is not None:
                yield f"{where}.heading", block.heading
            yield f"{where}.text", block.text
        elif isinstance(block, Heading):
            yield f"{where}.text", block.text
        else:
            for c, column in enumerate(block.columns):
                yield f"{where}.columns[{c}].title", column.title
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    yield f"{where}.rows[{r}][{c}]", cell


def _block_problems(prefix: str, blocks: list[Block], *, allow_landscape: bool) -> Iterator[str]:
    for i, block in enumerate(blocks):
        where = f"{prefix}[{i}]"
        if isinstance(block, Heading) and block.level is None:
            yield f"{where}：标题“{_excerpt(block.text)}”没有可识别的序号（一、 （一） 1. （1））"
        elif (
            isinstance(block, Paragraph)
            and block.heading is not None
            and heading_level(block.heading) is None
        ):
            yield f"{where}.heading：段首标题“{_excerpt(block.heading)}”没有可识别的序号"
        elif isinstance(block, Table):
            yield from _table_problems(where, block, allow_landscape=allow_landscape)


def _table_problems(where: str, table: Table, *, allow_landscape: bool) -> Iterator[str]:
    if not table.columns:
        yield f"{where}：表格没有列"
        return
    if table.landscape and not allow_landscape:
        yield f"{where}：正文中的表格不能横排，请把横排表格放入附件"
    yield from _cell_problems(where, table)
    yield from _column_problems(where, table)
    limit = LANDSCAPE_TEXT_WIDTH_MM if table.landscape else TEXT_WIDTH_MM
    total = sum(column.width_mm for column in table.columns)
    if total > limit + 0.5:
        yield f"{where}：各列宽合计 {total:g} 毫米，超过版心宽度 {limit:g} 毫米"
    if not 5 <= table.font_size_pt <= 16:
        yield f"{where}.font_size_pt：表格字号 {table.font_size_pt:g} 磅不在 5–16 磅之间"


def _cell_problems(where: str, table: Table) -> Iterator[str]:
    """Rows whose cells do not match the header, and merges naming a column that does not exist."""
    for r, row in enumerate(table.rows):
        if len(row) != len(table.columns):
            yield f"{where}.rows[{r}]：有 {len(row)} 个单元格，表头有 {len(table.columns)} 列"
    if table.merge_column is not None and not 0 <= table.merge_column < len(table.columns):
        yield f"{where}.merge_column：第 {table.merge_column} 列不存在"
    for index in table.merge_along:
        if not 0 <= index < len(table.columns):
            yield f"{where}.merge_along：第 {index} 列不存在"


def _column_problems(where: str, table: Table) -> Iterator[str]:
    """Columns with an unknown alignment or no width."""
    for c, column in enumerate(table.columns):
        if column.align not in ALIGNMENTS:
            yield f"{where}.columns[{c}].align：应为 left、center 或 right，而不是“{column.align}”"
        if column.width_mm <= 0:
            yield f"{where}.columns[{c}].width_mm：列宽必须大于 0"


def _attachment_problems(attachments: list[Attachment]) -> Iterator[str]:
    for i, attachment in enumerate(attachments):
        where = f"attachments[{i}]"
        match = ATTACHMENT_LABEL_PATTERN.match(attachment.label)
        if match is None:
            yield f"{where}.label：附件标识应为“附件”或“附件1”这样的形式，而不是“{_excerpt(attachment.label)}”"
        elif len(attachments) == 1 and match.group(1) not in (None, "1"):
            yield f"{where}.label：只有一个附件时应标为“附件”"
        elif len(attachments) > 1 and match.group(1) != str(i + 1):
            yield f"{where}.label：多个附件应依次标为“附件1”“附件2”…，此处应为“附件{i + 1}”"
        if not attachment.title.strip():
            yield f"{where}.title：附件名称不能为空"
        yield from _block_problems(f"{where}.blocks", attachment.blocks, allow_landscape=True)


def _colophon_problems(colophon: Colophon) -> Iterator[str]:
    if not colophon.office.strip():
        yield "colophon.office：印发机关不能为空"
    if colophon.copies is not None and colophon.copies < 1:
        yield "colophon.copies：印发份数必须是正整数"

"""What official documents share: the header, wording templates, the signer's 落款 and 版记, column widths.

Wording comes from Jinja templates (see :mod:`cgtask.render.templates` for the search path);
the structure — 版头, tables, 版记 — is built from the registry.  Issuing data the registry
lacks (文号, 成文日期, 主送, 抄送) come from :class:`~cgtask.official.issue.IssueOptions`; whatever is still missing is
one RenderError naming every field, never a blank in an official document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from cgtask.errors import RenderError, param
from cgtask.models.data import (
    HeaderData,
    SupervisionPlanData,
    TaskBreakdownData,
)
from cgtask.official.issue import IssueOptions
from cgtask.registry.view import Registry
from cgtask.render.environment import make_environment, parse_blocks, render_template
from cgtask.render.layout import (
    Attachment,
    Block,
    Colophon,
    OfficialDocument,
    Table,
)
from cgtask.render.templates import template_search_path
from cgtask.support import words
from cgtask.support.text import describe_char, xml_illegal_chars

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment


TITLE_PREFIX = "标题："
TABLE_CHAR_MM = 12 * 25.4 / 72  # one 小四 (12 pt) character
CELL_PADDING_MM = 5.0  # Word's default cell margins (1.9 mm a side) and a little air
DOC_KIND_LABELS = words.DOC_KIND_LABELS


# --- shared helpers -------------------------------------------------------------------------------


def header_date(value: str | None) -> date | None:
    """An ISO date from the header, or None when it was left empty."""
    return date.fromisoformat(value) if value else None


def require_fields(values: Mapping[str, object | None], notes: Mapping[str, str] | None = None) -> None:
    """One error listing every missing issuing field with where to supply it, and a note on some."""
    missing = [name for name, value in values.items() if value in (None, "")]
    if missing:
        said = "".join(f"；{(notes or {})[name]}" for name in missing if name in (notes or {}))
        raise RenderError("缺少发文信息，无法生成公文：" + "、".join(missing) + said)


def check_xml_text(pairs: Iterable[tuple[str, str | None]]) -> None:
    """Name the registry item and field of any text XML cannot hold (before typesetting)."""
    problems = []
    for where, text in pairs:
        bad = xml_illegal_chars(text or "")
        if bad:
            chars = "、".join(sorted({describe_char(ch) for _, ch in bad}))
            problems.append(f"  {where}：含有无法写入文档的字符 {chars}")
    if problems:
        raise RenderError("登记册中有无法写入 Word 文档的字符，请删除后重试：\n" + "\n".join(problems))


def wording_environment(registry: Registry, options: IssueOptions) -> SandboxedEnvironment:
    """The sandboxed template environment for the wording, with the user's templates first."""
    return make_environment(template_search_path(options.templates, Path(registry.data["root"])))


def wording_blocks(
    registry: Registry, options: IssueOptions, name: str, context: dict[str, object]
) -> list[Block]:
    """The paragraphs of a wording template (notice.txt.j2 …), with the bureau's name in ``bureau``."""
    bureau = registry.data["organization"]["bureau"]["name"]
    text = render_template(wording_environment(registry, options), name, {"bureau": bureau, **context})
    return list(parse_blocks(text))


def fit_widths(
    titles: list[str], cells: list[list[str]], total_mm: float, caps: list[float | None]
) -> list[float]:
    """Column widths from the longest line of each column and its title (capped).

    Short columns such as 牵头部门 thus do not wrap; what is left goes to the uncapped columns in
    equal shares.
    """
    widths: list[float] = []
    for c, cap in enumerate(caps):
        lines = [titles[c], *(line for row in cells for line in row[c].split("\n"))]
        longest = max(len(line) for line in lines)
        needed = longest * TABLE_CHAR_MM + CELL_PADDING_MM
        widths.append(min(needed, cap) if cap is not None else 0.0)
    flexible = [c for c, cap in enumerate(caps) if cap is None]
    share = (total_mm - sum(widths)) / max(len(flexible), 1)
    for c in flexible:
        widths[c] = share
    return [round(w, 1) for w in widths]


def colophon(header: HeaderData, office: str, when: date, cc: str | None) -> Colophon:
    """The colophon: cc, who printed it (the office unless the header says otherwise), when and copies."""
    printed = header_date(header["print_date"]) or when
    return Colophon(cc, header["printed_by"] or office, printed, header["copies"])


def header_texts(doc_id: str, header: HeaderData) -> Iterator[tuple[str, str | None]]:
    """Each header text labelled with where it comes from, so a check can name the field."""
    for key in ("title", "addressee", "cc", "signature", "doc_number", "issuer_mark", "printed_by"):
        yield f"{doc_id} header.{key}", header[key]


# --- 关于印发《任务分解表》的通知 ----------------------------------------------------------------


def titled_wording(
    root: Path, options: IssueOptions, name: str, wording: Mapping[str, object]
) -> tuple[str, str]:
    """The title and the text of the wording template ``name``: the user's templates, then ``root``'s."""
    env = make_environment(template_search_path(options.templates, root))
    return split_title(render_template(env, name, wording))


class Signed(TypedDict):
    """What a document issued in its signer's own name takes from the signer and the issuing data."""

    signature: str
    date: date
    issuer_mark: str | None
    doc_number: str | None
    colophon: Colophon


def signed_by(signer: str, issued: date, options: IssueOptions, issuer_mark: str | None = None) -> Signed:
    """署名 and 版记 in ``signer``'s name, dated ``issued``, with the 文号 given and the 抄送.

    The 发文机关标志 (``issuer_mark``) heads only a document given a 文号: without one it is no 文件.
    """
    mark = issuer_mark if options.number else None
    colophon = Colophon(options.cc, signer, issued, None)
    return Signed(
        signature=signer, date=issued, issuer_mark=mark, doc_number=options.number, colophon=colophon
    )


def split_title(text: str) -> tuple[str, str]:
    """A template's first line ``标题：…`` is the document title; the rest is the body."""
    first, _, rest = text.lstrip().partition("\n")
    if not first.startswith(TITLE_PREFIX) or not first[len(TITLE_PREFIX) :].strip():
        raise RenderError(f"模板的第一行应为“{TITLE_PREFIX}公文标题”")
    return first[len(TITLE_PREFIX) :].strip(), rest


def table_notice(
    registry: Registry,
    document: TaskBreakdownData,
    options: IssueOptions,
    wording: str,
    texts: Iterable[tuple[str, str | None]],
    table: Callable[[TaskBreakdownData], Table],
) -> OfficialDocument:
    """关于印发《…》的通知 whose one 附件 is the document's own table: its ``texts`` checked first."""
    check_xml_text(texts)
    attachment = Attachment("附件", document["title"], [table(document)])
    return issuing_notice(registry, document, options, wording, attachment)


def issuing_notice(
    registry: Registry,
    document: TaskBreakdownData | SupervisionPlanData,
    options: IssueOptions,
    wording: str,
    attachment: Attachment,
) -> OfficialDocument:
    """关于印发《…》的通知 in the ``wording`` template's words, with one 附件: issuing data from header or options.

    The template names the document ``table_title`` (notice.txt.j2) or ``plan_title`` (plan.txt.j2).
    """
    title = document["title"]
    context: dict[str, object] = {"table_title": title, "plan_title": title, "year": document["year"]}
    body = wording_blocks(registry, options, wording, context)
    header = document["header"]
    bureau = registry.data["organization"]["bureau"]
    number = None if options.no_number else options.number or header["doc_number"]
    issued = options.date or header_date(header["date"])
    addressee = options.to or header["addressee"]
    required: dict[str, object | None] = {
        f"成文日期（{param('date')}）": issued,
        f"主送机关（{param('to')}）": addressee,
    }
    numbered = f"发文字号（{param('number')}）"
    if not options.no_number:
        required = {numbered: number, **required}
    require_fields(required, {numbered: f"原文没有发文字号时用 {param('no_number')}，不编造文号"})
    assert issued is not None  # for mypy: require_fields has checked
    signature = header["signature"] or header["issuer"] or bureau["name"]
    return OfficialDocument(
        title=header["title"] or f"关于印发《{document['title']}》的通知",
        body=body,
        signature=signature,
        date=issued,
        issuer_mark=header["issuer_mark"] or bureau["issuer_mark"],
        doc_number=number,
        addressee=addressee,
        attachments=[attachment],
        colophon=colophon(header, signature, issued, options.cc or header["cc"]),
    )

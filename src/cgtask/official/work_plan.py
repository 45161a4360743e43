"""A work plan (工作总结和工作计划) as issued: the 印发 notice with the summary and the plan as its body.

As in :func:`cgtask.official.supervision_plan.supervision_plan_document`, the issued text follows the notice sentence in the
body and the 署名 closes the whole: 版头 (红头 and 文号 only where the document has them — 普陀 has
a 文号 and no 红头, 长宁 neither), title, 主送, the notice sentence, then each part's title, its
导语, its 一、 sections and （一） items (run in or on their own line, as recorded), its 结语; then the
signature, the date and the 版记.  Missing issuing data is one RenderError naming every field.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cgtask.errors import param
from cgtask.models.data import PlanItemData, PlanPartData, PlanSectionData, WorkPlanData
from cgtask.official.common import check_xml_text, header_date, require_fields
from cgtask.official.issue import IssueOptions
from cgtask.registry.view import Registry
from cgtask.render.environment import make_environment, parse_blocks, render_template
from cgtask.render.layout import Block, Colophon, Heading, OfficialDocument, Paragraph
from cgtask.render.templates import template_search_path

SENTENCE_ENDS = ("。", "！", "？", "；", "：", ".", "!", "?")


def summary_document(
    registry: Registry, doc_id: str, options: IssueOptions | None = None
) -> OfficialDocument:
    """The work plan ``doc_id`` as its bureau issued it, in GB/T 9704 form."""
    options = options or IssueOptions()
    document = registry.work_plan(doc_id)
    header = document["header"]
    check_xml_text(_texts(document))
    issued = options.date or header_date(header["date"])
    addressee = options.to or header["addressee"]
    signature = header["signature"] or header["issuer"]
    require_fields(
        {
            f"成文日期（header.date 或 {param('date')}）": issued,
            f"主送机关（header.addressee 或 {param('to')}）": addressee,
            "署名（header.signature 或 header.issuer）": signature,
        }
    )
    assert issued is not None  # for mypy: require_fields has checked
    assert signature is not None
    body = _notice_blocks(registry, document, options) + work_plan_blocks(document)
    printed = header_date(header["print_date"]) or issued
    return OfficialDocument(
        title=header["title"] or f"关于印发《{document['title']}》的通知",
        body=body,
        signature=signature,
        date=issued,
        issuer_mark=header["issuer_mark"],
        doc_number=None if options.no_number else options.number or header["doc_number"],
        addressee=addressee,
        colophon=Colophon(
            options.cc or header["cc"], header["printed_by"] or signature, printed, header["copies"]
        ),
    )


def _notice_blocks(registry: Registry, document: WorkPlanData, options: IssueOptions) -> list[Block]:
    """The notice sentence: the recorded one, or the template's wording when none was recorded."""
    env = make_environment(template_search_path(options.templates, Path(registry.data["root"])))
    context = {
        "notice": document["notice"],
        "doc_title": document["title"],
        "year": document["year"],
        "issuer": document["header"]["issuer"] or "",
    }
    return list(parse_blocks(render_template(env, "summary.txt.j2", context)))


def work_plan_blocks(document: WorkPlanData) -> list[Block]:
    """The summary, then the plan: part title, 导语, sections and items, 结语 — text as recorded."""
    return [*_part_blocks(document["summary"]), *_part_blocks(document["plan"])]


def _part_blocks(part: PlanPartData) -> Iterator[Block]:
    # The layout has no centred sub-title, so a part's title (2021年工作总结) stands as a line of text.
    yield Paragraph(part["title"])
    if part["intro"]:
        yield Paragraph(part["intro"])
    for section in part["sections"]:
        yield from _section_blocks(section)
    for item in part["items"]:
        yield from _item_blocks(item)
    if part["closing"]:
        yield Paragraph(part["closing"])


def _section_blocks(section: PlanSectionData) -> Iterator[Block]:
    yield Heading(f"{section['numbering']}{section['heading']}")
    if section["text"]:
        yield Paragraph(section["text"])
    for item in section["items"]:
        yield from _item_blocks(item)


def _item_blocks(item: PlanItemData) -> Iterator[Block]:
    """（一）标题。正文 run in when the original writes it so, else the heading on its own line."""
    heading = f"{item['numbering']}{item['heading']}"
    if item["run_in"] and item["text"]:
        ending = "" if heading.endswith(SENTENCE_ENDS) else "。"
        yield Paragraph(item["text"], heading=heading + ending)
        return
    yield Heading(heading)
    if item["text"]:
        yield Paragraph(item["text"])


def _texts(document: WorkPlanData) -> Iterator[tuple[str, str | None]]:
    """Every text that goes into the .docx, named by where it sits in the registry."""
    doc_id, header = document["id"], document["header"]
    for key in ("title", "addressee", "cc", "signature", "issuer", "doc_number", "issuer_mark", "printed_by"):
        yield f"{doc_id} header.{key}", header[key]
    yield f"{doc_id} notice", document["notice"]
    for name, part in (("summary", document["summary"]), ("plan", document["plan"])):
        yield f"{doc_id} {name}.title", part["title"]
        yield f"{doc_id} {name}.intro", part["intro"]
        yield f"{doc_id} {name}.closing", part["closing"]
        for section in part["sections"]:
            yield f"{doc_id} {section['id']}", section["heading"] + section["text"]
            for item in section["items"]:
                yield f"{doc_id} {item['id']}", item["heading"] + item["text"]
        for item in part["items"]:
            yield f"{doc_id} {item['id']}", item["heading"] + item["text"]

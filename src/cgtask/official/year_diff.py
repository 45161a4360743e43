"""The 局务会's note on what changed from one year's plans to the next (``cgtask diff … -o 调整.docx``).

Wording comes from ``templates/diff.txt.j2``; the line ``【调整情况表】`` there is where the tables go, one
per document with its added, removed and changed items (unchanged items are counted in the text).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cgtask.errors import RenderError
from cgtask.official.common import check_xml_text, fit_widths, signed_by, titled_wording
from cgtask.official.issue import IssueOptions
from cgtask.queries.year_diff import DocumentDiff, YearDiff, year_diff
from cgtask.registry.view import Registry
from cgtask.render.environment import parse_blocks
from cgtask.render.layout import Block, Column, Heading, OfficialDocument, Paragraph, Table
from cgtask.support.words import cn_numeral

TABLES_MARKER = "【调整情况表】"
CHANGE_LABELS = {"added": "新增", "removed": "删去", "changed": "调整"}


def _table(document: DocumentDiff) -> Table:
    rows = [
        [str(n), CHANGE_LABELS[c.change], c.item, c.title, c.summary]
        for n, c in enumerate(document.items, start=1)
    ]
    titles = ["序号", "变化", "编号", "事项", "调整内容"]
    widths = fit_widths(titles, rows, 156.0, [12.0, 14.0, 14.0, 36.0, None])
    aligns = ["center", "center", "center", "left", "left"]
    columns = [Column(t, w, a) for t, w, a in zip(titles, widths, aligns, strict=True)]
    return Table(columns, rows, merge_column=None, font_size_pt=10.5)


def _tables(diff: YearDiff) -> list[Block]:
    blocks: list[Block] = []
    for number, document in enumerate(diff.documents):
        blocks.append(Heading(f"{cn_numeral(number + 1)}、《{document.title}》"))
        counts = {key: sum(c.change == key for c in document.items) for key in CHANGE_LABELS}
        summary = (
            f"新增{counts['added']}项，删去{counts['removed']}项，调整{counts['changed']}项，"
            f"其余{document.unchanged}项不变。"
        )
        blocks.append(Paragraph(summary))
        if document.items:
            blocks.append(_table(document))
    return blocks


def diff_document(
    registry: Registry, old: str, new: str, options: IssueOptions, today: date
) -> OfficialDocument:
    """The note for the 局务会: a summary, then each document's changes as a table."""
    diff = year_diff(registry, old, new)
    counts = diff.counts()
    wording = {"old": old, "new": new, "sources": [d.title for d in diff.documents], **counts}
    title, text = titled_wording(Path(registry.data["root"]), options, "diff.txt.j2", wording)
    if TABLES_MARKER not in text:
        raise RenderError(f"调整说明模板中应有单独一行“{TABLES_MARKER}”，标明调整情况表的位置")
    check_xml_text([(f"{c.item} {c.title}", c.summary) for d in diff.documents for c in d.items])
    before, _, after = text.partition(TABLES_MARKER)
    bureau = registry.data["organization"]["bureau"]
    issued = options.date or today
    return OfficialDocument(
        title=title,
        body=[*parse_blocks(before), *_tables(diff), *parse_blocks(after)],
        addressee=options.to or "局务会",
        **signed_by(bureau["name"], issued, options, bureau["issuer_mark"]),
    )

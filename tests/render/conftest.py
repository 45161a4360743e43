"""Inline documents for the typesetting tests and a reader for .docx XML parts."""

from __future__ import annotations

import zipfile
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from cgtask.render.layout import (
    Attachment,
    Colophon,
    Column,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ISSUE_DATE = date(2022, 3, 7)
MARK = "上海市宝山区城市管理行政执法局文件"
OFFICE = "上海市宝山区城市管理行政执法局"
TITLE = "关于印发《宝山区城管执法系统2022年执法监督工作方案》的通知"
OPENING = "为全面加强宝山区城管执法系统2022年执法监督工作，积极适应街镇综合执法体制改革新变化。"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def task_table(landscape: bool = False) -> Table:
    columns = [Column("类别", 30, "center"), Column("监督内容", 80), Column("责任部门", 46)]
    if landscape:
        columns.append(Column("监督频率", 60))
    rows = [
        ["街面实效", "无序设摊\n跨门营业", "监督科"],
        ["街面实效", "占道堆物", "协调科"],
        ["", "空类别不合并", "各中队"],
        ["", "空类别不合并", "各中队"],
        ["队伍建设", "内务管理", "各科室"],
    ]
    if landscape:
        rows = [[*row, "每月"] for row in rows]
    return Table(columns, rows, landscape=landscape)


def make_document(**overrides: Any) -> OfficialDocument:
    fields: dict[str, Any] = {
        "title": TITLE,
        "body": [
            Paragraph(OPENING),
            Heading("一、总体目标"),
            Paragraph("完善监督体系、创新监督方式。", heading="（一）坚持问题导向。"),
            Heading("（二）坚持统筹协同"),
            Heading("1. 区局"),
            Heading("（1）街镇中队"),
        ],
        "signature": OFFICE,
        "date": ISSUE_DATE,
        "issuer_mark": MARK,
        "doc_number": "宝城执〔2022〕3号",
        "addressee": "各街镇",
        "attachments": [
            Attachment("附件1", "2022年执法监督工作任务清单", [task_table()]),
            Attachment("附件2", "横排任务表", [task_table(landscape=True)]),
        ],
        "colophon": Colophon("区委办公室，区政府办公室", OFFICE, ISSUE_DATE, 13),
    }
    fields.update(overrides)
    return OfficialDocument(**fields)


class DocxParts:
    """The XML parts of a saved .docx, parsed with lxml (never compared as bytes)."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            self.names = archive.namelist()
            self._xml = {name: archive.read(name) for name in self.names if name.endswith((".xml", ".rels"))}

    def part(self, name: str) -> Any:
        return etree.fromstring(self._xml[name])

    @cached_property
    def document(self) -> Any:
        return self.part("word/document.xml")

    def paragraphs(self) -> list[Any]:
        return list(self.document.iter(w("p")))

    def paragraph_with(self, text: str) -> Any:
        for paragraph in self.paragraphs():
            if text in paragraph_text(paragraph):
                return paragraph
        raise AssertionError(f"no paragraph contains {text!r}")

    def footers(self) -> list[Any]:
        """The footers of the first (portrait) section: odd and even page numbers."""
        return self.section_footers(self.document.find(".//w:sectPr", NS))

    def section_footers(self, section: Any) -> list[Any]:
        """The footer parts a ``w:sectPr`` references, default (odd) first."""
        rels = self.part("word/_rels/document.xml.rels")
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        refs = sorted(
            section.findall("w:footerReference", NS), key=lambda ref: ref.get(w("type")) != "default"
        )
        r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        return [self.part("word/" + targets[ref.get(r_id)]) for ref in refs]


def paragraph_text(paragraph: Any) -> str:
    return "".join(paragraph.xpath(".//w:t/text()", namespaces=NS))


def attr(element: Any, path: str, name: str) -> str | None:
    found = element.find(path, NS)
    return None if found is None else found.get(w(name))


@pytest.fixture
def saved(tmp_path: Path) -> DocxParts:
    from cgtask.render.gbt9704 import write_docx

    path = tmp_path / "notice.docx"
    write_docx(make_document(), path)
    return DocxParts(path)

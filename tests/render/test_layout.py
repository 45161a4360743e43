from __future__ import annotations

from datetime import date

import pytest

from cgtask.errors import RenderError
from cgtask.render.layout import Attachment, Column, Heading, Paragraph, Table, format_cn_date, heading_level
from tests.render.conftest import make_document


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 3, 7), "2022年3月7日"),
        (date(2023, 12, 31), "2023年12月31日"),
        (date(2024, 10, 1), "2024年10月1日"),
    ],
)
def test_cn_date_has_no_leading_zeros(day: date, expected: str) -> None:
    assert format_cn_date(day) == expected


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("一、总体目标", 1),
        ("十二、其他", 1),
        ("（一）坚持问题导向", 2),
        ("(二) 行为规范", 2),
        ("1. 区局", 3),
        ("2．街镇", 3),
        ("（1）中队", 4),
        ("1.5倍", None),
        ("总体目标", None),
    ],
)
def test_heading_level_follows_numbering(text: str, level: int | None) -> None:
    assert heading_level(text) == level


def test_illegal_xml_character_names_the_field_and_excerpt() -> None:
    with pytest.raises(RenderError) as caught:
        make_document(body=[Paragraph("正常"), Paragraph("含有\x0b控制字符的段落")])
    message = str(caught.value)
    assert "body[1].text" in message
    assert "U+000B" in message
    assert "含有" in message


def test_illegal_character_in_table_cell_is_located() -> None:
    table = Table([Column("甲", 30)], [["好"], ["坏\x01"]])
    with pytest.raises(RenderError, match=r"attachments\[0\]\.blocks\[0\]\.rows\[1\]\[0\]"):
        make_document(attachments=[Attachment("附件", "表", [table])])


@pytest.mark.parametrize(
    "number", ["宝城执[2022]3号", "宝城执〔2022〕03号", "宝城执〔22〕3号", "宝城执〔2022〕第3号"]
)
def test_bad_doc_number_is_rejected(number: str) -> None:
    with pytest.raises(RenderError, match="doc_number"):
        make_document(doc_number=number)


def test_all_problems_are_reported_at_once() -> None:
    with pytest.raises(RenderError) as caught:
        make_document(doc_number="3号", title="", body=[Heading("没有序号")])
    message = str(caught.value)
    assert "doc_number" in message
    assert "title" in message
    assert "body[0]" in message


def test_table_checks_row_length_and_width() -> None:
    table = Table([Column("甲", 100), Column("乙", 100)], [["只有一格"]])
    with pytest.raises(RenderError) as caught:
        make_document(attachments=[Attachment("附件", "表", [table])])
    assert "rows[0]" in str(caught.value)
    assert "超过版心宽度" in str(caught.value)


def test_landscape_table_belongs_in_an_attachment() -> None:
    table = Table([Column("甲", 30)], [["一"]], landscape=True)
    with pytest.raises(RenderError, match="附件"):
        make_document(body=[table])


def test_attachment_labels_must_count_up() -> None:
    with pytest.raises(RenderError, match="附件2"):
        make_document(attachments=[Attachment("附件1", "甲", []), Attachment("附件3", "乙", [])])

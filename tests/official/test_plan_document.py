"""The supervision plan as issued (宝城执〔2022〕3号), checked against seed 004's order of parts.

The seed: the notice (版头, title, 各街镇：, 印发语) is signed and dated (上海市宝山区城市管理行政执法局,
二〇二二年三月七日); then the 方案 under its own title with its text, ending “附件1：2022年…任务清单”;
then 附件1 itself and the 版记.
"""

from __future__ import annotations

import pytest

from cgtask import api
from cgtask.official.supervision_plan import supervision_plan_document
from cgtask.render.gbt9704 import write_docx
from tests.render.conftest import NS, DocxParts, paragraph_text

PLAN_TITLE = "宝山区城管执法系统2022年执法监督工作方案"
LIST_TITLE = "2022年宝山区城管执法系统执法监督工作任务清单"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> DocxParts:
    path = tmp_path_factory.mktemp("plan") / "plan.docx"
    write_docx(supervision_plan_document(api.open_registry(), "supervision-2022"), path)
    return DocxParts(path)


def _texts(plan: DocxParts) -> list[str]:
    return [t for t in (paragraph_text(p) for p in plan.paragraphs()) if t.strip()]


def test_the_notice_is_signed_before_the_plan_begins(plan: DocxParts) -> None:
    texts = _texts(plan)
    notice = texts.index("关于印发《宝山区城管执法系统2022年执法监督工作方案》的通知")
    signed = texts.index("上海市宝山区城市管理行政执法局")
    dated = texts.index("2022年3月7日")
    plan_title = texts.index(PLAN_TITLE)
    opening = next(i for i, t in enumerate(texts) if t.startswith("为全面加强宝山区城管执法系统"))
    assert notice < texts.index("各街镇：") < signed < dated < plan_title < opening
    assert texts[signed - 1] == "现将《宝山区城管执法系统2022年执法监督工作方案》印发给你们，请认真贯彻执行。"


def test_the_plan_starts_a_page_under_its_own_title(plan: DocxParts) -> None:
    title = next(p for p in plan.paragraphs() if paragraph_text(p) == PLAN_TITLE)
    assert title.find("w:pPr/w:pageBreakBefore", NS) is not None
    sizes = {r.find("w:rPr/w:sz", NS).get(f"{{{NS['w']}}}val") for r in title.iter(f"{{{NS['w']}}}r")}
    assert sizes == {"44"}  # 二号, like the notice's own title


def test_attachment_1_is_named_as_issued_at_the_end_of_the_plan(plan: DocxParts) -> None:
    texts = _texts(plan)
    note = texts.index(f"附件1：{LIST_TITLE}")
    closing = next(i for i, t in enumerate(texts) if t.startswith("（四）结果应用，强化考核。"))
    assert closing < note < texts.index("附件1") < texts.index(LIST_TITLE)
    assert "附件：" + LIST_TITLE not in texts
    assert texts[-2:] == ["上海市宝山区城市管理行政执法局2022年3月7日印发", "（共印13份）"]

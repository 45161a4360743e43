"""The progress ledger (台账): what was done, for which occurrence, recorded by ``cgtask done``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from cgtask.models.base import DocId, Name, NonEmpty, Strict

# The bounds ``done`` and the 台账 forms hold to (cgtask.support.limits; a probe keeps them equal): a
# record written by hand is held to them too, so no path into the 台账 carries 2^63 or a 1 MB note.
MAX_ACTIONS, MAX_QUANTITY, MAX_NOTE_CHARS = 1000, 1_000_000, 2000


class LedgerEntry(Strict):
    """One record of work done: an item's occurrence (period) at one level, for one 中队 or the bureau."""

    # A record is never deleted by cgtask: ``cgtask done --undo ID`` appends a record that
    # ``withdraws`` the first, so the ledger keeps its history and two clones' records merge.
    id: NonEmpty | None = Field(
        default=None, title="记录编号", description="cgtask done 生成，如 r-3f9a1c2b；撤销、更正时引用"
    )
    item: NonEmpty = Field(title="事项编号", description="任务编号（如 4.3）或监督事项序号（如 1）")
    doc: DocId = Field(title="文件编号", description="事项所在的文件，例如 supervision-2022")
    level: Name = Field(title="层级", description="organization.yaml 中登记的层级，例如 区局、街镇中队")
    unit: Name | None = Field(default=None, title="中队", description="街镇中队层级的事项必填")
    activity: NonEmpty | None = Field(
        default=None, title="工作内容", description="同一事项同一周期有多项工作时区分之，例如 队列训练"
    )
    period: NonEmpty = Field(title="周期", description="例如 2022-W10、2022-03、2022-Q1、2022-H1、2022")
    date: dt.date = Field(title="完成日期")
    count: int = Field(default=1, ge=0, le=MAX_ACTIONS, title="次数")
    quantity: int | None = Field(
        default=None,
        ge=0,
        le=MAX_QUANTITY,
        title="数量",
        description="按该项工作自己的单位计，如 整改问题 17（起）、评查案卷 32（件）",
    )
    of: int | None = Field(
        default=None, ge=1, le=MAX_QUANTITY, title="基数", description="比例类要求的基数，如 当季案件数 370"
    )
    covers: list[Name] = Field(
        default_factory=list, title="覆盖中队", description="区局检查覆盖了哪些中队（全覆盖类要求）"
    )
    withdraws: NonEmpty | None = Field(
        default=None, title="撤销", description="本条撤销的记录编号；被撤销的记录不再计入"
    )
    origin: NonEmpty | None = Field(
        default=None, title="来源表格行", description="由台账表格导入时记下表格与行，重复导入不会重复登记"
    )
    value: float | None = Field(
        default=None, allow_inf_nan=False, title="指标值", description="量化指标的实际值，例如 96.5"
    )
    metric: NonEmpty | None = Field(
        default=None, title="指标", description="任务有多项量化指标时写明是哪一项"
    )
    note: NonEmpty | None = Field(default=None, max_length=MAX_NOTE_CHARS, title="说明")
    recorded_at: dt.datetime | None = Field(default=None, title="登记时间")


class Ledger(Strict):
    """ledger.yaml: the registry's 台账, one entry per record, appended by ``cgtask done``."""

    kind: Literal["ledger"] = Field(title="类型")
    closed: list[Annotated[int, Field(ge=2000, le=2100)]] = Field(
        default_factory=list,
        title="已结账年度",
        description="这些年度的台账只读：cgtask done、ledger import、更正和撤销都不再写入（cgtask ledger close 写入）",
    )
    entries: list[LedgerEntry] = Field(default_factory=list, title="记录")

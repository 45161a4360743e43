"""The progress ledger (台账): what was done, for which occurrence, recorded by ``cgtask done``."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from cgtask.models.base import DocId, Name, NonEmpty, Strict

Level = Literal["区局", "街镇中队", "机动执法中队"]


class LedgerEntry(Strict):
    """One record of work done: an item's occurrence (period) at one level, for one 中队 or the bureau."""

    item: NonEmpty = Field(title="事项编号", description="任务编号（如 4.3）或监督事项序号（如 1）")
    doc: DocId = Field(title="文件编号", description="事项所在的文件，例如 supervision-2022")
    level: Level = Field(title="层级")
    unit: Name | None = Field(default=None, title="中队", description="街镇中队层级的事项必填")
    activity: NonEmpty | None = Field(
        default=None, title="工作内容", description="同一事项同一周期有多项工作时区分之，例如 队列训练"
    )
    period: NonEmpty = Field(title="周期", description="例如 2022-W10、2022-03、2022-Q1、2022-H1、2022")
    date: dt.date = Field(title="完成日期")
    count: int = Field(default=1, ge=0, title="次数")
    value: float | None = Field(default=None, title="指标值", description="量化指标的实际值，例如 96.5")
    metric: NonEmpty | None = Field(
        default=None, title="指标", description="任务有多项量化指标时写明是哪一项"
    )
    note: NonEmpty | None = Field(default=None, title="说明")
    recorded_at: dt.datetime | None = Field(default=None, title="登记时间")


class Ledger(Strict):
    """ledger.yaml: the registry's 台账, one entry per record, appended by ``cgtask done``."""

    kind: Literal["ledger"] = Field(title="类型")
    entries: list[LedgerEntry] = Field(default_factory=list, title="记录")

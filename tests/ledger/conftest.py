"""A small registry with periodic duties, a target and a commented ledger, built inline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

LEDGER_TASKS = """\
kind: task_breakdown
id: tasks-test
title: 测试任务分解表
year: 2022
categories:
  - number: 1
    name: 执法监督
    tasks:
      - id: '1.1'
        title: 月度督察
        detail: 月度督察。每月开展一次。
        lead: [监督科]
        support: [法制科]
        schedule:
          - level: 区局
            frequency: 每月
      - id: '1.2'
        title: 法制审核
        detail: 法制审核。每周不少于2次，审核合格率≥95%。
        lead: [法制科]
        schedule:
          - level: 区局
            frequency: 每周不少于2次
        targets:
          - text: 审核合格率≥95%
            metric: 合格率
            op: '>='
            value: 95
            unit: '%'
            scope: year
      - id: '1.3'
        title: 中队巡查
        detail: 中队巡查。每月一次。
        lead: [机动执法中队]
        schedule:
          - level: 机动执法中队
            frequency: 每月
"""

# Hand-kept layout on purpose: comments, blank lines, a flow mapping, odd spacing, quoting styles.
LEDGER = """\
# 台账（测试）
kind: ledger     # 类型

entries:
  # 一月
  - item: '1.1'
    doc: tasks-test
    level: 区局
    period: 2022-01
    date: 2022-01-20
    note: "一月督察"   # 引号保留

  - {item: '1.3', doc: tasks-test, level: 机动执法中队, unit: 机动执法中队, period: 2022-02, date: 2022-02-18}
  - item: "1.2"
    doc: tasks-test
    level: 区局
    period: 2022-W09
    date: 2022-03-02
    count: 1
  - item: '1.2'
    doc: tasks-test
    level: 区局
    period: '2022'
    date: 2022-03-05
    count: 0
    value: 96
    metric: 合格率
# 以上为一至三月
"""


@pytest.fixture
def ledger_registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry(tasks=LEDGER_TASKS, files={"ledger.yaml": LEDGER})

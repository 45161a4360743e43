from __future__ import annotations

from dataclasses import replace

import pytest

from cgtask.errors import FrequencyError
from cgtask.schedule.due_rules import DUE_RULE_FORMS, DueRule, format_due_rule, parse_due_rule

RULES = [
    ("", DueRule("", "end", None, "back")),
    ("期末", DueRule("期末", "end", None, "back")),
    ("5日前", DueRule("5日前", "day_of_month", 5, "back")),
    ("每月5日前", DueRule("每月5日前", "day_of_month", 5, "back")),
    ("25号之前", DueRule("25号之前", "day_of_month", 25, "back")),
    ("次月5日前", DueRule("次月5日前", "next_month_day", 5, "back")),
    ("次月十日前", DueRule("次月十日前", "next_month_day", 10, "back")),
    ("3个工作日内", DueRule("3个工作日内", "workdays_after", 3, "back")),
    ("期满后５个工作日内", DueRule("期满后５个工作日内", "workdays_after", 5, "back")),
    ("顺延", DueRule("顺延", "end", None, "forward")),
    ("遇节假日顺延", DueRule("遇节假日顺延", "end", None, "forward")),
    ("不顺延", DueRule("不顺延", "end", None, "none")),
    ("次月5日前，顺延", DueRule("次月5日前，顺延", "next_month_day", 5, "forward")),
    ("不顺延; 10日前", DueRule("不顺延; 10日前", "day_of_month", 10, "none")),
    ("月底5日前", DueRule("月底5日前", "days_before_end", 5, "back")),
    ("次月第5个工作日前", DueRule("次月第5个工作日前", "workdays_after", 5, "back")),
    ("季度末10日前", DueRule("季度末10日前", "days_before_end", 10, "back")),
    ("17时前", DueRule("17时前", "end", None, "back")),
    ("7时30分前", DueRule("7时30分前", "end", None, "back")),
]


@pytest.mark.parametrize(("text", "expected"), RULES, ids=[t or "empty" for t, _ in RULES])
def test_accepted_rule(text: str, expected: DueRule) -> None:
    assert parse_due_rule(text) == expected


@pytest.mark.parametrize(("text", "_expected"), RULES, ids=[t or "empty" for t, _ in RULES])
def test_rule_round_trip(text: str, _expected: DueRule) -> None:
    rule = parse_due_rule(text)
    canonical = format_due_rule(rule)
    assert parse_due_rule(canonical) == replace(rule, text=canonical)
    assert DueRule.from_dict(rule.to_dict()) == rule


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("明天", "无法理解"),
        ("32日前", "1—31"),
        ("次月0日前", "1—31"),
        ("0个工作日内", "至少为1"),
        ("月底30日前", "1—28"),
        ("5日前，次月5日前", "无法理解"),
        ("顺延，不顺延", "无法理解"),
    ],
)
def test_rejected_rule_lists_forms(text: str, reason: str) -> None:
    with pytest.raises(FrequencyError) as caught:
        parse_due_rule(text)
    message = str(caught.value)
    assert f"“{text}”" in message
    assert reason in message
    assert all(form in message for form in DUE_RULE_FORMS)


@pytest.mark.parametrize(
    ("text", "kind", "n"),
    [
        ("季后15日内", "days_after", 15),
        ("月后10天内", "days_after", 10),
        ("月后18日前", "next_month_day", 18),
        ("周二12时前", "weekday", 2),
        ("每周五前", "weekday", 5),
    ],
)
def test_deadlines_named_in_phrases_are_due_rules(text: str, kind: str, n: int) -> None:
    rule = parse_due_rule(text)
    assert (rule.kind, rule.n) == (kind, n)
    assert parse_due_rule(format_due_rule(rule)) == replace(rule, text=format_due_rule(rule))

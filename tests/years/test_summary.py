"""``cgtask render summary --year 2022``: the 年度执法监督工作总结 drafted from the ledger, every number traceable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask import api
from cgtask.cli.app import app
from cgtask.official.summary import figures_text, plan_words, shortfall_step
from cgtask.queries.year_summary import DutyRecord, YearSummary, year_summary
from cgtask.queries.years import year_context
from cgtask.support.words import cn_numeral
from tests.years_registry import NOVEMBER_NOTE, Q3_NOTE, WEEK_NOTE, edit_2023_drafts


@pytest.fixture(scope="module")
def summary(two_years_built: Path) -> YearSummary:
    registry = api.open_registry(two_years_built)
    return year_summary(year_context(registry, 2022), 2022, date(2023, 1, 5))


def _duty(summary: YearSummary, item: str, level: str, title: str) -> DutyRecord:
    return next(
        d
        for d in summary.duties
        if (d.tally["item"], d.tally["level"], d.tally["name"]) == (item, level, title)
    )


def test_each_duty_counts_in_the_plans_unit(summary: YearSummary) -> None:
    weekly = _duty(summary, "1", "街镇中队", "街面实效督察")
    assert weekly.actions == 42 * 2 + 1
    assert (weekly.tally["occurrences"], weekly.tally["complete"]) == (43 * 12, 42)
    assert weekly.frequency == "每周；每周不少于2次"
    fixes = _duty(summary, "1", "街镇中队", "整改问题")
    assert (fixes.quantity, fixes.unit) == (9 * 17 + 12, "起")
    share = _duty(summary, "6", "区局", "案件抽查")
    assert (share.quantity, share.base, share.unit) == (40 + 30 + 45, 380 + 400 + 420, "%")
    bureau = _duty(summary, "1", "区局", "街面实效督察")
    assert len(bureau.covered) == 12
    assert bureau.tally["complete"] == bureau.tally["occurrences"]


def test_shortfalls_carry_the_notes_that_explain_them(summary: YearSummary) -> None:
    assert _duty(summary, "1", "街镇中队", "街面实效督察").reasons == [WEEK_NOTE]
    assert _duty(summary, "1", "街镇中队", "整改问题").reasons == [NOVEMBER_NOTE]
    assert Q3_NOTE in _duty(summary, "6", "区局", "案件抽查").reasons


def test_records_behind_each_number_are_listed(summary: YearSummary) -> None:
    weekly = _duty(summary, "1", "街镇中队", "街面实效督察")
    assert len(weekly.records) == 43
    assert weekly.records[0] == "r-y2200000"


def test_completion_per_party_covers_only_the_plans_duties(summary: YearSummary) -> None:
    parties = {p["name"]: p for p in summary.parties}
    assert "吴淞街道中队" in parties
    assert "监督科" in parties
    assert parties["吴淞街道中队"]["complete"] == 42 + 9  # its weekly checks and its monthly fixes met


def test_cn_numerals_for_headings() -> None:
    assert [cn_numeral(n) for n in (1, 9, 10, 11, 18, 20, 23)] == [
        "一",
        "九",
        "十",
        "十一",
        "十八",
        "二十",
        "二十三",
    ]


def test_the_document_from_the_cli(two_years_built: Path, runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "总结.docx"
    args = ["render", "summary", "--year", "2022", "--date", "2023-01-05", "--explain", "-o", str(out)]
    result = runner.invoke(app, [*args, "-r", str(two_years_built)])
    assert result.exit_code == 0, result.output
    import docx

    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0].replace("\n", "") == "2022年度执法监督工作总结"
    assert any("（宝城执〔2022〕3号）" in t and "数字截至2023年1月5日" in t for t in texts)
    weekly = next(t for t in texts if t.startswith("（一）街面实效督察。"))
    assert "方案要求街镇中队“每周”“每周不少于2次”" in weekly
    assert "台账记录街面实效督察85次" in weekly
    assert "到期516期，按要求完成42期（完成率8.1%）" in weekly
    fixes = next(t for t in texts if "整改问题。方案要求" in t)
    assert "共165起" in fixes
    # A daily duty is counted in days, as the board counts it, never in 期.
    daily = next(t for t in texts if "行为规范督察。方案要求" in t)
    assert "12个中队共到期3600天" in daily
    assert "到期3600期" not in "".join(texts)
    assert any(WEEK_NOTE in t for t in texts)
    assert any(NOVEMBER_NOTE in t for t in texts)
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert "各项数字依据的台账记录" in texts
    assert any(c.startswith("r-y2200000、r-y2200001") for c in cells)
    assert "吴淞街道中队" in cells


def test_year_and_doc_are_not_used_together(runner: CliRunner, tmp_path: Path) -> None:
    args = ["render", "summary", "--year", "2022", "--doc", "plan-2022-city", "-o", str(tmp_path / "x.docx")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "不与 --doc 同用" in result.output
    assert not (tmp_path / "x.docx").exists()


def test_the_share_says_what_was_checked_in_the_plans_unit(summary: YearSummary) -> None:
    """Seed 004: 抽查比例不少于当季案件数10% — cases, counted in 件: 40+30+45 of 380+400+420 = 115 of 1200."""
    share = _duty(summary, "6", "区局", "案件抽查")
    assert "抽查115件，占所登记当季案件数1200件的9.6%" in figures_text(share)


def test_next_steps_name_each_shortfall_by_duty_and_unit(summary: YearSummary) -> None:
    weekly = _duty(summary, "1", "街镇中队", "街面实效督察")
    assert weekly.short_periods["吴淞街道中队"] == 1  # W40, the National Day week
    assert shortfall_step(weekly, "中队") == (
        "街面实效督察（街镇中队“每周”“每周不少于2次”）：吴淞街道中队1期，友谊路街道中队等11个中队各43期未达要求"
    )
    share = _duty(summary, "6", "区局", "案件抽查")
    # Q1 nothing, Q3 7.5%; and the year's 全年覆盖所有中队, with records of one 中队 only
    assert shortfall_step(share, "单位").endswith("：区局2期未达要求，1个全覆盖期未覆盖所有中队")


def _next_steps(registry: Path, runner: CliRunner, out: Path) -> list[str]:
    args = [
        "render",
        "summary",
        "--year",
        "2022",
        "--date",
        "2023-01-05",
        "-o",
        str(out),
        "-r",
        str(registry),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    import docx

    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    start = texts.index("四、下一步工作")
    return [t for t in texts[start + 1 : texts.index("上海市宝山区城市管理行政执法局", start)] if t]


def test_next_steps_come_from_the_data_and_the_next_years_draft(
    two_years: Path, runner: CliRunner, tmp_path: Path
) -> None:
    edit_2023_drafts(two_years)
    steps = _next_steps(two_years, runner, tmp_path / "总结.docx")
    assert steps[0].startswith("（一）补齐2022年度的短板")
    assert "1.街面实效督察（街镇中队“每周”“每周不少于2次”）：吴淞街道中队1期，" in steps[1]
    assert any(s.startswith("2.整改问题（街镇中队“每月不少于16起”）：吴淞街道中队1期") for s in steps)
    plan = next(s for s in steps if s.startswith("（二）"))
    assert "《宝山区城管执法系统2023年执法监督工作方案》（草稿）与2022年度方案相比" in plan
    assert any("每月不少于16起 → 街镇中队·整改问题：每月不少于20起" in s for s in steps)
    assert not any("请结合" in s for s in steps)  # no placeholder left


def test_without_a_next_years_plan_the_step_says_it_comes_later(
    registry_copy: Path, runner: CliRunner, tmp_path: Path
) -> None:
    steps = _next_steps(registry_copy, runner, tmp_path / "总结.docx")
    assert (
        steps[-1]
        == "（二）做好2023年度执法监督工作。（2023年度执法监督工作方案起草后，此处列出其新增、删去和调整的监督工作。）"
    )


def test_next_steps_count_the_periods_the_shortfalls_count(summary: YearSummary) -> None:
    """A next step names as many periods as 三、存在的不足 does: coverage windows not met said apart."""
    for title in ("行为规范督察", "队伍建设检查"):
        duty = next(d for d in summary.duties if (d.tally["level"], d.tally["name"]) == ("区局", title))
        missing = duty.tally["occurrences"] - duty.tally["complete"]
        windows = missing - sum(duty.short_periods.values())
        assert windows > 0  # the 全覆盖 windows were never met: nothing covered the 中队
        step = shortfall_step(duty, "单位", "中队")
        assert f"区局{duty.short_periods['区局']}期未达要求，{windows}个全覆盖期未覆盖所有中队" in step


def test_an_assumed_reading_is_never_quoted_as_the_plans_words(summary: YearSummary) -> None:
    """方案 says 市级平台实效督察不少于50起 without a period; 每月 is the registry's, marked 推定."""
    platform = _duty(summary, "1", "街镇中队", "市级平台实效督察")
    assert plan_words(platform) == "“每月不少于50起”（推定：方案未写周期，承上句按每月计）"
    weekly = _duty(summary, "1", "街镇中队", "街面实效督察")
    assert "推定" not in plan_words(weekly)

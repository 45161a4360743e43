"""build_site over the hand-built sample: what is written, what each page says, the folder rules."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from cgtask.errors import WriteError
from cgtask.publish.site import MARKER, SiteData, build_site
from cgtask.publish.site import builder as site_builder
from tests.publish.site_html import local_targets, read_page
from tests.publish.site_sample import EVIL, sample_site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built") / "public"
    build_site(sample_site(), out)
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_report_lists_every_page_and_counts_the_bytes(tmp_path: Path) -> None:
    out = tmp_path / "public"
    report = build_site(sample_site(), out)
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert sorted(report.pages) == on_disk
    assert {"index.html", "calendar.html", "tasks.html", "unit/吴淞街道中队.html", "task/2.1.html"} <= set(
        on_disk
    )
    files = [p for p in out.rglob("*") if p.is_file() and p.name != MARKER]
    assert report.files == len(files)
    assert report.bytes == sum(p.stat().st_size for p in files)


def test_every_page_is_chinese_responsive_and_has_headings_in_order(site: Path) -> None:
    for path in _pages(site):
        page = read_page(path)
        assert page.find("html", lang="zh-CN"), path
        assert page.find("meta", name="viewport"), path
        levels = page.headings()
        assert levels[0] == 1, path
        assert levels.count(1) == 1, path
        assert all(b - a <= 1 for a, b in pairwise(levels)), (path, levels)
        assert all("scope" in attrs for tag, attrs in page.tags if tag == "th"), path


def test_registry_text_is_escaped_everywhere(site: Path) -> None:
    for path in _pages(site):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path
    task = (site / "task" / "1.2.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in task
    assert EVIL in read_page(site / "task" / "1.2.html").text


def test_no_page_needs_the_network(site: Path) -> None:
    for path in [*_pages(site), site / "assets" / "site.css"]:
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text, path
        assert "https://" not in text, path


def test_every_local_link_resolves_inside_the_site(site: Path) -> None:
    root = site.resolve()
    for path in _pages(site):
        for link, target in local_targets(path):
            assert target.is_file(), f"{path.relative_to(site)}: {link}"
            assert target.is_relative_to(root), link


def test_board_shows_each_status_in_words_worst_units_first(site: Path) -> None:
    page = read_page(site / "index.html")
    assert page.find("table", id="board")
    rows = [attrs for tag, attrs in page.tags if tag == "th" and attrs.get("scope") == "row"]
    assert len(rows) == 7
    text = page.text
    assert text.index("吴淞街道中队") < text.index("监督科") < text.index("法制科")
    cells = {
        status: len(page.find("td", class_=f"s-{status}")) for status in ("red", "yellow", "blue", "green")
    }
    assert cells == {"red": 3, "yellow": 3, "blue": 2, "green": 5}
    for word in ("逾期", "未完成", "即将到期", "已完成", "差10次", "差3起"):
        assert word in text
    assert "2022年3月15日" in text
    assert "abc1234" in text


def test_unit_pages_use_safe_distinct_file_names(site: Path) -> None:
    assert (site / "unit" / "法制科.html").is_file()  # its slug was ../../法制科
    assert (site / "unit" / "Team-A中队.html").is_file()
    assert (site / "unit" / "team-a中队-2.html").is_file()  # would overwrite Team-A on Windows
    assert (site / "task" / "tasks-2022-1.1.html").is_file()
    assert (site / "task" / "plan-2022-city-1.1.html").is_file()
    assert (site / "task" / "x.html").is_file()  # the id ../x
    assert not any(p.name.startswith("..") for p in site.rglob("*"))


def test_a_squad_page_shows_its_duties_months_and_chart(site: Path) -> None:
    page = read_page(site / "unit" / "吴淞街道中队.html")
    text = page.text
    assert "本月（2022年3月）" in text
    assert "3月18日" in text
    assert "4月15日" in text
    assert "3月25日" not in text  # 大场镇中队's occurrence
    assert "差10次" in text
    assert "1.1 违法建筑治理" in " ".join(text.split())
    assert "配合（经 各中队）" in text
    svgs = page.find("svg", role="img")
    assert len(svgs) == 2  # per duty and per month
    assert "0%（0/10次）" in text  # per duty, in its unit
    assert "12%（1/8期）" in text  # per month: duties of different units add up as periods


def test_a_department_page_lists_rows_for_it_and_its_support(site: Path) -> None:
    text = read_page(site / "unit" / "法制科.html").text
    assert "8. 培训" in text
    assert "配合（经 各科室）" in text
    assert "4. 案件质量评查" in text
    assert "每次不少于30件" in text
    june = "7. 专项督察"  # due in June: neither this month nor the next
    assert june not in read_page(site / "unit" / "监督科.html").text


def test_tasks_page_is_complete_without_javascript(site: Path) -> None:
    page = read_page(site / "tasks.html")
    rows = [a for t, a in page.tags if t == "tr" and "data-lead" in a]
    assert len(rows) == 5
    assert "hidden" in page.find("form", id="task-filters")[0]  # the script shows it
    assert page.find("script", src="assets/site.js")
    supports = {a["data-text"].split()[0]: a["data-support"] for a in rows if a["data-text"]}
    assert supports["1.2"] == "各科室|监督科|法制科|办公室"  # a 科室 filter finds 配合 via 各科室


def test_task_page_has_the_full_detail_targets_and_progress(site: Path) -> None:
    text = read_page(site / "task" / "tasks-2022-1.1.html").text
    assert "拆除存量违建" in text
    assert "第二段" in text
    assert "拆违≥5万平方米" in text
    assert "已拆除 2.1 万平方米" in text


def test_calendar_marks_holidays_adjusted_days_and_provisional_years(tmp_path: Path) -> None:
    out = tmp_path / "public"
    build_site(sample_site(provisional_years={2022}), out)
    page = read_page(out / "calendar.html")
    assert len(page.find("table", class_="cal")) == 12
    assert any("劳动节" in (a.get("title") or "") for a in page.find("td", class_="holiday"))
    assert any((a.get("title") or "").startswith("4月24日") for a in page.find("td", class_="adjusted"))
    assert "暂定" in page.text
    assert "节假日和调休尚未公布" in read_page(out / "index.html").text


def test_a_known_year_is_not_flagged_provisional(site: Path) -> None:
    assert "尚未公布" not in read_page(site / "index.html").text
    assert not read_page(site / "calendar.html").find("td", class_="provisional")


# --- the output folder ----------------------------------------------------------------------------


def test_refuses_a_folder_that_is_not_a_site_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(WriteError, match="不是 cgtask 生成的网站"):
        build_site(sample_site(), out)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"
    build_site(sample_site(), out, force=True)
    assert (out / "index.html").is_file()
    assert not (out / "notes.txt").exists()


def test_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "public"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(WriteError, match="是文件"):
        build_site(sample_site(), target, force=True)


def test_rebuilds_over_a_previous_site_and_drops_stale_pages(tmp_path: Path) -> None:
    out = tmp_path / "public"
    build_site(sample_site(), out)
    (out / "unit" / "已撤销中队.html").write_text("old", encoding="utf-8")
    build_site(sample_site(), out)
    assert not (out / "unit" / "已撤销中队.html").exists()
    assert (out / MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]  # no temporary folders left


def test_a_failed_build_leaves_the_previous_site_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "public"
    build_site(sample_site(), out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*_: object) -> None:
        raise RuntimeError("模板出错")

    monkeypatch.setattr(site_builder, "_write_assets", broken)
    with pytest.raises(RuntimeError):
        build_site(sample_site(as_of=sample_site().as_of.replace(day=20)), out)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_the_site_is_readable_by_others(tmp_path: Path) -> None:
    out = tmp_path / "public"
    build_site(sample_site(), out)
    assert out.stat().st_mode & 0o005 == 0o005  # a web server or file share can list and read it


def test_a_symlinked_folder_keeps_its_link(tmp_path: Path) -> None:
    real = tmp_path / "www" / "site"
    real.parent.mkdir()
    build_site(sample_site(), real)
    link = tmp_path / "public"
    link.symlink_to(real, target_is_directory=True)
    build_site(sample_site(), link)
    assert link.is_symlink()
    assert (link / "index.html").is_file()


def test_completion_charts_for_departments_and_squads_in_organisation_order(site: Path) -> None:
    page = read_page(site / "index.html")
    titles = [a.get("id") for a in page.find("title") if a.get("id")]
    assert titles == ["chart-completion-1-title", "chart-completion-2-title", "chart-months-title"]
    text = page.text
    departments = text[text.index("各科室完成率") : text.index("各中队完成率")]
    assert "监督科" in departments
    assert "吴淞街道中队" not in departments
    squads = text[text.index("各中队完成率") : text.index("2022年各月到期项次")]
    assert squads.index("吴淞街道中队") < squads.index("大场镇中队")


def test_an_empty_registry_still_builds_a_site(tmp_path: Path) -> None:
    empty = SiteData(
        as_of=date(2027, 1, 4), revision=None, bureau="某区城管执法局", year=2027, provisional_years={2027}
    )
    report = build_site(empty, tmp_path / "public")
    assert sorted(report.pages) == ["calendar.html", "index.html", "tasks.html"]
    index = read_page(tmp_path / "public" / "index.html").text
    assert "没有应完成的监督事项" in index
    assert "未知" in index
    assert "尚未公布" in index


def test_importing_the_data_contract_does_not_load_jinja() -> None:
    code = "import sys, cgtask.publish.site; print('jinja2' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_met_duties_are_shown_done_with_what_was_done(site: Path) -> None:
    text = " ".join(read_page(site / "unit" / "大场镇中队.html").text.split())
    assert "已完成 1 项" in text
    # the row of the met duty: its status, what was owed and what was done, in the plan's unit
    assert "已完成 1. 街面实效督察 街镇中队 4次 4次 ✓ 已完成" in text
    assert "✓ 4次" in read_page(site / "index.html").text  # the overview's cell, not 无此项

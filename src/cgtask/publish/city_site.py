"""The 市局's site: every district's own 督办 site in its folder, and a city page over them.

Each district's pages are the district site as it builds it alone (:func:`~cgtask.publish.site.build_site`
into ``<district>/``); the city's ``index.html`` ranks the districts by red and yellow lines and shows
where each duty is furthest behind, each district linking to its own 总览. The whole folder is staged and
swapped in at once, as a district's site is.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from importlib import resources
from pathlib import Path

from cgtask.errors import UsageError
from cgtask.publish.site import SiteReport
from cgtask.publish.site import build_site as build_district_site
from cgtask.publish.site.builder import SiteWriter, site_environment
from cgtask.publish.site.output import staged_folder
from cgtask.publish.site.slugs import unique_slugs
from cgtask.queries.city import district_overdue, rank
from cgtask.queries.rows import BoardRow
from cgtask.queries.standing_query import CityRanking, StandingQuery
from cgtask.registry.city import City
from cgtask.registry.view import Registry, left_out_files


def district_site(view: Registry, output: Path, *, as_of: date, force: bool = False) -> SiteReport:
    """One district's site as of ``as_of``: that year, and last year's until it is closed."""
    from cgtask.publish.revision import git_revision
    from cgtask.publish.site_data import site_data
    from cgtask.queries.years import year_context

    left_out = left_out_files(view)
    if left_out:  # published to every 科室 and 中队: a board without a plan would show its work as not owed
        raise UsageError(
            f"{'、'.join(left_out)} 有错误，督办网站不生成（否则其中的工作全不显示）；请先运行 cgtask check 修正"
        )
    context = year_context(view, day=as_of)
    root = Path(view.data["root"])
    return build_district_site(
        site_data(context, as_of, git_revision(root)), output, force=force, keep=(root,)
    )


def build_city_site(city: City, output: Path, *, as_of: date, force: bool = False) -> SiteReport:
    """Each district's site under ``output/<district>/`` and the city page ``output/index.html``."""
    from cgtask.publish.revision import git_revision
    from cgtask.publish.site_data import site_data
    from cgtask.queries.years import year_context

    report = SiteReport(out_dir=Path(output))
    slugs = unique_slugs({name: name for name in city.names})
    rows: list[BoardRow] = []
    with staged_folder(Path(output), force=force, keep=(city.root, *city.folders.values())) as stage:
        write = SiteWriter(stage, report).write
        for name, view in city.districts:
            context = year_context(view, day=as_of)
            data = site_data(context, as_of, git_revision(Path(view.data["root"])))
            # Ranked on the board ``overdue`` shows (the site's matrix splits a bureau line per 科室).
            rows += [replace(row, district=name) for row in district_overdue(view, StandingQuery(as_of)).rows]
            district = build_district_site(data, stage / slugs[name])
            report.pages += [f"{slugs[name]}/{page}" for page in district.pages]
            report.files, report.bytes = report.files + district.files, report.bytes + district.bytes
        page = city_page(city, rank(rows, city.names), slugs, as_of)
        write("index.html", page)
        css = resources.files("cgtask.publish.site").joinpath("assets", "site.css").read_bytes()
        write("assets/site.css", css)
    return report


def city_page(city: City, ranking: CityRanking, slugs: dict[str, str], as_of: date) -> str:
    """The city's 总览: the districts ranked, each linking to its own site, and the duties behind."""
    # city.html extends the district pages' base.html; the page sits at the site's top (``root`` empty).
    page = site_environment().get_template("city.html")
    return page.render(city=city, ranking=ranking, slugs=slugs, as_of=as_of, root="")

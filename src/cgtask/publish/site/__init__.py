"""The static 督办 site: a board, a page per 科室/中队, a calendar and the task table.

``build_site(SiteData, out_dir)`` writes it; the caller fills :class:`SiteData` from the registry.
"""

from cgtask.publish.site.builder import SiteReport, build_site
from cgtask.publish.site.data import (
    BoardRow,
    CalendarDay,
    DueRow,
    SiteData,
    TaskRow,
    UnitCompletion,
    UnitInfo,
)
from cgtask.publish.site.output import MARKER
from cgtask.publish.site.slugs import slugify

__all__ = [
    "MARKER",
    "BoardRow",
    "CalendarDay",
    "DueRow",
    "SiteData",
    "SiteReport",
    "TaskRow",
    "UnitCompletion",
    "UnitInfo",
    "build_site",
    "slugify",
]

"""Whose duties a question is about, and of which year: the part every request shares.

``due``, the 督办 board and progress, and a month's forms and notices each narrow the registry to one
科室 (``dept``), one 中队 (``unit``), or neither, and may ask about a year other than the documents' own.
The fields are keyword-only, so each request keeps its own first positional fields (a day, a month).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Scope:
    """One 科室 (``dept``) or 中队 (``unit``), None for all; ``year`` other than the documents' own."""

    dept: str | None = None
    unit: str | None = None
    year: int | None = None

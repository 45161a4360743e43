"""What a valid registry leaves to defaults that its keeper should know (``cgtask check`` prints them)."""

from __future__ import annotations

from cgtask.registry.view import Registry


def check_notes(registry: Registry) -> list[str]:
    """Notes for the keeper: the 每天 duties counted on rest days too."""
    names = registry.derived("daily-duties", daily_duties)
    if not names:
        return []
    return [
        f"“每天”的工作按自然日计，周末和节假日也要做：{'、'.join(dict.fromkeys(names))}；只在工作日做的，"
        "在该条要求中写 rest_days: false，或把频次写成“每个工作日”"
    ]


def daily_duties(registry: Registry) -> list[str]:
    """The 每天 duties owed on rest days too, by name; cached per document (``check`` after an edit stays fast)."""
    from cgtask.queries.duties import collect_duties

    return [
        f"{d.doc} 第{d.item}项{d.title}（{d.level}）"
        for d in collect_duties(registry)
        if d.frequency.period == "day" and d.rest_days
    ]

"""Tables in and out: exports, imports of Word/Excel tables, calendars (.ics).

Imports: queries, registry, schedule, models, errors, support.
"""

"""Read-only answers over a loaded registry: listing, duties due, where duties stand, trace, work plans.

Imports: registry, schedule, extract, models, errors, support.
"""

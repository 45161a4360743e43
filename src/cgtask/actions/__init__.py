"""Writes to a registry: recording progress in the ledger, decomposing a work plan into a task table.

Imports: queries, registry, schedule, models, errors, support.
"""

"""A 公文's content from the registry: issuing notice, supervision plan, monthly notice, progress report, work plan.

Builds :mod:`cgtask.render.layout` structures; imports queries, registry, render, models, errors, support.
"""

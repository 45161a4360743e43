"""Cross-field and cross-file checks of loaded documents; each returns findings, never raises.

Imports: registry, schedule, extract, models, errors.
"""

"""Prose → structured candidates: quantitative targets and key figures found in verbatim text. Imports: models, errors."""

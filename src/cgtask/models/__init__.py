"""Pydantic models of the registry files (validation and JSON Schema only, no I/O).

Importing this package does not import pydantic: the warm path of read-only
commands works on the plain data in :mod:`cgtask.models.data`, and only a cold
load or ``schema`` imports the pydantic modules below it.
"""

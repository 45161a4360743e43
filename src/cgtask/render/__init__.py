"""Registry-free typesetting: the neutral layout of a 公文, GB/T 9704 .docx, PDF through LibreOffice, batches and templates.

Imports: errors, support. Never the registry: ``official`` hands it finished layouts.
"""

from __future__ import annotations

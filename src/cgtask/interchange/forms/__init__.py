"""The monthly 台账 forms.

One .xlsx per 中队 or 科室 out (``write_form``), filled forms back in (``read_forms``), and what an import
changes in the ledger (``merge_records``).


Imports: interchange.forms only, errors and support (openpyxl inside the functions that need it).
"""

from cgtask.interchange.forms.codes import PROBLEM_CODES
from cgtask.interchange.forms.merge import Merge, content_key, merge_records, withdrawn_origins
from cgtask.interchange.forms.model import (
    FormImport,
    FormQuota,
    FormRecord,
    FormRow,
    FormSpec,
    FormSummary,
    Problem,
    form_row_from_due,
)
from cgtask.interchange.forms.reader import read_forms
from cgtask.interchange.forms.writer import form_bytes, write_form

__all__ = [
    "PROBLEM_CODES",
    "FormImport",
    "FormQuota",
    "FormRecord",
    "FormRow",
    "FormSpec",
    "FormSummary",
    "Merge",
    "Problem",
    "content_key",
    "form_bytes",
    "form_row_from_due",
    "merge_records",
    "read_forms",
    "withdrawn_origins",
    "write_form",
]

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def test_schedule_imports_no_heavy_or_io_libraries() -> None:
    code = (
        f"import sys; sys.path.insert(0, {str(SRC)!r}); import cgtask.schedule; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'rich', 'ruamel', 'pydantic'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"

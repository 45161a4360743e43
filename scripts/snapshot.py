"""Every command's output on the shipped registry, written to a folder, to compare two versions of cgtask.

A behaviour-preserving change must leave the folder byte-identical: run this before and after and
``diff -r`` the two folders. Office files (.docx, .xlsx) are unpacked part by part, without the core
properties (which carry the time of writing), so the comparison is of their content, not their zip bytes.

    python scripts/snapshot.py OUT_DIR            # with the cgtask importable from this interpreter
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

# Each entry: a file name for the output and the arguments after ``cgtask``. ``{out}`` is a scratch folder.
COMMANDS: list[tuple[str, list[str]]] = [
    ("check", ["check"]),
    ("list", ["list"]),
    ("list-json", ["list", "--format", "json"]),
    ("list-dept", ["list", "--dept", "监督科"]),
    ("list-dept-lead-md", ["list", "--dept", "监督科", "--role", "lead", "--format", "md"]),
    ("list-csv", ["list", "--dept", "法制科", "--format", "csv"]),
    ("list-search", ["list", "--search", "督察", "--format", "json"]),
    ("show-4.3", ["show", "4.3"]),
    ("show-5", ["show", "5", "--doc", "supervision-2022"]),
    ("schema", ["schema"]),
    ("schema-ledger", ["schema", "ledger"]),
    ("figures", ["figures"]),
    ("figures-compare", ["figures", "--compare", "--format", "json"]),
    ("due-3", ["due", "--month", "3"]),
    ("due-3-json", ["due", "--month", "3", "--format", "json"]),
    ("due-3-dept", ["due", "--month", "3", "--dept", "监督科"]),
    ("due-3-unit", ["due", "--month", "3", "--unit", "罗店镇中队", "--format", "json"]),
    ("due-3-perunit-csv", ["due", "--month", "3", "--per-unit", "--format", "csv"]),
    ("due-week", ["due", "--week", "12", "--format", "md"]),
    ("due-range", ["due", "--from", "2022-04-01", "--to", "2022-06-30", "--events", "--format", "json"]),
    ("due-level", ["due", "--month", "12", "--level", "区局"]),
    ("calendar", ["calendar"]),
    ("calendar-ics", ["calendar", "--ics", "{out}/cal.ics"]),
    ("trace", ["trace"]),
    ("trace-json", ["trace", "--format", "json"]),
    ("decompose", ["decompose", "--plan", "plan-2022-city", "-o", "{out}/decomposed.yaml"]),
    ("export-json", ["export", "--format", "json"]),
    ("export-csv", ["export", "--format", "csv", "--table", "obligations"]),
    ("export-xlsx", ["export", "-o", "{out}/export.xlsx"]),
    ("overdue", ["overdue", "--as-of", "2022-03-28"]),
    ("overdue-json", ["overdue", "--as-of", "2022-03-28", "--format", "json"]),
    ("overdue-unit", ["overdue", "--as-of", "2022-03-28", "--unit", "罗店镇中队"]),
    ("overdue-detail", ["overdue", "--as-of", "2022-06-30", "--detail", "--format", "json"]),
    ("overdue-dept", ["overdue", "--as-of", "2022-12-31", "--dept", "监督科", "--format", "md"]),
    ("overdue-fail", ["overdue", "--as-of", "2022-05-10", "--fail", "--format", "csv"]),
    ("progress", ["progress", "--as-of", "2022-06-30"]),
    ("progress-json", ["progress", "--as-of", "2022-12-31", "--format", "json"]),
    ("progress-dept", ["progress", "--as-of", "2022-06-30", "--dept", "法制科"]),
    ("form-one", ["form", "--month", "3", "--unit", "罗店镇中队", "-o", "{out}/form.xlsx"]),
    ("form-all", ["form", "--month", "4", "--all", "-o", "{out}/forms"]),
    ("site", ["site", "--as-of", "2022-03-28", "-o", "{out}/site"]),
    ("remind", ["remind", "--as-of", "2022-03-28", "--dry-run", "--webhook", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", "--kind", "wecom"]),
    ("phrase", ["phrase", "每周不少于2次", "每月整改问题不少于16起", "每季度全覆盖", "每次不少于30件"]),
    ("phrase-json", ["phrase", "--format", "json", "每月不少于1次", "不少于当季案件数10%", "每年1-2次"]),
    ("ledger-list", ["ledger", "list", "--all"]),
    ("ledger-list-json", ["ledger", "list", "--format", "json", "--dept", "监督科"]),
    ("render-notice", ["render", "notice", "--doc", "tasks-2022", "--number", "宝城执〔2022〕1号", "--date", "2022-02-10", "-o", "{out}/notice.docx"]),
    ("render-plan", ["render", "plan", "--doc", "supervision-2022", "-o", "{out}/plan.docx"]),
    ("render-summary", ["render", "summary", "--doc", "plan-2022-city", "-o", "{out}/summary.docx"]),
    ("render-report", ["render", "report", "--as-of", "2022-06-30", "-o", "{out}/report.docx"]),
    ("render-monthly", ["render", "monthly", "--month", "3", "--dept", "监督科", "-o", "{out}/monthly.docx"]),
    ("render-monthly-unit", ["render", "monthly", "--month", "3", "--unit", "罗店镇中队", "--number", "宝城执〔2022〕9号", "--date", "2022-03-08", "--cc", "区府办", "--sealed", "-o", "{out}/monthly-unit.docx"]),
    ("render-monthly-all", ["render", "monthly", "--month", "5", "--all", "-o", "{out}/monthly-all"]),
    ("bad-dept", ["list", "--dept", "监督课"]),
    ("bad-month", ["due", "--month", "13"]),
]

OFFICE_SUFFIXES = (".docx", ".xlsx")
VOLATILE_PARTS = {"docProps/core.xml"}


def main(out: Path) -> None:
    """Run every command into ``out``: ``<name>.txt`` with exit code, stdout and stderr, plus its files."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as scratch_root:
        env = {**os.environ, "COLUMNS": "80", "CGTASK_CACHE_DIR": cache, "NO_COLOR": "1", "TERM": "dumb"}
        env.pop("CGTASK_REGISTRY", None)
        for name, args in COMMANDS:
            scratch = Path(scratch_root) / name
            scratch.mkdir()
            argv = [a.replace("{out}", str(scratch)) for a in args]
            done = subprocess.run(
                [sys.executable, "-m", "cgtask", *argv], capture_output=True, env=env, timeout=600
            )
            text = done.stdout.decode() + "\n--- stderr ---\n" + done.stderr.decode()
            text = text.replace(str(scratch), "{out}")
            (out / f"{name}.txt").write_text(f"exit {done.returncode}\n{text}", encoding="utf-8")
            _keep_files(scratch, out / name)


def _keep_files(scratch: Path, target: Path) -> None:
    for path in sorted(scratch.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(scratch)
        if path.suffix in OFFICE_SUFFIXES:
            with zipfile.ZipFile(path) as archive:
                for part in sorted(archive.namelist()):
                    if part in VOLATILE_PARTS:
                        continue
                    dest = target / f"{relative}.parts" / part
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(archive.read(part))
        elif path.suffix == ".ics":
            # DTSTAMP is the time of writing, as the standard asks; the events are what is compared.
            text = re.sub(r"DTSTAMP:\S+", "DTSTAMP:-", path.read_text(encoding="utf-8"))
            dest = target / relative
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
        else:
            dest = target / relative
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(path.read_bytes())


if __name__ == "__main__":
    main(Path(sys.argv[1]))

"""Probes of the 台账's writes: concurrent processes and git clones merged by the union driver.

Each is an action: it runs real cgtask processes (and real git) and says what went wrong ("" when right).
The rule: one meaning per record — a form row, a ``done``, an undo, an edit count once however they are run
or merged, and ``check`` names what a merge let through together with the command that resolves it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from tests.probes.forms_util import filled_form
from tests.probes.probe_round import Context, Probe, Run

SURFACE = "台账写入"
RECORD = "r-5c1e0a01"


def _done(period: str, date: str, *extra: str) -> tuple[str, ...]:
    return (
        "done",
        "1",
        "--doc",
        "supervision-2022",
        "--level",
        "区局",
        "--period",
        period,
        "--date",
        date,
        *extra,
    )


def together(context: Context, runs: Sequence[Sequence[str]]) -> list[Run]:
    """Each command in its own process, all started at once."""
    with ThreadPoolExecutor(len(runs)) as pool:
        return list(pool.map(lambda args: context.cgtask(*args), runs))


def entries(registry: Path) -> list[dict[str, Any]]:
    data = YAML(typ="safe").load((registry / "ledger.yaml").read_text("utf-8"))
    found: list[dict[str, Any]] = data["entries"]
    return found


def live(registry: Path) -> list[dict[str, Any]]:
    all_entries = entries(registry)
    withdrawn = {e.get("withdraws") for e in all_entries}
    return [e for e in all_entries if not e.get("withdraws") and e.get("id") not in withdrawn]


def check_errors(context: Context, registry: Path | None = None) -> str:
    run = Context(context.work, registry or context.registry).cgtask("check")
    return run.out + run.err if run.code else ""


def _problems(*pairs: tuple[bool, str]) -> str:
    return "; ".join(message for wrong, message in pairs if wrong)


def _crashed(runs: Sequence[Run]) -> bool:
    return any("Traceback" in r.err or "内部错误" in r.err or r.hung for r in runs)


def _form(context: Context) -> Path:
    return filled_form(context.registry, context.work)


def concurrent_imports(copies: int) -> Callable[[Context], str]:
    def action(context: Context) -> str:
        form = _form(context)
        runs = together(context, [("ledger", "import", str(form))] * copies)
        forms = [e for e in live(context.registry) if e.get("origin")]
        return _problems(
            (_crashed(runs), "a traceback or hang"),
            (any(r.code for r in runs), f"exits {[r.code for r in runs]}"),
            (len(forms) != 1, f"{len(forms)} records from one form row"),
            (check_errors(context) != "", "check fails"),
        )

    return action


def concurrent_undos(copies: int) -> Callable[[Context], str]:
    def action(context: Context) -> str:
        runs = together(context, [("ledger", "undo", RECORD)] * copies)
        withdrawals = sum(e.get("withdraws") == RECORD for e in entries(context.registry))
        return _problems(
            (_crashed(runs), "a traceback or hang"),
            (sum(r.code == 0 for r in runs) != 1, f"exits {[r.code for r in runs]}"),
            (withdrawals != 1, f"{withdrawals} withdrawals"),
            (not all("已经撤销过" in r.err for r in runs if r.code), "the refusal does not say why"),
        )

    return action


def concurrent_edits(copies: int) -> Callable[[Context], str]:
    def action(context: Context) -> str:
        before = len(live(context.registry))
        runs = together(context, [("ledger", "edit", RECORD, "--note", f"更正{n}") for n in range(copies)])
        return _problems(
            (_crashed(runs), "a traceback or hang"),
            (sum(r.code == 0 for r in runs) != 1, f"exits {[r.code for r in runs]}"),
            (len(live(context.registry)) != before, "live records changed in number"),
            (check_errors(context) != "", "check fails"),
        )

    return action


def concurrent_dones(copies: int) -> Callable[[Context], str]:
    """Different records at once: none may be lost."""

    def action(context: Context) -> str:
        before = len(entries(context.registry))
        runs = together(context, [_done("2022-03", f"2022-03-{n + 1:02d}") for n in range(copies)])
        after = len(entries(context.registry))
        return _problems(
            (_crashed(runs), "a traceback or hang"),
            (any(r.code for r in runs), f"exits {[r.code for r in runs]}: {[r.err[-200:] for r in runs]}"),
            (after != before + copies, f"{after - before} of {copies} records kept"),
            (check_errors(context) != "", "check fails"),
        )

    return action


def undo_and_edit_at_once(context: Context) -> str:
    runs = together(context, [("ledger", "undo", RECORD), ("ledger", "edit", RECORD, "--note", "更正")])
    live_successors = [e for e in live(context.registry) if e.get("replaces") == RECORD]
    withdrawn = any(e.get("withdraws") == RECORD for e in entries(context.registry))
    return _problems(
        (_crashed(runs), "a traceback or hang"),
        (sum(r.code == 0 for r in runs) != 1, f"exits {[r.code for r in runs]}"),
        (withdrawn and bool(live_successors), "withdrawn and corrected both"),
        (check_errors(context) != "", "check fails"),
    )


def imports_and_dones_at_once(context: Context) -> str:
    form = _form(context)
    before = len(entries(context.registry))
    runs = together(context, [("ledger", "import", str(form)), _done("2022-03", "2022-03-02")] * 2)
    forms = [e for e in live(context.registry) if e.get("origin")]
    return _problems(
        (_crashed(runs), "a traceback or hang"),
        (len(forms) != 1, f"{len(forms)} records from one form row"),
        (len(entries(context.registry)) != before + 3, "a record was lost or doubled"),
    )


# --- sequential ---------------------------------------------------------------------------------------


def import_twice(context: Context) -> str:
    form = _form(context)
    runs = [context.cgtask("ledger", "import", str(form)) for _ in range(2)]
    forms = [e for e in live(context.registry) if e.get("origin")]
    return _problems(
        (any(r.code for r in runs), "an import failed"), (len(forms) != 1, f"{len(forms)} records")
    )


def import_two_copies(context: Context) -> str:
    form = _form(context)
    copy = form.with_name("副本-" + form.name)
    copy.write_bytes(form.read_bytes())
    run = context.cgtask("ledger", "import", str(form), str(copy), str(form))
    forms = [e for e in live(context.registry) if e.get("origin")]
    return _problems((_crashed([run]), "traceback"), (len(forms) != 1, f"{len(forms)} records"))


def import_after_edit(context: Context) -> str:
    form = _form(context)
    context.cgtask("ledger", "import", str(form))
    [record] = [e["id"] for e in live(context.registry) if e.get("origin")]
    edited = context.cgtask("ledger", "edit", record, "--note", "更正")
    again = context.cgtask("ledger", "import", str(form))
    forms = [e for e in live(context.registry) if e.get("origin") or e.get("replaces") == record]
    return _problems(
        (edited.code != 0, f"edit failed: {edited.err[-200:]}"),
        (_crashed([again]), "traceback"),
        (len(forms) != 1, f"{len(forms)} live records for one form row after an edit and a re-import"),
        (check_errors(context) != "", "check fails"),
    )


def import_after_undo(context: Context) -> str:
    form = _form(context)
    context.cgtask("ledger", "import", str(form))
    [record] = [e["id"] for e in live(context.registry) if e.get("origin")]
    context.cgtask("ledger", "undo", record)
    again = context.cgtask("ledger", "import", str(form))
    forms = [e for e in live(context.registry) if e.get("origin")]
    return _problems(
        (_crashed([again]), "traceback"),
        (len(forms) > 1, f"{len(forms)} live records for one form row"),
        (check_errors(context) != "", "check fails"),
    )


def undo_twice(context: Context) -> str:
    first = context.cgtask("ledger", "undo", RECORD)
    second = context.cgtask("ledger", "undo", RECORD)
    return _problems((first.code != 0, "first undo failed"), (second.code == 0, "second undo accepted"))


def edit_withdrawn(context: Context) -> str:
    context.cgtask("ledger", "undo", RECORD)
    edit = context.cgtask("ledger", "edit", RECORD, "--note", "x")
    return _problems(
        (edit.code == 0, "an edit of a withdrawn record accepted"), (_crashed([edit]), "traceback")
    )


def undo_a_withdrawal(context: Context) -> str:
    context.cgtask("ledger", "undo", RECORD)
    [withdrawal] = [e["id"] for e in entries(context.registry) if e.get("withdraws") == RECORD]
    undo = context.cgtask("ledger", "undo", withdrawal)
    return _problems(
        (_crashed([undo]), "traceback"), (undo.code == 0 and check_errors(context) != "", "check fails")
    )


def dry_run_writes_nothing(context: Context) -> str:
    form = _form(context)
    before = (context.registry / "ledger.yaml").read_bytes()
    run = context.cgtask("ledger", "import", "--dry-run", str(form))
    return _problems(
        (run.code != 0, f"exit {run.code}"),
        ((context.registry / "ledger.yaml").read_bytes() != before, "wrote"),
    )


def hand_duplicated_id(context: Context) -> str:
    path = context.registry / "ledger.yaml"
    text = path.read_text("utf-8")
    start = text.index("  - id: r-5c1e0a01")
    end = text.index("  - id:", start + 5)
    path.write_text(text + text[start:end], "utf-8")
    errors = check_errors(context)
    return "" if RECORD in errors else "check is silent about a record written twice"


# --- two clones, merged by git's union driver ---------------------------------------------------------


def git(cwd: Path, *args: str) -> str:
    command = [
        "git",
        "-c",
        "user.name=测试",
        "-c",
        "user.email=t@example.invalid",
        "-c",
        "init.defaultBranch=main",
    ]
    done = subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(done.stdout + done.stderr)
    return done.stdout


def clones(context: Context) -> tuple[Path, Path]:
    origin = context.registry
    (origin / ".gitattributes").write_text("ledger.yaml merge=union\n", "utf-8")
    git(origin, "init", "-q")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "登记册")
    first, second = context.work / "first", context.work / "second"
    git(context.work, "clone", "-q", str(origin), str(first))
    git(context.work, "clone", "-q", str(origin), str(second))
    return first, second


def merge(first: Path, second: Path) -> None:
    for clone in (first, second):
        git(clone, "add", "-A")
        git(clone, "commit", "-qm", f"{clone.name} 登记", "--allow-empty")
    git(first, "pull", "-q", "--no-rebase", "--no-edit", str(second), "HEAD")


def in_clones(
    first_args: Sequence[Sequence[str]],
    second_args: Sequence[Sequence[str]],
    *,
    resolves: bool = True,
    verify: Callable[[Path], str] | None = None,
) -> Callable[[Context], str]:
    """Run commands in two clones, merge, and ask: does ``check`` name the clash and its fix, and does the fix hold?

    A merge that leaves no clash (two different records, or one meaning written twice) must check clean,
    and ``verify`` says whether the merged 台账 means what both clones meant.
    """

    def action(context: Context) -> str:
        first, second = clones(context)
        form = _form(context)
        for clone, runs in ((first, first_args), (second, second_args)):
            for args in runs:
                named = {"FORM": str(form), "LAST": str(entries(clone)[-1]["id"])}
                run = Context(context.work, clone).cgtask(*(named.get(a, a) for a in args))
                if run.code:
                    return f"{' '.join(args)} in {clone.name}: {run.err[-200:]}"
        merge(first, second)
        errors = check_errors(context, first)
        if not resolves:
            meant = verify(first) if verify else ""
            return _problems((errors != "", f"check fails: {errors[-300:]}"), (meant != "", meant))
        return _resolved(context, first, errors, form)

    return action


def _resolved(context: Context, first: Path, errors: str, form: Path) -> str:
    if "E802" not in errors:
        live_forms = [e for e in live(first) if e.get("origin")]
        return (
            f"check silent after the merge ({len(live_forms)} live form records)" if errors == "" else errors
        )
    command = next((line for line in errors.splitlines() if "cgtask ledger" in line), "")
    if "cgtask ledger import" in command:
        fix = ("ledger", "import", str(form))
    elif "cgtask ledger undo " in command:
        fix = ("ledger", "undo", command.split("cgtask ledger undo ")[1].split()[0].strip("）)，。；"))
    else:
        return f"E802 names no command: {errors[-300:]}"
    run = Context(context.work, first).cgtask(*fix)
    after = check_errors(context, first)
    return _problems(
        (run.code != 0, f"the fix failed: {run.err[-200:]}"), (after != "", f"still: {after[-300:]}")
    )


def _not_live(record: str) -> Callable[[Path], str]:
    def verify(clone: Path) -> str:
        return f"{record} still counts" if any(e.get("id") == record for e in live(clone)) else ""

    return verify


def _no_form_record(clone: Path) -> str:
    forms = [e for e in live(clone) if e.get("origin")]
    return f"{len(forms)} form records count" if forms else ""


IMPORT = ("ledger", "import", "FORM")
LEDGER_PROBES = [
    *(Probe(SURFACE, f"{n} concurrent imports of one form", action=concurrent_imports(n)) for n in (2, 4, 6)),
    *(Probe(SURFACE, f"{n} concurrent undos of one record", action=concurrent_undos(n)) for n in (2, 4)),
    *(Probe(SURFACE, f"{n} concurrent edits of one record", action=concurrent_edits(n)) for n in (2, 3)),
    *(Probe(SURFACE, f"{n} concurrent done of different records", action=concurrent_dones(n)) for n in (2, 4, 6)),
    Probe(SURFACE, "undo and edit of one record at once", action=undo_and_edit_at_once),
    Probe(SURFACE, "two imports and two done at once", action=imports_and_dones_at_once),
    Probe(SURFACE, "one form imported twice in a row", action=import_twice),
    Probe(SURFACE, "one form and its copy in one command", action=import_two_copies),
    Probe(SURFACE, "a form re-imported after its record was corrected", action=import_after_edit),
    Probe(SURFACE, "a form re-imported after its record was withdrawn", action=import_after_undo),
    Probe(SURFACE, "a second undo", action=undo_twice),
    Probe(SURFACE, "an edit of a withdrawn record", action=edit_withdrawn),
    Probe(SURFACE, "an undo of a withdrawal", action=undo_a_withdrawal),
    Probe(SURFACE, "ledger import --dry-run", action=dry_run_writes_nothing),
    Probe(SURFACE, "one record written twice by hand", action=hand_duplicated_id),
    Probe(SURFACE, "clones: one form imported in each", action=in_clones([IMPORT], [IMPORT])),
    Probe(SURFACE, "clones: one record edited in each",
          action=in_clones([("ledger", "edit", RECORD, "--note", "甲")], [("ledger", "edit", RECORD, "--note", "乙")])),
    Probe(SURFACE, "clones: one record withdrawn in each (one meaning, written twice)",
          action=in_clones([("ledger", "undo", RECORD)], [("ledger", "undo", RECORD)], resolves=False,
                           verify=_not_live(RECORD))),
    Probe(SURFACE, "clones: withdrawn in one, corrected in the other",
          action=in_clones([("ledger", "undo", RECORD)], [("ledger", "edit", RECORD, "--note", "乙")])),
    Probe(SURFACE, "clones: imported and withdrawn in one, imported in the other (withdrawn, as a re-import would leave it)",
          action=in_clones([IMPORT, ("ledger", "undo", "LAST")], [IMPORT], resolves=False, verify=_no_form_record)),
    Probe(SURFACE, "clones: a different done in each (no clash)",
          action=in_clones([_done("2022-03", "2022-03-02")], [_done("2022-03", "2022-03-03")], resolves=False)),
    Probe(SURFACE, "clones: the same done in each",
          action=in_clones([_done("2022-03", "2022-03-02")], [_done("2022-03", "2022-03-02")], resolves=False)),
]  # fmt: skip

"""The probes of a round, by surface: what a hostile or careless user would try, and what must happen.

A probe without ``expect="ok"`` must be refused cleanly (see ``probe_round``). Files are built by small
generators here; the shared ones (a filled form, tampering) come from ``forms_util``.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
from collections.abc import Callable
from typing import Any

from tests.probes.probe_files import FILE_PROBES
from tests.probes.probe_ledger import LEDGER_PROBES
from tests.probes.probe_robots import ROBOT_PROBES
from tests.probes.probe_round import Context, Probe, Run

DONE = (
    "done",
    "1",
    "--doc",
    "supervision-2022",
    "--level",
    "区局",
    "--period",
    "2022-03",
    "--date",
    "2022-03-08",
)
SURFACE_NUMBERS, SURFACE_OUTPUT, SURFACE_PATHS = "表中数字", "输出", "路径"
SURFACE_TEMPLATES, SURFACE_YAML, SURFACE_CLI = "模板", "YAML 登记册", "命令行参数"


def refuse(surface: str, name: str, *args: str, **options: Any) -> Probe:
    return Probe(surface, name, tuple(args), **options)


def either(surface: str, name: str, *args: str, **options: Any) -> Probe:
    return Probe(surface, name, tuple(args), expect="either", **options)


def ok(surface: str, name: str, *args: str, **options: Any) -> Probe:
    return Probe(surface, name, tuple(args), expect="ok", **options)


# --- numbers: the same bounds on the command line as in forms (forms: probe_files) -------------------

NUMBER_PROBES = [
    refuse(SURFACE_NUMBERS, f"done {flag} {value}", *DONE, flag, value)
    for flag, value in [
        ("--count", "1001"), ("--count", "-1"), ("--count", "99999999999999999999999"),
        ("--quantity", "1000001"), ("--quantity", "-5"), ("--of", "1" + "0" * 30), ("--of", "-1"),
        ("--value", "1e308"), ("--value", "nan"), ("--value", "inf"), ("--value", "-1e400"),
        ("--count", "1.5"), ("--count", "三"), ("--count", "0x10"),
    ]
]  # fmt: skip
NUMBER_PROBES += [
    refuse(SURFACE_NUMBERS, f"ledger edit {flag} {value}", "ledger", "edit", "r-5c1e0a01", flag, value)
    for flag, value in [("--count", "1001"), ("--count", str(2**63)), ("--quantity", "1e9"), ("--of", "-3")]
]


# --- outputs: formulas and control characters leave inert --------------------------------------------


def _ledger_note(note: str) -> Callable[[Context], None]:
    """A record with ``note`` written into ledger.yaml by hand (as a careless keeper would)."""

    def setup(context: Context) -> None:
        path = context.registry / "ledger.yaml"
        quoted = note.replace("\\", "\\\\").replace('"', '\\"')
        quoted = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in quoted)
        path.write_text(
            path.read_text("utf-8")
            + f'  - id: r-0bad0001\n    item: "1"\n    doc: supervision-2022\n    level: 区局\n'
            f'    period: 2022-04\n    date: 2022-04-06\n    note: "{quoted}"\n',
            "utf-8",
        )

    return setup


def _title(text: str) -> Callable[[Context], None]:
    """Task 1.1's title in the task table replaced by ``text``."""

    def setup(context: Context) -> None:
        path = context.registry / "documents" / "tasks-2022.yaml"
        source = path.read_text("utf-8")
        first = source.index("title: ")
        end = source.index("\n", first)
        quoted = text.replace("'", "''")
        path.write_text(source[:first] + f"title: '{quoted}'" + source[end:], "utf-8")

    return setup


def _inert(*needles: str) -> Callable[[Context, Run], str]:
    def check(context: Context, run: Run) -> str:
        said = run.out
        bad = [n for n in needles if n in said]
        return f"output carries {bad!r}" if bad else ""

    return check


def _inert_file(name: str, *needles: str) -> Callable[[Context, Run], str]:
    def check(context: Context, run: Run) -> str:
        paths = [p for p in context.work.rglob(name) if p.is_file()]
        if not paths:
            return f"{name} not written"
        data = b"".join(p.read_bytes() for p in paths)
        bad = [n for n in needles if n.encode() in data]
        return f"{name} carries {bad!r}" if bad else ""

    return check


def _xlsx_inert(context: Context, run: Run) -> str:
    from openpyxl import load_workbook

    book = load_workbook(context.work / "out.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and "\x1b" in cell.value):
                    return f"{sheet.title}!{cell.coordinate} is live: {cell.value!r}"
    return ""


FORMULA = '=HYPERLINK("http://x.invalid","点我")'
ESCAPE = "完成\x1b[2J\x1b]0;pwned\x07"
OUTPUT_PROBES = [
    either(SURFACE_OUTPUT, "ledger list: escape in a hand-written note", "ledger", "list",
       setup=_ledger_note(ESCAPE), check=_inert("\x1b", "\x07")),
    either(SURFACE_OUTPUT, "ledger list md: escape", "ledger", "list", "--format", "md",
       setup=_ledger_note(ESCAPE), check=_inert("\x1b", "\x07")),
    ok(SURFACE_OUTPUT, "ledger list csv: formula note", "ledger", "list", "--format", "csv",
       setup=_ledger_note(FORMULA), check=_inert("\n" + FORMULA, "," + FORMULA)),
    either(SURFACE_OUTPUT, "ledger list json: escape stays JSON-escaped", "ledger", "list", "--format", "json",
       setup=_ledger_note(ESCAPE), check=_inert("\x1b")),
    ok(SURFACE_OUTPUT, "export csv: formula note", "export", "--format", "csv", "--table", "ledger", "-o", "{work}/l.csv",
       setup=_ledger_note(FORMULA), check=_inert_file("*.csv", "," + FORMULA, "\n" + FORMULA)),
    either(SURFACE_OUTPUT, "export xlsx: escape and formula note", "export", "-o", "{work}/out.xlsx",
       setup=_ledger_note(ESCAPE + FORMULA), check=_xlsx_inert),
    ok(SURFACE_OUTPUT, "export xlsx: formula title", "export", "-o", "{work}/out.xlsx",
       setup=_title("=1+1"), check=_xlsx_inert),
    ok(SURFACE_OUTPUT, "list csv: formula title", "list", "--format", "csv",
       setup=_title("=cmd|' /C calc'!A0"), check=_inert("\n=cmd", ",=cmd")),
    ok(SURFACE_OUTPUT, "list csv: + title", "list", "--format", "csv",
       setup=_title("+1+cmd"), check=_inert("\n+1+cmd", ",+1+cmd")),
    ok(SURFACE_OUTPUT, "list csv: @ title", "list", "--format", "csv",
       setup=_title("@SUM(A1)"), check=_inert("\n@SUM", ",@SUM")),
    either(SURFACE_OUTPUT, "list table: escape in a title", "list",
       setup=_title("整改\x1b[2J"), check=_inert("\x1b")),
    either(SURFACE_OUTPUT, "show: escape in a title", "show", "1.1",
       setup=_title("整改\x1b]0;x\x07"), check=_inert("\x1b", "\x07")),
    ok(SURFACE_OUTPUT, "due csv: formula title", "due", "--month", "12", "--format", "csv",
       setup=_title("=1+1"), check=_inert("\n=1+1", ",=1+1")),
    ok(SURFACE_OUTPUT, "list md: a pipe and a newline in a title", "list", "--format", "md",
       setup=_title("甲|乙"), check=_inert("| 甲|乙 |")),
    ok(SURFACE_OUTPUT, "overdue csv: formula note", "overdue", "--as-of", "2022-04-30", "--format", "csv",
       setup=_ledger_note(FORMULA), check=_inert("\n" + FORMULA, "," + FORMULA)),
    ok(SURFACE_OUTPUT, "progress csv: formula title", "progress", "--as-of", "2022-12-31", "--format", "csv",
       setup=_title("=1+1"), check=_inert("\n=1+1", ",=1+1")),
    ok(SURFACE_OUTPUT, "site: script in a title", "site", "-o", "{work}/site", "--as-of", "2022-04-30",
       setup=_title("<script>alert(1)</script>"), check=_inert_file("*.html", "<script>alert(1)")),
    ok(SURFACE_OUTPUT, "calendar ics: a line break in a title", "calendar", "--ics", "{work}/a.ics",
       setup=_title("甲\nBEGIN:VEVENT"), check=_inert_file("a.ics", "\nBEGIN:VEVENT\r\nSUMMARY:x")),
    ok(SURFACE_OUTPUT, "list: a bidi override in a title is shown escaped", "list", "--format", "csv",
       setup=_title("整改\u202egnp.exe"), check=_inert("\u202e")),
    refuse(SURFACE_OUTPUT, "done: a note with a bidi override", *DONE, "--note", "完成\u202e成完"),
    refuse(SURFACE_OUTPUT, "done: a note with ESC", *DONE, "--note", "完成\x1b[2J"),
    refuse(SURFACE_OUTPUT, "done: a note with NUL-like C1", *DONE, "--note", "完成\x85"),
    refuse(SURFACE_OUTPUT, "done: a note of 2001 characters", *DONE, "--note", "字" * 2001),
    refuse(SURFACE_OUTPUT, "done: a unit with ESC", *DONE[:6], "--unit", "吴淞\x1b[2J"),
]  # fmt: skip


# --- paths: devices, FIFOs, sockets, links, long names, full disks ----------------------------------


def _make(kind: str, name: str = "out.json") -> Callable[[Context], None]:
    def setup(context: Context) -> None:
        path = context.work / name
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "socket":
            server = socket.socket(socket.AF_UNIX)
            server.bind(str(path))
        elif kind == "device":
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        elif kind == "full":
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        elif kind == "link-out":
            (context.work.parent / "outside.txt").write_text("别人的文件", "utf-8")
            path.symlink_to(context.work.parent / "outside.txt")
        elif kind == "link-null":
            path.symlink_to("/dev/null")
        elif kind == "dir":
            path.mkdir()
        elif kind == "file":
            path.write_text("原有内容", "utf-8")

    return setup


def _through_link(context: Context, run: Run) -> str:
    """The link stays a link (the user's choice, as for the registry's own files); its target is whole."""
    import json

    link, outside = context.work / "out.json", context.work.parent / "outside.txt"
    if not link.is_symlink():
        return "the link was replaced by a file"
    try:
        json.loads(outside.read_text("utf-8"))
    except ValueError:
        return "the target is not the whole export"
    return ""


OWN_CACHE = {"CGTASK_CACHE_DIR": "{work}/../own.cache"}


def _cache(kind: str) -> Callable[[Context], None]:
    def setup(context: Context) -> None:
        cache = context.work.parent / "own.cache"
        if kind == "file":
            cache.write_text("x", "utf-8")
        elif kind == "fifo":
            os.mkfifo(cache)
        elif kind == "null":
            cache.symlink_to("/dev/null")
        elif kind == "loop":
            cache.symlink_to(cache.name)

    return setup


def _cache_entries(kind: str) -> Callable[[Context], None]:
    def setup(context: Context) -> None:
        first = context.cgtask("list", "--format", "json", env=OWN_CACHE)
        assert first.code == 0, first.err
        cache = context.work.parent / "own.cache"
        for entry in [p for p in cache.rglob("*") if p.is_file()]:
            entry.unlink()
            if kind == "fifo":
                os.mkfifo(entry)
            elif kind == "zero":
                entry.symlink_to("/dev/zero")
            elif kind == "garbage":
                entry.write_bytes(b"\xff\xfe{garbage" * 1000)
            elif kind == "dir":
                entry.mkdir()

    return setup


def _small_file_limit(args: tuple[str, ...]) -> Callable[[Context], str]:
    """The command run under ``ulimit -f`` of 16 KB: a write that cannot finish is told in Chinese."""

    def action(context: Context) -> str:
        from tests.probes.probe_round import environment, judge_refusal, snapshot

        before = snapshot(context.work)
        command = ["bash", "-c", 'ulimit -f 16 && exec "$@"', "cgtask", "python3", "-m", "cgtask"]
        command[-3] = os.sys.executable  # type: ignore[attr-defined]
        done = subprocess.run(
            [*command, *[a.format(work=context.work) for a in args], "-r", str(context.registry)],
            cwd=context.work, env=environment(context.work, None), capture_output=True, text=True,
            timeout=60, check=False,
        )  # fmt: skip
        run = Run(done.returncode, done.stdout, done.stderr, 0.0, 0.0)
        after = {k: v for k, v in snapshot(context.work).items() if ".cgtask-" not in k}
        return judge_refusal(run, before, after)

    return action


EXPORT = ("export", "--format", "json", "-o", "{work}/out.json")
PATH_PROBES = [
    refuse(SURFACE_PATHS, f"export -o onto a {kind} with --force", *EXPORT, "--force", setup=_make(kind))
    for kind in ("fifo", "socket", "device", "full")
] + [
    refuse(SURFACE_PATHS, f"export -o onto a {kind} without --force", *EXPORT, setup=_make(kind))
    for kind in ("fifo", "device", "file", "link-out")
] + [
    ok(SURFACE_PATHS, "export -o a folder: written inside under its own name", *EXPORT, "--force",
       setup=_make("dir"), check=_inert_file("cgtask-export.json", "\x1b")),
    ok(SURFACE_PATHS, "export -o the user's link to a file, --force: written whole through the link", *EXPORT,
       "--force", setup=_make("link-out"), check=_through_link),
    refuse(SURFACE_PATHS, "export -o a link to /dev/null, --force", *EXPORT, "--force", setup=_make("link-null")),
    refuse(SURFACE_PATHS, "form -o onto a FIFO, --force", "form", "--month", "3", "--unit", "吴淞街道中队",
           "-o", "{work}/out.xlsx", "--force", setup=_make("fifo", "out.xlsx")),
    refuse(SURFACE_PATHS, "render notice -o onto a device, --force", "render", "notice", "--number", "宝城执〔2022〕1号",
           "--date", "2022-03-07", "-o", "{work}/out.docx", "--force", setup=_make("device", "out.docx")),
    refuse(SURFACE_PATHS, "calendar --ics onto a socket, --force", "calendar", "--ics", "{work}/out.ics", "--force",
           setup=_make("socket", "out.ics")),
    refuse(SURFACE_PATHS, "import -o onto a FIFO, --force", "import", "{registry}/../t.docx", "-o", "{work}/out.yaml",
           "--force", setup=_make("fifo", "out.yaml")),
    refuse(SURFACE_PATHS, "export -o a 300-byte name", "export", "--format", "json", "-o", "{work}/" + "长" * 100 + ".json"),
    refuse(SURFACE_PATHS, "form -o a 300-byte name", "form", "--month", "3", "--unit", "吴淞街道中队",
           "-o", "{work}/" + "表" * 100 + ".xlsx"),
    refuse(SURFACE_PATHS, "export -o into a missing folder", "export", "--format", "json", "-o", "{work}/无/此/处.json"),
    refuse(SURFACE_PATHS, "export -o under a file", "export", "--format", "json", "-o", "{work}/out.json/x.json",
           setup=_make("file")),
    refuse(SURFACE_PATHS, "export -o an empty name", "export", "--format", "json", "-o", ""),
    refuse(SURFACE_PATHS, "--registry missing", "list", "-r", "{work}/无此目录", registry=False),
    refuse(SURFACE_PATHS, "--registry a file", "list", "-r", "{work}/out.json", setup=_make("file"), registry=False),
    refuse(SURFACE_PATHS, "--registry a FIFO", "list", "-r", "{work}/out.json", setup=_make("fifo"), registry=False),
    refuse(SURFACE_PATHS, "--registry /dev/null", "list", "-r", "/dev/null", registry=False),
    refuse(SURFACE_PATHS, "--registry empty", "list", "-r", "", registry=False),
    refuse(SURFACE_PATHS, "--registry a 300-byte name", "list", "-r", "{work}/" + "册" * 100, registry=False),
    refuse(SURFACE_PATHS, "--registry with a NUL", "list", "-r", "{work}/a\x01b", registry=False),
    refuse(SURFACE_PATHS, "ledger.yaml is a FIFO: done", *DONE,
           setup=lambda c: ((c.registry / "ledger.yaml").unlink(), os.mkfifo(c.registry / "ledger.yaml"))),
    refuse(SURFACE_PATHS, "ledger.yaml links to /dev/zero: done", *DONE,
           setup=lambda c: ((c.registry / "ledger.yaml").unlink(), (c.registry / "ledger.yaml").symlink_to("/dev/zero"))),
    refuse(SURFACE_PATHS, "ledger.yaml is a folder: done", *DONE,
           setup=lambda c: ((c.registry / "ledger.yaml").unlink(), (c.registry / "ledger.yaml").mkdir())),
    refuse(SURFACE_PATHS, "site -o the registry itself, --force", "site", "-o", "{registry}", "--force",
           "--as-of", "2022-04-30"),
    refuse(SURFACE_PATHS, "site -o the folder holding the registry, --force", "site", "-o", "{work}", "--force",
           "--as-of", "2022-04-30"),
    refuse(SURFACE_PATHS, "site -o / , --force", "site", "-o", "/", "--force", "--as-of", "2022-04-30"),
    refuse(SURFACE_PATHS, "site -o a folder of someone's files", "site", "-o", "{work}/docs", "--as-of", "2022-04-30",
           setup=lambda c: ((c.work / "docs").mkdir(), (c.work / "docs" / "a.txt").write_text("x", "utf-8"))),
    refuse(SURFACE_PATHS, "form --all -o a file", "form", "--month", "3", "--all", "-o", "{work}/out.json",
           setup=_make("file")),
    refuse(SURFACE_PATHS, "init into an existing registry", "init", "{registry}", registry=False),
    refuse(SURFACE_PATHS, "init into a FIFO", "init", "{work}/out.json", setup=_make("fifo"), registry=False),
    Probe(SURFACE_PATHS, "export under ulimit -f 16 KB (EFBIG) in Chinese",
          action=_small_file_limit(("export", "-o", "{work}/big.xlsx"))),
    Probe(SURFACE_PATHS, "site under ulimit -f 16 KB (EFBIG) in Chinese",
          action=_small_file_limit(("site", "-o", "{work}/site", "--as-of", "2022-04-30"))),
    Probe(SURFACE_PATHS, "form under ulimit -f 16 KB (EFBIG) in Chinese",
          action=_small_file_limit(("form", "--month", "3", "--all", "-o", "{work}/forms"))),
] + [
    ok(SURFACE_PATHS, f"cache folder is a {kind}", "list", "--format", "json", setup=_cache(kind), env=OWN_CACHE)
    for kind in ("file", "fifo", "null", "loop")
] + [
    ok(SURFACE_PATHS, f"cache entries are {kind}", "list", "--format", "json", setup=_cache_entries(kind), env=OWN_CACHE)
    for kind in ("fifo", "zero", "garbage", "dir")
]  # fmt: skip


# --- templates ---------------------------------------------------------------------------------------


def _template(text: str | bytes, name: str = "notice.txt.j2") -> Callable[[Context], None]:
    def setup(context: Context) -> None:
        folder = context.work / "tpl"
        folder.mkdir(exist_ok=True)
        data = text.encode("utf-8") if isinstance(text, str) else text
        (folder / name).write_bytes(data)
        (context.work.parent / "secret.txt").write_text("机密", "utf-8")

    return setup


NOTICE = ("render", "notice", "--number", "宝城执〔2022〕1号", "--date", "2022-03-07", "-o", "{work}/n.docx",
          "--templates", "{work}/tpl")  # fmt: skip
TEMPLATE_BOMBS = {
    "a loop of 10^9": "{% for i in range(10**9) %}x{% endfor %}",
    "nested loops": "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "a string of 10^9": "{{ 'x' * 10**9 }}",
    "a list of 10^8": "{% set a = [1] * 10**8 %}{{ a|length }}",
    "a power tower": "{{ 9**(9**9) }}",
    "recursion": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "class walk": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals of a helper": "{{ cycler.__init__.__globals__ }}",
    "lipsum globals": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "format walk": "{{ '{0.__class__.__init__.__globals__}'.format(1) }}",
    "include an absolute path": "{% include '/etc/passwd' %}",
    "include outside": "{% include '../../secret.txt' %}",
    "syntax error": "{% for %}",
    "unknown variable": "{{ nothing_here.at_all }}",
    "unknown filter": "{{ 1|shell }}",
    "join of a huge range": "{{ range(10**7)|join(',') }}",
    "wordwrap bomb": "{{ ('x ' * 10**6)|wordwrap(1) }}",
    "center bomb": "{{ 'x'|center(10**9) }}",
    "replace bomb": "{{ ('x' * 10**4)|replace('x', 'x' * 10**5) }}",
    "indent bomb": "{{ ('x\\n' * 10**5)|indent(10**4) }}",
}
TEMPLATE_PROBES = [
    refuse(SURFACE_TEMPLATES, f"template: {name}", *NOTICE, setup=_template(text))
    for name, text in TEMPLATE_BOMBS.items()
] + [
    refuse(SURFACE_TEMPLATES, "template: not UTF-8", *NOTICE, setup=_template("通知正文".encode("gbk"))),
    refuse(SURFACE_TEMPLATES, "template: a FIFO", *NOTICE,
           setup=lambda c: ((c.work / "tpl").mkdir(), os.mkfifo(c.work / "tpl" / "notice.txt.j2"))),
    refuse(SURFACE_TEMPLATES, "template: a link to a secret", *NOTICE,
           setup=lambda c: ((c.work / "tpl").mkdir(), (c.work.parent / "s.txt").write_text("机密", "utf-8"),
                            (c.work / "tpl" / "notice.txt.j2").symlink_to(c.work.parent / "s.txt"))),
    refuse(SURFACE_TEMPLATES, "template: a link to /dev/zero", *NOTICE,
           setup=lambda c: ((c.work / "tpl").mkdir(), (c.work / "tpl" / "notice.txt.j2").symlink_to("/dev/zero"))),
    refuse(SURFACE_TEMPLATES, "template: 60 MB", *NOTICE, setup=_template("字" * (20 * 1024 * 1024))),
    refuse(SURFACE_TEMPLATES, "--templates a missing folder", *NOTICE[:-1], "{work}/无此目录"),
    refuse(SURFACE_TEMPLATES, "--templates a file", *NOTICE[:-1], "{work}/out.json", setup=_make("file")),
    refuse(SURFACE_TEMPLATES, "template: control characters in the output", *NOTICE,
           setup=_template("通知\x1b[2J\x00正文")),
    ok(SURFACE_TEMPLATES, "template: an ordinary change", *NOTICE, setup=_template("现将《{{ table_title }}》印发给你们。")),
]  # fmt: skip


# --- YAML registries ---------------------------------------------------------------------------------


def _ledger(text: str | bytes, mode: str = "append") -> Callable[[Context], None]:
    def setup(context: Context) -> None:
        path = context.registry / "ledger.yaml"
        data = text.encode("utf-8") if isinstance(text, str) else text
        path.write_bytes(path.read_bytes() + data if mode == "append" else data)

    return setup


def _document(text: str | bytes, name: str = "extra.yaml") -> Callable[[Context], None]:
    def setup(context: Context) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        (context.registry / "documents" / name).write_bytes(data)

    return setup


def _organization(change: Callable[[bytes], bytes]) -> Callable[[Context], None]:
    def setup(context: Context) -> None:
        path = context.registry / "organization.yaml"
        path.write_bytes(change(path.read_bytes()))

    return setup


LAUGHS = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(9)
)
ENTRY = "  - id: r-0bad0002\n    item: '1'\n    doc: supervision-2022\n    level: 区局\n    period: 2022-04\n"
YAML_CASES: dict[str, Callable[[Context], None]] = {
    "billion laughs in a document": _document("kind: supervision_plan\n" + LAUGHS),
    "billion laughs in the ledger": _ledger(LAUGHS, "replace"),
    "nesting 100,000 deep": _document("a: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    "nesting of mappings 5,000 deep": _document(
        "".join(" " * n + "a:\n" for n in range(5000)) + " " * 5000 + "b: 1\n"
    ),
    "a 4.9 MB scalar": _document("kind: supervision_plan\ntitle: '" + "字" * (1_600_000) + "'\n"),
    "a 6 MB file": _document("# " + "x" * (6 * 1024 * 1024) + "\n"),
    "UTF-16 with a BOM": _document("kind: supervision_plan\n".encode("utf-16")),
    "GBK": _document("kind: supervision_plan\ntitle: 监督方案\n".encode("gbk")),
    "UTF-32": _document("kind: ledger\n".encode("utf-32")),
    "a NUL byte": _document(b"kind: supervision_plan\x00\n"),
    "a python tag": _document("kind: !!python/object/apply:os.system ['id']\n"),
    "an unknown local tag": _document("kind: !evil supervision_plan\n"),
    "a merge key loop": _document("a: &a\n  <<: *a\n"),
    "a recursive alias": _document("a: &a [*a]\n"),
    "duplicate keys": _document("kind: ledger\nkind: ledger\nentries: []\n"),
    "a tab in indentation": _document("kind: ledger\nentries:\n\t- id: x\n"),
    "a complex key": _document("? [a, b]\n: c\n"),
    "a lone surrogate in the ledger": _ledger(ENTRY + '    date: 2022-04-06\n    note: "\\ud800"\n'),
    "ESC in the ledger": _ledger(ENTRY + '    date: 2022-04-06\n    note: "\\e[2J"\n'),
    "a count of 10^400": _ledger(ENTRY + "    date: 2022-04-06\n    count: 1" + "0" * 400 + "\n"),
    "a count of .nan": _ledger(ENTRY + "    date: 2022-04-06\n    count: .nan\n"),
    "a count of 2^63": _ledger(ENTRY + f"    date: 2022-04-06\n    count: {2**63}\n"),
    "a count of 10^5000": _ledger(ENTRY + "    date: 2022-04-06\n    count: 1" + "0" * 5000 + "\n"),
    "a count of 1001": _ledger(ENTRY + "    date: 2022-04-06\n    count: 1001\n"),
    "a value of .inf": _ledger(ENTRY + "    date: 2022-04-06\n    value: .inf\n"),
    "a note of 2001 characters": _ledger(ENTRY + "    date: 2022-04-06\n    note: " + "字" * 2001 + "\n"),
    "a bidi override in a note": _ledger(ENTRY + '    date: 2022-04-06\n    note: "完成\\u202e成完"\n'),
    "a quantity of 1e308": _ledger(ENTRY + "    date: 2022-04-06\n    quantity: 1e308\n"),
    "a date of 2022-02-30": _ledger(ENTRY + "    date: 2022-02-30\n"),
    "a date of 99999-01-01": _ledger(ENTRY + "    date: 99999-01-01\n"),
    "a date of 0000-01-01": _ledger(ENTRY + "    date: 0000-01-01\n"),
    "a period of 2022-W54": _ledger(ENTRY.replace("2022-04", "2022-W54") + "    date: 2022-04-06\n"),
    "an id of 100,000 characters": _ledger(
        ENTRY.replace("r-0bad0002", "r-" + "a" * 100_000) + "    date: 2022-04-06\n"
    ),
    "a 1 MB line": _ledger(ENTRY + "    date: 2022-04-06\n    note: '" + "字" * 350_000 + "'\n"),
    "entries as a mapping": _ledger("kind: ledger\nentries: {a: 1}\n", "replace"),
    "an empty ledger": _ledger(b"", "replace"),
    "a ledger of only a comment": _ledger("# 空\n", "replace"),
    "organization.yaml empty": _organization(lambda b: b""),
    "organization.yaml with a unit named by ESC": _organization(
        lambda b: b.replace("吴淞街道中队".encode(), "吴淞\\e中队".encode())
    ),
    "organization.yaml a 300-byte unit name": _organization(
        lambda b: b.replace("吴淞街道中队".encode(), ("中" * 300).encode())
    ),
    "a second ledger in documents": _document("kind: ledger\nentries: []\n"),
    "a document kind of 10^5 characters": _document("kind: " + "x" * 100_000 + "\n"),
    "a year of 10^20": _document("kind: supervision_plan\nyear: 100000000000000000000\n"),
    "CRLF and a BOM": _document("\ufeffkind: ledger\r\nentries: []\r\n"),
    "a document that is a FIFO": lambda c: os.mkfifo(c.registry / "documents" / "pipe.yaml"),
    "a document linking to /dev/zero": lambda c: (c.registry / "documents" / "z.yaml").symlink_to(
        "/dev/zero"
    ),
    "a document linking to itself": lambda c: (c.registry / "documents" / "l.yaml").symlink_to("l.yaml"),
    "a document that is a folder": lambda c: (c.registry / "documents" / "d.yaml").mkdir(),
}
# Harmless when accepted: a long id is only shown (escaped, in full).
YAML_EITHER = {"an id of 100,000 characters"}
YAML_PROBES = [
    Probe(
        SURFACE_YAML,
        f"check: {name}",
        ("check",),
        expect="either" if name in YAML_EITHER else "refuse",
        setup=setup,
    )
    for name, setup in YAML_CASES.items()
]


def _warned(context: Context, run: Run) -> str:
    """A query that goes on without a bad file must say, in Chinese, that it left the file out."""
    return "" if "警告" in run.err and "未计入" in run.err else "went on without a word"


YAML_PROBES += [
    either(SURFACE_YAML, f"due: {name}", "due", "--month", "4", setup=YAML_CASES[name], check=_warned)
    for name in ("billion laughs in the ledger", "a lone surrogate in the ledger", "a count of 10^400",
                 "a date of 2022-02-30", "a document that is a FIFO", "nesting 100,000 deep")
]  # fmt: skip
YAML_PROBES += [
    ok(
        SURFACE_YAML,
        "check: CRLF and a BOM in the ledger",
        "check",
        setup=lambda c: (c.registry / "ledger.yaml").write_bytes(
            b"\xef\xbb\xbf" + (c.registry / "ledger.yaml").read_bytes().replace(b"\n", b"\r\n")
        ),
    ),
]


# --- command-line arguments --------------------------------------------------------------------------

CLI_REFUSED = [
    ("due --from 0001-01-01 --until 9999-12-31", ("due", "--from", "0001-01-01", "--until", "9999-12-31")),
    ("due --from 2022-03-31 --until 2022-03-01", ("due", "--from", "2022-03-31", "--until", "2022-03-01")),
    ("due --from only", ("due", "--from", "2022-03-01")),
    ("due --from 1900-01-01 --until 1900-12-31", ("due", "--from", "1900-01-01", "--until", "1900-12-31")),
    ("due --from 2100-01-01 --until 2100-12-31", ("due", "--from", "2100-01-01", "--until", "2100-12-31")),
    ("due --week 0", ("due", "--week", "0")),
    ("due --week 54", ("due", "--week", "54")),
    ("due --week 53 of 2022", ("due", "--week", "53", "--year", "2022")),
    ("due --week 10^20", ("due", "--week", "1" + "0" * 20)),
    ("due --month 0", ("due", "--month", "0")),
    ("due --month -1", ("due", "--month", "-1")),
    ("due --month 13", ("due", "--month", "13")),
    ("due --month ''", ("due", "--month", "")),
    ("due --year 0", ("due", "--year", "0")),
    ("due --year -2022", ("due", "--year", "-2022")),
    ("due --year 10^30", ("due", "--year", "1" + "0" * 30)),
    ("due --dept ''", ("due", "--dept", "")),
    ("due --dept unknown", ("due", "--dept", "无此科")),
    ("due --level ESC", ("due", "--level", "区局\x1b[2J")),
    ("overdue --as-of 9999-12-31", ("overdue", "--as-of", "9999-12-31")),
    ("overdue --as-of 0001-01-01", ("overdue", "--as-of", "0001-01-01")),
    ("overdue --as-of 10000-01-01", ("overdue", "--as-of", "10000-01-01")),
    ("overdue --as-of ''", ("overdue", "--as-of", "")),
    ("overdue --as-of 2022-13-01", ("overdue", "--as-of", "2022-13-01")),
    ("overdue --soon -1", ("overdue", "--as-of", "2022-04-01", "--soon", "-1")),
    ("overdue --soon 10^9", ("overdue", "--as-of", "2022-04-01", "--soon", "1000000000")),
    ("progress --as-of 9999-12-31", ("progress", "--as-of", "9999-12-31")),
    ("progress --as-of 0001-01-01", ("progress", "--as-of", "0001-01-01")),
    ("site --as-of 9999-12-31", ("site", "-o", "{work}/site", "--as-of", "9999-12-31")),
    ("site --as-of 0001-01-01", ("site", "-o", "{work}/site", "--as-of", "0001-01-01")),
    (
        "remind --as-of 9999-12-31",
        (
            "remind",
            "--dry-run",
            "--webhook",
            "http://127.0.0.1:9/x",
            "--kind",
            "wecom",
            "--as-of",
            "9999-12-31",
        ),
    ),
    (
        "remind --days 10^9",
        (
            "remind",
            "--dry-run",
            "--webhook",
            "http://127.0.0.1:9/x",
            "--kind",
            "wecom",
            "--as-of",
            "2022-03-15",
            "--days",
            "1000000000",
        ),
    ),
    (
        "remind --timeout 1e308",
        (
            "remind",
            "--webhook",
            "http://127.0.0.1:9/x",
            "--kind",
            "wecom",
            "--as-of",
            "2022-03-15",
            "--timeout",
            "1e308",
            "--retries",
            "0",
        ),
    ),
    (
        "remind --timeout nan",
        (
            "remind",
            "--dry-run",
            "--webhook",
            "http://127.0.0.1:9/x",
            "--kind",
            "wecom",
            "--as-of",
            "2022-03-15",
            "--timeout",
            "nan",
        ),
    ),
    ("remind --retries 99", ("remind", "--dry-run", "--webhook", "http://127.0.0.1:9/x", "--retries", "99")),
    ("calendar --year 9999", ("calendar", "--year", "9999")),
    ("calendar --remind 10^9 --ics", ("calendar", "--ics", "{work}/a.ics", "--remind", "1000000000")),
    ("calendar --remind -1 --ics", ("calendar", "--ics", "{work}/a.ics", "--remind", "-1")),
    ("done --date 0001-01-01", (*DONE[:-2], "--date", "0001-01-01")),
    ("done --date 9999-12-31", (*DONE[:-2], "--date", "9999-12-31")),
    ("done --date 2022-02-30", (*DONE[:-2], "--date", "2022-02-30")),
    ("done --date ''", (*DONE[:-2], "--date", "")),
    ("done --date tomorrow-ish", (*DONE[:-2], "--date", "明天")),
    (
        "done --period 2022-W54",
        (
            "done",
            "1",
            "--doc",
            "supervision-2022",
            "--level",
            "区局",
            "--period",
            "2022-W54",
            "--date",
            "2022-03-08",
        ),
    ),
    (
        "done --period 2022-Q5",
        (
            "done",
            "1",
            "--doc",
            "supervision-2022",
            "--level",
            "区局",
            "--period",
            "2022-Q5",
            "--date",
            "2022-03-08",
        ),
    ),
    (
        "done --period 2022-13",
        (
            "done",
            "1",
            "--doc",
            "supervision-2022",
            "--level",
            "区局",
            "--period",
            "2022-13",
            "--date",
            "2022-03-08",
        ),
    ),
    (
        "done --period 2022-H3",
        (
            "done",
            "1",
            "--doc",
            "supervision-2022",
            "--level",
            "区局",
            "--period",
            "2022-H3",
            "--date",
            "2022-03-08",
        ),
    ),
    (
        "done --period ''",
        ("done", "1", "--doc", "supervision-2022", "--level", "区局", "--period", "", "--date", "2022-03-08"),
    ),
    (
        "done --period of another month",
        (
            "done",
            "1",
            "--doc",
            "supervision-2022",
            "--level",
            "区局",
            "--period",
            "2022-05",
            "--date",
            "2022-03-08",
        ),
    ),
    ("done item ''", ("done", "", "--date", "2022-03-08")),
    ("done item of 100,000 characters", ("done", "1" * 100_000, "--date", "2022-03-08")),
    ("done --doc ''", ("done", "1", "--doc", "", "--date", "2022-03-08")),
    ("done --unit ''", ("done", "1", "--doc", "supervision-2022", "--unit", "", "--date", "2022-03-08")),
    ("done --covers unknown", (*DONE, "--covers", "无此中队")),
    (
        "done --metric unknown",
        ("done", "1.1", "--value", "3", "--metric", "无此指标", "--date", "2022-03-08"),
    ),
    ("ledger undo ''", ("ledger", "undo", "")),
    ("ledger undo unknown", ("ledger", "undo", "r-ffffffff")),
    ("ledger undo ESC", ("ledger", "undo", "r-\x1b[2J")),
    ("ledger edit nothing to change", ("ledger", "edit", "r-5c1e0a01")),
    ("ledger edit --date 9999-12-31", ("ledger", "edit", "r-5c1e0a01", "--date", "9999-12-31")),
    ("ledger list --month 0", ("ledger", "list", "--month", "0")),
    ("ledger import no file", ("ledger", "import")),
    ("show ''", ("show", "")),
    ("show 100,000 characters", ("show", "9" * 100_000)),
    ("list --dept ''", ("list", "--dept", "")),
    ("list --doc unknown", ("list", "--doc", "tasks-2099")),
    ("export --table nonsense", ("export", "--format", "json", "--table", "无此表", "-o", "{work}/o.json")),
    ("form --month 13", ("form", "--month", "13", "--unit", "吴淞街道中队", "-o", "{work}/f.xlsx")),
    (
        "form --year 99999",
        ("form", "--month", "3", "--year", "99999", "--unit", "吴淞街道中队", "-o", "{work}/f.xlsx"),
    ),
    ("form --unit unknown", ("form", "--month", "3", "--unit", "无此中队", "-o", "{work}/f.xlsx")),
    ("phrase ''", ("phrase", "")),
    ("import --year 0", ("import", "{work}/x.docx", "--year", "0", "-o", "{work}/o.yaml")),
    ("import a missing file", ("import", "{work}/无此.docx", "-o", "{work}/o.yaml")),
    ("import --map nonsense", ("import", "{work}/x.docx", "--map", "甲", "-o", "{work}/o.yaml")),
    ("init --blank --bureau ''", ("init", "{work}/new", "--blank", "--bureau", "")),
    ("render monthly --month 0", ("render", "monthly", "--month", "0", "-o", "{work}/m.docx")),
    (
        "render notice --date 2022-02-30",
        ("render", "notice", "--number", "宝城执〔2022〕1号", "--date", "2022-02-30", "-o", "{work}/n.docx"),
    ),
    ("rollover --from-year 0", ("rollover", "--from-year", "0")),
    ("an unknown command", ("删除",)),
    ("an unknown option", ("list", "--everything")),
]
CLI_EITHER = [
    ("done --covers one name 5,000 times", (*DONE, "--covers", "、".join(["吴淞街道中队"] * 5_000))),
    ("phrase of 100 KB", ("phrase", "每月" * 16_000)),
    ("phrase of 10,000 brackets", ("phrase", "（" * 10_000 + "每月不少于1次" + "）" * 10_000)),
    ("phrase ESC (shown escaped)", ("phrase", "每月\x1b[2J")),
    ("progress --as-of 1901-01-01", ("progress", "--as-of", "1901-01-01")),
    ("due --from 1901-01-01 --until 1901-12-31", ("due", "--from", "1901-01-01", "--until", "1901-12-31")),
]
CLI_OK = [
    ("done --date in full-width digits", (*DONE[:-2], "--date", "２０２２／３／８")),
    ("due --from 2022-01-01 --until 2022-12-31", ("due", "--from", "2022-01-01", "--until", "2022-12-31")),
    ("phrase 每月不少于1次", ("phrase", "每月不少于1次")),
]


def _refused_form(name: str) -> Callable[[Context], None]:
    def setup(context: Context) -> None:
        (context.work / name).write_bytes(b"PK\x03\x04")

    return setup


CLI_PROBES = [
    refuse(SURFACE_CLI, name, *args,
           registry=not any(a == "init" for a in args[:1]),
           setup=_refused_form("x.docx") if "import" in args[:1] else None)
    for name, args in CLI_REFUSED
] + [ok(SURFACE_CLI, name, *args) for name, args in CLI_OK] + [
    either(SURFACE_CLI, name, *args, check=_inert("\x1b")) for name, args in CLI_EITHER
]  # fmt: skip


PROBES: list[Probe] = [
    *LEDGER_PROBES, *FILE_PROBES, *NUMBER_PROBES, *ROBOT_PROBES, *OUTPUT_PROBES,
    *PATH_PROBES, *TEMPLATE_PROBES, *YAML_PROBES, *CLI_PROBES,
]  # fmt: skip

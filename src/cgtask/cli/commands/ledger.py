"""``cgtask ledger``: the keeper's view of the 台账 — filled forms imported, records listed, undone, edited."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from cgtask.cli import options
from cgtask.cli.boundary import boundary
from cgtask.cli.options import OutputFormat, RegistryOption, parse_day
from cgtask.cli.output import cell_text, emit

ledger_app = typer.Typer(
    help="台账：导入交回的台账表、查看记录、撤销或更正一条记录（台账保留全部历史）、按年月拆分、结账。",
    no_args_is_help=True,
    rich_markup_mode=None,
)

RECORD_COLUMNS = [
    ("id", "编号"),
    ("state", "状态"),
    ("date", "日期"),
    ("item", "事项"),
    ("who", "层级/中队"),
    ("activity", "工作"),
    ("period", "周期"),
    ("amount", "次数/数量"),
    ("note", "说明"),
]


def _now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


@ledger_app.command("import")
@boundary
def import_command(
    paths: Annotated[
        list[Path], typer.Argument(help="交回的台账表（.xlsx），可写多个文件或目录", show_default=False)
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只检查并列出将登记的记录，不写入台账")] = False,
    registry: RegistryOption = None,
) -> None:
    """导入交回的台账表：先逐行检查全部表格，有问题时逐条列出（文件名!工作表!单元格  代码  说明）且一条也不写；没有问题时一次写入全部记录。同一张表再次导入不会重复登记，更正过的表替换该行原来的记录；导入后用 ledger edit/undo 手工更正或撤销的记录，再次导入同一张未改动的表时保留更正。--dry-run 列出的编号就是随后写入的编号。

    示例：cgtask ledger import 吴淞街道中队-3月台账.xlsx --dry-run
    """
    from cgtask import api

    outcome = api.import_forms(registry, paths, today=date.today(), now=_now(), dry_run=dry_run)
    for problem in outcome.read.problems:
        sys.stderr.write(problem.format() + "\n")
    if not outcome.read.ok:
        sys.stderr.write(f"发现 {len(outcome.read.problems)} 处问题，台账未改动\n")
        raise typer.Exit(1)
    forms = len(outcome.read.forms)
    new = len(outcome.added) - len(outcome.withdrawn)
    verb = "将登记" if dry_run else "已登记"
    sys.stderr.write(
        f"读取 {forms} 张表：{verb} {new} 条记录，更正 {len(outcome.withdrawn)} 条，{outcome.unchanged} 条已在台账中\n"
    )
    for blank in (form for form in outcome.read.forms if form.rows and not form.reported):
        sys.stderr.write(
            f"{blank.file}：{blank.unit} {blank.year}年{blank.month}月的台账表一行也没有填写，未作任何更改"
            "（已登记的记录照旧；要撤销某条记录请用 ledger undo）\n"
        )
    if outcome.kept:
        sys.stderr.write(
            f"另有 {outcome.kept} 行与上次导入相同，而台账中的记录此后已手工更正或撤销（ledger edit/undo）：保留更正，"
            "不再按表格登记\n"
        )
    if dry_run:
        emit([_row(e) for e in outcome.added], RECORD_COLUMNS, OutputFormat.table, cell=_cell)


def _row(entry: Mapping[str, Any]) -> dict[str, Any]:
    state = "withdrawal" if entry.get("withdraws") else entry.get("state", "live")
    return {**entry, "state": state}


def _cell(key: str, row: Mapping[str, Any]) -> str:
    from cgtask import api

    if key == "state":
        return api.RECORD_STATE_LABELS.get(row["state"], str(row["state"]))
    if key == "who":
        return str(row.get("unit") or row["level"])
    if key == "item":
        return f"第{row['item']}项"  # the document is in JSON; 80 columns leave no room for it
    if key == "amount":
        if row.get("withdraws"):
            return f"撤销 {row['withdraws']}"
        text = f"{row.get('count', 1)}次"
        if row.get("quantity") is not None:
            text += f"，数量{row['quantity']}" + (f"/{row['of']}" if row.get("of") else "")
        if row.get("covers"):
            text += f"，覆盖{len(row['covers'])}个中队"
        return text
    return cell_text(row.get(key))


@dataclass(frozen=True)
class RecordOptions(options.Listing):
    """Which records to list: by 科室 or 中队, item, document and month, withdrawn ones too with ``--all``."""

    dept: Annotated[str | None, options.dept("科室或中队：只看它的记录")] = None
    item: Annotated[str | None, typer.Option("--item", help="事项编号，如 1 或 7.4")] = None
    doc: Annotated[str | None, options.doc("文件编号，如 supervision-2022")] = None
    month: Annotated[int | None, options.month("完成日期所在月份 1—12", min=1, max=12)] = None
    every: Annotated[bool, typer.Option("--all", help="连同已撤销的记录和撤销记录")] = False


@ledger_app.command("list")
@boundary
@options.option_group("wanted", RecordOptions)
def list_command(*, wanted: RecordOptions) -> None:
    """列出台账记录，带记录编号（撤销、更正时用）；缺省只列有效记录。

    JSON 每行为台账记录的全部字段加 state（live、withdrawn、withdrawal）。

    示例：cgtask ledger list --dept 吴淞街道中队 --month 3
    """
    from cgtask import api

    rows = api.ledger_records(
        wanted.registry, api.RecordFilter(wanted.dept, wanted.item, wanted.doc, wanted.month, wanted.every)
    )
    emit(rows, RECORD_COLUMNS, wanted.fmt, title=f"台账记录 {len(rows)} 条", cell=_cell)


@ledger_app.command("undo")
@boundary
def undo_command(
    record: Annotated[
        str, typer.Argument(help="记录编号，如 r-3f9a1c2b（见 cgtask ledger list）", show_default=False)
    ],
    note: Annotated[str | None, typer.Option("--note", help="撤销原因")] = None,
    registry: RegistryOption = None,
) -> None:
    """撤销一条记录：台账追加一条撤销记录，原记录保留但不再计入。

    示例：cgtask ledger undo r-5c1e0a02 --note 登错了
    """
    from cgtask import api

    entry = api.withdraw_record(registry, record, today=date.today(), now=_now(), note=note)
    sys.stderr.write(f"已撤销记录 {record}（撤销记录 {entry['id']}）\n")


@dataclass(frozen=True)
class EditOptions:
    """The corrected values of a record; an option not given keeps the record's value."""

    when: Annotated[str | None, options.date_option("更正后的完成日期")] = None
    count: Annotated[int | None, typer.Option("--count", "-n", help="更正后的次数")] = None
    quantity: Annotated[int | None, typer.Option("--quantity", "-q", help="更正后的数量")] = None
    of: Annotated[int | None, typer.Option("--of", help="更正后的基数")] = None
    covers: Annotated[list[str] | None, typer.Option("--covers", help="更正后覆盖的中队")] = None
    note: Annotated[str | None, typer.Option("--note", help="更正后的说明")] = None


@ledger_app.command("edit")
@boundary
@options.option_group("changed", EditOptions)
def edit_command(
    record: Annotated[str, typer.Argument(help="记录编号，如 r-3f9a1c2b", show_default=False)],
    *,
    changed: EditOptions,
    registry: RegistryOption = None,
) -> None:
    """更正一条记录：追加原记录的撤销和更正后的新记录（一次写入），历史留在台账和 git 中。

    示例：cgtask ledger edit r-5c1e0a07 --date 2022-04-02 --note 补登日期
    """
    from cgtask import api

    changes: dict[str, Any] = {
        "date": parse_day(changed.when, "--date"), "count": changed.count, "quantity": changed.quantity,
        "of": changed.of, "covers": list(changed.covers) if changed.covers else None, "note": changed.note,
    }  # fmt: skip
    entries = api.edit_record(
        registry, record, {k: v for k, v in changes.items() if v is not None}, today=date.today(), now=_now()
    )
    sys.stderr.write(f"已更正记录 {record}：撤销记录 {entries[0]['id']}，新记录 {entries[1]['id']}\n")


@ledger_app.command("close")
@boundary
def close_command(
    year: Annotated[int, typer.Argument(help="结账的年度，如 2022", show_default=False)],
    registry: RegistryOption = None,
) -> None:
    """结账：该年度的台账从此只读，cgtask done、ledger import、更正和撤销都拒绝写入该年度的记录（写在 ledger.yaml 的 closed 中）。

    年终看板和总结定稿后再结账；确需补登时由台账管理员从 closed 中删去该年度。新年度的记录不受影响。

    示例：cgtask ledger close 2022
    """
    from cgtask import api

    closed = api.close_year(registry, year)
    sys.stderr.write(f"{year} 年的台账已结账，此后只读\n" if closed else f"{year} 年的台账早已结账，未改动\n")


@ledger_app.command("split")
@boundary
def split_command(registry: RegistryOption = None) -> None:
    """按年月拆分台账：把 ledger.yaml 的记录按完成日期移入 ledger/年-月.yaml，此后的登记都写入当月文件。

    记录逐字搬移（注释随记录一起），一条不少，各月文件内顺序不变；已结账的年度在其 12 月文件中仍标明结账。
    中途失败时 ledger.yaml 保持原样；台账已拆分时拒绝执行。.gitattributes 中加上 ledger/*.yaml merge=union。

    示例：cgtask ledger split
    """
    from cgtask import api

    outcome = api.split_ledger(registry)
    total = sum(outcome.moved.values())
    months = "、".join(f"{month}（{count} 条）" for month, count in sorted(outcome.moved.items()))
    sys.stderr.write(
        f"已把 ledger.yaml 的 {total} 条记录按完成日期移入 ledger/ 下 {len(outcome.moved)} 个月份文件：{months or '无'}\n"
    )
    if outcome.already:
        sys.stderr.write(f"另有 {outcome.already} 条记录已在对应月份文件中，未重复写入\n")
    attributes = {"created": "已新建 .gitattributes", "added": "已在 .gitattributes 中"}.get(
        outcome.attributes
    )
    if attributes:
        sys.stderr.write(f"{attributes}加上 ledger/*.yaml merge=union（git 合并时按行合并两边的新记录）\n")
    sys.stderr.write("ledger.yaml 已删除；请 git add ledger .gitattributes 并提交\n")


def register(app: typer.Typer) -> None:
    """Add the ``ledger`` command group to ``app``."""
    app.add_typer(ledger_app, name="ledger")

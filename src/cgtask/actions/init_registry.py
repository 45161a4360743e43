"""``cgtask init DIR``: a registry of one's own, ready to be kept in git.

Either a copy of the shipped example or a blank skeleton with the bureau's name; either way with
the JSON Schemas (so an editor validates the YAML), a ``.gitignore`` for what cgtask leaves behind,
a ``.gitattributes`` that merges two clones' ledgers line by line, and a CI example.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cgtask.errors import UsageError, param
from cgtask.registry.files import (
    CALENDAR_FILE,
    DOCUMENTS_DIR,
    LEDGER_FILE,
    ORGANIZATION_FILE,
    is_packaged_registry,
    shipped_registry,
)
from cgtask.registry.ledger_split import GITATTRIBUTES
from cgtask.support.atomic import write_bytes_atomic

__all__ = ["GITATTRIBUTES", "GITIGNORE", "init_registry", "is_packaged_registry"]

GITIGNORE = """\
# cgtask 写入时留下的锁文件和临时文件（被中断的写入会留下 .ledger.yaml.*.tmp）
*.lock
.*.tmp
# 消息机器人的密钥（见 cgtask remind），不能进入版本库
.cgtask-robots.toml
# 生成的文件
/out/
"""


_ORGANIZATION = """\
# yaml-language-server: $schema=schema/organization.schema.json
# 本局的组织：层级、单位类型、科室、下属单位、统称、外部单位和时间窗口，都按本局自己的写法登记。
# 任务的牵头、配合、责任部门只能使用这里登记的名称（或别名）。改完运行 cgtask check。
bureau:
  name: {name}
  short_name: {name}  # 表格与通知中的简称，例如 市城管局、区城管执法局
  # issuer_mark: 发文机关标志（红头文字），例如 ××市城市管理局文件
  # number_prefix: 发文字号前缀，例如 ×城管（文号为 ×城管〔2025〕3号）

# 层级：监督要求（obligations、schedule）和台账记录的 level 只能取这里的名称。
# 本局自身的层级写本局的叫法（市局、区局、县局 …）；写一个统称（如 各中队、各县市区）或一个单位的名称，
# 表示由其中每个单位各自完成，到期、督办时每个单位各占一行。
levels:
  - name: 本局
  - name: 各中队

# 单位类型：下属单位的 kind 只能取这里的名称，例如 中队、大队、支队、所、县市区；title 是这类单位的称呼。
unit_kinds:
  - name: 中队
    title: 执法中队

departments:
  - name: 办公室  # 按本局实际登记全部科室；其他写法写在 aliases: [...] 中
units: []  # 例如 - {{name: 第一中队, kind: 中队}}；县市区的城管部门可登记为 - {{name: 滕州市, kind: 县市区}}
groups:
  - name: 各科室
    members: departments  # 全部科室（牵头科室除外）
  - name: 各中队
    members: 中队  # 某一类型的全部单位；units 为全部下属单位，all 为全部科室和单位
external: []  # 局外单位：可以在任务中提到，但不承担工作，例如 - {{name: 市人民政府}}

# 时间窗口：频率短语中有名称的时段及其月份，例如 汛期: 6-9月（之后可写“汛期每周巡查1次”）。
windows: {{}}
"""

_LEDGER = """\
# yaml-language-server: $schema=schema/ledger.schema.json
# 台账：用 cgtask done 登记（每条记录一行，追加在末尾）；也可以手工编辑，改完运行 cgtask check。
kind: ledger
entries: []
"""

_CALENDAR = """\
# yaml-language-server: $schema=schema/calendar.schema.json
# 本登记册自己的工作日历：内置日历尚未收录的年份，把放假日和调休上班日补在这里。
holidays: []
workdays: []
"""

_DOCUMENT_TEMPLATE = """\
# 任务分解表模板：复制为 documents/tasks-年份.yaml（以 .yaml 结尾才会被读取），按本局文件填写，
# 然后运行 cgtask check。已有 Word/Excel 表格时，可用 cgtask import 转换。
# yaml-language-server: $schema=../schema/document.schema.json
kind: task_breakdown
id: tasks-2025
title: 2025年度工作任务分解表
year: 2025
categories:
  - number: 1
    name: 执法监督
    tasks:
      - id: '1.1'
        title: 落实执法监督
        detail: 落实执法监督。每月开展一次监督检查。
        lead: [办公室]
        support: []
"""


def init_registry(target: Path, *, example: bool, bureau: str | None) -> list[Path]:
    """Create a registry at ``target`` (a new or empty folder); returns every file written.

    ``example=True`` copies the shipped registry; otherwise a blank one is made for ``bureau``.
    """
    target = Path(target)
    _check_target(target)
    if not example and not (bureau and bureau.strip()):
        raise UsageError(f"建立空白登记册需要本局全称，例如 {param('bureau')} 上海市宝山区城市管理行政执法局")
    target.mkdir(parents=True, exist_ok=True)
    if example:
        _copy_example(target)
    else:
        _write_blank(target, str(bureau).strip())
    _write(target / ".gitignore", GITIGNORE)
    _write(target / ".gitattributes", GITATTRIBUTES)
    _copy_ci_example(target)
    return sorted(p for p in target.rglob("*") if p.is_file())


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} 已存在且不是目录")
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(f"目录 {target} 不为空；请指定一个新目录或空目录")


def _copy_example(target: Path) -> None:
    """The example's documents and organisation, with an empty 台账.

    The example's records are its own: a bureau starting from them would see work done that nobody did.
    """
    ignore = shutil.ignore_patterns("*.lock", ".*.tmp", "__pycache__", LEDGER_FILE)
    shutil.copytree(shipped_registry(), target, dirs_exist_ok=True, ignore=ignore)
    _write(target / LEDGER_FILE, _LEDGER)


def _write_blank(target: Path, bureau: str) -> None:
    _write(target / ORGANIZATION_FILE, _ORGANIZATION.format(name=json.dumps(bureau, ensure_ascii=False)))
    _write(target / LEDGER_FILE, _LEDGER)
    _write(target / CALENDAR_FILE, _CALENDAR)
    (target / DOCUMENTS_DIR).mkdir()
    _write(target / DOCUMENTS_DIR / "模板-任务分解表.yaml.example", _DOCUMENT_TEMPLATE)
    schemas = target / "schema"
    schemas.mkdir()
    for schema in sorted((shipped_registry() / "schema").glob("*.json")):
        shutil.copyfile(schema, schemas / schema.name)


def _copy_ci_example(target: Path) -> None:
    """The CI example from the repository's examples/ (a wheel does not carry it: then none)."""
    examples = Path(__file__).resolve().parents[3] / "examples" / "ci"
    if not examples.is_dir():
        return
    destination = target / "ci"
    destination.mkdir(exist_ok=True)
    for example in sorted(examples.glob("*.yml")):
        shutil.copyfile(example, destination / example.name)


def _write(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))

r"""Names of 科室 and 中队 as file names: batch output writes one file per name.

A name with a path separator (甲/乙中队, ../../../x) would write outside the chosen folder or
into a folder that does not exist; control characters, ``: \ * ? " < > |`` and a leading dot
break the file on Windows or hide it on Linux. ``check`` refuses such names in
organization.yaml; :func:`safe_file_name` still turns any text into a harmless file name.
"""

from __future__ import annotations

import unicodedata

_FORBIDDEN = '/\\:*?"<>|'
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{n}" for n in range(1, 10)),
    *(f"LPT{n}" for n in range(1, 10)),
}
# Most file systems allow 255 bytes per name; leave room for a suffix such as -2022-03.docx.
MAX_NAME_BYTES = 180


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def file_name_problems(name: str) -> list[str]:
    """Why ``name`` cannot be a file name as it is (Chinese, for a finding); empty when it can."""
    problems = []
    if "/" in name or "\\" in name:
        problems.append("含有路径分隔符 / 或 \\")
    other = sorted({c for c in name if c in _FORBIDDEN and c not in "/\\"})
    if other:
        problems.append(f"含有文件名不允许的字符 {' '.join(other)}")
    if any(_is_control(c) for c in name):
        problems.append("含有控制字符")
    if name.startswith("."):
        problems.append("以“.”开头（会成为隐藏文件或上级目录）")
    if name.upper().split(".")[0] in _WINDOWS_RESERVED:
        problems.append("是 Windows 的保留设备名")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        problems.append("过长")
    return problems


def safe_file_name(name: str) -> str:
    """``name`` made safe as one file name.

    Forbidden and control characters become ``_``, leading dots and trailing dots or spaces go, reserved
    device names get a ``_`` prefix, long names are cut. Never empty, never a path.
    """
    text = unicodedata.normalize("NFC", name)
    text = "".join("_" if c in _FORBIDDEN or _is_control(c) else c for c in text)
    text = text.strip().lstrip(".").rstrip(". ")
    if text.upper().split(".")[0] in _WINDOWS_RESERVED:
        text = f"_{text}"
    while len(text.encode("utf-8")) > MAX_NAME_BYTES:
        text = text[:-1]
    return text or "_"

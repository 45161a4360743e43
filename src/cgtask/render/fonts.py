"""Which installed faces stand in for the official fonts when LibreOffice renders a 公文.

The .docx names the official fonts (仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, 方正小标宋简体).  A desk
or CI without them would otherwise get whatever LibreOffice's own fallback list picks (on
Debian the Japanese Noto variant, for every role alike).  So cgtask carries its mapping with
it: for each official name that is not installed it picks the first installed face of the
same style, writes a fontconfig file that includes the system configuration plus strong
assignments, and points its own LibreOffice call at it (``FONTCONFIG_FILE``).  The choices
are returned so the command can say what it substituted.
"""

from __future__ import annotations

import html  # not xml.sax.saxutils, which imports urllib.request, http.client and ssl
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SYSTEM_CONFIG = Path("/etc/fonts/fonts.conf")


@dataclass(frozen=True)
class FontRole:
    """An official font: the names a document may use for it and the stand-ins, best first."""

    label: str
    names: tuple[str, ...]
    stand_ins: tuple[str, ...]
    bold: bool = False


# Stand-ins are open faces of the same style: Fandol (Debian: texlive-lang-chinese),
# AR PL UKai (fonts-arphic-ukai), Noto CJK SC (fonts-noto-cjk).
FONT_ROLES: tuple[FontRole, ...] = (
    FontRole(
        "仿宋", ("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312"), ("FandolFang", "Noto Serif CJK SC")
    ),
    FontRole(
        "楷体",
        ("楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312"),
        ("AR PL UKai CN", "FandolKai", "Noto Serif CJK SC"),
    ),
    FontRole("黑体", ("黑体", "SimHei"), ("Noto Sans CJK SC", "FandolHei")),
    FontRole("宋体", ("宋体", "SimSun"), ("Noto Serif CJK SC", "FandolSong")),
    FontRole("小标宋", ("方正小标宋简体", "小标宋"), ("Noto Serif CJK SC", "FandolSong"), bold=True),
)


@dataclass(frozen=True)
class FontChoice:
    """What renders one official font: itself (``substitute`` None), a stand-in, or nothing known."""

    role: FontRole
    substitute: str | None
    official_installed: bool

    def describe(self) -> str:
        """One line for ``fonts``: the official font is used, stands in, or is left to LibreOffice."""
        if self.official_installed:
            return f"{self.role.label}：使用已安装的 {self.role.names[0]}"
        if self.substitute is None:
            return f"{self.role.label}：未找到 {self.role.names[0]} 或可替代字体，由 LibreOffice 自行替换"
        weight = "（加粗）" if self.role.bold else ""
        return f"{self.role.label}：未安装 {self.role.names[0]}，以 {self.substitute}{weight} 代替"


def installed_families() -> set[str] | None:
    """Every family name fontconfig knows (all localised names), or None without ``fc-list``."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        result = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    families: set[str] = set()
    for line in result.stdout.splitlines():
        families.update(name.strip() for name in line.split(",") if name.strip())
    return families


def choose_fonts(families: set[str]) -> list[FontChoice]:
    """For each official font: installed as is, else its first installed stand-in."""
    choices = []
    for role in FONT_ROLES:
        if role.names[0] in families:
            choices.append(FontChoice(role, None, official_installed=True))
            continue
        substitute = next((face for face in role.stand_ins if face in families), None)
        choices.append(FontChoice(role, substitute, official_installed=False))
    return choices


def fontconfig_text(choices: list[FontChoice], system_config: Path = SYSTEM_CONFIG) -> str:
    """A fontconfig file: the system configuration, then a strong assignment per substitution.

    Strong, because the official names are not installed and a weak alias would lose to
    LibreOffice's own fallback list.
    """
    rules = []
    for choice in choices:
        if choice.substitute is None:
            continue
        for name in choice.role.names:
            rules.append(_assignment(name, choice.substitute, choice.role.bold))
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<!-- Written by cgtask for one LibreOffice conversion: official 公文 fonts → installed faces. -->\n"
        "<fontconfig>\n"
        f'  <include ignore_missing="yes">{html.escape(str(system_config), quote=False)}</include>\n'
        + "".join(rules)
        + "</fontconfig>\n"
    )


def _assignment(name: str, face: str, bold: bool) -> str:
    weight = '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' if bold else ""
    return (
        f'  <match target="pattern"><test name="family"><string>{html.escape(name, quote=False)}</string></test>'
        f'<edit name="family" mode="assign" binding="strong"><string>{html.escape(face, quote=False)}</string></edit>'
        f"{weight}</match>\n"
    )


def prepare_fontconfig(folder: Path) -> tuple[Path | None, list[FontChoice]]:
    """Write ``fonts.conf`` into ``folder`` for a LibreOffice run.

    Return it (None when fontconfig cannot be asked) and the choices made.
    """
    families = installed_families()
    if families is None:
        return None, []
    choices = choose_fonts(families)
    path = folder / "fonts.conf"
    path.write_text(fontconfig_text(choices), encoding="utf-8")
    return path, choices

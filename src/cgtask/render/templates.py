"""Where document wording (Jinja templates) is looked up."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import jinja2

TEMPLATES_DIR = "templates"


class UnsafeTemplateError(jinja2.TemplateError):
    """A template file that is a symbolic link or lies outside its folder.

    Refused, because it would pull any readable file (a key, /etc/passwd) into an official document.
    """

    def __init__(self, name: str, path: str) -> None:
        super().__init__(f"模板 {name}（{path}）是符号链接或位于模板目录之外，为防止读取任意文件，拒绝使用")


# Wording for one document: far more than any 公文 needs, far less than a parse that takes seconds.
MAX_TEMPLATE_BYTES = 1024 * 1024


class UnreadableTemplateError(jinja2.TemplateError):
    """A template file that is no regular file, too large, or not UTF-8: refused, never skipped.

    Skipping it would quietly fall back to the shipped wording, and the user would never learn that
    their own template was not used.
    """

    def __init__(self, name: str, path: str, why: str) -> None:
        super().__init__(f"模板 {name}（{path}）{why}，不能使用")


class SafeFileSystemLoader(jinja2.FileSystemLoader):
    """FileSystemLoader that reads only regular files really inside a search folder."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """The template's source, after refusing a link or a path outside the search folder."""
        candidate = template
        for folder in self.searchpath:
            candidate = str(Path(folder, *jinja2.loaders.split_template_path(template)))
            if os.path.lexists(candidate):
                _check_inside(template, folder, candidate)
                _check_readable(template, candidate)
                break
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError:
            raise UnreadableTemplateError(
                template, candidate, "不是 UTF-8 编码（可能是 GBK），请另存为 UTF-8"
            ) from None


def _check_readable(name: str, candidate: str) -> None:
    info = Path(candidate).stat()
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableTemplateError(name, candidate, "不是普通文件（命名管道、设备或目录）")
    if info.st_size > MAX_TEMPLATE_BYTES:
        raise UnreadableTemplateError(name, candidate, f"过大（{info.st_size // 1024} KB，上限 1024 KB）")


def _check_inside(name: str, folder: str, candidate: str) -> None:
    real_folder = os.path.realpath(folder)
    real = os.path.realpath(candidate)
    # Any link on the way (the file or a sub-folder) shows as a difference between the two paths.
    if Path(candidate).is_symlink() or real != str(Path(real_folder, os.path.relpath(candidate, folder))):
        raise UnsafeTemplateError(name, candidate)
    if os.path.commonpath([real_folder, real]) != real_folder:
        raise UnsafeTemplateError(name, candidate)


def shipped_templates() -> Path:
    """The templates that ship with cgtask: inside the wheel, or the repository's ``templates/``."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_data" / TEMPLATES_DIR
    if packaged.is_dir():
        return packaged
    return package.parent.parent / TEMPLATES_DIR


def template_search_path(user_dir: Path | None, registry_root: Path | None) -> list[Path]:
    """``--templates DIR`` first, then the registry's own ``templates/``, then the shipped ones.

    A user copies one template and changes it; the rest still come from further down the path.
    """
    # Absolute real paths, like the registry root: the loader must not depend on the working folder.
    path: list[Path] = []
    if user_dir is not None:
        path.append(Path(user_dir).resolve())
    if registry_root is not None and (Path(registry_root) / TEMPLATES_DIR).is_dir():
        path.append((Path(registry_root) / TEMPLATES_DIR).resolve())
    path.append(shipped_templates())
    return path

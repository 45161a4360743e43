"""Where document wording (Jinja templates) is looked up."""

from __future__ import annotations

from pathlib import Path

TEMPLATES_DIR = "templates"


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

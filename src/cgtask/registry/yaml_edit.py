"""Editing a registry document as YAML: read and write it back with its comments, quotes and layout.

``cgtask rollover`` changes a few values of last year's plans and must keep the rest of the file —
the keeper's comments that explain how the seed was read — byte for byte. The settings below dump
the shipped documents back unchanged (a test proves it), so what changes is only what was edited.
"""

from __future__ import annotations

import io
from typing import Any

from cgtask.errors import UsageError


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096  # never fold a long Chinese line that the file keeps on one line
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_for_edit(text: str, display: str) -> Any:
    """The document's round-trip tree (comments attached), or a Chinese error naming the file."""
    from ruamel.yaml.error import YAMLError

    try:
        return _yaml().load(text)
    except YAMLError as exc:
        raise UsageError(
            f"{display} 不是合法的 YAML，请先运行 cgtask check：{str(exc).splitlines()[0]}"
        ) from None


def dump_edited(tree: Any) -> str:
    """The edited tree as text, laid out as it was read."""
    buffer = io.StringIO()
    _yaml().dump(tree, buffer)
    return buffer.getvalue()


def new_mapping(pairs: list[tuple[str, Any]]) -> Any:
    """A block mapping for the tree (a header rebuilt without last year's issuing data)."""
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap(pairs)


def comment_before(tree: Any, key: str, text: str) -> None:
    """A comment line (or several) above ``key`` of a top-level mapping."""
    tree.yaml_set_comment_before_after_key(key, before=text)

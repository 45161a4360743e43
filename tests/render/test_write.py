from __future__ import annotations

from pathlib import Path

import pytest

from cgtask.errors import WriteError
from cgtask.render import gbt9704
from cgtask.render.gbt9704 import write_docx
from tests.render.conftest import DocxParts, make_document


def test_writes_a_readable_docx(tmp_path: Path) -> None:
    path = tmp_path / "notice.docx"
    write_docx(make_document(), path)
    assert "word/document.xml" in DocxParts(path).names
    assert [p.name for p in tmp_path.iterdir()] == ["notice.docx"]


def test_failing_build_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("排版中途失败")

    monkeypatch.setattr(gbt9704, "_write_colophon", broken)
    with pytest.raises(RuntimeError):
        write_docx(make_document(), tmp_path / "notice.docx")
    assert list(tmp_path.iterdir()) == []


def test_failing_save_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "notice.docx"
    path.write_bytes(b"old")
    real_build = gbt9704.build_docx

    def build_then_break(doc, **options):  # type: ignore[no-untyped-def]
        document = real_build(doc, **options)

        def save(handle) -> None:  # type: ignore[no-untyped-def]
            handle.write(b"half")
            raise OSError(28, "No space left on device")

        document.save = save
        return document

    monkeypatch.setattr(gbt9704, "build_docx", build_then_break)
    with pytest.raises(WriteError, match="原文件未改动"):
        write_docx(make_document(), path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["notice.docx"]


def test_missing_folder_is_a_write_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError):
        write_docx(make_document(), tmp_path / "no-such-dir" / "notice.docx")

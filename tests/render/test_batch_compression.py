"""The parts every document shares are deflated once; the zips stay ordinary, valid packages."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from cgtask.render import deflated
from cgtask.render.deflated import write_zip


def _zip(members: list[tuple[str, bytes, bool]]) -> bytes:
    buffer = io.BytesIO()
    write_zip(buffer, members)
    return buffer.getvalue()


def test_a_written_zip_reads_back_with_every_member() -> None:
    styles = b"<styles>" + b"<w:style/>" * 5000 + b"</styles>"
    members = [
        ("[Content_Types].xml", b"<Types/>", True),
        ("word/styles.xml", styles, True),
        ("word/文档.xml", b"<d/>", False),
    ]
    with zipfile.ZipFile(io.BytesIO(_zip(members))) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [name for name, _, _ in members]
        assert archive.read("word/styles.xml") == styles
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())


def test_shared_parts_are_compressed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    styles = b"<styles>" + b"<x/>" * 1000 + b"</styles>"
    calls: list[int] = []
    original = deflated.deflate

    def counting(data: bytes) -> deflated.Deflated:
        calls.append(len(data))
        return original(data)

    monkeypatch.setattr(deflated, "deflate", counting)
    first = _zip([("word/styles.xml", styles, True), ("word/document.xml", b"<a/>", False)])
    second = _zip([("word/styles.xml", styles, True), ("word/document.xml", b"<b/>", False)])
    assert calls.count(len(styles)) == 1
    assert first != second
    assert _zip([("a.xml", b"<same/>", False)]) == _zip([("a.xml", b"<same/>", False)])  # no timestamps


def test_a_rendered_notice_is_a_valid_package(tmp_path: Path) -> None:
    import docx

    from cgtask import api

    out = tmp_path / "notice.docx"
    issuing = api.Issuing(number="宝城执〔2022〕1号", date=date(2022, 1, 20), output=out)
    api.render(None, "notice", api.DocumentTarget("tasks-2022"), issuing)
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        assert "word/styles.xml" in archive.namelist()
    assert docx.Document(str(out)).paragraphs


def _notice_bytes(out: Path) -> bytes:
    from cgtask import api
    from cgtask.render import gbt9704

    gbt9704._base_document.cache_clear()  # as a new process: the base comes from the cache folder
    issuing = api.Issuing(number="宝城执〔2022〕1号", date=date(2022, 1, 20), output=out, force=True)
    api.render(None, "notice", api.DocumentTarget("tasks-2022"), issuing)
    return out.read_bytes()


def test_the_saved_base_gives_the_same_file_and_a_damaged_one_is_rebuilt(
    tmp_path: Path, isolated_cache: Path
) -> None:
    from cgtask.render import base_cache

    built = _notice_bytes(tmp_path / "built.docx")
    (saved,) = isolated_cache.glob("docx-base-*")
    assert _notice_bytes(tmp_path / "saved.docx") == built
    intact = saved.read_bytes()
    flipped = intact[:-50] + bytes([intact[-50] ^ 1]) + intact[-49:]
    for damage in (b"", b"cgtask-base\n{}\n", intact[:-100], flipped):
        saved.write_bytes(damage)
        assert _notice_bytes(tmp_path / "again.docx") == built
        assert base_cache.read() is not None  # written anew (its core properties carry the time)


def test_the_shared_cache_is_bounded_and_keyed_by_content() -> None:
    cache = deflated.DeflateCache(2)
    first, second, third = (bytes([n]) * 100 for n in range(3))
    for part in (first, second):
        cache.put(part, deflated.deflate(part))
    assert cache.get(bytes(bytearray(first))) == deflated.deflate(first)  # equal bytes, another object
    cache.put(third, deflated.deflate(third))
    assert len(cache) == 2
    assert cache.get(second) is None  # the least recently used went
    assert cache.get(first) is not None
    assert cache.get(third) is not None
    for n in range(deflated.SHARED.size + 10):
        deflated.deflate_shared(b"<part %d/>" % n)
    assert len(deflated.SHARED) == deflated.SHARED.size

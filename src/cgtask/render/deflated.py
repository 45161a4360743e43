"""Write a .docx package whose unchanging parts are compressed once per process, not once per file.

Every notice of ``render monthly --all`` carries the same styles, theme, fonts table, settings and
footers (about a megabyte of XML); deflating them again for each of 250 files was a third of the
batch. Here a part's deflated bytes and CRC are kept, by the part's content, in a small LRU cache, so
the shared base's parts are compressed once and copied into every zip; only the document's own parts
(its body, its properties) are compressed each time.

The zip written is plain: stored names in UTF-8, deflate, a fixed timestamp (so two runs over the
same data give the same bytes), no ZIP64 (a part is far below 4 GB).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections import OrderedDict
from collections.abc import Iterable
from typing import IO

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_UTF8_NAMES = 0x800
_DEFLATE = 8
_DOS_TIME, _DOS_DATE = 0, (2000 - 1980) << 9 | 1 << 5 | 1  # 2000-01-01 00:00

Deflated = tuple[bytes, int, int]  # (compressed bytes, crc32, uncompressed size)


class DeflateCache:
    """The deflated form of recently shared parts, keyed by their bytes.

    At most ``size`` parts, the least recently used dropped first.


    A key is the content, not ``id()`` (which a collected object hands on): the same object is found
    by identity at once, and equal bytes of another object (a base read again) find the same entry.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[bytes, Deflated] = OrderedDict()

    def get(self, data: bytes) -> Deflated | None:
        """The deflated form of ``data`` if it is cached, marking it recently used."""
        found = self._entries.get(data)
        if found is not None:
            self._entries.move_to_end(data)
        return found

    def put(self, data: bytes, deflated: Deflated) -> None:
        """Cache the deflated form of ``data``, dropping the least recently used beyond ``size``."""
        self._entries[data] = deflated
        self._entries.move_to_end(data)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


# A base has about twenty parts; room for a few bases (a cleared and rebuilt one, another layout).
SHARED = DeflateCache(64)


def deflate(data: bytes) -> Deflated:
    """``data`` deflated as a zip member stores it: (raw deflate bytes, CRC-32, size)."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)


def deflate_shared(data: bytes) -> Deflated:
    """``deflate(data)``, computed once while ``data`` stays among the recently shared parts."""
    cached = SHARED.get(data)
    if cached is not None:
        return cached
    result = deflate(data)
    SHARED.put(data, result)
    return result


def remember_zip(archive: zipfile.ZipFile, raw: bytes) -> list[tuple[str, bytes]]:
    """The members of a zip just written (``raw`` its bytes) as (name, data).

    Their deflated bytes are kept as :func:`deflate_shared` would make them, so they are not compressed a
    second time.


    zipfile deflates as :func:`deflate` does (level 6, raw stream), so the bytes are the same.
    """
    members = []
    for info in archive.infolist():
        data = archive.read(info)
        if info.compress_type == zipfile.ZIP_DEFLATED:
            name_length, extra_length = struct.unpack_from("<HH", raw, info.header_offset + 26)
            start = info.header_offset + 30 + name_length + extra_length
            packed = raw[start : start + info.compress_size]
            SHARED.put(data, (packed, info.CRC, info.file_size))
        members.append((info.filename, data))
    return members


def write_zip(stream: IO[bytes], members: Iterable[tuple[str, bytes, bool]]) -> None:
    """Write a zip of (name, data, shared) members in order; shared members reuse their compression."""
    central = []
    offset = 0
    for name, data, shared in members:
        packed, crc, size = deflate_shared(data) if shared else deflate(data)
        encoded = name.encode("utf-8")
        header = _LOCAL.pack(
            0x04034B50,
            20,
            _UTF8_NAMES,
            _DEFLATE,
            _DOS_TIME,
            _DOS_DATE,
            crc,
            len(packed),
            size,
            len(encoded),
            0,
        )
        stream.write(header + encoded)
        stream.write(packed)
        entry = _CENTRAL.pack(
            0x02014B50, 20, 20, _UTF8_NAMES, _DEFLATE, _DOS_TIME, _DOS_DATE, crc, len(packed), size,
            len(encoded), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central.append(entry + encoded)
        offset += len(header) + len(encoded) + len(packed)
    directory = b"".join(central)
    stream.write(directory)
    stream.write(_END.pack(0x06054B50, 0, 0, len(central), len(central), len(directory), offset, 0))

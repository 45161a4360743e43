"""PDF through LibreOffice (optional: only ``--pdf`` needs it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from cgtask.errors import RenderError
from cgtask.render.fonts import FontChoice, prepare_fontconfig
from cgtask.support.atomic import write_atomic

DEFAULT_TIMEOUT_SECONDS = 120
# Keep the blank pages LibreOffice inserts before an even-page section (the 版记 on 封四):
# skipped, the 版记 would land on an odd page of the PDF.
PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
NOT_INSTALLED = "未找到 LibreOffice（soffice），无法生成 PDF；请安装 libreoffice-writer-nogui 或只生成 .docx"


def find_soffice() -> str | None:
    """Path of the LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(
    docx_path: Path, pdf_path: Path, timeout: float = DEFAULT_TIMEOUT_SECONDS
) -> list[FontChoice]:
    """Convert with headless LibreOffice and move the result into place atomically.

    Returns which faces stood in for the official fonts (see :mod:`cgtask.render.fonts`).

    A throw-away profile directory keeps a user's running LibreOffice (which would
    swallow the request) and its settings out of the conversion.
    """
    soffice = find_soffice()
    if soffice is None:
        raise RenderError(NOT_INSTALLED)
    with tempfile.TemporaryDirectory(prefix="cgtask-soffice-") as work:
        work_dir = Path(work)
        out_dir = work_dir / "out"
        command = _convert_command(soffice, work_dir / "profile", out_dir, [docx_path])
        fonts_conf, choices = prepare_fontconfig(work_dir)
        _run_soffice(command, timeout, docx_path, fonts_conf)
        _move_produced(out_dir, docx_path, Path(pdf_path))
    return choices


def _convert_command(soffice: str, profile: Path, out_dir: Path, docx_paths: list[Path]) -> list[str]:
    """LibreOffice converting ``docx_paths`` to PDFs in ``out_dir``, with its own profile folder."""
    return [
        soffice,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        PDF_FILTER,
        "--outdir",
        str(out_dir),
        *(str(Path(path).resolve()) for path in docx_paths),
    ]


def _move_produced(out_dir: Path, docx_path: Path, pdf_path: Path) -> None:
    """The PDF LibreOffice made of ``docx_path``, moved atomically to ``pdf_path``."""
    produced = out_dir / f"{Path(docx_path).stem}.pdf"
    if not produced.is_file():
        raise RenderError(
            f"LibreOffice 没有生成 PDF（{docx_path}）；请检查该 .docx 能否在 LibreOffice 中打开"
        )
    _move_into_place(produced, pdf_path)


# A batch's conversion may take this much longer per document than one document's.
SECONDS_PER_DOCUMENT = 10


def convert_many(docx_paths: list[Path], timeout: float = DEFAULT_TIMEOUT_SECONDS) -> list[FontChoice]:
    """Convert every .docx to a PDF beside it in one LibreOffice process (``--convert-to`` takes many files).

    Starting LibreOffice costs more than converting a notice, so a batch pays it once.


    The profile is kept in cgtask's cache folder between batches (a first start builds it, which is
    slow), under a lock so two batches never share it at once; each PDF is moved into place atomically.
    """
    from filelock import FileLock

    from cgtask.support.cache_folder import cache_dir

    soffice = find_soffice()
    if soffice is None:
        raise RenderError(NOT_INSTALLED)
    if not docx_paths:
        return []
    profile = cache_dir() / "soffice-profile"
    try:
        profile.mkdir(parents=True, exist_ok=True)
    except OSError:
        profile = Path(tempfile.mkdtemp(prefix="cgtask-soffice-profile-"))
    with tempfile.TemporaryDirectory(prefix="cgtask-soffice-") as work, FileLock(str(profile) + ".lock"):
        out_dir = Path(work) / "out"
        command = _convert_command(soffice, profile, out_dir, docx_paths)
        fonts_conf, choices = prepare_fontconfig(Path(work))
        limit = timeout + SECONDS_PER_DOCUMENT * len(docx_paths)
        _run_soffice(command, limit, docx_paths[0].parent, fonts_conf)
        for path in docx_paths:
            _move_produced(out_dir, path, Path(path).with_suffix(".pdf"))
    return choices


def page_count(pdf_path: Path) -> int:
    """Pages of a PDF that LibreOffice wrote: it keeps page dictionaries uncompressed."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", Path(pdf_path).read_bytes()))


def _run_soffice(command: list[str], timeout: float, docx_path: Path, fonts_conf: Path | None) -> None:
    env = dict(os.environ)
    if fonts_conf is not None:
        env["FONTCONFIG_FILE"] = str(fonts_conf)
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False, env=env
        )
    except subprocess.TimeoutExpired as exc:
        raise RenderError(f"LibreOffice 转换 {docx_path} 超过 {timeout:g} 秒仍未完成，已放弃") from exc
    except OSError as exc:
        raise RenderError(f"无法运行 LibreOffice（{command[0]}）：{exc.strerror or exc}") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise RenderError(
            f"LibreOffice 转换 {docx_path} 失败（退出码 {result.returncode}）：{' '.join(detail)}"
        )


def _move_into_place(produced: Path, target: Path) -> None:
    """Copy through :func:`~cgtask.support.atomic.write_atomic`, as the .docx is written.

    A reader never sees half a PDF, and the PDF gets the .docx's permission bits (not ``mkstemp``'s 0600).
    """
    with produced.open("rb") as source:
        write_atomic(target, lambda handle: shutil.copyfileobj(source, handle))

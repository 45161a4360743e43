"""Write many documents at once (``render monthly --all``): typesetting runs in worker processes.

Typesetting is pure Python and CPU-bound, so threads would not help; a small process pool
does.  The caller builds the documents (cheap) and keeps the progress bar; the workers only
typeset and save.  Every file is written atomically, so a failure anywhere leaves complete
files and no half-written ones; the first error stops the rest and is raised as it was.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cgtask.errors import RenderError
from cgtask.render.layout import OfficialDocument

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.context import BaseContext

    from cgtask.render.fonts import FontChoice  # with subprocess: only a PDF needs it

MAX_WORKERS = 2  # the budget's machine has two cores; more workers only add start-up cost
QUEUED_PER_WORKER = 4  # documents waiting per worker: enough to keep it busy, little memory

Job = tuple[OfficialDocument, Path]


@dataclass(frozen=True)
class Written:
    """The files one document became and, for a PDF, the faces that stood in for official fonts."""

    paths: list[Path]
    fonts: list[FontChoice] = field(default_factory=list)

    def font_notes(self) -> list[str]:
        """One Chinese line per official font, for the command to print."""
        return [choice.describe() for choice in self.fonts]


def write_document(doc: OfficialDocument, docx_path: Path, pdf: bool) -> Written:
    """Typeset ``doc`` into ``docx_path`` (atomically) and, with ``pdf``, convert it next to it.

    The 版记 belongs on the last even page (封四).  Only the layout knows where the text ends,
    so with a PDF at hand: a document whose 版记 (always on the last page) came out on an odd
    page is typeset again with the 版记 on a page of its own, the next even one.
    """
    from cgtask.render.gbt9704 import write_docx

    write_docx(doc, docx_path)
    if not pdf:
        return Written([docx_path])
    from cgtask.render import pdf as pdf_module

    pdf_path = docx_path.with_suffix(".pdf")
    fonts = pdf_module.convert_to_pdf(docx_path, pdf_path)
    if doc.colophon is not None and pdf_module.page_count(pdf_path) % 2:
        write_docx(doc, docx_path, colophon_on_even_page=True)
        fonts = pdf_module.convert_to_pdf(docx_path, pdf_path)
    return Written([docx_path, pdf_path], fonts)


def convert_batch(jobs: list[Job]) -> list[FontChoice]:
    """PDFs of written .docx files in one LibreOffice run.

    Then, as :func:`write_document` does one by one, each document whose 版记 came out on an odd page is
    typeset again with the 版记 on the next even page, and those are converted together once more.
    """
    from cgtask.render import pdf as pdf_module
    from cgtask.render.gbt9704 import write_docx

    fonts = pdf_module.convert_many([path for _, path in jobs])
    odd = [
        (doc, path)
        for doc, path in jobs
        if doc.colophon is not None and pdf_module.page_count(path.with_suffix(".pdf")) % 2
    ]
    for doc, path in odd:
        write_docx(doc, path, colophon_on_even_page=True)
    if odd:
        fonts = pdf_module.convert_many([path for _, path in odd])
    return fonts


def worker_count(documents: int) -> int:
    """Processes to render ``documents`` files with: one per core, at most MAX_WORKERS."""
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1, documents))


def write_all(jobs: Iterable[Job], *, pdf: bool, workers: int, on_written: Callable[[], None]) -> int:
    """Write every (document, path) of ``jobs``; call ``on_written`` after each; return the count.

    With ``pdf``, the .docx files are written first and one LibreOffice process converts them all
    (:func:`convert_batch`), instead of one LibreOffice start per document.
    """
    if pdf:
        kept = list(jobs)
        count = write_all(kept, pdf=False, workers=workers, on_written=lambda: None)
        convert_batch(kept)
        for _ in kept:
            on_written()
        return count
    if workers <= 1:
        count = 0
        for doc, path in jobs:
            write_document(doc, path, pdf)
            on_written()
            count += 1
        return count
    from cgtask.render.gbt9704 import prepare_base

    prepare_base()  # once here, inherited by forked workers instead of built in each
    return _write_in_pool(jobs, pdf, workers, on_written)


def _pool_context() -> BaseContext | None:
    """Fork where the platform has it: workers start at once, with cgtask already imported."""
    import multiprocessing  # only a batch needs it: a single document starts without it

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops the batch and says so — no traceback per worker."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _write_in_pool(jobs: Iterable[Job], pdf: bool, workers: int, on_written: Callable[[], None]) -> int:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    in_flight: dict[Future[Written], Path] = {}
    count = 0
    pool = ProcessPoolExecutor(workers, mp_context=_pool_context(), initializer=_ignore_interrupts)
    try:
        for doc, path in jobs:
            in_flight[pool.submit(write_document, doc, path, pdf)] = path
            if len(in_flight) >= workers * QUEUED_PER_WORKER:
                count += _collect(in_flight, on_written)
        while in_flight:
            count += _collect(in_flight, on_written)
    except BrokenProcessPool:
        pool.shutdown(wait=True, cancel_futures=True)
        _remove_temporary_files(in_flight.values())
        raise RenderError("排版子进程意外退出，已停止生成；已写入的文件完整，未完成的没有留下") from None
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        _remove_temporary_files(in_flight.values())
        raise
    pool.shutdown(wait=True)
    return count


def _collect(in_flight: dict[Future[Written], Path], on_written: Callable[[], None]) -> int:
    """Wait for at least one document; a worker's error is raised here, as the worker raised it."""
    from concurrent.futures import FIRST_COMPLETED, wait

    done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
    for future in done:
        future.result()  # first: a broken pool must still find this path in in_flight to clean up
        del in_flight[future]
        on_written()
    return len(done)


def _remove_temporary_files(paths: Iterable[Path]) -> None:
    """A killed worker cannot clean up after itself: drop its atomic-write temporaries."""
    for path in paths:
        for temporary in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            temporary.unlink(missing_ok=True)

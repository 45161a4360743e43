"""``render monthly --all --pdf``: one LibreOffice process converts the whole batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from cgtask.render import batch, pdf
from tests.render.conftest import make_document


@pytest.fixture
def soffice_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The files each (fake) LibreOffice run was given.

    It writes a two-page PDF for each, or three pages for a file whose name holds "odd" until it has been
    typeset again.
    """
    runs: list[list[str]] = []

    def fake(command: list[str], timeout: float, docx_path: Path, fonts_conf: Path | None) -> None:
        out = Path(command[command.index("--outdir") + 1])
        out.mkdir(parents=True, exist_ok=True)
        files = [arg for arg in command if arg.endswith(".docx")]
        runs.append([Path(f).name for f in files])
        for name in files:
            pages = 3 if "odd" in name and len(runs) == 1 else 2
            (out / f"{Path(name).stem}.pdf").write_bytes(b"%PDF-1.4\n" + b"/Type /Page\n" * pages)

    monkeypatch.setattr(pdf, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf, "_run_soffice", fake)
    return runs


def test_one_libreoffice_run_converts_the_batch(tmp_path: Path, soffice_runs: list[list[str]]) -> None:
    names = ["a.docx", "b-odd.docx", "c.docx"]
    jobs = [(make_document(), tmp_path / name) for name in names]
    written: list[None] = []
    count = batch.write_all(iter(jobs), pdf=True, workers=1, on_written=lambda: written.append(None))
    assert count == 3
    assert len(written) == 3
    # One run for the batch; one more for the document whose 版记 fell on an odd page.
    assert soffice_runs == [names, ["b-odd.docx"]]
    assert all((tmp_path / name).with_suffix(".pdf").is_file() for name in names)
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_profile_is_kept_in_the_cache_folder(
    tmp_path: Path, soffice_runs: list[list[str]], isolated_cache: Path
) -> None:
    pdf.convert_many([_docx(tmp_path / "a.docx")])
    assert (isolated_cache / "soffice-profile").is_dir()


def test_a_pdf_gets_the_mode_of_the_docx_beside_it(tmp_path: Path, soffice_runs: list[list[str]]) -> None:
    """Both go through support.atomic: a new PDF is not 0600 beside a 0644 .docx."""
    import os
    import stat

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    previous = os.umask(0o022)
    try:
        single = _docx(tmp_path / "one.docx")
        pdf.convert_to_pdf(single, tmp_path / "one.pdf")
        batch_docx = _docx(tmp_path / "two.docx")
        pdf.convert_many([batch_docx])
    finally:
        os.umask(previous)
    assert mode(single) == mode(tmp_path / "one.pdf") == 0o644
    assert mode(batch_docx) == mode(tmp_path / "two.pdf") == 0o644
    (tmp_path / "one.pdf").chmod(0o640)
    pdf.convert_to_pdf(single, tmp_path / "one.pdf")
    assert mode(tmp_path / "one.pdf") == 0o640  # a rewritten PDF keeps its mode, as a .docx does
    assert not list(tmp_path.glob(".*.tmp"))


def _docx(path: Path) -> Path:
    from cgtask.render.gbt9704 import write_docx

    write_docx(make_document(), path)
    return path


@pytest.mark.slow
@pytest.mark.skipif(pdf.find_soffice() is None, reason="需要 LibreOffice（soffice）")
def test_a_real_batch_gives_every_pdf(tmp_path: Path) -> None:
    paths = [_docx(tmp_path / f"{n}.docx") for n in range(3)]
    pdf.convert_many(paths)
    for path in paths:
        assert pdf.page_count(path.with_suffix(".pdf")) >= 2


@pytest.mark.slow
@pytest.mark.skipif(pdf.find_soffice() is None, reason="需要 LibreOffice（soffice）")
def test_two_batches_at_once_share_the_cached_profile(tmp_path: Path, isolated_cache: Path) -> None:
    """Two conversions started together take turns with the one profile.

    Two cgtask processes, or two test workers sharing a cache, must not hand LibreOffice a profile in use.
    """
    from concurrent.futures import ThreadPoolExecutor

    batches = []
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        batches.append([_docx(tmp_path / name / f"{n}.docx") for n in range(2)])
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(pdf.convert_many, batches))
    for path in [*batches[0], *batches[1]]:
        assert pdf.page_count(path.with_suffix(".pdf")) >= 2
    assert (isolated_cache / "soffice-profile").is_dir()

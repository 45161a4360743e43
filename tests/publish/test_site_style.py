"""The stylesheet: status colours readable (WCAG AA contrast) and never the only signal."""

from __future__ import annotations

import re
from importlib import resources

CSS = resources.files("cgtask.publish.site").joinpath("assets", "site.css").read_text(encoding="utf-8")


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _variable(name: str) -> str:
    found = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS)
    assert found, name
    return found.group(1)


def test_contrast_helper_matches_known_values() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#777777", "#ffffff") < 4.5


def test_status_text_is_readable_on_its_colour() -> None:
    for status in ("red", "yellow", "blue", "green"):
        assert contrast(_variable(f"{status}-ink"), _variable(f"{status}-bg")) >= 4.5, status
    assert contrast(_variable("muted"), "#ffffff") >= 4.5
    assert contrast(_variable("ink"), _variable("band")) >= 4.5


def test_each_status_has_a_symbol_besides_its_colour() -> None:
    symbols = {
        s: re.search(rf"\.s-{s} \.icon::before \{{ content: \"(.)\"", CSS)
        for s in ("red", "yellow", "blue", "green")
    }
    assert all(symbols.values())
    assert len({m.group(1) for m in symbols.values() if m}) == 4


def test_print_keeps_the_colours_and_hides_the_controls() -> None:
    printed = CSS[CSS.index("@media print") :]
    assert "print-color-adjust: exact" in printed
    assert ".filters" in printed
    assert "display: none" in printed

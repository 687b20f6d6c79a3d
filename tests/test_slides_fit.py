"""Text fitting: wrapping and heights from real font metrics, and the estimate without a font file."""

from __future__ import annotations

import pytest

from aupkit.slides import fit
from aupkit.slides.fit import FontMetrics, Paragraph, TextFitter

carlito = fit.resolve_font("Calibri", False)
needs_carlito = pytest.mark.skipif(
    carlito is None or "arlito" not in carlito.name,
    reason="needs fontconfig and the Carlito font (apt-get install fonts-crosextra-carlito)",
)


def test_wrap_breaks_at_words_and_keeps_every_word() -> None:
    fitter = TextFitter("Calibri")
    text = "Install system and app updates on every device you use for work as soon as they appear."
    lines = fitter.wrap(text, width=200, size=20)
    assert len(lines) > 1
    assert " ".join(lines).split() == text.split()


def test_a_word_wider_than_the_box_is_broken_not_lost() -> None:
    fitter = TextFitter("Calibri")
    word = "https://intranet.example.com/manual/passwords-and-accounts/#passwords-manager"
    lines = fitter.wrap(word, width=120, size=18)
    assert len(lines) > 1
    assert "".join(lines) == word


def test_height_grows_with_text_and_size() -> None:
    fitter = TextFitter("Calibri")
    short = [Paragraph("Lock your screen.", 20)]
    long = [Paragraph("Lock your screen. " * 20, 20)]
    assert fitter.height(long, 300) > fitter.height(short, 300)
    assert fitter.height([Paragraph("Lock your screen.", 28)], 300) > fitter.height(short, 300)


def test_space_before_the_first_paragraph_is_not_counted() -> None:
    fitter = TextFitter("Calibri")
    plain = fitter.height([Paragraph("One", 20), Paragraph("Two", 20)], 300)
    spaced = fitter.height([Paragraph("One", 20, space_before=30), Paragraph("Two", 20, space_before=10)], 300)
    assert spaced == pytest.approx(plain + 10)


def test_split_words_returns_the_longest_prefix_that_fits() -> None:
    fitter = TextFitter("Calibri")
    paragraph = Paragraph(" ".join(f"word{i}" for i in range(200)), 18)
    line = fitter.line_height(18)
    head, rest = fitter.split_words(paragraph, 300, line * 3)
    assert head and rest
    assert f"{head} {rest}".split() == paragraph.text.split()
    assert len(fitter.wrap(head, 300, 18)) <= 3
    assert len(fitter.wrap(head + " " + rest.split()[0], 300, 18)) > 3


@needs_carlito
def test_carlito_metrics_are_measured_from_the_font_file() -> None:
    metrics = fit.font_metrics("Calibri", False)
    assert metrics.measured
    assert 1.15 < metrics.line_em < 1.3  # Calibri's ascent + descent + gap is 1.22 em
    assert metrics.em_width("iiii") < metrics.em_width("MMMM")


def test_without_a_font_file_the_estimate_is_wider_than_the_real_font() -> None:
    estimate = FontMetrics("Calibri", False, None)
    assert not estimate.measured
    real = fit.font_metrics("Calibri", False)
    if real.measured:
        sample = "Share files through company storage instead of USB sticks."
        assert estimate.em_width(sample) > real.em_width(sample)
        assert estimate.line_em >= real.line_em


def test_a_missing_font_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fit, "font_metrics", lambda family, bold: FontMetrics(family, bold, None))
    assert TextFitter("No Such Font").unmeasured_fonts() == ["No Such Font", "No Such Font bold"]


def test_no_fontconfig_means_no_font_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fit.shutil, "which", lambda name: None)
    fit._fc_match.cache_clear()  # what fontconfig said is remembered for the whole process
    try:
        assert fit.resolve_font("Calibri", True) is None
        assert fit.stand_in("Calibri", True) is None
    finally:
        fit._fc_match.cache_clear()

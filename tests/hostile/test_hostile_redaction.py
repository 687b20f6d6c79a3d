"""Personal identifiers never survive redaction, however they are written.

Hypothesis builds valid identifiers (with their real check digits) for Spain, Mexico and cards,
writes them in either case with any separator (space, hyphen, no-break or narrow space, none),
puts them in random text without digits, and checks no digit of them is left.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from aupkit.feedback.redact import redact
from feedback_samples import english_project

SEPARATORS = st.sampled_from([" ", "-", "\u00a0", "\u202f", "\u2009", ""])
DIGIT = st.sampled_from(string.digits)
LETTER = st.sampled_from(string.ascii_uppercase)


def _digits(count: int) -> st.SearchStrategy[str]:
    return st.text(DIGIT, min_size=count, max_size=count)


def _letters(count: int, alphabet: str = string.ascii_uppercase) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(alphabet), min_size=count, max_size=count)


def _grouped(text: str, separator: str, size: int = 4) -> str:
    return separator.join(text[i : i + size] for i in range(0, len(text), size))


@st.composite
def iban(draw) -> str:
    bban = draw(_digits(20))
    check = 98 - int("".join(str(int(c, 36)) for c in bban + "ES00")) % 97
    return _grouped(f"ES{check:02d}{bban}", draw(SEPARATORS))


@st.composite
def dni(draw) -> str:
    number = draw(_digits(8))
    return number + draw(st.sampled_from(["", "-", " "])) + "TRWAGMYFPDXBNJZSQVHLCKE"[int(number) % 23]


@st.composite
def nie(draw) -> str:
    prefix, number = draw(st.sampled_from("XYZ")), draw(_digits(7))
    letter = "TRWAGMYFPDXBNJZSQVHLCKE"[int(str("XYZ".index(prefix)) + number) % 23]
    return f"{prefix}{number}{letter}"


@st.composite
def card(draw) -> str:
    body = "4" + draw(_digits(14))
    total = sum((int(d) * 2 - 9 if int(d) > 4 else int(d) * 2) if i % 2 == 0 else int(d)
                for i, d in enumerate(reversed(body)))  # fmt: skip
    return _grouped(body + str((10 - total % 10) % 10), draw(SEPARATORS))


@st.composite
def clabe(draw) -> str:
    body = draw(_digits(17))
    total = sum(int(d) * (3, 7, 1)[i % 3] % 10 for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


@st.composite
def yymmdd(draw) -> str:
    return f"{draw(st.integers(0, 99)):02d}{draw(st.integers(1, 12)):02d}{draw(st.integers(1, 28)):02d}"


@st.composite
def curp(draw) -> str:
    return (draw(LETTER) + draw(st.sampled_from("AEIOU")) + draw(_letters(2)) + draw(yymmdd())
            + draw(st.sampled_from("HM")) + draw(_letters(5)) + draw(LETTER) + draw(DIGIT))  # fmt: skip


@st.composite
def rfc(draw) -> str:
    return draw(_letters(4)) + draw(yymmdd()) + draw(_letters(3, string.ascii_uppercase + string.digits))


@st.composite
def mexican_phone(draw) -> str:
    separator = draw(SEPARATORS)
    return f"+52{separator}55{separator}{draw(_digits(4))}{separator}{draw(_digits(4))}"


IDENTIFIERS = st.one_of(iban(), dni(), nie(), card(), clabe(), curp(), rfc(), mexican_phone())
PROSE = st.text(st.sampled_from(string.ascii_letters + "áéíñóú ¿?¡!,.:;()'\u00a0"), max_size=30)


@settings(max_examples=400, deadline=None)
@given(before=PROSE, identifier=IDENTIFIERS, lower=st.booleans(), after=PROSE, language=st.sampled_from(["en", "es"]))
def test_no_digit_of_a_valid_identifier_survives(before: str, identifier: str, lower: bool, after: str, language: str):
    written = identifier.lower() if lower else identifier
    redacted = redact(f"{before} {written} {after}", language)
    assert not re.search(r"\d", redacted), f"{written!r} left {redacted!r}"


def test_identifiers_in_an_import_never_reach_the_store(tmp_path: Path, run) -> None:
    root = english_project(tmp_path / "p")
    found = {
        "es12 2100 0418 4502 0005 1332": "bank account",
        "gode561231hdfrrn09": "CURP",
        "12345678z": "DNI",
        "612\u00a0345\u00a0678": "phone",
    }
    rows = "".join(f"2026-11-20,,question,Is my {kind} {value} safe?\n" for value, kind in found.items())
    (root / "notes.csv").write_text("date,rule,kind,text\n" + rows, encoding="utf-8")
    assert run(["feedback", "import", "notes.csv", "--session", "s"], cwd=root).exit_code == 0
    stored = (root / "feedback" / "s.yaml").read_text(encoding="utf-8")
    for value in found:
        assert value not in stored and value.replace("\u00a0", " ") not in stored
    assert stored.count("removed]") == len(found)

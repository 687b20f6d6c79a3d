"""Remove personal data from feedback text before it is stored.

Email addresses, phone numbers, card numbers (Luhn-checked), IBANs, Mexican
CLABE accounts, CURP, RFC and voter-card (clave de elector) codes, Spanish
DNI/NIE and US social security numbers become a short marker in the manual's
language, in either case and with any separator or Unicode space inside.
Names cannot be found reliably and are left to the reviewer.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..languages import every

MARKERS = every("redaction")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]{4}){3,7}(?:[ -]?\d{1,4})?\b")
_DNI = re.compile(r"\b(?:\d{8}|[XYZxyz][ -]?\d{7})[- ]?[A-HJ-NP-TV-Za-hj-np-tv-z]\b")
# Mexico: CURP (18), clave de elector (18) and RFC (12 or 13) codes, in either case.
_YYMMDD = r"\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_CURP = re.compile(rf"\b[A-Za-z][AEIOUXaeioux][A-Za-z]{{2}}{_YYMMDD}[HMXhmx][A-Za-z]{{5}}[A-Za-z0-9]\d\b")
_ELECTOR = re.compile(r"\b[A-Za-z]{6}\d{8}[HMhm]\d{3}\b")
_RFC = re.compile(rf"\b[A-Za-zÑñ&]{{3,4}}-?{_YYMMDD}-?[A-Za-z0-9]{{3}}\b")
_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
_DIGITS = re.compile(r"(?<![\w/.:-])\+?\(?\d[\d ().-]{6,}\d(?![\w/:-]|\.\d)")
_ANY_DIGIT = re.compile(r"\d")
# One pass for everything made of digits; at one place the first alternative that matches wins.
# The lookahead lets the engine skip, at once, every place where none of them can start.
_NUMBERS = re.compile("(?=[A-Za-z\\d+(&Ññ])(?:" + "|".join(f"(?P<{name}>{pattern.pattern})" for name, pattern in (
    ("curp", _CURP), ("elector", _ELECTOR), ("iban", _IBAN), ("ssn", _SSN), ("dni", _DNI), ("rfc", _RFC),
    ("digits", _DIGITS))) + ")")  # fmt: skip
# Spaces that are not the space bar's (no-break, narrow, thin, figure...) hide a number from the patterns.
_OTHER_SPACES = re.compile(r"[^\S\n\t ]")
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
# Characters that change how text is shown without being seen: controls, bidi controls, zero-width marks,
# private-use and surrogate code points (Unicode categories Cc, Cf, Co, Cs).
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Co", "Cs"}
_ASTRAL_INVISIBLE = (  # outside the BMP: format characters (Unicode 14, and 15's hieroglyph controls), private use
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f\U000f0000-\U000ffffd\U00100000-\U0010fffd"
)


@functools.cache
def invisible() -> re.Pattern[str]:
    """One regex class for the invisible characters: scanning the BMP once is far faster than a per-character test."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if code != 0x0A and unicodedata.category(chr(code)) in INVISIBLE_CATEGORIES:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    parts = "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
    return re.compile(f"[{parts}{_ASTRAL_INVISIBLE}]")


def clean(text: str) -> str:
    """NFC text without control or invisible format characters (bidi controls, zero-width marks).

    Line ends become ``\\n``; tabs become spaces.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    return invisible().sub("", text)


def _luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def redact(text: str, language: str = "en") -> str:
    """``text`` with personal data replaced by markers; other text unchanged."""
    markers = MARKERS.get(language, MARKERS["en"])
    if "@" in text:
        text = _emails(text, markers["email"])
    if not _ANY_DIGIT.search(text):
        return text  # everything below needs digits
    text = _OTHER_SPACES.sub(" ", text)
    return _NUMBERS.sub(lambda match: _number(match, markers), text)


def _emails(text: str, marker: str) -> str:
    """Replace email addresses, looking only around each "@" (a plain regex scan tries every word)."""
    parts: list[str] = []
    done = 0
    at = text.find("@")
    while at != -1:
        start = at
        while start > done and (text[start - 1].isalnum() or text[start - 1] in "._+-"):
            start -= 1
        match = _EMAIL.match(text, start) if start < at else None
        if match:
            parts += [text[done:start], marker]
            done = match.end()
        at = text.find("@", max(at + 1, done))
    return "".join([*parts, text[done:]])


def _number(match: re.Match[str], markers: dict[str, str]) -> str:
    kind = match.lastgroup or "digits"
    found = match.group(0)
    digits = re.sub(r"\D", "", found)
    if kind == "iban" and (len(digits) >= 10 or _iban_valid(found)):
        return markers["iban"]
    if kind in ("ssn", "dni", "curp", "elector", "rfc"):
        return markers["id"]
    if kind == "iban":  # letters and a few digits: a product code, not an account
        return found
    if _DATE_LIKE.match(found.strip()):
        return found
    if 13 <= len(digits) <= 19 and _luhn(digits):
        return markers["card"]
    if len(digits) == 18 and _clabe_valid(digits):
        return markers["iban"]
    if 9 <= len(digits) <= 15:
        return markers["phone"]
    if 16 <= len(digits) <= 19:  # an account or card number that no check recognised: never keep it
        return markers["id"]
    return found


def _iban_valid(text: str) -> bool:
    """The IBAN check (ISO 13616): move the first four characters to the end, letters to numbers, mod 97."""
    compact = re.sub(r"[^A-Za-z0-9]", "", text).upper()
    number = "".join(str(int(char, 36)) for char in compact[4:] + compact[:4])
    return len(compact) >= 15 and int(number) % 97 == 1


def _clabe_valid(digits: str) -> bool:
    """A Mexican CLABE account: 17 digits and a check digit from weights 3, 7, 1."""
    total = sum(int(digit) * (3, 7, 1)[index % 3] % 10 for index, digit in enumerate(digits[:17]))
    return (10 - total % 10) % 10 == int(digits[17])

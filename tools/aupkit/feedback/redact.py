"""Remove personal data from feedback text before it is stored.

Email addresses, phone numbers, card numbers (Luhn-checked), IBANs, Spanish
DNI/NIE and US social security numbers become a short marker in the manual's
language. Names cannot be found reliably and are left to the reviewer.
"""

from __future__ import annotations

import re
import unicodedata

MARKERS = {
    "en": {"email": "[email removed]", "phone": "[phone removed]", "card": "[card number removed]",
           "iban": "[bank account removed]", "id": "[ID number removed]"},
    "es": {"email": "[correo eliminado]", "phone": "[teléfono eliminado]", "card": "[tarjeta eliminada]",
           "iban": "[cuenta bancaria eliminada]", "id": "[documento eliminado]"},
}  # fmt: skip

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
_DNI = re.compile(r"\b(?:\d{8}|[XYZ]\d{7})[- ]?[A-HJ-NP-TV-Z]\b")
_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
_DIGITS = re.compile(r"(?<![\w/.:-])\+?\(?\d[\d ().-]{6,}\d(?![\w/:-]|\.\d)")
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
# Characters that change how text is shown without being seen: bidi controls, zero-width marks.
_INVISIBLE = {"Cc", "Cf", "Co", "Cs"}


def clean(text: str) -> str:
    """NFC text without control or invisible format characters (bidi controls, zero-width marks).

    Line ends become ``\\n``; tabs become spaces.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    return "".join(char for char in text if char == "\n" or unicodedata.category(char) not in _INVISIBLE)


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
    text = _EMAIL.sub(markers["email"], text)
    text = _IBAN.sub(markers["iban"], text)
    text = _SSN.sub(markers["id"], text)
    text = _DNI.sub(markers["id"], text)

    def number(match: re.Match[str]) -> str:
        found = match.group(0)
        digits = re.sub(r"\D", "", found)
        if _DATE_LIKE.match(found.strip()):
            return found
        if 13 <= len(digits) <= 19 and _luhn(digits):
            return markers["card"]
        if 9 <= len(digits) <= 15:
            return markers["phone"]
        return found

    return _DIGITS.sub(number, text)

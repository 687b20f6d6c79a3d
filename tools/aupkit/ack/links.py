"""The link staff follow to confirm they have read a version: the form, pre-filled with the version and language."""

from __future__ import annotations

from urllib.parse import quote

from ..config import Config


def confirm_link(config: Config, version: str, language: str) -> str:
    """The acknowledgement form's address for ``version`` in ``language``; "" when no form is configured."""
    ack = config.acknowledge
    if not ack.form_url:
        return ""
    if not ack.version_entry:
        return ack.form_url  # Microsoft Forms: one form per version, nothing to pre-fill
    query = f"usp=pp_url&{ack.version_entry}={quote(version)}"
    query += f"&{ack.language_entry}={quote(language)}" if ack.language_entry else ""
    return f"{ack.form_url}{'&' if '?' in ack.form_url else '?'}{query}"

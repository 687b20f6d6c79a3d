"""What aup accepts in YAML written by people: no anchors or aliases.

An alias repeats a value by reference, so a few hundred bytes of ``&a [*b, *b, ...]`` expand to
gigabytes when loaded. Nothing a manual or a feedback store needs uses them; they are refused
before loading, with the line.
"""

from __future__ import annotations


def alias_line(text: str) -> int | None:
    """The 1-based line of the first anchor (``&name``) or alias (``*name``) in ``text``, or None.

    Scans tokens only (nothing is built), so it costs the same on any input. Text that does not
    even scan is left to the loader, which words the error.
    """
    if "&" not in text and "*" not in text:
        return None
    import yaml

    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                return token.start_mark.line + 1
    except yaml.YAMLError:
        return None
    return None

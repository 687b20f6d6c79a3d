"""Simple front matter goes through libyaml: it must read exactly as PyYAML's pure-Python safe_load does."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from aupkit.model import frontmatter

KEYS = st.sampled_from(["title", "owner", "version", "last_reviewed", "review_every", "summary", "yes", "No", "a_b"])
VALUES = st.text(
    alphabet=st.sampled_from(list("aZ09 .-_/+=()?!#:'\"&*|>%@`[]{},é’ñ\u00a0\t\ufeff~")),
    max_size=12,
) | st.sampled_from(["2026-10-01", "12 months", "1.0.0", "yes", "null", "~", "0x1F", "1e3", ".inf", "12:30", "<<"])


def _read(loader: type, raw: str) -> tuple:
    try:
        return ("ok", yaml.load(raw, Loader=loader))
    except yaml.YAMLError:
        return ("error",)


@pytest.mark.skipif(frontmatter._FAST_LOADER is None, reason="PyYAML without libyaml: only the pure-Python loader")
@given(st.lists(st.tuples(KEYS, st.sampled_from(["", " ", "  "]), VALUES), min_size=1, max_size=5))
@settings(max_examples=400, deadline=None)
def test_fast_front_matter_reads_as_safe_load(lines: list[tuple[str, str, str]]) -> None:
    raw = "\n".join(f"{key}:{space}{value}" for key, space, value in lines)
    expected = _read(yaml.SafeLoader, raw)
    if expected[0] == "ok":
        assert frontmatter._load_yaml(raw) == expected[1]
    else:
        with pytest.raises(yaml.YAMLError):
            frontmatter._load_yaml(raw)


def test_typical_front_matter_takes_the_fast_path() -> None:
    raw = "title: Email\nowner: IT Security team\nversion: 1.2.0\nlast_reviewed: 2026-10-01\nreview_every: 12 months"
    assert all(frontmatter._SIMPLE_LINE.fullmatch(line) for line in raw.split("\n"))
    assert frontmatter._load_yaml(raw) == yaml.safe_load(raw)

"""Front matter is read as libyaml reads YAML; what it cannot read is an ``InvalidYaml`` with a line, never a crash."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from aupkit.model import frontmatter
from aupkit.yamltext import alias_line

KEYS = st.sampled_from(["title", "owner", "version", "last_reviewed", "review_every", "summary", "yes", "No", "a_b"])
VALUES = st.text(
    alphabet=st.sampled_from(list("aZ09 .-_/+=()?!#:'\"&*|>%@`[]{},é’ñ\u00a0\t\ufeff~")),
    max_size=12,
) | st.sampled_from(
    ["2026-10-01", "2026-02-30", "12 months", "6 meses", "1.0.0", "1.0", "10", "007", "0", "yes", "Off", "NULL",
     "null", "~", "0x1F", "1e3", ".inf", "12:30", "<<", "Yes please", "IT team", "Ñandú", "2026-10-01 10:00"]
)  # fmt: skip


def _read(loader: type, raw: str) -> tuple:
    try:
        return ("ok", yaml.load(raw, Loader=loader))
    except (yaml.YAMLError, ValueError):  # ValueError: a date that does not exist, such as 2026-02-30
        return ("error",)


def _typed(value: object) -> str:
    """A value with its type spelt out: 1 and True, or 1 and 1.0, are equal but not the same reading."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_typed(k)}: {_typed(v)}" for k, v in value.items()) + "}"
    return f"{type(value).__name__}:{value!r}"


def _assert_read_as_safe_load(raw: str) -> None:
    """As libyaml's safe loader reads it (PyYAML's pure-Python one where libyaml fails), except that anchors
    and aliases are refused (they can expand without bound)."""
    expected = _read(yaml.CSafeLoader, raw)
    if expected[0] == "error":
        expected = _read(yaml.SafeLoader, raw)
    if alias_line(raw) is not None:
        with pytest.raises(frontmatter.InvalidYaml, match="anchors and aliases"):
            frontmatter._load_yaml(raw)
    elif expected[0] == "ok":
        assert _typed(frontmatter._load_yaml(raw)) == _typed(expected[1])
    else:
        with pytest.raises(frontmatter.InvalidYaml):
            frontmatter._load_yaml(raw)


@given(st.lists(st.tuples(KEYS, st.sampled_from(["", " ", "  "]), VALUES), min_size=1, max_size=5))
@settings(max_examples=600, deadline=None)
def test_front_matter_reads_as_safe_load(lines: list[tuple[str, str, str]]) -> None:
    raw = "\n".join(f"{key}:{space}{value}" for key, space, value in lines)
    _assert_read_as_safe_load(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "title: Email\nowner: IT Security team\nversion: 1.2.0\nlast_reviewed: 2026-10-01\nreview_every: 12 months",
        "title: Correo\nlanguage: es\nreview_every: 6 meses\nsteps: 3\n\nsummary: Qué hacer con el correo.  ",
        "title: yes", "on: 1", "version: 1.0", "count: 007", "when: 2026-10-01 10:00", "", "\n\n",
    ],
)  # fmt: skip
def test_typical_and_tricky_front_matter_reads_as_safe_load(raw: str) -> None:
    _assert_read_as_safe_load(raw)


def test_a_date_that_does_not_exist_is_a_diagnostic_on_its_line(tmp_path) -> None:
    text = "---\ntitle: T\nowner: IT\nlast_reviewed: 2026-02-30\nsummary: S.\n---\n\n# T\n"
    front, _, problems = frontmatter.parse_front_matter(text, tmp_path / "a.md")
    assert front is None
    [problem] = problems
    assert (problem.line, problem.code, problem.fatal) == (4, "front-matter-yaml", True)
    assert "2026-02-30 is not a date that exists" in problem.message and "YYYY-MM-DD" in problem.fix


def test_deeply_nested_front_matter_is_a_diagnostic_not_a_crash(tmp_path) -> None:
    text = "---\ntitle: T\nx: " + "[" * 3000 + "]" * 3000 + "\n---\n\n# T\n"
    front, _, problems = frontmatter.parse_front_matter(text, tmp_path / "a.md")
    assert front is None
    [problem] = problems
    assert problem.code == "front-matter-yaml" and problem.fatal and "nested too deeply" in problem.message

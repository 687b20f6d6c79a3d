"""``[tool.aup]``: typed, validated up front, every problem reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from aupkit.config import Config, config_from_table, load_config
from aupkit.errors import ConfigError


def test_defaults_apply_without_a_project(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.root == tmp_path.resolve()
    assert config.manual_path == tmp_path.resolve() / "manual"
    assert config.organisation.name == "Example Company"


def test_values_are_read_from_pyproject_found_upwards(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.aup]\ntitle = "T"\n[tool.aup.organisation]\nname = "Org"\n')
    nested = tmp_path / "manual" / "deep"
    nested.mkdir(parents=True)
    config = load_config(nested)
    assert (config.root, config.title, config.organisation.name) == (tmp_path.resolve(), "T", "Org")
    assert config.placeholders()["org.name"] == "Org"
    assert config.placeholders()["manual.title"] == "T"


def test_every_problem_is_reported_at_once_with_its_key() -> None:
    table = {"titel": "x", "language": "fr", "organisation": {"name": 3, "fax": "1"}}
    with pytest.raises(ConfigError) as raised:
        config_from_table(table, root=Path("."))
    text = str(raised.value)
    assert "4 problem(s)" in text
    assert "tool.aup.titel: unknown key" in text
    assert "tool.aup.language: 'fr' is not allowed" in text
    assert "tool.aup.organisation.name: expected text" in text
    assert "tool.aup.organisation.fax: unknown key" in text


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.aup\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml: not valid TOML"):
        load_config(tmp_path)


def test_config_is_frozen() -> None:
    with pytest.raises(AttributeError):
        Config().title = "x"  # type: ignore[misc]

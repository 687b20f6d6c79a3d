"""combine_manuals: a manual read in parts is the manual read in one go."""

from __future__ import annotations

from aupkit.config import load_config
from aupkit.model import combine_manuals, load_manual, markdown_files
from conftest import page


def test_parts_combine_into_the_whole_manual_with_duplicates_found_across_parts(project):
    root = project(
        {
            "a.md": page("A", [("a-one", "One"), ("shared-id", "Two")]),
            "b.md": page("B", [("b-one", "One")]),
            "c.md": page("C", [("shared-id", "Again")]),
            "glossary.md": page("Glossary", body="- **MFA**: Multi-factor authentication.\n"),
        }
    )
    config = load_config(root)
    whole = load_manual(config)
    files = markdown_files([config.manual_path])
    parts = [load_manual(config, files[:2]), load_manual(config, files[2:])]
    assert not any(d.code == "rule-id-duplicate" for part in parts for d in part.diagnostics)
    combined = combine_manuals(parts)
    assert combined == whole
    duplicates = [d for d in combined.diagnostics if d.code == "rule-id-duplicate"]
    assert len(duplicates) == 1 and duplicates[0].path.name == "c.md" and duplicates[0].fatal
    assert [entry.term for entry in combined.glossary] == ["MFA"]

"""combine_manuals: a manual read in parts is the manual read in one go."""

from __future__ import annotations

from pathlib import Path

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


def test_markdown_files_walks_folders_in_path_order_and_skips_linked_folders(tmp_path):
    manual = tmp_path / "manual"
    (manual / "b" / "deep").mkdir(parents=True)
    (manual / "a").mkdir()
    for name in ("z.md", "b/deep/x.markdown", "b/y.MD", "a/w.md", "a/notes.txt", "b/deep/v.md"):
        (manual / name).write_text("# Page\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "linked.md").write_text("# Linked\n", encoding="utf-8")
    (manual / "link").symlink_to(outside, target_is_directory=True)  # a linked folder is not walked
    (manual / "alias.md").symlink_to(outside / "linked.md")  # a linked file is a file
    (manual / "broken.md").symlink_to(tmp_path / "missing.md")  # a dangling link is not
    (manual / "folder.md").mkdir()  # a folder named like a page is walked, not read
    (manual / "folder.md" / "inner.md").write_text("# Inner\n", encoding="utf-8")
    found = [path.relative_to(manual).as_posix() for path in markdown_files([manual])]
    assert found == ["a/w.md", "alias.md", "b/deep/v.md", "b/deep/x.markdown", "b/y.MD", "folder.md/inner.md", "z.md"]
    # A file named directly comes first, and is not listed twice.
    assert markdown_files([manual / "z.md", manual])[:2] == [manual / "z.md", manual / "a" / "w.md"]
    assert len(markdown_files([manual / "z.md", manual])) == len(found)


def test_markdown_files_lists_a_file_once_however_it_is_named(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert markdown_files([Path("a.md"), Path("."), Path("./a.md")]) == [Path("a.md")]


def test_markdown_names_are_the_strings_of_markdown_files(tmp_path, monkeypatch):
    from aupkit.model import markdown_names

    (tmp_path / "manual" / "sub").mkdir(parents=True)
    for name in ("a.md", "sub/b.md"):
        (tmp_path / "manual" / name).write_text("# Page\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "manual")
    for paths in ([Path(".")], [Path("sub")], [tmp_path / "manual"], [Path("../manual/")], [Path("./a.md"), Path(".")]):
        assert markdown_names(paths) == [str(path) for path in markdown_files(paths)]  # names as a Path writes them
    assert markdown_names([Path(".")]) == ["a.md", "sub/b.md"]
    assert markdown_names([Path("../manual")]) == ["../manual/a.md", "../manual/sub/b.md"]

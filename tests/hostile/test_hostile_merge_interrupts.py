"""A merge killed at any rename, or stopped by a full disk, leaves the manual and the store whole.

The merge runs in a child process that dies with ``os._exit`` at the chosen rename, as ``kill -9``
would. The next merge says what it repaired and ends exactly where an uninterrupted merge ends.
"""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aupkit import files
from test_feedback_merge import decided, snapshot  # noqa: F401 (a fixture)

CHILD = textwrap.dedent(
    """
    import atexit, os, sys
    from aupkit import files

    at, calls, real = int(sys.argv[1]), [0], files._replace

    def replace(source, target):
        calls[0] += 1
        if calls[0] == at:
            os._exit(9)
        real(source, target)

    files._replace = replace
    atexit.register(lambda: print(f"renames={calls[0]}", file=sys.stderr))
    sys.argv = ["aup", "feedback", "merge", "--apply"]
    from aupkit.cli.main import main
    main()
    """
)


def _child(root: Path, at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CHILD, str(at)], cwd=root, capture_output=True, text=True, timeout=300)


def _leftovers(root: Path) -> list[str]:
    return [str(p) for p in root.rglob("*.tmp") if ".aup-cache" not in p.relative_to(root).parts]


@pytest.fixture
def reference(decided: Path, tmp_path: Path) -> tuple[dict[str, bytes], int]:  # noqa: F811
    """What an uninterrupted merge leaves, and how many renames it makes."""
    copy = tmp_path / "reference"
    shutil.copytree(decided, copy)
    done = _child(copy, 0)
    assert done.returncode == 0, done.stderr
    renames = int(done.stderr.rsplit("renames=", 1)[1])
    assert renames >= 4, "the journal twice, then at least a page, the changelog and the store"
    return snapshot(copy), renames


def test_a_merge_killed_at_any_rename_is_finished_or_rolled_back_by_the_next(
    decided: Path,  # noqa: F811
    reference: tuple[dict[str, bytes], int],
    tmp_path: Path,
    run,
) -> None:
    expected, renames = reference
    for at in range(1, renames + 1):
        root = tmp_path / f"killed-at-{at}"
        shutil.copytree(decided, root)
        assert _child(root, at).returncode == 9
        again = run(["feedback", "merge", "--apply"], cwd=root)
        assert again.exit_code == 0, (at, again.output)
        if at >= 2:  # the journal existed when the run died
            assert "repaired:" in again.output, at
        assert snapshot(root) == expected, f"killed at rename {at}: not where an uninterrupted merge ends"
        assert _leftovers(root) == [], at
        assert "nothing to merge" in run(["feedback", "merge", "--apply"], cwd=root).output


def test_a_full_disk_stops_a_merge_with_a_message_and_changes_nothing(
    decided: Path,  # noqa: F811
    run,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = snapshot(decided)
    real, calls = files._stage, [0]

    def stage(temporary: Path, path: Path, content: bytes) -> None:
        calls[0] += 1
        if calls[0] == 3:  # the journal, one file, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device", str(temporary))
        real(temporary, path, content)

    monkeypatch.setattr(files, "_stage", stage)
    result = run(["feedback", "merge", "--apply"], cwd=decided)
    assert result.exit_code == 3, result.output
    assert "No space left on device" in result.output and "nothing was changed" in result.output
    assert "Traceback" not in result.output
    assert snapshot(decided) == before
    assert _leftovers(decided) == []


def test_a_read_only_manual_folder_stops_a_merge_with_a_message(decided: Path, run) -> None:  # noqa: F811
    import os

    if os.geteuid() == 0:
        pytest.skip("root writes to read-only folders; run as a user to check this")
    manual = decided / "manual"
    before = snapshot(decided)
    manual.chmod(0o555)
    try:
        result = run(["feedback", "merge", "--apply"], cwd=decided)
    finally:
        manual.chmod(0o755)
    assert result.exit_code == 3 and "cannot be written" in result.output and "Traceback" not in result.output
    assert snapshot(decided) == before


def test_a_control_character_in_a_stored_answer_exports_to_xlsx(decided: Path, run) -> None:  # noqa: F811
    import openpyxl

    store = next((decided / "feedback").glob("*.yaml"))
    text = store.read_text(encoding="utf-8")
    text = text.replace("answer: No. Use the Report button instead.", 'answer: "No. Use\\fthe Report button instead."')
    assert "\\f" in text
    store.write_text(text, encoding="utf-8")
    result = run(["feedback", "export", "--xlsx", "-o", "review.xlsx"], cwd=decided)
    assert result.exit_code == 0, result.output
    cells = [c.value for row in openpyxl.load_workbook(decided / "review.xlsx").active.iter_rows() for c in row]
    assert any(isinstance(v, str) and "Use\ufffdthe Report button" in v for v in cells)

"""What Windows and macOS bring that Linux does not, simulated here: CRLF pages, a cp1252 console,
a site folder that another program holds open, no ``os.sched_getaffinity``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aupkit.config import load_config
from aupkit.errors import AupError
from aupkit.model import load_manual
from aupkit.site import build as site_build
from conftest import page


def test_a_page_saved_with_crlf_reads_as_the_same_manual(project) -> None:
    text = page("Devices", [("devices-usb", "Use only company USB sticks"), ("devices-lock", "Lock your screen")])
    lf_root = project({"devices.md": text})
    lf = load_manual(load_config(lf_root))
    (lf_root / "manual" / "devices.md").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    crlf = load_manual(load_config(lf_root))
    assert crlf.diagnostics == lf.diagnostics == ()
    assert [(r.id, r.span, r.key_message) for r in crlf.rules] == [(r.id, r.span, r.key_message) for r in lf.rules]
    assert not any("\r" in rule.key_message.markdown for rule in crlf.rules if rule.key_message)


def test_a_cp1252_console_shows_what_it_cannot_encode_as_a_question_mark(project) -> None:
    root = project({"✓ devices.md": "---\ntitle: Devices\n---\n\n# Devices ✓\n"})
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run(
        [sys.executable, "-m", "aupkit", "check"], cwd=root, env=env, capture_output=True, timeout=120
    )
    output = (done.stdout + done.stderr).decode("cp1252")
    assert "Traceback" not in output, output
    assert done.returncode == 1, output
    assert "? devices.md:" in output, "the path is shown, with '?' for the tick cp1252 lacks"


class _Held:
    """``os.replace`` as Windows does it while another program holds a file in the folder open."""

    def __init__(self, refuse: int, source_name: str | None = None) -> None:
        self.refuse, self.source_name, self.calls = refuse, source_name, 0

    def __call__(self, source: Path, target: Path) -> None:
        if (self.source_name is None or source.name == self.source_name) and self.refuse > 0:
            self.refuse -= 1
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        os.replace(source, target)


def _sites(tmp_path: Path) -> tuple[Path, Path, Path]:
    site, work = tmp_path / "site", tmp_path / "work"
    (site).mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    (work / "site").mkdir(parents=True)
    (work / "site" / "index.html").write_text("new", encoding="utf-8")
    return work / "site", site, work


@pytest.fixture
def no_exchange(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no call that swaps two folders in one step."""
    monkeypatch.setattr(site_build, "exchange", lambda first, second: False)


def test_a_site_held_open_for_a_moment_is_replaced_once_it_is_free(tmp_path: Path, no_exchange) -> None:
    new, site, work = _sites(tmp_path)
    site_build._swap(new, site, work, replace=_Held(refuse=3), attempts=5, pause=0)
    assert (site / "index.html").read_text() == "new"


def test_a_site_held_open_for_good_stops_with_the_fix_and_keeps_the_last_good_site(tmp_path: Path, no_exchange):
    new, site, work = _sites(tmp_path)
    with pytest.raises(AupError) as raised:
        site_build._swap(new, site, work, replace=_Held(refuse=99, source_name="site"), attempts=3, pause=0)
    assert "is in use by another program" in raised.value.message
    assert "close what has a file of the site open" in raised.value.details[0]
    assert (site / "index.html").read_text() == "old", "the last good site is back in place"


def test_where_the_system_swaps_folders_in_one_step_the_site_is_exchanged(tmp_path: Path) -> None:
    new, site, _ = _sites(tmp_path)
    if not site_build.exchange(new, site):
        pytest.skip("this system has no atomic exchange of two folders (renameat2 or renamex_np)")
    assert (site / "index.html").read_text() == "new" and (new / "index.html").read_text() == "old"

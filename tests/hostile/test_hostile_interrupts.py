"""A build killed at any rename leaves the old site or the new one, and the next build says what it repaired.

Each run happens in a child process that dies with ``os._exit`` at the chosen step, as a ``kill -9``
would: no ``finally`` block runs, nothing is cleaned up.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, page

CHILD = textwrap.dedent(
    """
    import functools, os, sys
    from pathlib import Path
    from aupkit.config import load_config
    from aupkit.site import build

    root, mode, at = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    calls = [0]

    def step():
        calls[0] += 1
        if calls[0] == at:
            os._exit(9)

    if mode == "fallback":  # Windows: no atomic exchange, two renames
        build.exchange = lambda first, second: False

        def replace(source, target):
            step()
            os.replace(source, target)
            step()

        build._swap = functools.partial(build._swap, replace=replace)
    else:
        real = build.exchange

        def exchange(first, second):
            step()
            done = real(first, second)
            step()
            return done

        build.exchange = exchange
    build.build_site(load_config(root))
    """
)


@pytest.fixture
def built(project) -> Path:
    root = project({"index.md": page("Home"), "devices.md": page("Devices", [("devices-usb", "Use USB sticks")])})
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    _child(root, "none", 0)
    (root / "manual" / "devices.md").write_text(page("Devices", [("devices-usb", "Use the new USB sticks")]))
    return root


def _child(root: Path, mode: str, at: int) -> int:
    done = subprocess.run([sys.executable, "-c", CHILD, str(root), mode, str(at)], capture_output=True, timeout=300)
    return done.returncode


def _version(root: Path) -> str:
    html = (root / "site" / "devices" / "index.html").read_text(encoding="utf-8")
    return "new" if "Use the new USB sticks" in html else "old"


@pytest.mark.parametrize("at", [1, 2])
def test_a_build_killed_around_the_exchange_leaves_old_or_new_and_never_no_site(built: Path, at: int) -> None:
    assert _child(built, "exchange", at) == 9
    assert _version(built) == ("old" if at == 1 else "new")


@pytest.mark.parametrize("at", [1, 2, 3, 4])
def test_a_build_killed_between_renames_is_repaired_by_the_next_build(built: Path, run, at: int) -> None:
    assert _child(built, "fallback", at) == 9
    leftovers = list(built.glob(".site-build-*"))
    assert leftovers, "the killed build left its working folder"
    if at in (2, 3):  # the old site moved out, the new one not yet in
        assert not (built / "site").exists()
    result = run(["build", "--no-deck"], cwd=built)
    assert result.exit_code == 0, result.output
    assert "repaired:" in result.output and "left by an interrupted build" in result.output
    if at in (2, 3):
        assert "put back the last good site" in result.output
    assert not list(built.glob(".site-build-*"))
    assert _version(built) == "new"

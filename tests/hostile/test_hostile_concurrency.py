"""Two aup runs on one project at the same time: one waits for the other, nothing is lost."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from aupkit.config import load_config
from aupkit.errors import ProjectBusyError
from aupkit.feedback.store import load_store
from aupkit.files import project_lock
from feedback_samples import english_project


def _notes(root: Path, name: str, count: int) -> Path:
    path = root / f"{name}.csv"
    rows = [f"2026-11-20,byod-usb,question,Question {count * 100 + n} from {name}?" for n in range(count)]
    path.write_text("date,rule,kind,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("attempt", range(8))
def test_two_imports_into_one_session_at_once_keep_every_item(tmp_path: Path, attempt: int) -> None:
    root = english_project(tmp_path / "p")
    first, second = _notes(root, "first", 5), _notes(root, "second", 7)
    command = [sys.executable, "-m", "aupkit", "feedback", "import", "--session", "room-a"]
    runs = [subprocess.Popen([*command, str(path)], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for path in (first, second)]  # fmt: skip
    outputs = [run.communicate(timeout=120)[0].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    texts = {item.text for item in load_store(load_config(root)).items}
    assert len(texts) == 12, f"items were lost: {sorted(texts)}"


def test_a_second_run_that_waits_too_long_is_told_who_holds_the_project(tmp_path: Path) -> None:
    root = english_project(tmp_path / "p")
    config = load_config(root)
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with project_lock(config, "feedback import"):
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(30)
        with pytest.raises(ProjectBusyError) as raised, project_lock(config, "feedback merge", wait=0.2):
            pass
        assert "'aup feedback import' (process" in raised.value.message
        assert "wait for it to finish" in raised.value.details[0]
    finally:
        release.set()
        holder.join()
    with project_lock(config, "feedback merge", wait=1):  # free again once the first run ends
        pass

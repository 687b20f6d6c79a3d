"""``aup serve``: the engine's live preview of the generated tree, which aupkit remakes whenever the manual changes.

The engine serves the tree in ``.aup-cache/serve/`` and reloads the browser
when a file there changes. aupkit watches the manual folder, ``mkdocs.yml`` and
``pyproject.toml``; on a change it makes the tree again, writes only the files
whose bytes changed (``engines.stage``, so the engine rebuilds what it must),
then prints the manual's errors. Every engine that serves gets the same pages.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..config import Config, load_config
from ..errors import AupError, SiteBuildError
from ..lint.formats import format_finding
from ..model import load_manual
from .engines import ENGINE_ENVIRONMENT, Engine, read_engine_config, stage
from .findings import blocking_findings
from .source import site_source

POLL_SECONDS = 0.1  # how often the manual folder is looked at (about 1 ms for 100 pages)


def _stamp(config: Config) -> tuple[tuple[str, int, int], ...]:
    files = [config.root / "pyproject.toml", config.root / "mkdocs.yml", *config.manual_path.rglob("*")]
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file()))


def prepare(config: Config, folder: Path, say: Callable[[str], None]) -> Path:
    """Bring the tree in ``folder`` up to date (changed files only), then report the manual's errors."""
    manual = load_manual(config)
    source = site_source(manual, config, today=dt.date.today())
    config_file = stage(source, read_engine_config(config.root / "mkdocs.yml"), config.root, folder, offline=False)
    for finding in blocking_findings(config, dt.date.today(), manual):  # after the pages: the preview comes first
        say(f"aup: {format_finding(finding)}")
    return config_file


def _stop(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt


def serve(config: Config, engine: Engine, dev_addr: str, say: Callable[[str], None], *, open_browser: bool = False) -> None:
    """Serve until Ctrl+C (or until the engine stops)."""
    folder = config.root / config.lint.cache_dir / "serve"
    config_file = prepare(config, folder, say)
    command = engine.serve_command(config_file, dev_addr) + (["--open"] if open_browser else [])
    process = subprocess.Popen(command, cwd=folder, env={**os.environ, **ENGINE_ENVIRONMENT})  # noqa: S603
    stamp = _stamp(config)
    # Stopped by a service manager or a test (SIGTERM), aup stops its engine too instead of leaving it serving.
    previous = signal.signal(signal.SIGTERM, _stop) if threading.current_thread() is threading.main_thread() else None
    try:
        while process.poll() is None:
            time.sleep(POLL_SECONDS)
            now = _stamp(config)
            if now == stamp:
                continue
            stamp = now
            try:
                config = load_config(config.root)
                prepare(config, folder, say)
            except AupError as error:
                say(f"aup: {error}")  # keep serving the last good pages; the next save tries again
    except KeyboardInterrupt:
        pass
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
    if process.returncode not in (0, None, -2, -15, 130):
        raise SiteBuildError(f"the preview stopped: {engine.name} exited with {process.returncode}")

"""Shared fixtures: a throwaway manual project, the CLI, and a guard that blocks the network."""

from __future__ import annotations

import ipaddress
import socket
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from aupkit.cli.main import cli

REPO = Path(__file__).resolve().parent.parent
MANUAL = REPO / "manual"

PYPROJECT = """\
[tool.aup]
title = "Test manual"

[tool.aup.organisation]
name = "Test Org"
helpdesk_email = "help@test.example"
feedback_url = "https://forms.test.example/f"
site_url = "https://manual.test.example/"
"""

FRONT = """\
---
title: {title}
owner: IT team
version: 1.0.0
last_reviewed: 2026-10-01
review_every: 12 months
summary: A page for tests.
---
"""

RULE = """\
## {title} {{#{id}}}

{key}

**Do**

- Do the first thing.
- Do the second thing.

**Don't**

- Don't do the bad thing.

**Why it matters**

It keeps everyone safe.
"""


def page(title: str = "Topic", rules: list[tuple[str, str]] | None = None, body: str = "") -> str:
    """A valid page: front matter, an H1 and the given (id, title) rules."""
    parts = [FRONT.format(title=title), f"# {title}\n", body]
    for rule_id, rule_title in rules or []:
        parts.append(RULE.format(title=rule_title, id=rule_id, key=f"Always {rule_title.lower()}."))
    return "\n".join(parts)


def append_text(path: Path, text: str) -> None:
    """Add ``text`` at the end of a UTF-8 file, as a person adds a setting or an entry."""
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """Write a project (pyproject.toml + manual/ files) and return its root."""

    def make(files: dict[str, str | bytes], pyproject: str = PYPROJECT) -> Path:
        (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
        (tmp_path / "manual").mkdir(exist_ok=True)
        for relative, content in files.items():
            path = tmp_path / "manual" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")
        return tmp_path

    return make


def user_files(root: Path) -> dict[str, bytes]:
    """Every file a user has under ``root``, by relative path (aup's scratch folder .aup-cache/ aside)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".aup-cache" not in p.relative_to(root).parts
    }


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``aup ARGS`` in a folder through click's runner; the exit code is ``result.exit_code``."""

    def invoke(args: list[str], cwd: Path | None = None, input: str | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)

    return invoke


def _is_loopback(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return isinstance(address, str | bytes)  # Unix sockets stay on this machine


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to a non-loopback address fails the test that made it."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded(method):
        def connect(self: socket.socket, address: object):
            if not _is_loopback(address):
                raise AssertionError(f"network access attempted: {address!r}")
            return method(self, address)

        return connect

    monkeypatch.setattr(socket.socket, "connect", guarded(real_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(real_connect_ex))
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo(socket.getaddrinfo))


def _guarded_getaddrinfo(real):
    def getaddrinfo(host, *args, **kwargs):
        if host not in (None, "localhost", "127.0.0.1", "::1", b"localhost") and not str(host).startswith("127."):
            raise AssertionError(f"name lookup attempted: {host!r}")
        return real(host, *args, **kwargs)

    return getaddrinfo

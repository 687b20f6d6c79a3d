"""Nothing at run time touches the network: every test runs behind a guard that fails on a non-loopback socket."""

from __future__ import annotations

import socket

import pytest

from conftest import REPO


def test_the_guard_refuses_a_connection_to_another_host() -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(AssertionError, match="network access"),
    ):
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed, and refused before any packet leaves


def test_the_guard_refuses_name_lookups() -> None:
    with pytest.raises(AssertionError, match="name lookup"):
        socket.getaddrinfo("example.org", 443)


def test_checking_the_manual_needs_no_network(run) -> None:
    assert run(["check"], cwd=REPO).exit_code == 0

"""Shared pytest fixtures."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

_FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def sample_documents(tmp_path_factory) -> dict[str, Path]:
    """examples/sample-2021.yaml rendered as .txt, .md, .html, .docx and .pdf
    ({kind: path}); see tests/fixtures/make_documents.py."""
    sys.path.insert(0, str(_FIXTURES))
    try:
        import make_documents
    finally:
        sys.path.remove(str(_FIXTURES))
    return make_documents.render_all(make_documents.DEFAULT_YAML, tmp_path_factory.mktemp("documents"))


# ---------------------------------------------------------------- no network in the test process

class NetworkAccessBlocked(RuntimeError):
    """Raised by the guard below on any network use from the test process."""


_NETWORK_FAMILIES = frozenset({socket.AF_INET, socket.AF_INET6})


@pytest.fixture(autouse=True)
def no_network(monkeypatch) -> list[str]:
    """Fail any test whose own process touches the network: connecting or sending on an
    IPv4/IPv6 socket, or a DNS lookup. The linter must never do either, and an attempt
    is recorded even when the engine catches the exception (as I007), so the test still
    fails. Local sockets stay usable (AF_UNIX: multiprocessing pipes), and subprocesses
    (pip, pre-commit in test_packaging/test_precommit/test_plugins) are not affected:
    the guard is Python-level and lives in this process only. Yields the list of
    attempts, for a test that provokes one on purpose (it must empty it)."""
    attempts: list[str] = []

    def blocked(what: str):
        attempts.append(what)
        raise NetworkAccessBlocked(f"network access from a test: {what}")

    def guard_method(name: str):
        real = getattr(socket.socket, name)

        def method(self, *args, **kwargs):
            if self.family in _NETWORK_FAMILIES:
                blocked(f"socket.{name}{args!r}")
            return real(self, *args, **kwargs)
        monkeypatch.setattr(socket.socket, name, method)

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        guard_method(name)
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection"):
        monkeypatch.setattr(socket, name, lambda *args, _name=name, **kwargs: blocked(f"socket.{_name}{args!r}"))
    yield attempts
    if attempts:
        pytest.fail(f"the test process used the network: {attempts}")

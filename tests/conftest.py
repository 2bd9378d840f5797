"""Fixtures shared by the test modules that need a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture(scope="module")
def _server() -> Iterator[HTTPServer]:
    """One threaded server per module (stopping one costs 0.5 s); threaded, so concurrency tests
    see requests in flight at once."""
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture()
def server(_server: HTTPServer) -> Iterator[HTTPServer]:
    """The module's server, cleared of expectations and logs before and after each test."""
    _server.clear()
    yield _server
    _server.clear()

"""Shared helpers for the sources-stage tests: a raw socket server, PDFs, options.

The raw server exists for the cases pytest-httpserver cannot produce (a server that waits
before the first byte, drips a body, or closes mid-body): real sockets on 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.config import Options


def opts(tmp_path: Path, **kw: Any) -> Options:
    """Fast, private-host-friendly options with a cache under tmp_path."""
    base: dict[str, Any] = {
        "cache_dir": str(tmp_path / "cache"),
        "allow_private_hosts": True,
        "timeout": 2.0,
        "retries": 2,
    }
    base.update(kw)
    return Options(**base)


class RawServer:
    """A threaded TCP server on 127.0.0.1 whose handler gets the raw socket and request bytes."""

    def __init__(self, handler: Callable[[socket.socket, bytes], None]) -> None:
        outer = self
        self.requests: list[bytes] = []
        self._lock = threading.Lock()

        class _H(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                sock: socket.socket = self.request
                sock.settimeout(5)
                data = b""
                try:
                    while b"\r\n\r\n" not in data:
                        chunk = sock.recv(4096)
                        if not chunk:
                            return
                        data += chunk
                except OSError:
                    return
                with outer._lock:
                    outer.requests.append(data)
                with contextlib.suppress(OSError):
                    handler(sock, data)

        class _S(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True
            block_on_close = False

        self.server = _S(("127.0.0.1", 0), _H)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> RawServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def make_pdf(path: Path, pages: list[list[str]], *, title: str | None = None,
             encrypt: str | None = None) -> Path:
    """A real PDF with one text line per item, one list per page (reportlab)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    if title:
        c.setTitle(title)
    for lines in pages:
        y = 800
        for line in lines:
            c.drawString(72, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path

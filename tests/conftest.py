"""Shared pytest fixtures."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

# The real publisher files live beside the repository (never copied into it).
SHARED_LISTS = Path(__file__).resolve().parents[1].parent / "shared" / "lists"


@pytest.fixture(scope="session")
def shared_lists() -> Path:
    """The folder of real list files (``../shared/lists``); skips the test when absent."""
    if not SHARED_LISTS.is_dir():
        pytest.skip(f"../shared/lists not found: {SHARED_LISTS} does not exist, "
                    "so tests on the real publisher files cannot run")
    return SHARED_LISTS


# ---------------------------------------------------------------------------------------
# A local HTTP server (127.0.0.1, ephemeral port) with scripted misbehaviour, for list
# downloads; no test contacts a real publisher. ``http.Route`` builds a route.


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_length: int | None = -1  # -1: the true length; None: no header (close ends the body)
    send: int | None = None  # send only this many body bytes, then close the connection
    chunked: bool = False  # Transfer-Encoding: chunked (with `send`: cut inside a chunk)
    stall_before: bool = False  # send nothing until the test ends
    stall_after: int | None = None  # send this many body bytes, then nothing until the test ends


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def do_GET(self) -> None:
        server: LocalServer = self.server  # type: ignore[assignment]
        server.requests.append(self.path)
        route = server.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        if route.stall_before:
            server.release.wait(10)
            self.close_connection = True
            return
        self.send_response(route.status)
        body = route.body
        if route.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif route.content_length is not None:
            self.send_header("Content-Length", str(len(body) if route.content_length == -1
                                                   else route.content_length))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if route.stall_after is not None:
            self.wfile.write(body[:route.stall_after])
            self.wfile.flush()
            server.release.wait(10)
            return
        if route.send is not None:
            body = body[:route.send]
        if route.chunked:
            size = len(route.body) if route.send is not None else len(body)
            self.wfile.write(f"{size:x}\r\n".encode() + body)  # announces more than it sends
            if route.send is None:
                self.wfile.write(b"\r\n0\r\n\r\n")
        else:
            self.wfile.write(body)


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    Route = Route  # so tests build routes without importing this module

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.release = threading.Event()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


@pytest.fixture(scope="module")
def server():
    """A local HTTP server for the test module; set ``server.routes[path] = server.Route(body, ...)``."""
    srv = LocalServer()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield srv
    srv.release.set()
    srv.shutdown()
    srv.server_close()


@pytest.fixture()
def http(server: LocalServer):
    """The server with no routes; stalled handlers are released when the test ends."""
    server.routes.clear()
    server.requests.clear()
    server.release = threading.Event()
    yield server
    server.release.set()


# ---------------------------------------------------------------------------------------
# The real SDN list at the end of 2021 and in December 2023, loaded and indexed once per
# session (a few seconds): delta screening and the command line's --since compare with it.


@pytest.fixture(scope="session")
def sdn_versions(shared_lists: Path):
    """``(old, new, diff)``: OFAC SDN 2021 -> 2023-12 and their diff."""
    from screening.sources import load_list
    from screening.sources.diff import diff_lists

    folders = [shared_lists / "ofac_sdn_2021", shared_lists / "ofac_sdn_2023-12"]
    missing = [str(f) for f in folders if not (f / "sdn.csv").is_file()]
    if missing:
        pytest.skip(f"SDN publications not found: {', '.join(missing)}")
    old, new = (load_list("ofac-sdn", f) for f in folders)
    return old, new, diff_lists(old, new)


@pytest.fixture(scope="session")
def sdn_2023_screener(sdn_versions):
    """A Screener on the December 2023 SDN list (as ``screening screen --list ofac-sdn=PATH`` builds it)."""
    from screening import Screener

    return Screener([sdn_versions[1]])

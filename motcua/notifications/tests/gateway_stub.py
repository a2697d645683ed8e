"""A real HTTP SMS gateway stub on loopback for the tests (and the benchmark).

Behaviour per recipient is scripted: each request pops the next action of `plans[to]`
(default "ok"). Actions: "ok", "slow" (answers after `slow_s`), "500", "400", "timeout" (hangs past
the client's timeout, then processes the message anyway, as real gateways do), "drop" (hangs, then
forgets it). Like a well-behaved gateway it honours the Idempotency-Key header: a key it has
already processed is answered with the same id and not sent again. `sends[key]` counts real sends.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs


class GatewayStub:
    def __init__(self, *, hang_s: float = 1.0, slow_s: float = 0.2, secret: str = "") -> None:
        self.plans: dict[str, list[str]] = defaultdict(list)
        self.sends: Counter[str] = Counter()
        self.requests: Counter[str] = Counter()
        self.ids: dict[str, str] = {}
        self.bodies: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.hang_s = hang_s
        self.slow_s = slow_s
        self._next_id = itertools.count(1)
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                stub._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=2)

    @property
    def total_sends(self) -> int:
        return sum(self.sends.values())

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        raw = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
        if "json" in (handler.headers.get("Content-Type") or ""):
            body = json.loads(raw or b"{}")
        else:
            body = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
        key = handler.headers.get("Idempotency-Key") or body.get("ref", "")
        to = str(body.get("to", ""))
        with self._lock:
            self.bodies.append(body)
            self.headers.append(dict(handler.headers.items()))
            self.requests[key] += 1
            action = self.plans[to].pop(0) if self.plans.get(to) else "ok"
        if action == "500":
            return self._answer(handler, 500, {"error": "gateway overloaded"})
        if action == "400":
            return self._answer(handler, 400, {"error": "invalid destination"})
        if action in ("timeout", "drop"):
            time.sleep(self.hang_s)
            if action == "drop":
                return None
        if action == "slow":
            time.sleep(self.slow_s)
        with self._lock:
            if key not in self.ids:
                self.ids[key] = f"gw-{next(self._next_id)}"
                self.sends[key] += 1
            provider_id = self.ids[key]
        return self._answer(handler, 200, {"data": {"id": provider_id}})

    @staticmethod
    def _answer(handler: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its timeout); the message was still processed above

"""A tiny SMPP 3.4 SMSC for the tests, on loopback: bind_transceiver, submit_sm, enquire_link, unbind.

Built from sockets and smpplib's own PDU classes, so the transport is tested against the real wire
format. `submit_status` makes every submit_sm fail with that SMPP error status.
"""

from __future__ import annotations

import itertools
import socket
import struct
import threading
from dataclasses import dataclass, field
from typing import Any

import smpplib.client
import smpplib.consts
import smpplib.smpp


@dataclass
class Submitted:
    source_addr: str
    destination_addr: str
    data_coding: int
    esm_class: int
    short_message: bytes
    message_id: str


@dataclass
class Smsc:
    system_id: str = "motcua"
    password: str = "secret"
    submit_status: int = 0
    submitted: list[Submitted] = field(default_factory=list)
    binds: int = 0
    unbinds: int = 0

    def __post_init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._ids = itertools.count(1)
        self._seq = smpplib.client.SimpleSequenceGenerator()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()

    # --- the server --------------------------------------------------------------------------
    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    @staticmethod
    def _recv_exact(conn: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = conn.recv(size - len(data))
            if not chunk:
                raise ConnectionError("peer closed")
            data += chunk
        return data

    def _reply(self, conn: socket.socket, name: str, request: Any, status: int = 0, **params: Any) -> None:
        pdu = smpplib.smpp.make_pdu(
            name, client=self._seq, sequence=request.sequence, status=status, **params
        )
        conn.sendall(pdu.generate())

    def _session(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        with conn:
            try:
                while not self._stop.is_set():
                    header = self._recv_exact(conn, 4)
                    (length,) = struct.unpack(">L", header)
                    pdu = smpplib.smpp.parse_pdu(
                        header + self._recv_exact(conn, length - 4),
                        client=self._seq,
                        allow_unknown_opt_params=True,
                    )
                    if not self._handle(conn, pdu):
                        return
            except (ConnectionError, OSError):
                return

    def _handle(self, conn: socket.socket, pdu: Any) -> bool:
        if pdu.command == "bind_transceiver":
            ok = _text(pdu.system_id) == self.system_id and _text(pdu.password) == self.password
            status = 0 if ok else smpplib.consts.SMPP_ESME_RINVPASWD
            with self._lock:
                self.binds += ok
            self._reply(conn, "bind_transceiver_resp", pdu, status=status, system_id="smsc")
            return ok
        if pdu.command == "submit_sm":
            if self.submit_status:
                self._reply(conn, "submit_sm_resp", pdu, status=self.submit_status, message_id="")
                return True
            message_id = f"smsc-{next(self._ids)}"
            with self._lock:
                self.submitted.append(
                    Submitted(
                        source_addr=_text(pdu.source_addr),
                        destination_addr=_text(pdu.destination_addr),
                        data_coding=int(pdu.data_coding or 0),
                        esm_class=int(pdu.esm_class or 0),
                        short_message=pdu.short_message,
                        message_id=message_id,
                    )
                )
            self._reply(conn, "submit_sm_resp", pdu, message_id=message_id)
            return True
        if pdu.command == "enquire_link":
            self._reply(conn, "enquire_link_resp", pdu)
            return True
        if pdu.command == "unbind":
            with self._lock:
                self.unbinds += 1
            self._reply(conn, "unbind_resp", pdu)
            return False
        self._reply(conn, "generic_nack", pdu, status=smpplib.consts.SMPP_ESME_RINVCMDID)
        return True

    def texts(self) -> list[str]:
        """The submitted texts, reassembled from their parts (UDH stripped, UCS-2 decoded)."""
        messages: list[str] = []
        current = b""
        for part in self.submitted:
            body = part.short_message
            if part.esm_class & 0x40:  # UDHI: 05 00 03 ref total seq
                total, seq = body[4], body[5]
                current += body[6:]
                if seq < total:
                    continue
                body, current = current, b""
            messages.append(body.decode("utf-16-be") if part.data_coding == 8 else body.decode("latin-1"))
        return messages


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value or "")

"""Transports: how a message leaves the process. An ordered list per channel comes from settings.

Each transport's `send()` returns the provider's message id or raises `TemporaryFailure` (try the next
transport, then retry later) or `PermanentFailure` (never retried: an invalid number, a 4xx answer).

SMS: `console`, `file` (JSON lines in MOTCUA_VAR_DIR/outbox/sms.jsonl), `memory` (tests), `http` (a
generic HTTP gateway), `smpp` (SMPP 3.4 through smpplib). E-mail: `email` (Django's e-mail backend).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import smtplib
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from email.utils import make_msgid
from typing import Any, ClassVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from motcua.notifications.exceptions import PermanentFailure, TemporaryFailure, TransportError
from motcua.notifications.registry import render

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outgoing:
    """What a transport needs of a message: no ORM object crosses into network code."""

    message_id: int
    channel: str
    to: str
    body: str
    subject: str = ""
    html_body: str = ""
    idempotency_key: str = ""
    segments: int = 1
    attachments: tuple[tuple[str, bytes, str], ...] = ()  # (filename, content, content type), e-mail only


class TokenBucket:
    """In-process rate limit: `rate` messages per second with a burst of one second's worth."""

    def __init__(self, rate: float) -> None:
        self.rate = float(rate)
        self.capacity = max(1.0, self.rate)
        self.tokens = self.capacity
        self.updated = time.monotonic()
        self._lock = threading.Lock()

    def take(self) -> float:
        """Take one token, sleeping until it is available; returns the seconds waited."""
        if self.rate <= 0:
            return 0.0
        with self._lock:
            now = time.monotonic()
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
            self.updated = now
            self.tokens -= 1
            wait = 0.0 if self.tokens >= 0 else -self.tokens / self.rate
        if wait:
            time.sleep(wait)
        return wait


class Transport:
    name: ClassVar[str] = ""

    def __init__(self, rate_per_second: float = 0) -> None:
        self.bucket = TokenBucket(rate_per_second)

    def deliver(self, out: Outgoing) -> str:
        self.bucket.take()
        return self.send(out)

    def send(self, out: Outgoing) -> str:
        raise NotImplementedError


class ConsoleTransport(Transport):
    """Writes to the log. At INFO only that message N went (bodies carry token links, numbers are
    personal data); the recipient and the text at DEBUG, for a developer who asks for them."""

    name = "console"

    def send(self, out: Outgoing) -> str:
        logger.info("SMS message %s written to the log (%d segment(s))", out.message_id, out.segments)
        logger.debug("SMS message %s to %s: %s", out.message_id, out.to, out.body)
        return f"console-{out.idempotency_key}"


class FileTransport(Transport):
    """Appends one JSON object per message to MOTCUA_VAR_DIR/outbox/<channel>.jsonl (development)."""

    name = "file"
    _lock = threading.Lock()

    def send(self, out: Outgoing) -> str:
        directory = settings.VAR_DIR / "outbox"
        directory.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"at": time.time(), **asdict(out)}, ensure_ascii=False)
        try:
            with self._lock, open(directory / f"{out.channel.lower()}.jsonl", "a", encoding="utf-8") as f:
                f.write(line + "\n")
        except OSError as exc:
            raise TemporaryFailure(f"không ghi được tệp: {exc}") from exc
        return f"file-{out.idempotency_key}"


class MemoryTransport(Transport):
    """Keeps messages in a list (tests). Queue errors in `failures` to make the next sends fail."""

    name = "memory"
    outbox: ClassVar[list[Outgoing]] = []
    failures: ClassVar[list[TransportError]] = []
    _lock = threading.Lock()

    @classmethod
    def reset(cls) -> None:
        cls.outbox.clear()
        cls.failures.clear()

    def send(self, out: Outgoing) -> str:
        with self._lock:
            if self.failures:
                raise self.failures.pop(0)
            self.outbox.append(out)
        return f"memory-{out.idempotency_key}"


# --- the generic HTTP gateway ------------------------------------------------------------------

DEFAULT_JSON_BODY = '{"to": "{to}", "text": "{text}", "ref": "{idempotency_key}"}'
DEFAULT_FORM_BODY = "to={to}&text={text}&ref={idempotency_key}"


def dotted_get(data: Any, path: str) -> Any:
    """`dotted_get({"data": [{"id": 7}]}, "data.0.id") == 7`; None when any step is missing."""
    for part in path.split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def _fill(value: Any, context: dict[str, str]) -> Any:
    if isinstance(value, str):
        return render(value, context)
    if isinstance(value, list):
        return [_fill(v, context) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, context) for k, v in value.items()}
    return value


class HttpTransport(Transport):
    """POST each message to a gateway URL; see docs/notifications.md for the settings."""

    name = "http"

    def __init__(
        self,
        *,
        url: str,
        auth_header: str = "",
        body: str = "json",
        body_template: str = "",
        id_path: str = "",
        timeout_s: float = 10,
        idempotency_header: str = "Idempotency-Key",
        rate_per_second: float = 0,
    ) -> None:
        super().__init__(rate_per_second)
        if not url:
            raise ValueError("SMS_HTTP_URL must be set to use the http transport")
        self.url = url
        self.headers: dict[str, str] = {}
        if auth_header:
            name, _, value = auth_header.partition(":")
            self.headers[name.strip()] = value.strip()
        self.body = body
        self.body_template = body_template or (DEFAULT_JSON_BODY if body == "json" else DEFAULT_FORM_BODY)
        if body == "json":
            json.loads(self.body_template)  # fail at start-up on a broken template
        self.id_path = id_path
        self.timeout_s = timeout_s
        self.idempotency_header = idempotency_header
        self._opener = urllib.request.build_opener()

    def _context(self, out: Outgoing) -> dict[str, str]:
        digits = out.to.lstrip("+")
        national = "0" + digits[2:] if digits.startswith("84") else digits
        return {
            "to": out.to,
            "to_digits": digits,
            "to_national": national,
            "text": out.body,
            "idempotency_key": out.idempotency_key,
            "message_id": str(out.message_id),
            "segments": str(out.segments),
        }

    def _encode(self, out: Outgoing) -> tuple[bytes, str]:
        context = self._context(out)
        if self.body == "json":
            payload = _fill(json.loads(self.body_template), context)
            return json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8"
        pairs = [
            (k, render(v, context))
            for k, v in urllib.parse.parse_qsl(self.body_template, keep_blank_values=True)
        ]
        return urllib.parse.urlencode(pairs).encode("ascii"), "application/x-www-form-urlencoded"

    def send(self, out: Outgoing) -> str:
        data, content_type = self._encode(out)
        headers = {"Content-Type": content_type, "Accept": "application/json", **self.headers}
        if self.idempotency_header:
            headers[self.idempotency_header] = out.idempotency_key
        request = urllib.request.Request(self.url, data=data, headers=headers, method="POST")  # noqa: S310
        try:
            with self._opener.open(request, timeout=self.timeout_s) as response:
                raw = response.read(65536)
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace").strip()
            text = f"HTTP {exc.code}: {detail}" if detail else f"HTTP {exc.code}"
            if exc.code in (408, 425, 429) or exc.code >= 500:
                raise TemporaryFailure(text) from exc
            raise PermanentFailure(text) from exc
        except TimeoutError as exc:
            raise TemporaryFailure(f"hết thời gian chờ ({self.timeout_s:g} s)") from exc
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError | socket.timeout):
                raise TemporaryFailure(f"hết thời gian chờ ({self.timeout_s:g} s)") from exc
            raise TemporaryFailure(f"không kết nối được cổng SMS: {reason}") from exc
        if not self.id_path:
            return ""
        try:
            found = dotted_get(json.loads(raw.decode("utf-8")), self.id_path)
        except (ValueError, UnicodeDecodeError):
            found = None
        if found is None:
            logger.warning("SMS gateway answered without %s: %r", self.id_path, raw[:200])
            return ""
        return str(found)


# --- SMPP 3.4 ------------------------------------------------------------------------------------

# submit_sm errors worth retrying; any other error status is permanent (bad number, bad text…).
_SMPP_TEMPORARY = {0x08, 0x14, 0x58, 0x64}


class SmppTransport(Transport):
    """Bind as a transceiver, submit the message (split with UDH when long), unbind."""

    name = "smpp"

    def __init__(
        self,
        *,
        host: str,
        port: int,
        system_id: str,
        password: str,
        source_addr: str,
        timeout_s: float = 10,
        rate_per_second: float = 0,
    ) -> None:
        super().__init__(rate_per_second)
        if not host:
            raise ValueError("SMS_SMPP_HOST must be set to use the smpp transport")
        self.host, self.port = host, port
        self.system_id, self.password = system_id, password
        self.source_addr = source_addr
        self.timeout_s = timeout_s

    def send(self, out: Outgoing) -> str:
        import smpplib.client  # the SMPP library loads only where this transport is configured
        import smpplib.consts
        import smpplib.exceptions
        import smpplib.gsm

        client = smpplib.client.Client(
            self.host, self.port, timeout=self.timeout_s, allow_unknown_opt_params=True
        )
        ids: list[str] = []
        try:
            try:
                client.connect()
                client.bind_transceiver(system_id=self.system_id, password=self.password)
            except (smpplib.exceptions.ConnectionError, smpplib.exceptions.PDUError, OSError) as exc:
                raise TemporaryFailure(
                    f"SMPP: không kết nối/đăng nhập được {self.host}:{self.port}: {exc}"
                ) from exc
            parts, encoding, esm_class = smpplib.gsm.make_parts(out.body)
            alnum = not self.source_addr.lstrip("+").isdigit()
            for part in parts:
                try:
                    submitted = client.send_message(
                        source_addr_ton=smpplib.consts.SMPP_TON_ALNUM
                        if alnum
                        else smpplib.consts.SMPP_TON_INTL,
                        source_addr_npi=smpplib.consts.SMPP_NPI_UNK
                        if alnum
                        else smpplib.consts.SMPP_NPI_ISDN,
                        source_addr=self.source_addr,
                        dest_addr_ton=smpplib.consts.SMPP_TON_INTL,
                        dest_addr_npi=smpplib.consts.SMPP_NPI_ISDN,
                        destination_addr=out.to.lstrip("+"),
                        short_message=part,
                        data_coding=encoding,
                        esm_class=esm_class,
                        registered_delivery=1,
                    )
                    response = self._read_response(client, submitted.sequence)
                except (smpplib.exceptions.ConnectionError, smpplib.exceptions.PDUError, OSError) as exc:
                    raise TemporaryFailure(f"SMPP: mất kết nối khi gửi: {exc}") from exc
                if response.is_error():
                    status = int(response.status)
                    text = f"SMPP lỗi 0x{status:08X}: {smpplib.consts.DESCRIPTIONS.get(status, '?')}"
                    raise TemporaryFailure(text) if status in _SMPP_TEMPORARY else PermanentFailure(text)
                message_id = response.message_id
                ids.append(message_id.decode() if isinstance(message_id, bytes) else str(message_id))
            # The message is submitted; a broken unbind does not undo that.
            with contextlib.suppress(
                smpplib.exceptions.ConnectionError, smpplib.exceptions.PDUError, OSError
            ):
                client.unbind()
        finally:
            client.disconnect()
        return ",".join(ids)[:100]

    @staticmethod
    def _read_response(client: Any, sequence: int) -> Any:
        import smpplib.smpp  # see `send`

        for _ in range(20):
            pdu = client.read_pdu()
            if pdu.command == "enquire_link":
                client.send_pdu(
                    smpplib.smpp.make_pdu("enquire_link_resp", client=client, sequence=pdu.sequence)
                )
                continue
            if pdu.command in ("submit_sm_resp", "generic_nack") and pdu.sequence == sequence:
                return pdu
        raise TemporaryFailure("SMPP: không nhận được submit_sm_resp")


# --- e-mail ---------------------------------------------------------------------------------------


class EmailTransport(Transport):
    name = "email"

    def send(self, out: Outgoing) -> str:
        message_id = make_msgid(domain=settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost")
        email = EmailMultiAlternatives(
            subject=out.subject,
            body=out.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[out.to],
            headers={"Message-ID": message_id, "X-MotCua-Idempotency-Key": out.idempotency_key},
        )
        if out.html_body:
            email.attach_alternative(out.html_body, "text/html")
        for filename, content, content_type in out.attachments:
            email.attach(filename, content, content_type)
        try:
            email.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as exc:
            raise PermanentFailure(f"máy chủ thư từ chối người nhận: {exc}") from exc
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600:
                raise PermanentFailure(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}") from exc
            raise TemporaryFailure(f"SMTP {exc.smtp_code}: {exc.smtp_error!r}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise TemporaryFailure(f"không gửi được thư: {exc}") from exc
        return message_id


# --- building the ordered list from settings ----------------------------------------------------

_SETTING_NAMES = (
    "SMS_TRANSPORTS",
    "SMS_RATE_PER_SECOND",
    "SMS_HTTP_URL",
    "SMS_HTTP_AUTH_HEADER",
    "SMS_HTTP_BODY",
    "SMS_HTTP_BODY_TEMPLATE",
    "SMS_HTTP_ID_PATH",
    "SMS_HTTP_TIMEOUT_S",
    "SMS_HTTP_IDEMPOTENCY_HEADER",
    "SMS_SMPP_HOST",
    "SMS_SMPP_PORT",
    "SMS_SMPP_SYSTEM_ID",
    "SMS_SMPP_PASSWORD",
    "SMS_SMPP_SOURCE_ADDR",
    "SMS_SMPP_TIMEOUT_S",
    "EMAIL_RATE_PER_SECOND",
)
_cache: dict[tuple[Any, ...], list[Transport]] = {}
_cache_lock = threading.Lock()


def build_transport(name: str) -> Transport:
    rate = settings.SMS_RATE_PER_SECOND
    if name == "console":
        return ConsoleTransport(rate)
    if name == "file":
        return FileTransport(rate)
    if name == "memory":
        return MemoryTransport(rate)
    if name == "http":
        return HttpTransport(
            url=settings.SMS_HTTP_URL,
            auth_header=settings.SMS_HTTP_AUTH_HEADER,
            body=settings.SMS_HTTP_BODY,
            body_template=settings.SMS_HTTP_BODY_TEMPLATE,
            id_path=settings.SMS_HTTP_ID_PATH,
            timeout_s=settings.SMS_HTTP_TIMEOUT_S,
            idempotency_header=settings.SMS_HTTP_IDEMPOTENCY_HEADER,
            rate_per_second=rate,
        )
    if name == "smpp":
        return SmppTransport(
            host=settings.SMS_SMPP_HOST,
            port=settings.SMS_SMPP_PORT,
            system_id=settings.SMS_SMPP_SYSTEM_ID,
            password=settings.SMS_SMPP_PASSWORD,
            source_addr=settings.SMS_SMPP_SOURCE_ADDR,
            timeout_s=settings.SMS_SMPP_TIMEOUT_S,
            rate_per_second=rate,
        )
    if name == "email":
        return EmailTransport(settings.EMAIL_RATE_PER_SECOND)
    raise ValueError(f"unknown transport {name!r}")


TRANSPORT_NAMES = ("console", "file", "memory", "http", "smpp", "email")


def transports_for(channel: str) -> list[Transport]:
    """The ordered transports of a channel, built once per settings snapshot (rate buckets persist)."""
    key = (channel, *(repr(getattr(settings, n, None)) for n in _SETTING_NAMES))
    with _cache_lock:
        if key not in _cache:
            names = ["email"] if channel == "EMAIL" else list(settings.SMS_TRANSPORTS)
            _cache[key] = [build_transport(n) for n in names]
        return _cache[key]

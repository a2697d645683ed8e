"""Outbox tests: in-memory transport, immediate retries unless a test says otherwise, loopback peers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any as SettingsWrapper

import pytest

from motcua.notifications.tests.gateway_stub import GatewayStub
from motcua.notifications.tests.smsc import Smsc
from motcua.notifications.transports import MemoryTransport


@pytest.fixture(autouse=True)
def _outbox_settings(settings: SettingsWrapper) -> Iterator[None]:
    settings.SMS_TRANSPORTS = ["memory"]
    settings.SMS_RATE_PER_SECOND = 0
    settings.SMS_MAX_ATTEMPTS = 4
    settings.SMS_RETRY_BASE_S = 60
    settings.SMS_DIACRITIC_FREE = False
    settings.SMS_INBOUND_SECRET = "bi-mat-cong-sms"
    MemoryTransport.reset()
    yield
    MemoryTransport.reset()


@pytest.fixture
def gateway(settings: SettingsWrapper) -> Iterator[GatewayStub]:
    """A loopback HTTP gateway wired as the only SMS transport, with a short client timeout."""
    stub = GatewayStub(hang_s=0.6, slow_s=0.1)
    settings.SMS_TRANSPORTS = ["http"]
    settings.SMS_HTTP_URL = stub.url
    settings.SMS_HTTP_ID_PATH = "data.id"
    settings.SMS_HTTP_TIMEOUT_S = 0.3
    settings.SMS_HTTP_BODY = "json"
    settings.SMS_HTTP_BODY_TEMPLATE = ""
    yield stub
    stub.close()


@pytest.fixture
def smsc(settings: SettingsWrapper) -> Iterator[Smsc]:
    server = Smsc()
    settings.SMS_TRANSPORTS = ["smpp"]
    settings.SMS_SMPP_HOST = "127.0.0.1"
    settings.SMS_SMPP_PORT = server.port
    settings.SMS_SMPP_SYSTEM_ID = server.system_id
    settings.SMS_SMPP_PASSWORD = server.password
    settings.SMS_SMPP_SOURCE_ADDR = "MotCua"
    settings.SMS_SMPP_TIMEOUT_S = 3
    yield server
    server.close()

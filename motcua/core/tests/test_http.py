from __future__ import annotations

from django.test import RequestFactory, override_settings

from motcua.core.http import client_address


def test_without_trusted_proxies_the_peer_address_is_the_client() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_last_forwarded_address_is_the_client_and_forged_ones_are_ignored() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    assert client_address(request) == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_a_short_forwarded_header_falls_back_to_the_peer() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client_address(request) == "10.0.0.2"

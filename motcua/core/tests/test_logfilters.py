"""Citizens' secrets never reach a log line (issue 13, item 5; review of the staff search)."""

from __future__ import annotations

from motcua.core.logfilters import redact


def test_tokens_phone_digits_and_number_searches_are_masked_in_request_lines() -> None:
    assert redact('"GET /ho-so/A-1/?t=abc123 HTTP/1.1"') == '"GET /ho-so/A-1/?t=*** HTTP/1.1"'
    assert redact("/tra-cuu/?code=X&phone4=3456") == "/tra-cuu/?code=X&phone4=***"
    assert redact("/quan-tri/ho-so/?q=0905123456&state=") == "/quan-tri/ho-so/?q=***&state="
    assert (
        redact("/quan-tri/viec-can-lam/?tab=mine&q=0905+123+456") == "/quan-tri/viec-can-lam/?tab=mine&q=***"
    )


def test_a_search_by_name_stays_readable() -> None:
    assert redact("/quan-tri/ho-so/?q=nguyen+van+a") == "/quan-tri/ho-so/?q=nguyen+van+a"

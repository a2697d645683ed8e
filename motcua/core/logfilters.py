"""Log filters: keep secrets of citizens out of every log line.

Links sent by SMS and the QR code of form 01 carry the dossier token (`t=`), and old look-up
links the last four phone digits (`phone4=`); the request line of the first visit is logged by the
development server (and by most WSGI servers' access logs) before the page moves them into the
session. Staff search boxes are GET forms, so a search by phone number (`q=0905…`) would be logged
too. `RedactSecrets` replaces these values with `***` in any record that names them (a search `q`
only when it holds a run of four digits or more: names and codes stay readable in the logs).
"""

from __future__ import annotations

import logging
import re

SECRET_QUERY = re.compile(r"([?&;](?:t|phone4)=)[^&;\s\"']+")
# a search holding a phone or ID number: four digits in a row, maybe split by spaces, dots or dashes
NUMBER_SEARCH = re.compile(r"([?&;]q=)[^&;\s\"']*?[0-9](?:(?:%20|\+|[.-])?[0-9]){3}[^&;\s\"']*")


def redact(text: str) -> str:
    """`text` with the values of `t=` and `phone4=` query parameters, and of a search `q=` that holds
    a number, replaced by ***."""
    return NUMBER_SEARCH.sub(r"\1***", SECRET_QUERY.sub(r"\1***", text))


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: leave it to the handler's own error
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True

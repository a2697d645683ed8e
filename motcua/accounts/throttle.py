"""Log-in throttling (django-axes) with two limits, both tied to the client's address.

- An address (read as the rate limits read it: `motcua.core.http.client_address`, which trusts
  `TRUSTED_PROXY_COUNT` proxies) is locked after `AXES_ADDRESS_FAILURE_LIMIT` failures whatever the
  usernames: password spraying.
- A username is locked at one address after `AXES_FAILURE_LIMIT` failures: guessing one account.

No lock is ever on a username alone, so a stranger cannot lock a colleague out from elsewhere.
Axes counts every parameter set of `AXES_LOCKOUT_PARAMETERS` against one limit; this handler gives
the address its own (larger: an office behind one NAT address shares it).
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


class AddressAndAccountHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """Failures of this username at this address, or the account limit once the address itself
        has reached its limit (axes locks when this reaches `AXES_FAILURE_LIMIT`). The attempts come
        in the order of `AXES_LOCKOUT_PARAMETERS`: the address alone, then username and address."""
        by_address, by_account = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if by_address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(by_account, get_failure_limit(request, credentials))
        return int(by_account)

"""Browser test harness: Debian's chromium driven by Playwright (sync API) against pytest-django's live server.

Fixtures (see docs/testing.md):

* ``browser`` (session) — one chromium for the whole run, launched from ``/usr/bin/chromium``;
* ``new_context`` — factory for fresh browser contexts (vi-VN, Asia/Ho_Chi_Minh), closed after the test;
* ``page`` — desktop page (1280×800) in a fresh context, its base URL the live server;
* ``mobile_page`` — "a citizen on a cheap phone": 360×740, touch, mobile user agent;
* ``axe`` — ``axe(page)`` asserts no WCAG 2.0/2.1 A/AA violations, listing them readably if any.

Helpers importable from here: ``login(page, live_server, username, password, otp=None)`` and
``assert_accessible(page, label="")``.

Every test in e2e/ must carry ``pytest.mark.e2e`` (``pytestmark = pytest.mark.e2e``); a missing
chromium makes the tests fail with a clear message unless ``MOTCUA_SKIP_E2E=1``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

# Debian's package; MOTCUA_CHROMIUM only for a distribution that installs it elsewhere.
CHROMIUM = Path(os.environ.get("MOTCUA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
DESKTOP_VIEWPORT = {"width": 1280, "height": 800}
MOBILE_VIEWPORT = {"width": 360, "height": 740}
MOBILE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT_MS = 10_000
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"  # screenshots of failed tests (git-ignored)

_axe = Axe()


# --- guards ------------------------------------------------------------------------------


def _skip_requested() -> bool:
    return os.environ.get("MOTCUA_SKIP_E2E", "") == "1"


@pytest.fixture(autouse=True)
def _e2e_guard(request: pytest.FixtureRequest) -> None:
    """Every journey is marked e2e (so `-m e2e` / `-m "not e2e"` select correctly); honour MOTCUA_SKIP_E2E=1."""
    if request.node.get_closest_marker("e2e") is None:
        pytest.fail(
            f"{request.node.nodeid}: tests under e2e/ must be marked e2e (pytestmark = pytest.mark.e2e)"
        )
    if _skip_requested():
        pytest.skip("MOTCUA_SKIP_E2E=1: browser journeys skipped")


@pytest.fixture(autouse=True)
def _role_groups(_e2e_guard: None, transactional_db: None) -> None:
    """The role groups come from a data migration, which the live server's per-test flush wipes out."""
    from django.contrib.auth.models import Group

    from motcua.accounts.roles import GROUP_NAMES

    for name in GROUP_NAMES.values():
        Group.objects.get_or_create(name=name)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the item so the page fixtures can screenshot failures."""
    report = yield
    setattr(item, f"_report_{report.when}", report)
    return report


# --- browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if _skip_requested():
        pytest.skip("MOTCUA_SKIP_E2E=1: browser journeys skipped")
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: the browser journeys need Debian's chromium "
            "(`sudo apt-get install chromium`, or run `./dev e2e`, which installs it). "
            "Set MOTCUA_SKIP_E2E=1 to skip them deliberately.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(
    browser: Browser, live_server: Any, request: pytest.FixtureRequest
) -> Iterator[Callable[..., BrowserContext]]:
    """`new_context(**overrides)`: a fresh, isolated context (no cookies) in Vietnamese and Vietnam's time zone."""
    contexts: list[BrowserContext] = []

    def make(**overrides: Any) -> BrowserContext:
        options: dict[str, Any] = {
            "base_url": live_server.url,
            "locale": "vi-VN",
            "timezone_id": "Asia/Ho_Chi_Minh",
            "viewport": DESKTOP_VIEWPORT,
            **overrides,
        }
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make

    report = getattr(request.node, "_report_call", None)
    failed = report is not None and report.failed
    for index, context in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
            for number, open_page in enumerate(context.pages):
                open_page.screenshot(path=ARTIFACTS / f"{name}-{index}-{number}.png", full_page=True)
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A desktop page (1280×800) in its own context."""
    return new_context().new_page()


@pytest.fixture
def mobile_page(new_context: Callable[..., BrowserContext]) -> Page:
    """A citizen on a cheap phone: 360×740 CSS pixels, touch, mobile user agent."""
    context = new_context(
        viewport=MOBILE_VIEWPORT,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        user_agent=MOBILE_USER_AGENT,
    )
    return context.new_page()


# --- helpers -------------------------------------------------------------------------------


def login(page: Page, live_server: Any, username: str, password: str, otp: str | None = None) -> Page:
    """Log in through the staff form at /dang-nhap/ and wait for the next page to load."""
    page.goto(f"{live_server.url}/dang-nhap/")
    if "/dang-nhap/" not in page.url:
        raise AssertionError(
            f"login(): already logged in (redirected to {page.url}); log in from a fresh context"
        )
    form = page.locator("main form")
    form.locator("#id_username").fill(username)
    form.locator("#id_password").fill(password)
    if otp is not None:
        form.locator("#id_otp_token").fill(otp)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    return page


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'n/a'}]: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page, label: str = "") -> None:
    """Run axe-core on the page as it is now, WCAG 2.0/2.1 A and AA rules only; fail listing any violation."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    violations = _axe.run(page, options=options).response["violations"]
    where = label or page.url
    assert not violations, f"axe: {len(violations)} WCAG A/AA violation(s) on {where}:\n" + format_violations(
        violations
    )


@pytest.fixture
def axe() -> Callable[..., None]:
    """`axe(page, label="")`: assert the page has no WCAG 2.0/2.1 A/AA violations."""
    return assert_accessible

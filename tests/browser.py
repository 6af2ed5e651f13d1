"""Serve a built site on localhost through the production nginx configuration, and drive
Debian's Chromium with Playwright under the site's Content-Security-Policy."""

from __future__ import annotations

import contextlib
from pathlib import Path

from run_nginx import serving

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Every Content-Security-Policy violation of every document the page loads, reported to
# Python (the binding survives navigations, a listener in one document would not).
_RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__reportCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} `
    + `in ${e.documentURI} (${e.sourceFile || ""}:${e.lineNumber || ""}) ${e.sample || ""}`);
});
"""


@contextlib.contextmanager
def serve(site: Path):
    """Serve `site` with deploy/nginx.conf (its headers and policy included) on a free
    localhost port; yields the base URL."""
    with serving(site) as base_url:
        yield base_url


@contextlib.contextmanager
def browser_page(base_url: str, viewport=(1280, 800)):
    """A page that records every request leaving localhost (and blocks it), and every
    Content-Security-Policy violation: a test that ends with one fails."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        outside: list[str] = []
        violations: list[str] = []

        def guard(route):
            if route.request.url.startswith(base_url):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        context.expose_function("__reportCspViolation", lambda text: violations.append(text))
        context.add_init_script(_RECORD_VIOLATIONS)
        page = context.new_page()
        # Chromium also logs each violation to the console (a second witness).
        page.on("console", lambda message: violations.append(message.text)
                if "Content Security Policy" in message.text else None)
        page.outside_requests = outside
        page.csp_violations = violations
        try:
            yield page
            page.evaluate("0")  # a round trip, so that reports already sent have arrived
            assert violations == [], f"Content-Security-Policy violations: {violations}"
        finally:
            browser.close()

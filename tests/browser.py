"""Serve a built site on localhost through the production nginx configuration, and drive
Debian's Chromium with Playwright under the site's Content-Security-Policy."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
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
def serve_files(site: Path, headers: dict[str, str]):
    """Serve `site` with Python's file server, sending these headers with every answer.
    For a policy nginx.conf cannot have: the editor's tests put their own decap-server in
    the /admin/ policy where the hosted editor has its git host (test_editor_browser.py)."""
    handler = functools.partial(_FileHandler, directory=str(site), extra_headers=headers)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _FileHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, extra_headers: dict[str, str], **kwargs):
        self.extra_headers = extra_headers
        super().__init__(*args, **kwargs)

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def browser_page(base_url: str, viewport=(1280, 800), also_allowed: tuple[str, ...] = (), **context_options):
    """A page that records every request leaving localhost (and blocks it), every
    Content-Security-Policy violation (a test that ends with one fails) and every console
    error (`page.console_errors`, for the tests that require none).

    Requests to `base_url`, and to the `also_allowed` URL prefixes (another local server,
    such as the editor's decap-server), go through; any other is aborted and listed in
    `page.outside_requests`. `context_options` go to Playwright's new_context (locale,
    timezone_id, ...).
    """
    from playwright.sync_api import sync_playwright

    allowed = (base_url, *also_allowed)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, **context_options)
        outside: list[str] = []
        violations: list[str] = []

        def guard(route):
            if route.request.url.startswith(allowed):
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
        page.console_errors = []
        page.on("console", lambda message: page.console_errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: page.console_errors.append(f"uncaught: {error}"))
        try:
            yield page
            page.evaluate("0")  # a round trip, so that reports already sent have arrived
            assert violations == [], f"Content-Security-Policy violations: {violations}"
        finally:
            browser.close()

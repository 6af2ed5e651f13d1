"""Serve a built site on localhost and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@contextlib.contextmanager
def serve(site: Path, headers: dict[str, str] | None = None):
    """Serve `site` on an ephemeral localhost port, with these response headers; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site), extra_headers=headers or {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
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
    """A page that records every request leaving localhost (and blocks it), and every error
    its console logs.

    Requests to `base_url`, and to the `also_allowed` URL prefixes (another local server,
    such as the editor's decap-server), go through; any other is aborted and listed in
    `page.outside_requests`. Console errors and uncaught exceptions are listed in
    `page.console_errors`. `context_options` go to Playwright's new_context (locale,
    timezone_id, ...).
    """
    from playwright.sync_api import sync_playwright

    allowed = (base_url, *also_allowed)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, **context_options)
        outside: list[str] = []

        def guard(route):
            if route.request.url.startswith(allowed):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.outside_requests = outside
        page.console_errors = []
        page.on("console", lambda message: page.console_errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: page.console_errors.append(f"uncaught: {error}"))
        try:
            yield page
        finally:
            browser.close()

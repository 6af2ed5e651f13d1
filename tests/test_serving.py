"""The real site served by Debian's nginx with deploy/nginx.conf (deploy/run_nginx.py), as in
production: 404 pages per language, precompressed files, content types, cache lifetimes,
security headers, no listing, nothing from outside the site, no dotfile; and the `.gz`
files the build writes for it."""

from __future__ import annotations

import gzip
import http.client
import re
import shutil
import socket
import zlib
from urllib.parse import urlsplit

import pytest

from run_nginx import serving
from sitebuild import REPO, hook_module
from test_content_security_policy import header_policy

compression = hook_module("compression")
LARGE, LEVEL, MIN_SIZE, gzip_bytes = compression.LARGE, compression.LEVEL, compression.MIN_SIZE, compression.gzip_bytes

YEAR = "public, max-age=31536000, immutable"
MINUTES = "public, max-age=300"
DAY = "public, max-age=86400"
REVALIDATE = "no-cache"
SECRET = "text from outside the site"


@pytest.fixture(scope="module")
def served(real_site, tmp_path_factory):
    """A copy of the real site, with what a server must never serve added to it, behind nginx."""
    root = tmp_path_factory.mktemp("served")
    site = root / "site"
    shutil.copytree(real_site.site, site, symlinks=True)
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text(SECRET, encoding="utf-8")
    (site / "leak.html").symlink_to(outside / "secret.html")
    (site / "en/leaked-folder").symlink_to(outside, target_is_directory=True)
    (site / "en/.env").write_text(SECRET, encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git/config").write_text(SECRET, encoding="utf-8")
    # The editor (hooks/editor.py) is part of the built site: /admin/ has its own policy. The
    # real site has no hosted editor, so /admin/ is a page saying how to edit; the hosted
    # editor's build also writes admin/config.yml, which stands in here for it.
    assert (site / "admin/index.html").is_file()
    (site / "admin/config.yml").write_text("backend: {name: gitea}\n", encoding="utf-8")
    with serving(site) as base:
        yield base, site


def get(base: str, path: str, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and the body exactly as sent."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", "/" + path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_missing_pages_answer_404_with_the_page_of_their_language(served):
    base, site = served
    for path, page in (("no/such/page/", "404.html"), ("news/2099/nothing.html", "404.html"),
                       ("en/no/such/page/", "en/404.html"), ("en/feeds/member/nobody.rss.xml", "en/404.html"),
                       ("feeds/member/nobody.atom.xml", "404.html"), ("en/nothing.csv", "en/404.html")):
        status, headers, body = get(base, path)
        assert status == 404, path
        assert headers["content-type"] == "text/html; charset=utf-8", path
        assert body == (site / page).read_bytes(), path
        assert headers["cache-control"] == REVALIDATE, path
    assert b'<html lang="en"' in get(base, "en/missing/")[2]
    assert b'<html lang="zh-Hans"' in get(base, "missing/")[2]


def test_pages_are_served_with_their_folder_url_and_relative_redirects(served):
    base, site = served
    status, headers, body = get(base, "en/members/")
    assert status == 200 and body == (site / "en/members/index.html").read_bytes()
    status, headers, _ = get(base, "en/members")
    assert status == 301 and headers["location"] == "/en/members/"


@pytest.mark.parametrize("path", [
    "index.html", "en/", "en/news/2024/mongolia-visit/", "404.html",
    "assets/css/site.css", "assets/javascripts/member-filter.js", "assets/map/world.svg",
    "search/search_index.json", "en/search/search_index.json", "members.json", "members.csv",
    "feeds/news.rss.xml", "en/feeds/news.atom.xml", "calendar.ics", "sitemap.xml",
])
def test_precompressed_files_are_sent_as_they_are_to_clients_accepting_gzip(served, path):
    base, site = served
    file = site / path / "index.html" if path.endswith("/") else site / path
    status, headers, body = get(base, path, gzip_ok=True)
    assert status == 200
    assert headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert body == file.with_name(file.name + ".gz").read_bytes()  # the build's file, not nginx's own
    status, headers, body = get(base, path)
    assert "content-encoding" not in headers and body == file.read_bytes()


# nginx sends a file under gzip_min_length as it is: the build writes no copy of one.
MIN_LENGTH = int(re.search(r"gzip_min_length (\d+);", (REPO / "deploy/nginx.conf").read_text(encoding="utf-8"))[1])


def test_the_files_a_reader_downloads_whole_are_compressed_hardest():
    """The search index at network scale (15 MB) is some 20 % smaller at level 9 than at the
    pages' level: every reader who searches downloads it."""
    index = b"".join(b'{"location":"members/m%d/","title":"\\u57ce\\u5e02 %d","text":"%s"},'
                     % (n, n, b"biodiversity " * (n % 7)) for n in range(4000))
    assert len(index) >= LARGE
    assert gzip_bytes(index) == zlib.compress(index, 9, wbits=31)
    page = index[:20_000]
    assert gzip_bytes(page) == zlib.compress(page, LEVEL, wbits=31) != zlib.compress(page, 9, wbits=31)


def test_every_text_file_has_a_deterministic_gz_copy_of_itself(real_site):
    """gzip header: no file name, time 0 (two builds give the same bytes, tested elsewhere).
    A file under nginx's gzip_min_length has none: nginx would not compress it either."""
    assert MIN_SIZE == MIN_LENGTH
    site = real_site.site
    texts = [f for f in site.rglob("*") if f.suffix in {".html", ".css", ".js", ".json", ".xml", ".svg", ".ics",
                                                        ".csv", ".geojson", ".txt"} and ".nginx" not in f.parts]
    assert len(texts) > 150
    small = [f for f in texts if f.stat().st_size < MIN_LENGTH]
    assert small and not any(f.with_name(f.name + ".gz").exists() for f in small)
    for file in texts:
        copy = file.with_name(file.name + ".gz")
        data = file.read_bytes()
        if not copy.exists():
            assert len(data) < MIN_LENGTH or len(gzip.compress(data, compresslevel=LEVEL, mtime=0)) >= len(data), \
                f"{file} has no .gz"
            continue
        raw = copy.read_bytes()
        assert raw[3] & 0x08 == 0, f"{copy}: file name in the gzip header"
        assert raw[4:8] == b"\0\0\0\0", f"{copy}: a time in the gzip header"
        assert gzip.decompress(raw) == data, f"{copy} is not {file}"
    assert not list((site / ".nginx").glob("*.gz")) and not list(site.rglob("*.gz.gz"))


@pytest.mark.parametrize("path, content_type", [
    ("feeds/news.rss.xml", "application/rss+xml; charset=utf-8"),
    ("en/feeds/category/events.atom.xml", "application/atom+xml; charset=utf-8"),
    ("en/feeds/member/kunming.rss.xml", "application/rss+xml; charset=utf-8"),
    ("calendar.ics", "text/calendar; charset=utf-8"),
    ("members.geojson", "application/geo+json; charset=utf-8"),
    ("members.csv", "text/csv; charset=utf-8"),
    ("members.json", "application/json; charset=utf-8"),
    ("en/members/index.json", "application/json; charset=utf-8"),
    ("search/search_index.json", "application/json; charset=utf-8"),
    ("sitemap.xml", "text/xml; charset=utf-8"),
    ("", "text/html; charset=utf-8"),
    ("assets/css/site.css", "text/css; charset=utf-8"),
    ("assets/javascripts/member-filter.js", "application/javascript; charset=utf-8"),
    ("assets/map/world.svg", "image/svg+xml; charset=utf-8"),
    ("assets/images/favicon.png", "image/png"),
    ("admin/config.yml", "text/yaml; charset=utf-8"),
])
def test_content_types(served, path, content_type):
    base, _ = served
    status, headers, _ = get(base, path, gzip_ok=True)
    assert status == 200 and headers["content-type"] == content_type


def test_cache_lifetimes(served):
    base, site = served
    expected = {
        "": REVALIDATE, "en/": REVALIDATE, "en/news/2024/mongolia-visit/": REVALIDATE, "404.html": REVALIDATE,
        "feeds/news.rss.xml": MINUTES, "en/feeds/news.atom.xml": MINUTES, "search/search_index.json": MINUTES,
        "en/search/search_index.json": MINUTES, "sitemap.xml": MINUTES, "members.csv": MINUTES,
        "calendar.ics": MINUTES, "assets/css/site.css": MINUTES, "assets/javascripts/member-filter.js": MINUTES,
        "assets/images/favicon.png": DAY, "admin/": REVALIDATE,
    }
    # Every file under assets/: a year, immutable, exactly for Material's files named by hash.
    for file in (site / "assets").rglob("*"):
        if file.is_file() and not file.name.endswith(".gz"):
            path = file.relative_to(site).as_posix()
            hashed = re.search(r"\.[0-9a-f]{8}\.min\.(js|css)(\.map)?$", file.name)
            expected.setdefault(path, YEAR if hashed else "")
    assert sum(v == YEAR for v in expected.values()) >= 4  # bundle, worker, main and palette CSS
    for path, lifetime in expected.items():
        status, headers, _ = get(base, path, gzip_ok=True)
        assert status == 200, path
        if lifetime:
            assert headers["cache-control"] == lifetime, path
        else:
            assert headers["cache-control"] != YEAR, path
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()  # repaired, see material_fixes.py
    for path in (bundle, "assets/stylesheets/main.57a0d79d.min.css", "assets/javascripts/workers/search.a7633da7.min.js"):
        assert expected[path] == YEAR, path  # Material 9.8.1's names: the pattern still matches them


@pytest.mark.parametrize("path", ["", "en/members/kunming/", "assets/css/site.css", "feeds/news.rss.xml",
                                  "en/missing/", "members.csv", "en/members"])
def test_security_headers_on_every_kind_of_response(served, path):
    base, site = served
    _, headers, _ = get(base, path, gzip_ok=True)
    assert headers["strict-transport-security"] == "max-age=31536000"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["permissions-policy"] and "geolocation=()" in headers["permissions-policy"]
    assert headers["content-security-policy"] == header_policy(site)
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert "'unsafe-inline'" not in headers["content-security-policy"]


def test_the_editor_at_admin_has_its_own_policy_and_the_same_other_headers(served):
    base, site = served
    for path in ("admin/", "admin/config.yml"):
        status, headers, _ = get(base, path)
        assert status == 200, path
        policy = headers["content-security-policy"]
        assert "script-src 'self' 'unsafe-eval'" in policy and "frame-ancestors 'none'" in policy, path
        assert policy != header_policy(site)
        assert headers["x-content-type-options"] == "nosniff" and headers["cache-control"] == REVALIDATE, path
        assert headers["strict-transport-security"] == "max-age=31536000", path


@pytest.mark.parametrize("path", ["assets/", "assets/javascripts/lunr/", "en/feeds/", "feeds/member/"])
def test_no_listing_of_a_folder_without_index(served, path):
    base, site = served
    assert (site / path).is_dir() and not (site / path / "index.html").exists()
    status, _, body = get(base, path)
    assert status == 404
    assert body == (site / ("en/404.html" if path.startswith("en/") else "404.html")).read_bytes()


@pytest.mark.parametrize("path", ["leak.html", "en/leaked-folder/secret.html", "en/.env", ".git/config",
                                  ".nginx/content-security-policy.conf", ".nginx/"])
def test_nothing_from_outside_the_site_and_no_dotfile_is_served(served, path):
    base, _ = served
    for gzip_ok in (False, True):
        status, _, body = get(base, path, gzip_ok)
        assert status == 404, path
        assert SECRET.encode() not in body and b"add_header" not in body, path


# Through a proxy or CDN, over HTTP/1.0, and HEAD -------------------------------------------------

def raw_request(base: str, method: str, path: str, version: str = "HTTP/1.1",
                headers: dict | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request written by hand (http.client speaks only HTTP/1.1): status, headers, body."""
    parts = urlsplit(base)
    lines = [f"{method} /{path} {version}", f"Host: {parts.hostname}", "Connection: close",
             *(f"{k}: {v}" for k, v in (headers or {}).items())]
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
        response = b""
        while chunk := connection.recv(65536):
            response += chunk
    head, _, body = response.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    fields = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), fields, body


# What differs by nature between a GET and a HEAD, or HTTP/1.1 and 1.0: when and how the
# connection ends and the body is framed.
FRAMING = {"date", "connection", "keep-alive", "transfer-encoding"}
THROUGH_A_PROXY = {"Accept-Encoding": "gzip", "Via": "1.1 cdn-edge.example"}
ON_THE_FLY = "en/on-the-fly.txt"  # no .gz beside it: nginx compresses it itself


@pytest.fixture(scope="module")
def on_the_fly(served):
    base, site = served
    (site / ON_THE_FLY).write_text("A text without a precompressed copy. " * 200, encoding="utf-8")
    return base, site


@pytest.mark.parametrize("path", ["", "en/members/kunming/", "feeds/news.rss.xml", "assets/css/site.css", ON_THE_FLY])
def test_a_reader_behind_a_proxy_or_cdn_gets_compressed_files(on_the_fly, path):
    base, site = on_the_fly
    status, headers, body = raw_request(base, "GET", path, headers=THROUGH_A_PROXY)
    assert status == 200 and headers.get("content-encoding") == "gzip", (path, headers)
    assert headers["vary"] == "Accept-Encoding"
    file = site / path / "index.html" if path.endswith("/") or path == "" else site / path
    assert gzip.decompress(body if "chunked" not in headers.get("transfer-encoding", "") else _unchunked(body)) == \
        file.read_bytes()


def _unchunked(body: bytes) -> bytes:
    data = b""
    while body:
        size, _, rest = body.partition(b"\r\n")
        length = int(size.split(b";")[0], 16)
        if length == 0:
            break
        data, body = data + rest[:length], rest[length + 2:]
    return data


@pytest.mark.parametrize("path", ["", "en/members/kunming/", "feeds/news.rss.xml", "members.csv", "assets/css/site.css",
                                  "assets/images/favicon.png", "en/missing/", "en/members", "admin/", ON_THE_FLY])
@pytest.mark.parametrize("request_headers", [{}, {"Accept-Encoding": "gzip"}, THROUGH_A_PROXY], ids=["plain", "gzip", "proxy"])
def test_http_1_0_and_head_requests_get_the_headers_of_an_http_1_1_get(on_the_fly, path, request_headers):
    base, _ = on_the_fly
    status, expected, body = raw_request(base, "GET", path, headers=request_headers)
    for method, version in (("HEAD", "HTTP/1.1"), ("GET", "HTTP/1.0"), ("HEAD", "HTTP/1.0")):
        got_status, got, got_body = raw_request(base, method, path, version, headers=request_headers)
        assert got_status == status, (method, version, path)
        differing = {name for name in (expected.keys() | got.keys()) - FRAMING if expected.get(name) != got.get(name)}
        # A body compressed on the fly has no length known in advance: HTTP/1.1 sends it in
        # chunks, HTTP/1.0 until the connection closes, HEAD with neither.
        if "content-length" in differing and "content-length" not in expected and expected.get("content-encoding") == "gzip":
            differing.discard("content-length")
        assert differing == set(), (method, version, path, {n: (expected.get(n), got.get(n)) for n in differing})
        if method == "HEAD":
            assert got_body == b"", (version, path)
        elif expected.get("content-encoding") == "gzip":  # compressed anew: the same text
            whole = _unchunked(body) if "chunked" in expected.get("transfer-encoding", "") else body
            assert gzip.decompress(got_body) == gzip.decompress(whole), (version, path)
        else:
            assert got_body == body, (version, path)

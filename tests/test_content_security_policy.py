"""The Content-Security-Policy: every inline script of every built page is allowed by hash
(found here with lxml, independently of the build's own scan), in the page's <meta> and in
the header policy the build writes for nginx; nothing else inline may run; the live preview
relaxes scripts only; Chromium reports a violation as a failure."""

from __future__ import annotations

import base64
import hashlib
import shutil
import time

import lxml.html
import pytest

from browser import browser_page, serve
from pages import parse, site_pages, url_path_of
from sitebuild import build, edit_file, hook_module, make_project
from test_live_preview import live_preview

content_security_policy = hook_module("content_security_policy")

# What HTML executes (HTML's JavaScript MIME types, module, importmap, speculationrules);
# any other type is a data block (application/json, application/ld+json), never run.
EXECUTED_TYPES = {"", "module", "importmap", "speculationrules", "text/javascript", "application/javascript",
                  "application/ecmascript", "application/x-ecmascript", "application/x-javascript",
                  "text/ecmascript", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
                  *(f"text/javascript1.{n}" for n in range(6))}


def header_policy(site) -> str:
    line = (site / ".nginx/content-security-policy.conf").read_text(encoding="utf-8").splitlines()[-1]
    assert line.startswith('add_header Content-Security-Policy "') and line.endswith('" always;'), line
    return line[len('add_header Content-Security-Policy "'):-len('" always;')]


def directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


def inline_scripts(tree) -> list[str]:
    """The text of every inline script that runs, as the browser hashes it."""
    found = []
    for script in tree.iter("script"):
        if script.get("src") is not None:
            continue
        script_type = script.get("type")
        if script_type is None and script.get("language"):  # HTML: the type is then "text/<language>"
            script_type = "text/" + script.get("language")
        if (script_type or "").strip().lower() in EXECUTED_TYPES:
            found.append(script.text or "")
    return found


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def uncovered(site) -> dict[str, list[str]]:
    """Per page, what its policies do not allow: inline scripts missing from the page's <meta>
    or the header policy, inline event handlers and javascript: URLs (which no hash covers),
    and a <meta> that is missing or not first in <head>."""
    header = directives(header_policy(site))
    header_scripts, header_styles = set(header["script-src"]), set(header.get("style-src-attr", []))
    problems = {}
    # The editor's page has a policy of its own, from nginx (deploy/README.md, "The editor at
    # /admin/"), and must not get the public one: it is not a page of the site (site_pages).
    for file in site_pages(site):
        tree = parse(file)
        page = []
        metas = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]')
        head = tree.find("head")
        first = [e for e in (head if head is not None else []) if isinstance(e.tag, str)
                 and not (e.tag == "meta" and e.get("charset") is not None)][:1]
        if len(metas) != 1 or first != metas:
            page.append("no Content-Security-Policy <meta> first in <head>")
            meta = {}
        else:
            meta = directives(metas[0].get("content"))
        for text in inline_scripts(tree):
            digest = sha256_source(text)
            if digest not in meta.get("script-src", []) or digest not in header_scripts:
                page.append(f"inline script not covered: {text[:60]!r}")
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            if element.get("style") is not None:
                digest = sha256_source(element.get("style"))
                if digest not in meta.get("style-src-attr", []) or digest not in header_styles:
                    page.append(f"style attribute not covered: {element.get('style')!r}")
            for name, value in element.attrib.items():
                if name.lower().startswith("on"):
                    page.append(f"inline event handler {name} on <{element.tag}>")
                if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                    page.append(f"javascript: URL in <{element.tag} {name}>")
        if page:
            problems[url_path_of(site, file)] = page
    return problems


@pytest.mark.parametrize("name", ["real_site", "fixture_site"])
def test_every_inline_script_of_every_page_is_allowed_by_its_hash(name, request):
    site = request.getfixturevalue(name).site
    assert len(site_pages(site)) > 20
    assert uncovered(site) == {}


def test_the_build_finds_the_scripts_a_browser_runs():
    """The build's string scan against lxml's parse, on the cases HTML distinguishes."""
    html = ('<html><head><SCRIPT type="Module">a\r\nb</script ><script src=x.js></script>'
            '<script type="application/ld+json">{"a": 1}</script><script data-src="y">c</script>'
            '<script type="application/json" id="__config">{}</script><script type=" TEXT/JavaScript ">d</script>'
            '<script language="vbscript">e</script><script nomodule>f</script></head><body></body></html>')
    expected = sorted({sha256_source(text) for text in inline_scripts(lxml.html.fromstring(html))})
    assert len(expected) == 4  # a\nb, c, d, f
    assert list(content_security_policy.inline_script_hashes(html)) == expected


def test_a_new_inline_script_is_reported(fixture_site, tmp_path):
    """The check above, on a copy of the site with one more inline script in one page."""
    site = tmp_path / "site"
    shutil.copytree(fixture_site.site, site)
    page = site / "en/members/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<script>alert(1)</script></body>"),
                    encoding="utf-8")
    assert uncovered(site) == {"en/members/": ["inline script not covered: 'alert(1)'"]}


def test_the_policy_forbids_inline_scripts_and_other_hosts(real_site):
    header = directives(header_policy(real_site.site))
    meta = directives(parse(real_site.site / "index.html").xpath(
        '//meta[@http-equiv="Content-Security-Policy"]')[0].get("content"))
    for policy in (header, meta):
        assert policy["default-src"] == ["'self'"]
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert policy["script-src"][0] == "'self'" and all(s.startswith("'sha256-") for s in policy["script-src"][1:])
        assert policy["style-src"] == ["'self'"] and policy["img-src"] == ["'self'", "data:"]
        assert policy["worker-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    # Ignored in a <meta> (with a console error), so in the header only.
    assert header["frame-ancestors"] == ["'self'"] and "frame-ancestors" not in meta


def test_material_inline_scripts_are_the_same_at_every_page_depth(real_site):
    """`extra.scope: /`: Material's storage scope, in its first inline script, no longer
    depends on the page's depth, so the whole site needs three hashes: Material's two and
    the search dialog's launcher (partials/site/search.html), the same text on every page."""
    by_depth = {}
    for file in site_pages(real_site.site):
        depth = url_path_of(real_site.site, file).count("/")
        by_depth.setdefault(depth, set()).update(sha256_source(t) for t in inline_scripts(parse(file)))
    assert len(by_depth) >= 4
    assert all(hashes == by_depth[0] for hashes in by_depth.values()), by_depth
    assert len(by_depth[0]) == 3
    assert 'new URL("/",location)' in (real_site.site / "en/news/2023/index.html").read_text(encoding="utf-8")


def test_material_storage_is_shared_by_every_page_of_both_languages(real_site):
    """Material's preferences (palette, consent, tabs) live in localStorage under its scope:
    one scope, the site root, for every page of both languages, under the policy."""
    with serve(real_site.site) as base, browser_page(base) as page:
        page.goto(base + "en/news/2023/biodiversity-friendly-city-event-ningbo/")
        assert page.evaluate("() => __md_scope.pathname") == "/"
        page.evaluate("() => __md_set('__probe', {set: 'en'})")
        page.goto(base + "members/kunming/")
        assert page.evaluate("() => __md_scope.pathname") == "/"
        assert page.evaluate("() => __md_get('__probe')") == {"set": "en"}
        assert page.outside_requests == []


def test_chromium_reports_a_script_the_policy_does_not_allow(fixture_site, tmp_path):
    """The browser tests' guard itself: an uncovered inline script fails the test."""
    site = tmp_path / "site"
    shutil.copytree(fixture_site.site, site)
    page_file = site / "en/index.html"
    page_file.write_text(page_file.read_text(encoding="utf-8").replace("</body>", "<script>1</script></body>"),
                         encoding="utf-8")
    (site / "en/index.html.gz").unlink()  # else nginx sends the unedited page's .gz
    with serve(site) as base:
        with pytest.raises(AssertionError, match="script-src"):
            with browser_page(base) as page:
                page.goto(base + "en/")


def test_style_attributes_are_allowed_by_hash_and_applied(tmp_path):
    """Markdown writes `style="text-align: …"` for aligned table columns: the page's policy
    allows exactly those values (style-src-attr), and Chromium applies them, with no violation."""
    project = make_project(tmp_path)
    edit_file(project, "docs/news/2023/normal-pair.en.md", "First paragraph.",
              "First paragraph.\n\n| Member | Joined |\n|:--|--:|\n| Kunming | 2022 |\n")
    result = build(project)
    assert result.returncode == 0, result.output
    html = result.page("en/news/2023/normal-pair/")
    assert 'style="text-align: right;"' in html
    assert uncovered(result.site) == {}
    policy = directives(parse(result.site / "en/news/2023/normal-pair/index.html").xpath(
        '//meta[@http-equiv="Content-Security-Policy"]')[0].get("content"))
    assert policy["style-src-attr"] == ["'unsafe-hashes'", *sorted(
        sha256_source(f"text-align: {side};") for side in ("left", "right"))]
    assert policy["style-src"] == ["'self'"]
    with serve(result.site) as base, browser_page(base) as page:
        page.goto(base + "en/news/2023/normal-pair/")
        assert page.locator("td").nth(1).evaluate("td => getComputedStyle(td).textAlign") == "right"


def test_live_preview_allows_its_reload_script_and_keeps_the_rest_of_the_policy(tmp_path):
    project = make_project(tmp_path)
    with live_preview(project, tmp_path / "serve.log") as (base, builds):
        with browser_page(base) as page:
            page.goto(base + "en/news/2023/normal-pair/")
            policy = directives(page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content"))
            assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
            assert policy["default-src"] == ["'self'"] and policy["img-src"] == ["'self'", "data:"]
            time.sleep(1)  # livereload's poll has started
            edit_file(project, "docs/news/2023/normal-pair.en.md", "First paragraph.", "Edited paragraph.")
            # livereload, an inline script, reloads the page by itself
            page.wait_for_function("() => document.body.textContent.includes('Edited paragraph.')", timeout=60_000)
            assert page.outside_requests == []

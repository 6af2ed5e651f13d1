"""What staff HTML may hold (multilingual_site/staff_html.py), called with plain strings:
nothing that runs code, nothing loaded from another host, however it is spelled. A browser
reads an address after decoding entities and dropping tabs and newlines, and reads CSS
through escapes: the policy must read them the same way, or a feed carries what the
site's Content-Security-Policy would have blocked."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import hook_module

policy = hook_module("staff_html")
refusals_in_html, refusals_in_svg, line_of = policy.refusals_in_html, policy.refusals_in_svg, policy.line_of

EVENT_HANDLERS = [line for line in (Path(__file__).parent / "event_handler_attributes.txt").read_text().splitlines()
                  if not line.startswith("#")]


def messages(html: str) -> list[str]:
    return [refusal.message for refusal in refusals_in_html(html)]


def svg_messages(svg: str) -> list[tuple[int | None, str]]:
    return [(refusal.line, refusal.message) for refusal in refusals_in_svg(svg.encode("utf-8"))]


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n{}\n</svg>'


# Event handlers -------------------------------------------------------------------------

def test_the_list_of_event_handlers_is_the_html_and_svg_standards():
    assert len(EVENT_HANDLERS) > 100
    assert {"onclick", "onerror", "onfocus", "ontoggle", "onbeforetoggle", "onpointerrawupdate", "onbegin"} <= set(EVENT_HANDLERS)


@pytest.mark.parametrize("handler", EVENT_HANDLERS)
def test_every_event_handler_attribute_is_refused_in_a_page(handler):
    for spelled in (handler, handler.upper()):
        assert messages(f'<p {spelled}="steal()">Hi</p>') == [
            f"the event-handler attribute {handler}= on <p> is not allowed: pages carry no scripts; remove the attribute"]


@pytest.mark.parametrize("handler", EVENT_HANDLERS)
def test_every_event_handler_attribute_is_refused_in_an_svg_image(handler):
    assert svg_messages(SVG.format(f'<rect {handler}="steal()"/>')) == [
        (2, f"the event-handler attribute {handler}= on <rect> is not allowed: pages carry no scripts; remove the attribute")]


def test_a_handler_no_standard_has_named_yet_is_refused_too():
    assert messages('<details onfuturething="x()">x</details>')[0].startswith("the event-handler attribute onfuturething=")


def test_a_refusal_of_a_handler_is_found_by_its_name():
    (refusal,) = refusals_in_html('<img src="x.jpg" onError="x()">')
    assert refusal.needle == "onerror" and refusal.line is None


# Schemes ----------------------------------------------------------------------------------

SCRIPT_SPELLINGS = [
    "javascript:alert(1)", "JavaScript:alert(1)", "JAVASCRIPT:alert(1)", "  javascript:alert(1)",
    "\njavascript:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)", "java\rscript:alert(1)",
    "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "&#106avascript:alert(1)", "&#0000106;avascript:alert(1)",
    "java&#x09;script:alert(1)", "java&#9;script:alert(1)", "java&Tab;script:alert(1)", "java&NewLine;script:alert(1)",
    "javascript&colon;alert(1)", "javascript&#58;alert(1)", "&#x01;javascript:alert(1)", "javascript:alert(1)&#x20;",
]


@pytest.mark.parametrize("address", SCRIPT_SPELLINGS)
def test_a_javascript_address_is_refused_however_it_is_spelled(address):
    assert messages(f'<a href="{address}">x</a>') == [
        "a javascript: address in href= on <a> is not allowed: link to http(s) pages and to files of the site only"]


@pytest.mark.parametrize("address, scheme", [("vbscript:msgbox(1)", "vbscript"), ("VBScript:x", "vbscript"),
                                             ("livescript:x", "livescript"), ("mocha:x", "mocha"),
                                             ("data:text/html,<script>alert(1)</script>", "data"),
                                             ("DATA:text/html;base64,PHNjcmlwdD4=", "data")])
def test_other_scripting_and_data_addresses_are_refused(address, scheme):
    assert messages(f'<a href="{address}">x</a>')[0].startswith(f"a {scheme}: address in href= on <a>")


@pytest.mark.parametrize("element", ['<a href="{}">x</a>', '<img src="{}" alt="">',
                                     '<video poster="{}"></video>', '<blockquote cite="{}">x</blockquote>',
                                     '<button formaction="{}">x</button>', '<svg><a xlink:href="{}">x</a></svg>',
                                     '<img src="a.jpg" longdesc="{}" alt="">', '<area href="{}" alt="x">'])
def test_a_javascript_address_is_refused_in_every_attribute_that_holds_one(element):
    (message,) = messages(element.format("java&#x09;script:alert(1)"))
    assert message.startswith("a javascript: address in ")


@pytest.mark.parametrize("address", ["javascript-for-beginners.html", "notes/javascript:later.html", "./javascript:x",
                                     "https://example.com/?q=javascript:", "#javascript:", "java script:x",
                                     "mailto:office@iclei.org", "https://example.com/data:x", "metadata:x"])
def test_links_that_only_look_like_scripts_are_kept(address):
    assert messages(f'<a href="{address}">x</a>') == []


def test_the_scheme_named_is_what_comes_before_the_first_colon():
    assert messages('<a href="javascript:alert(\'a:b\')">x</a>')[0].startswith("a javascript: address in href= on <a>")


def test_the_refusal_names_the_address_as_the_browser_reads_it():
    (refusal,) = refusals_in_html('<a href="java&#x09;script:alert(document.cookie)">x</a>')
    assert refusal.needle == "javascript:alert(document.cookie)"
    (refusal,) = refusals_in_html('<a href="javascript:' + "x" * 60 + '">x</a>')
    assert refusal.needle == ("javascript:" + "x" * 60)[:40]


# Other hosts --------------------------------------------------------------------------------

def test_an_image_from_another_host_is_refused_with_what_to_do_instead():
    (refusal,) = refusals_in_html('<img src="https://example.com/x.jpg" alt="">')
    assert refusal.message == (
        "<img> loading https://example.com/x.jpg from another host is not allowed: put the file under docs/ (next to the "
        "article or in docs/news/<year>/images/) and link it relatively; the site never loads anything from another host")
    assert refusal.needle == "https://example.com/x.jpg" and refusal.line is None


@pytest.mark.parametrize("address", ["https://example.com/x.jpg", "HTTP://example.com/x.jpg", "//example.com/x.jpg",
                                     " //example.com/x.jpg", "\\\\example.com\\x.jpg", "/\\example.com/x.jpg",
                                     "\\/example.com/x.jpg", "/&#x09;/example.com/x.jpg", "ftp://example.com/x.jpg"])
def test_an_image_from_another_host_is_refused_however_it_is_spelled(address):
    (message,) = messages(f'<img src="{address}" alt="">')
    assert message.startswith("<img> loading ") and "from another host is not allowed" in message


@pytest.mark.parametrize("element", ['<img srcset="{} 2x" alt="">', '<img src="a.jpg" srcset="a.jpg 1x,{} 2x" alt="">',
                                     '<img srcset="a.jpg 480w,\n  {} 960w" alt="">',
                                     '<picture><source srcset="{}"><img src="a.jpg" alt=""></picture>',
                                     '<video poster="{}"></video>', '<video><source src="{}"></video>',
                                     '<audio src="{}"></audio>', '<video><track src="{}"></video>',
                                     '<input type="image" src="{}" alt="x">', '<table background="{}"><tr><td>x</td></tr></table>',
                                     '<svg><image href="{}"/></svg>', '<svg><image xlink:href="{}"/></svg>',
                                     '<svg><use href="{}"/></svg>', '<svg><filter><feImage href="{}"/></filter></svg>'])
def test_every_way_of_loading_a_file_from_another_host_is_refused(element):
    (message,) = messages(element.format("//example.com/x.jpg"))
    assert "loading //example.com/x.jpg from another host" in message


@pytest.mark.parametrize("html", ['<img src="images/x.jpg" alt="">', '<img src="../images/x.jpg" alt="">',
                                  '<img src="/news/2024/images/x.jpg" alt="">', '<img src="images/x.jpg#top" alt="">',
                                  '<img srcset="images/x.480.jpg 480w, images/x.960.jpg 960w" alt="">',
                                  '<a href="https://example.com/">a page elsewhere</a>', '<a href="//example.com/">x</a>',
                                  '<svg><use href="#shape"/></svg>', '<svg><a href="https://example.com/">x</a></svg>',
                                  '<p style="text-align: center; color: #333">x</p>', ""])
def test_files_of_the_site_and_links_to_other_sites_are_kept(html):
    assert messages(html) == []


@pytest.mark.parametrize("address", ["data:image/png;base64,iVBORw0KGgo=", "DATA:image/svg+xml,<svg/>", " data:,x"])
def test_a_data_address_is_refused_as_an_image_too(address):
    assert messages(f'<img src="{address}" alt="">')[0].startswith("a data: address in src= on <img>")
    assert messages(f'<img src="a.jpg" srcset="{address} 2x" alt="">')[0].startswith("a data: address in srcset= on <img>")


# CSS --------------------------------------------------------------------------------------

@pytest.mark.parametrize("style", ["background-image: url(https://example.com/x.jpg)", "background: URL('x.jpg')",
                                   "background: u\\72l(x.jpg)", "background: u\\000072 l(x.jpg)", "background: \\75rl(x.jpg)",
                                   "background: ur\\l(x.jpg)", "background: u\\rl(x.jpg)", "background:/**/url(x.jpg)",
                                   "background-image: image-set('https://example.com/x.jpg' 1x)",
                                   "background-image: -webkit-image-set('x.jpg' 1x)", "width: expression(alert(1))",
                                   "behavior: url(x.htc)", "behavior:x.htc", "@import 'x.css'",
                                   "background: u&#x72;l(x.jpg)", "background: url\n(x.jpg)"])
def test_an_address_in_a_style_attribute_is_refused_however_it_is_spelled(style):
    assert messages(f'<div style="{style}">x</div>') == [
        "url(...) in a style attribute on <div> is not allowed: show an image as ![alt text](images/photo.jpg) instead"]


def test_a_style_refusal_is_found_by_the_style_as_written():
    (refusal,) = refusals_in_html('<div style="  background: u\\72l(x.jpg)  ">x</div>')
    assert refusal.needle == "background: u\\72l(x.jpg)"
    (refusal,) = refusals_in_html('<div style="color: #333; margin: 0 auto; background: url(a-long-name.jpg)">x</div>')
    assert refusal.needle == "color: #333; margin: 0 auto; background:"  # its first 40 characters


def test_an_old_internet_explorer_expression_split_by_a_comment_is_refused():
    assert messages('<div style="width: expr/* a comment */ession(alert(1))">x</div>') != []


@pytest.mark.parametrize("css, read", [("u\\72l(", "url("), ("\\0 x", "\ufffdx"), ("\\1 x", "\x01x"),
                                       ("\\10FFFF x", "\U0010ffffx"), ("\\110000 x", "\ufffdx"), ("a/* b */c", "ac"),
                                       ("a /* b", "a"), ("\\:x", ":x"), ("u\\\nrl", "url"), ("a \t\n\r\x0cb", "ab")])
def test_css_is_read_through_its_escapes_comments_and_white_space(css, read):
    assert policy.as_browsers_read_css(css) == read


# Elements ---------------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["script", "iframe", "object", "embed", "applet", "form", "base", "meta", "link", "style",
                                 "noscript", "template", "portal"])
def test_elements_that_run_code_or_embed_documents_are_refused(tag):
    found = messages(f"<div><{tag}>x</{tag}></div>")
    assert found and found[0].startswith(f"the element <{tag}> is not allowed: ")


@pytest.mark.parametrize("tag, advice", [("iframe", "embedded pages and players load another host; link to the page instead"),
                                         ("frame", "embedded pages"), ("frameset", "embedded pages"),
                                         ("object", "embedded pages and players load another host"),
                                         ("embed", "embedded pages"), ("portal", "embedded pages"),
                                         ("style", "the site's own stylesheet styles every page; remove it"),
                                         ("link", "the site's own stylesheet"),
                                         ("script", "pages carry no scripts or forms from content; remove it"),
                                         ("form", "pages carry no scripts or forms")])
def test_each_refused_element_says_what_to_do_instead(tag, advice):
    (refusal,) = refusals_in_html(f"<div><{tag}></{tag}></div>")
    assert refusal.instead.startswith(advice) and refusal.needle == f"<{tag}"


def test_scripts_in_inline_svg_are_refused():
    assert messages("<svg><script>alert(1)</script></svg>")[0].startswith("the element <script>")
    assert messages("<svg><foreignObject><p>x</p></foreignObject></svg>")[0].startswith("the element <foreignobject>")
    assert messages('<svg onload="alert(1)"></svg>')[0].startswith("the event-handler attribute onload= on <svg>")


@pytest.mark.parametrize("attribute", ["href", "xlink:href", "HREF", "onclick", "onbegin"])
def test_an_svg_animation_that_changes_a_link_or_adds_a_handler_is_refused(attribute):
    animation = f'<a href="#x"><set attributeName="{attribute}" to="javascript:alert(1)"/>x</a>'
    assert messages(f"<svg>{animation}</svg>") == [
        f"<set> changing {attribute}= is not allowed: images and pages carry no scripts; remove the animation"]
    assert svg_messages(SVG.format(animation)) == [
        (2, f"<set> changing {attribute}= is not allowed: images and pages carry no scripts; remove the animation")]
    assert [r.needle for r in refusals_in_html(f"<svg>{animation}</svg>")] == ["attributename"]


def test_an_svg_animation_of_a_colour_is_kept():
    assert messages('<svg><rect><animate attributeName="fill" values="red;blue" dur="2s"/></rect></svg>') == []


def test_a_comment_is_not_an_element_and_hides_nothing_after_it():
    assert messages("<p>x<!-- <script>alert(1)</script> --></p>") == []
    assert messages("<p>x<!-- a note --></p><script>alert(1)</script>")[0].startswith("the element <script>")


def test_a_refusal_in_a_page_body_has_no_line_of_its_own():
    assert [r.line for r in refusals_in_html("<p>\n\n<script></script></p>")] == [None]


# SVG files --------------------------------------------------------------------------------

@pytest.mark.parametrize("inside, message", [
    ("<script>alert(1)</script>", "the element <script> is not allowed: images carry no scripts; remove it"),
    ('<script xlink:href="x.js"/>', "the element <script> is not allowed: images carry no scripts; remove it"),
    ("<foreignObject><div/></foreignObject>", "the element <foreignobject> is not allowed: images carry no scripts; remove it"),
    ("<iframe/>", "the element <iframe> is not allowed: images carry no scripts; remove it"),
    ('<image href="https://example.com/x.png"/>',
     "<image> referring to https://example.com/x.png from an SVG image is not allowed: images load nothing else; "
     "keep only references within the file (#id)"),
    ('<image xlink:href="//example.com/x.png"/>', "<image> referring to //example.com/x.png from an SVG image is not allowed"),
    ('<use href="other.svg#shape"/>', "<use> referring to other.svg#shape from an SVG image is not allowed"),
    ('<image href="data:image/png;base64,AAAA"/>', "<image> referring to data:image/png;base64,AAAA from an SVG image"),
    ('<a href="javascript:alert(1)"><text>x</text></a>', "a javascript: address in href= on <a> is not allowed"),
    ('<a xlink:href="java&#x09;script:alert(1)"><text>x</text></a>', "a javascript: address in xlink:href= on <a>"),
    ("<style>rect { fill: url(https://example.com/p.svg#g) }</style>", "url(...) or @import in an SVG <style> is not allowed"),
    ("<style>@import 'x.css';</style>", "url(...) or @import in an SVG <style> is not allowed: images load nothing else"),
    ("<style>rect { fill: u\\72l(x.svg#g) }</style>", "url(...) or @import in an SVG <style> is not allowed"),
    ('<rect style="fill: url(https://example.com/p.svg#g)"/>', "url(...) in a style attribute on <rect> is not allowed"),
])
def test_an_svg_image_with_a_script_or_an_outside_reference_is_refused_with_its_line(inside, message):
    found = svg_messages(SVG.format(inside))
    assert found and all(line == 2 for line, _ in found) and found[0][1].startswith(message), found


def test_every_problem_of_an_svg_element_is_named_and_a_comment_hides_none():
    assert svg_messages(SVG.format('<!-- drawn by hand -->\n<image href="https://example.com/x.png" onload="alert(1)"/>')) == [
        (3, "<image> referring to https://example.com/x.png from an SVG image is not allowed: images load nothing else; "
            "keep only references within the file (#id)"),
        (3, "the event-handler attribute onload= on <image> is not allowed: pages carry no scripts; remove the attribute")]


def test_an_svg_element_loading_a_file_by_src_is_refused_on_its_line():
    assert svg_messages(SVG.format('<foreignThing src="https://example.com/x.js"/>')) == [
        (2, "<foreignthing> loading https://example.com/x.js from another host is not allowed: put the file under docs/ "
            "(next to the article or in docs/news/<year>/images/) and link it relatively; the site never loads anything "
            "from another host")]


def test_xlink_attributes_other_than_href_are_no_references():
    assert svg_messages(SVG.format('<a xlink:title="ICLEI" xlink:href="#logo"><rect xlink:title="logo"/></a>')) == []


def test_a_clean_svg_image_is_kept():
    assert svg_messages(SVG.format(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>\n'
        '<rect width="10" height="10" fill="#13683f"/><use href="#g"/><use xlink:href=" #g"/>\n'
        '<a href="https://iclei.org/"><text>ICLEI</text></a><style>rect { fill: #13683f }</style>')) == []


def test_an_svg_image_with_declarations_in_a_doctype_is_refused_without_reading_them():
    for svg in ('<!DOCTYPE svg [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<svg xmlns="http://www.w3.org/2000/svg">&e;</svg>',
                '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'):
        assert svg_messages(svg) == [(1, "a DOCTYPE with declarations in an SVG file is not allowed: "
                                         "save the SVG without a DOCTYPE (entities can hide content)")]


def test_an_svg_file_that_is_not_xml_is_refused_with_the_line_of_the_mistake():
    ((line, message),) = svg_messages('<svg xmlns="http://www.w3.org/2000/svg">\n<rect>\n\n</svg>')
    assert line == 4 and message.startswith("an SVG file that is not well-formed XML is not allowed: save it again")
    ((line, _),) = svg_messages("")
    assert line == 1


# Lines ------------------------------------------------------------------------------------

SOURCE = ["---", "title: go on error pages", "---", "", "First paragraph, about onerror handlers? no.",
          '<a href="java&#x09;script:alert(1)">x</a>', '<img alt="x"', '     src="//example.com/a.jpg">',
          '<a href="java', 'script:steal()">y</a>', '<a href="java', 'script:steal()">again</a>',
          "Never use a javascript alert(1) box."]


@pytest.mark.parametrize("needle, line", [
    ("//example.com/a.jpg", 8),  # as written
    ("SRC=", 8),  # case aside
    ("javascript:alert(1)", 6),  # as a browser reads it: the entity decoded
    ("javascript:steal()", 9),  # split over two lines: the line where it starts
    ("onerror", 5), ("not in the page", 1), ("", 1),
])
def test_a_refusal_is_found_on_the_line_that_holds_it(needle, line):
    assert line_of(needle, SOURCE) == line


def test_every_refusal_of_a_page_is_found_on_its_own_line():
    page = "\n".join(SOURCE[5:10])
    assert [line_of(r.needle, SOURCE) for r in refusals_in_html(page)] == [6, 8, 9]


@pytest.mark.parametrize("needle, lines, line", [
    ("javascript:x", ["ab", "java&#115;cript:x"], 2),  # found where a line starts: that line
    ("javascript:x", ["", "java&#115;cript:x"], 2),  # after an empty line
    (" ", ["", "x"], 1), (" ", ["a", "bc"], 1),  # nothing to look for once white space is left out
    ("javascript:alert(1)", ["Never use a javascript alert(1) box.", '<a href="java&#x09;script:alert(1)">x</a>'], 2),
])
def test_a_refusal_found_as_a_browser_reads_it_is_on_the_line_where_it_starts(needle, lines, line):
    assert line_of(needle, lines) == line

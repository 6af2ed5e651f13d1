"""The monthly newsletter as e-mail, one per language (`make newsletter`, tools/newsletter.py).

What a mailing tool (listmonk, Mailchimp) imports, or a mail program sends as it is:
- the HTML (`overrides/partials/newsletter/email.html`): every CSS rule inlined by css-inline
  (only the dark-mode rules stay in a <style> block), every link and image absolute under
  `site_url` but the unsubscribe link, which is the mailing tool's merge tag (mkdocs.yml,
  `extra.newsletter.unsubscribe`); under MAIL_LIMIT, so Gmail does not clip it (at 102 KB);
- the plain text (`email-text.html`), the same words, every address written out;
- the `.eml`: MIME multipart/alternative, both parts UTF-8 (base64: any mail server carries
  it), the Subject in the language, `X-Unsent: 1` so that Outlook and Thunderbird open it as a
  draft to send. No Date or Message-ID (the tool sending it adds them; no clock in output),
  and a boundary made from the content: the same issue gives the same bytes.
The issue's data is newsletters.py's, as on its web archive page; the links are absolute
(channels.AbsoluteLinks).
"""

from __future__ import annotations

import email.policy
import hashlib
import re
from dataclasses import dataclass
from email.message import EmailMessage

import css_inline
import jinja2
import lxml.html

from . import newsletters
from .channels import ChannelError, Site
from .feed_writer import feed_paths
from .i18n import language_root
from .newsletters import Month, archive_path
from .photos import SHARE_WIDTH
from .views import article_path, shown_in

MAIL_ARTICLES = 12  # listed in full; the others are counted, with a link to the web archive
MAIL_LIMIT = 100 * 1024  # bytes of HTML: Gmail clips a message whose HTML passes 102 KB
COLUMN = 592  # px: the 640 px page less its 24 px padding on each side
TEMPLATES = "partials/newsletter"


@dataclass(frozen=True)
class Mail:
    lang: str
    tag: str  # BCP 47, the message's Content-Language
    subject: str
    html: str
    text: str

    @property
    def eml(self) -> bytes:
        return message(self)


def environments(site: Site) -> tuple[jinja2.Environment, jinja2.Environment]:
    """The templates' environments: HTML escaped, plain text not (it is text/plain)."""
    html_env = site.templates()
    text_env = html_env.overlay(autoescape=False)
    return html_env, text_env


def _cover(site: Site, article) -> dict | None:
    """The cover as one JPEG (or PNG) size the site publishes, shown at most COLUMN px wide."""
    photo = site.photo(article.cover_src_uri)
    if photo is None:
        return None
    size = photo.fallback(SHARE_WIDTH)
    width = min(COLUMN, size.width)
    return {"src": site.site_url + size.path, "width": width, "height": round(size.height * width / size.width)}


def issue_data(site: Site, lang: str, month: Month) -> dict:
    """What both parts of one language's e-mail say."""
    content, strings, link = site.content, site.strings, site.links(lang)
    language = site.languages[lang]
    words = newsletters.words(strings, lang)
    month_name = month.name(language.cldr)
    articles = newsletters.articles_of(content, lang, month)
    root = language_root(lang, site.languages.default.code)
    rss, atom = feed_paths(root, "news")
    unsubscribe = newsletters.settings(site.config.get("extra")).unsubscribe
    if not unsubscribe:
        raise ChannelError("mkdocs.yml: extra.newsletter.unsubscribe: give the mailing tool's unsubscribe merge tag, "
                           "like {{ UnsubscribeURL }} (listmonk) or *|UNSUB|* (Mailchimp)")
    return {
        "lang": lang, "tag": language.tag, "script": language.script,
        "subject": newsletters.title(strings, lang, month_name), "month_name": month_name,
        "site_name": strings[lang]["site_name"], "copyright": strings[lang]["copyright"],
        "intro": words["intro"].format(site=strings[lang]["site_name"], month=month_name),
        "words": words, "t": strings[lang],
        "articles": [{"title": a.meta.title, "url": link(article_path(a)), "date": a.meta.date,
                      "category": content.categories[a.meta.category].label.get(lang), "excerpt": a.excerpt,
                      "cover": _cover(site, a), "shown_in": shown_in(a, content)}
                     for a in articles[:MAIL_ARTICLES]],
        "more": max(0, len(articles) - MAIL_ARTICLES),
        "events": newsletters.event_entries(newsletters.coming_events(content, lang, month), link),
        "links": {"site": link("index.md"), "archive": link(archive_path(month)), "rss": link.asset(rss),
                  "atom": link.asset(atom), "calendar": link.asset(f"{root}calendar.ics")},
        "unsubscribe": unsubscribe,
    }


_INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
# css-inline puts the rules it keeps first in <head>; moved to its end, so that the charset
# stays in the first 1024 bytes, where a browser opening the .html file looks for it.
_KEPT_RULES = re.compile(r"(<head>)(<style>.*?</style>)(.*?)(</head>)", re.S)


def mail(site: Site, lang: str, month: Month, html_env: jinja2.Environment, text_env: jinja2.Environment) -> Mail:
    """One language's e-mail; ChannelError if it breaks a rule mail clients set."""
    data = issue_data(site, lang, month)
    html = _KEPT_RULES.sub(r"\1\3\2\4", _INLINER.inline(html_env.get_template(f"{TEMPLATES}/email.html").render(data)), count=1)
    text = text_env.get_template(f"{TEMPLATES}/email-text.html").render(data)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    _check(html, site.site_url, data["unsubscribe"], lang)
    return Mail(lang, data["tag"], data["subject"], html, text)


def _check(html: str, site_url: str, unsubscribe: str, lang: str) -> None:
    """What mail clients need, checked on the result rather than trusted from the template."""
    size = len(html.encode("utf-8"))
    if size >= MAIL_LIMIT:
        raise ChannelError(f"the {lang} newsletter's HTML is {size // 1024} KB; mail clients clip it above "
                           f"{MAIL_LIMIT // 1024} KB (Gmail): list fewer articles (newsletter_mail.MAIL_ARTICLES)")
    tree = lxml.html.document_fromstring(html)
    for element, attribute, address, _ in tree.iterlinks():
        if attribute in ("href", "src") and address != unsubscribe and not address.startswith(site_url):
            raise ChannelError(f"the {lang} newsletter links {address!r}, which is not under {site_url}")


def message(mail: Mail) -> bytes:
    """The .eml: multipart/alternative, plain text then HTML (the last part is the preferred one)."""
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["Subject"] = mail.subject
    msg["X-Unsent"] = "1"
    msg.set_content(mail.text, subtype="plain", charset="utf-8", cte="base64")
    msg.add_alternative(mail.html, subtype="html", charset="utf-8", cte="base64")
    msg["Content-Language"] = mail.tag  # after the parts: setting content clears the Content-* headers
    msg.set_boundary("=_" + hashlib.sha256((mail.text + mail.html).encode("utf-8")).hexdigest()[:40])
    return msg.as_bytes()

"""Is a feed valid? An offline stand-in for the W3C Feed Validation Service.

The W3C service (rubys/feedvalidator) is Python 2 code, packaged nowhere, and the machines
the tests run on reach no web service, so this module checks the same rules itself (written
from the service's documented messages, not from its code). `check_feed(data, url, language_tag)` returns the problems of one RSS 2.0 or Atom
1.0 document as served at `url` for readers of `language_tag`; `check_pair(rss, atom)` those
between the two documents of one feed. Each problem names its rule; `RULES` lists the rules,
each with the names of the W3C service's messages it stands for (its documentation lists
them under docs/error/ and docs/warning/).

- Atom is validated against RFC 4287's RELAX NG schema (tests/schemas/atom.rnc, converted
  with rnc2rng and checked by libxml2), then against the rules of the RFC's text and the
  W3C service that the schema cannot express (ids, dates, links, authors, summaries, text).
- RSS 2.0 has no schema: the rules are those the W3C service reports as errors, and the
  warnings that can bite a feed reader: RFC 822 dates, absolute URLs, the self link, the
  language, unique guids, HTML that readers keep, plain text without markup.
- Both: well-formed XML 1.0 in UTF-8 with an XML declaration, no DOCTYPE, no stray C1
  control characters, known namespaces under their usual prefixes.

Where this module is stricter than the W3C service, our feeds can afford it (URLs are
http(s) and absolute everywhere, no xml:base, one language tag per feed, a smaller set of
HTML elements). What it does not check, compared with the service:
- HTTP: the media type and charset a server sends, redirects (tests/test_serving.py checks ours);
- HTML parse errors (the service's NotHtml on broken HTML): Python's HTML parser repairs what
  it reads; only the elements, attributes, styles and URLs are checked;
- the RSS Advisory Board profile's CharacterData advice (write & and < in plain text as &#x26;
  and &#x3C;): tests/test_feeds.py keeps titles escaped once, as &amp; and &lt;;
- DuplicateUpdated (two entries updated at the same second): articles have a day, not a time;
- the extension vocabularies the service knows (iTunes, Media RSS, GeoRSS, Dublin Core's
  values...): our feeds use only Atom, content:encoded and dc:creator; the elements of the few
  other namespaces in KNOWN_NAMESPACES pass unchecked, and any other namespace is refused;
- RSS cloud, textInput, skipHours and skipDays beyond their place (our feeds have none);
- xml:base (our feeds have none, so every URL must be absolute: stricter than the service).
"""

from __future__ import annotations

import datetime as dt
import html.entities
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import lxml.etree as ET
import lxml.html
import pycountry
import rnc2rng

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
XML = "http://www.w3.org/XML/1998/namespace"
XHTML = "http://www.w3.org/1999/xhtml"
SCHEMA = Path(__file__).parent / "schemas" / "atom.rnc"
MAX_BYTES = 2_000_000  # the W3C service reads no more of a feed (its MAXDATALENGTH)


@dataclass(frozen=True)
class Rule:
    name: str
    valid_when: str  # what a valid feed does
    w3c: tuple[str, ...] = ()  # the W3C service's messages this rule stands for; () for ours alone


RULES = {rule.name: rule for rule in (
    Rule("size", "the document is at most 2,000,000 bytes, all the W3C service reads", ("ValidatorLimit",)),
    Rule("xml", "well-formed XML 1.0 in UTF-8, opening with an XML declaration that names UTF-8; no "
         "DOCTYPE or entity of its own",
         ("SAXError", "BadXmlVersion", "UnicodeError", "UnknownEncoding", "NotUTF8", "MissingEncoding",
          "ContainsSystemEntity", "UndefinedNamedEntity")),
    Rule("characters", "no C1 control character (U+0080-U+009F, cp1252 read as Latin-1) or U+FFFD in any "
         "text, attribute or HTML character reference", ("BadCharacters",)),
    Rule("namespaces", "every element and attribute is in no namespace or a known one, and a prefix that "
         "names a known namespace (content:, dc:, atom:...) is bound to it",
         ("UnknownNamespace", "ReservedPrefix", "InvalidNamespace", "MissingNamespace")),
    # RSS 2.0
    Rule("rss-root", "<rss version=\"2.0\"> holds exactly one <channel>",
         ("InvalidRSSVersion", "MissingAttribute", "MissingElement", "UndefinedElement", "DuplicateElement")),
    Rule("rss-elements", "channel and item hold only RSS 2.0's elements (and namespaced extensions), each "
         "at most once where RSS allows one, every item after the channel's own elements; no text between "
         "them; an element holding text has no child element (HTML is escaped, never markup)",
         ("UndefinedElement", "DuplicateElement", "MisplacedItem", "UnexpectedText")),
    Rule("rss-channel", "the channel has a title, a link and a description, none blank; an image has a "
         "url, a title and a link; managingEditor and webMaster are e-mail addresses",
         ("MissingTitle", "MissingLink", "MissingDescription", "MissingElement", "NotBlank", "InvalidContact")),
    Rule("rss-item", "each item has a title or a description; a title or category is not blank; an "
         "author is an e-mail address", ("ItemMustContainTitleOrDescription", "NotBlank", "InvalidContact")),
    Rule("rss-dates", "pubDate and lastBuildDate are RFC 822 dates in RFC 2822's strict form (Wed, 02 Oct "
         "2002 15:00:00 +0800): four-digit year, the right day name, a real day and time, a numeric or "
         "named time zone; after 1990 and not in the future",
         ("InvalidRFC2822Date", "IncorrectDOW", "ProblematicalRFC822Date", "ImplausibleDate")),
    Rule("rss-urls", "channel and item links, comments, docs, image, source and enclosure URLs are "
         "absolute http(s) URLs of URI characters", ("InvalidFullLink", "InvalidURLAttribute", "InvalidURI")),
    Rule("rss-guid", "every item has a guid, unique in the feed; isPermaLink is true or false; a permalink "
         "guid is an absolute http(s) URL, not a tag: or urn:uuid: URI",
         ("MissingGuid", "DuplicateValue", "InvalidBooleanAttribute", "InvalidHttpGUID", "InvalidPermalink",
          "NotSufficientlyUnique")),
    Rule("rss-enclosure", "an enclosure has an absolute http(s) url, a non-negative integer length and a "
         "media type", ("MissingAttribute", "InvalidURLAttribute", "InvalidIntegerAttribute",
                        "InvalidNonNegativeInteger", "UseZeroForUnknown", "InvalidMIMEAttribute")),
    # both formats
    Rule("self-link", "the channel (RSS, as atom:link) or feed (Atom) has one link rel=\"self\" of the "
         "feed's own media type whose href is the address the feed is served at",
         ("MissingAtomSelfLink", "MissingSelf", "SelfDoesntMatchLocation", "SelfNotAtom", "RelativeSelf")),
    Rule("language", "the feed's language (RSS <language>, Atom xml:lang on the feed) is the site's BCP 47 "
         "tag for the feed's language; every language tag is valid BCP 47 (RFC 5646: well-formed, with a "
         "language of ISO 639, a script of ISO 15924, a region of ISO 3166 or UN M.49), hreflang too",
         ("InvalidLanguage", "MissingDCLanguage")),
    Rule("plain-text", "plain text (RSS titles, channel description, categories, copyright; Atom text "
         "constructs of type text, names, category labels) holds no HTML: no end tag of an HTML element, no HTML "
         "character reference left over from escaping twice",
         ("ContainsHTML", "ContainsUndeclaredHTML", "NotInline")),
    Rule("html", "HTML (RSS item description and content:encoded, Atom type=\"html\") holds only elements "
         "and attributes that feed readers keep (a subset of those the W3C service accepts), no script: "
         "URL and only simple inline styles",
         ("NotHtml", "SecurityRisk", "SecurityRiskAttr", "DangerousStyleAttr")),
    Rule("html-urls", "every URL in that HTML (href, src, srcset, cite, poster...) is absolute",
         ("ContainsRelRef", "InvalidUriChar")),
    # Atom
    Rule("atom-schema", "the document is valid against RFC 4287's RELAX NG schema",
         ("MissingElement", "UndefinedElement", "DuplicateElement", "InvalidTextType", "MissingXhtmlDiv",
          "MissingHref", "InvalidMIMEType", "InvalidContact")),
    Rule("atom-ids", "the feed's and entries' ids are absolute IRIs (RFC 3987; tag: URIs by RFC 4151) "
         "without surrounding white space, in canonical form (RFC 3986 section 6), entry ids unique",
         ("InvalidIRI", "InvalidTAG", "InvalidURN", "NonCanonicalURI", "UnexpectedWhitespace",
          "DuplicateEntries", "DuplicateIds")),
    Rule("atom-dates", "updated and published are RFC 3339 date-times with a time zone, after 1990 and not "
         "in the future", ("InvalidRFC3339Date", "ImplausibleDate", "UnexpectedWhitespace")),
    Rule("atom-links", "every link's href is an absolute IRI; its rel a registered name or an IRI, its "
         "length a non-negative integer; one alternate link per type and hreflang; an entry without "
         "content has an alternate link",
         ("InvalidIRI", "UnregisteredAtomLinkRel", "InvalidNonNegativeInteger", "DuplicateAtomLink",
          "MissingContentOrAlternate")),
    Rule("atom-author", "the feed has an author, or else every entry has one (RFC 4287 4.1.1)",
         ("MissingElement",)),
    Rule("atom-text", "titles, inline content and category terms are not blank; an entry whose content is "
         "not inline text (src, or a media type read as base64) has a summary, and one without content a "
         "summary", ("NotBlank", "MissingSummary", "MissingTextualContent")),
    # the two documents of a feed (ours: the W3C service reads one document at a time)
    Rule("pair", "the RSS and Atom documents of a feed list the same articles in the same order: guid and "
         "id, link, title, date, and the same summary text (the RSS description read as HTML, as readers "
         "read it; the Atom summary read by its type)"),
)}
@dataclass(frozen=True)
class Problem:
    rule: str
    where: str  # "line 12 <pubDate>" or "" for the whole document
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.where}: {self.message}" if self.where else f"{self.rule}: {self.message}"


def check_feed(data: bytes, url: str, language_tag: str, now: dt.datetime | None = None) -> list[Problem]:
    """Every problem of one RSS 2.0 or Atom 1.0 document, served at the absolute `url` for
    readers of `language_tag`; dates are plausible up to `now` (the clock by default)."""
    problems: list[Problem] = []
    if len(data) > MAX_BYTES:
        problems.append(Problem("size", "", f"{len(data)} bytes, over {MAX_BYTES}"))
    root = _parse(data, problems)
    if root is None:
        return problems
    now = now or dt.datetime.now(dt.timezone.utc)
    checker = _Checker(root, url, language_tag, now, problems)
    checker.check_common()
    if root.tag == "rss":
        checker.check_rss()
    elif root.tag == f"{{{ATOM}}}feed":
        checker.check_atom()
    else:
        problems.append(Problem("rss-root", _where(root), f"the root is <{root.tag}>, neither <rss> nor Atom's <feed>"))
    return problems


# ---------------------------------------------------------------------------------------------
# XML


_DECLARATION = re.compile(rb"""<\?xml\s+version\s*=\s*(["'])(?P<version>[^"']*)\1(?:\s+encoding\s*=\s*(["'])(?P<encoding>[^"']*)\3)?""")


def _parse(data: bytes, problems: list[Problem]):
    body = data.removeprefix(b"\xef\xbb\xbf")
    declaration = _DECLARATION.match(body)
    if not declaration:
        problems.append(Problem("xml", "line 1", "no XML declaration (<?xml version=\"1.0\" encoding=\"UTF-8\"?>)"))
    else:
        if declaration["version"] != b"1.0":
            problems.append(Problem("xml", "line 1", f"XML version {declaration['version'].decode()!r}, not 1.0"))
        if (declaration["encoding"] or b"").lower() not in (b"utf-8", b"utf8"):
            problems.append(Problem("xml", "line 1", "the XML declaration does not name the encoding UTF-8"))
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem("xml", "", f"not UTF-8: {error}"))
        return None
    # No DTD, no entity resolution, no network, no repair: what a strict reader accepts.
    parser = ET.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, recover=False, huge_tree=False)
    try:
        root = ET.fromstring(data, parser)
    except ET.XMLSyntaxError as error:
        problems.append(Problem("xml", f"line {error.lineno}", f"not well-formed: {error.msg}"))
        return None
    if root.getroottree().docinfo.doctype:
        problems.append(Problem("xml", "line 1", "a DOCTYPE: feeds declare no DTD, and readers load none"))
    if any(isinstance(node, ET._Entity) for node in root.iter()):
        problems.append(Problem("xml", "", "an entity reference that XML does not define"))
    return root


def _where(element) -> str:
    tag = element.tag if isinstance(element.tag, str) else "?"
    name = ET.QName(tag).localname
    prefix = element.prefix
    return f"line {element.sourceline} <{prefix + ':' if prefix else ''}{name}>"


def _text(element) -> str:
    """An element's text (its text nodes only, as a reader of plain text gets it)."""
    return "".join(element.itertext()) if element is not None else ""


# ---------------------------------------------------------------------------------------------
# Values: dates, URIs, language tags


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ZONES = {"UT": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}
# RFC 2822's form (section 3.3) without its obsolete parts; the W3C service calls anything else
# "problematical" (two-digit years, lower case, comments, military zones). Like the service, a
# numeric zone's minutes are :00 or :30.
_RFC822 = re.compile(r"(?:(?P<day>[A-Z][a-z]{2}), )?(?P<date>\d{1,2}) (?P<month>[A-Z][a-z]{2}) (?P<year>\d{4}) "
                     r"(?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d))? "
                     r"(?P<zone>[+-]\d\d[03]0|[A-Z]{1,3})")


def rfc822_moment(value: str) -> dt.datetime | str:
    """The moment a strict RFC 822 date names, or why `value` is none."""
    match = _RFC822.fullmatch(value)
    if not match or match["month"] not in _MONTHS or (match["day"] and match["day"] not in _DAYS) \
            or not (match["zone"][0] in "+-" or match["zone"] in _ZONES):
        return f"{value!r} is not an RFC 822 date such as 'Wed, 02 Oct 2002 15:00:00 +0800'"
    zone = match["zone"]
    offset = dt.timedelta(hours=_ZONES[zone]) if zone in _ZONES else \
        (1 if zone[0] == "+" else -1) * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:]))
    try:
        moment = dt.datetime(int(match["year"]), _MONTHS.index(match["month"]) + 1, int(match["date"]),
                             int(match["hour"]), int(match["minute"]), int(match["second"] or 0),
                             tzinfo=dt.timezone(offset))
    except ValueError as error:
        return f"{value!r} is no real date or time ({error})"
    if match["day"] and _DAYS[moment.weekday()] != match["day"]:
        return f"{value!r}: that day is a {_DAYS[moment.weekday()]}, not a {match['day']}"
    return moment


def rfc822_problem(value: str, now: dt.datetime) -> str | None:
    """Why `value` is not a strict RFC 822 date of a plausible moment, or None."""
    moment = rfc822_moment(value)
    return moment if isinstance(moment, str) else _implausible(moment, value, now)


_RFC3339 = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)")


def rfc3339_problem(value: str, now: dt.datetime) -> str | None:
    """Why `value` is not an RFC 3339 date-time (with its time zone), or None."""
    if value != value.strip():
        return f"{value!r} has white space around it"
    match = _RFC3339.fullmatch(value)
    if not match:
        return f"{value!r} is not an RFC 3339 date-time such as '2002-10-02T15:00:00+08:00'"
    zone = match[8]
    try:
        offset = dt.timedelta(0) if zone == "Z" else \
            (1 if zone[0] == "+" else -1) * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
        moment = dt.datetime(*(int(part) for part in match.groups()[:6]), tzinfo=dt.timezone(offset))
    except ValueError as error:
        return f"{value!r} is no real date or time ({error})"
    if int(zone[1:3] if zone != "Z" else 0) > 23 or int(zone[4:6] if zone != "Z" else 0) > 59:
        return f"{value!r}: no such time zone"
    return _implausible(moment, value, now)


def _implausible(moment: dt.datetime, value: str, now: dt.datetime) -> str | None:
    # The W3C service's ImplausibleDate: before 1990, or more than ten minutes ahead of its clock.
    if moment.year < 1990 or moment > now + dt.timedelta(minutes=10):
        return f"{value!r} is implausible: before 1990 or in the future"
    return None


# RFC 3987's IRI grammar (section 2.2), absolute form; with ascii=True, RFC 3986's URI.
_UCSCHAR = ("\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef" + "".join(
    f"{chr(plane << 16)}-{chr((plane << 16) + 0xfffd)}" for plane in range(1, 14)) + "\U000e1000-\U000efffd")
_IPRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"


def _iri_pattern(ascii: bool) -> re.Pattern:
    unreserved = r"A-Za-z0-9\-._~" + ("" if ascii else _UCSCHAR)
    sub_delims = r"!$&'()*+,;="
    pct = r"%[0-9A-Fa-f]{2}"
    pchar = f"(?:[{unreserved}{sub_delims}:@]|{pct})"
    userinfo = f"(?:[{unreserved}{sub_delims}:]|{pct})*"
    host = rf"(?:\[[0-9A-Fa-f:.]+\]|\[v[0-9A-Fa-f]+\.[{unreserved}{sub_delims}:]+\]|(?:[{unreserved}{sub_delims}]|{pct})*)"
    hier = (rf"(?://(?:{userinfo}@)?{host}(?::\d*)?(?:/{pchar}*)*"
            rf"|/(?:{pchar}+(?:/{pchar}*)*)?|{pchar}+(?:/{pchar}*)*|)")
    query = rf"(?:\?(?:{pchar}|[/?{'' if ascii else _IPRIVATE}])*)?"
    fragment = rf"(?:#(?:{pchar}|[/?])*)?"
    return re.compile(rf"[A-Za-z][A-Za-z0-9+\-.]*:{hier}{query}{fragment}")


_IRI, _URI = _iri_pattern(ascii=False), _iri_pattern(ascii=True)
# RFC 4151: tag:<DNS name or e-mail address>,<date>:<specific>[#fragment]
_DNSNAME = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
_TAG_PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})"
_TAG = re.compile(rf"tag:(?:{_DNSNAME}|[^@\s]+@{_DNSNAME}),(?P<year>\d{{4}})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?"
                  rf":(?:{_TAG_PCHAR}|[/?])*(?:#(?:{_TAG_PCHAR}|[/?])*)?")


def iri_problem(value: str) -> str | None:
    """Why `value` is not an absolute IRI (a tag: URI by RFC 4151), or None."""
    if not _IRI.fullmatch(value):
        return f"{value!r} is not an absolute IRI"
    if value.lower().startswith("tag:"):
        match = _TAG.fullmatch(value)
        if not match:
            return f"{value!r} is not a tag: URI (RFC 4151: tag:<domain>,<date>:<specific>)"
        try:
            dt.date(int(match["year"]), int(match["month"] or 1), int(match["day"] or 1))
        except ValueError:
            return f"{value!r}: its date is no real date"
    return None


def url_problem(value: str) -> str | None:
    """Why `value` is not an absolute http(s) URL of URI characters, or None."""
    parts = urlsplit(value)
    if not _URI.fullmatch(value) or parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{value!r} is not an absolute http(s) URL"
    return None


_UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_uri(value: str) -> str | None:
    """`value` in RFC 3986's normal form (section 6.2.2-6.2.3): scheme and host in lower case,
    percent-escapes in upper case and only where needed, no dot segments, no default port, an
    empty http path as "/"; None for what is not an ASCII URI (the W3C service cannot
    normalize IRIs, and says so)."""
    if not _URI.fullmatch(value):
        return None

    def escapes(part: str) -> str:
        return re.sub(r"%([0-9A-Fa-f]{2})", lambda m: chr(int(m[1], 16)) if chr(int(m[1], 16)) in _UNRESERVED
                      else "%" + m[1].upper(), part)

    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    path = escapes(parts.path)
    authority = ""
    if value[len(parts.scheme) + 1:].startswith("//"):
        userinfo, _, hostport = parts.netloc.rpartition("@")
        host, _, port = hostport.rpartition(":") if re.search(r":\d*$", hostport) else (hostport, "", "")
        if port == "" or (port.isdigit() and int(port) == _DEFAULT_PORTS.get(scheme)):
            port = ""
        authority = "//" + (escapes(userinfo) + "@" if userinfo else "") + escapes(host).lower() + (":" + port if port else "")
        path = _remove_dot_segments(path) or ("/" if scheme in _DEFAULT_PORTS else "")
    before_fragment = value.partition("#")[0]
    return (scheme + ":" + authority + path
            + ("?" + escapes(parts.query) if "?" in before_fragment else "")
            + ("#" + escapes(parts.fragment) if "#" in value else ""))


def _remove_dot_segments(path: str) -> str:
    output: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(output) > 1:
                output.pop()
        elif segment != ".":
            output.append(segment)
    result = "/".join(output)
    if path.endswith(("/.", "/..")):
        result += "/"
    return result


_LANGTAG = re.compile(
    r"(?P<language>[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(?:-(?P<script>[A-Za-z]{4}))?(?:-(?P<region>[A-Za-z]{2}|\d{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?")


def language_tag_problem(tag: str) -> str | None:
    """Why `tag` is not a valid BCP 47 language tag (RFC 5646), or None. Its subtags are looked
    up in the ISO standards the IANA registry draws them from: language ISO 639, script
    ISO 15924, region ISO 3166-1 or UN M.49 (three digits)."""
    match = _LANGTAG.fullmatch(tag)
    if not match:
        return f"{tag!r} is not a well-formed BCP 47 language tag"
    language = match["language"].split("-")[0].lower()
    known = pycountry.languages.get(alpha_2=language) if len(language) == 2 else \
        pycountry.languages.get(alpha_3=language) if len(language) == 3 else None
    if known is None:
        return f"{tag!r}: {language!r} is not an ISO 639 language"
    if match["script"] and pycountry.scripts.get(alpha_4=match["script"].title()) is None:
        return f"{tag!r}: {match['script']!r} is not an ISO 15924 script"
    region = match["region"]
    if region and not region.isdigit() and pycountry.countries.get(alpha_2=region.upper()) is None:
        return f"{tag!r}: {region!r} is not an ISO 3166 region"
    return None


# ---------------------------------------------------------------------------------------------
# HTML inside feeds


# Elements and attributes readers keep: this site's Markdown and staff HTML, all of them among
# those the W3C service accepts (its HTMLValidator.acceptable_elements and _attributes).
SAFE_ELEMENTS = frozenset(
    "a abbr address article aside b blockquote br caption cite code col colgroup dd del details dfn "
    "div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img ins kbd li nav ol p pre q "
    "s samp section small span strong sub sup table tbody td tfoot th thead time tr u ul var wbr".split())
SAFE_ATTRIBUTES = frozenset(
    "abbr align alt cite class colspan datetime dir headers height href hreflang id lang open rel "
    "rowspan scope span src srcset start summary target title type valign width xml:lang style".split())
URL_ATTRIBUTES = frozenset("href src cite longdesc poster action background data usemap formaction".split())
# The one kind of style Markdown writes (table column alignment), and only that.
_SAFE_STYLE = re.compile(r"\s*(?:(?:text-align|vertical-align)\s*:\s*[a-z-]+\s*(?:;\s*|$))+")
_C1 = re.compile("[\u0080-\u009f\ufffd]")
HTML_ELEMENTS = frozenset(SAFE_ELEMENTS | set(
    "applet area audio base basefont bdi bdo big body button canvas center data datalist dialog dir embed "
    "fieldset font form frame frameset head html iframe input label legend link main map mark menu meta "
    "meter noscript object optgroup option output param picture progress rp rt ruby script search select "
    "slot source strike style summary template textarea title track tt video xmp".split()))


class _HtmlReader(HTMLParser):
    """The start tags, attributes and character references of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.charrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_charref(self, name):
        self.charrefs.append(name)


def html_problems(fragment: str) -> list[tuple[str, str]]:
    """(rule, message) for each problem of an HTML fragment as a feed carries it."""
    reader = _HtmlReader()
    reader.feed(fragment)
    reader.close()
    problems = []
    for tag, attributes in reader.tags:
        if tag not in SAFE_ELEMENTS:
            kind = "an HTML element readers strip" if tag in HTML_ELEMENTS else "not an HTML element"
            problems.append(("html", f"<{tag}>: {kind}"))
            continue
        for name, value in attributes:
            value = value or ""
            if name not in SAFE_ATTRIBUTES:
                problems.append(("html", f"<{tag} {name}>: an attribute readers strip"))
            elif name == "style" and not _SAFE_STYLE.fullmatch(value):
                problems.append(("html", f"<{tag} style={value!r}>: a style readers strip"))
            if name in URL_ATTRIBUTES or name == "srcset":
                urls = [candidate.split()[0] for candidate in value.split(",") if candidate.split()] \
                    if name == "srcset" else [value.strip()]
                for url in urls:
                    scheme = urlsplit(url).scheme.lower()
                    if scheme in ("javascript", "vbscript", "data") and name != "src":
                        problems.append(("html", f"<{tag} {name}={url!r}>: a script URL"))
                    elif not scheme or (scheme in ("http", "https") and not urlsplit(url).netloc):
                        problems.append(("html-urls", f"<{tag} {name}={url!r}>: a relative URL, dead in a feed reader"))
    for name in reader.charrefs:
        try:
            character = chr(int(name[1:], 16) if name[:1] in "xX" else int(name))
        except (ValueError, OverflowError):
            problems.append(("html", f"&#{name};: no such character"))
            continue
        if _C1.match(character):
            problems.append(("characters", f"&#{name};: a C1 control character (cp1252 read as Latin-1?)"))
    return problems


_HTML_END_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9]*)\s*>")
_HTML_REFERENCE = re.compile(r"&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def plain_text_problem(value: str) -> str | None:
    """Why plain text looks like HTML (and readers would show it differently), or None."""
    for match in _HTML_END_TAG.finditer(value):
        if match[1].lower() in HTML_ELEMENTS:
            return f"{value!r} holds the HTML end tag {match[0]}"
    for match in _HTML_REFERENCE.finditer(value):
        if match[1].startswith("#") or match[1] + ";" in html.entities.html5:
            return f"{value!r} holds the HTML reference {match[0]} (escaped twice?)"
    return None


def html_text(fragment: str) -> str:
    """The text a reader shows for an HTML fragment, white space collapsed."""
    if not fragment.strip():
        return ""
    return " ".join(lxml.html.fragment_fromstring(fragment, create_parent="div").text_content().split())


# ---------------------------------------------------------------------------------------------
# Namespaces


KNOWN_NAMESPACES = {  # namespace -> its usual prefix
    ATOM: "atom", CONTENT: "content", DC: "dc", XML: "xml", XHTML: "xhtml",
    "http://purl.org/dc/terms/": "dcterms", "http://search.yahoo.com/mrss/": "media",
    "http://purl.org/rss/1.0/modules/slash/": "slash", "http://wellformedweb.org/CommentAPI/": "wfw",
    "http://purl.org/rss/1.0/modules/syndication/": "sy",
}
_PREFIXES = {prefix: namespace for namespace, prefix in KNOWN_NAMESPACES.items()}


@cache
def atom_schema() -> ET.RelaxNG:
    """RFC 4287's schema, from its compact syntax."""
    rng = rnc2rng.dumps(rnc2rng.loads(SCHEMA.read_text(encoding="utf-8")))
    # rnc2rng 2.7.0 declares `xmlns:local=""` for the RNC's `namespace local = ""`, which XML
    # namespaces 1.0 forbid (a prefix cannot be undeclared); its output names the empty
    # namespace as ns="" and never uses the prefix.
    rng = re.sub(r'\s+xmlns:local=""', "", rng)
    return ET.RelaxNG(ET.fromstring(rng.encode("utf-8")))


# ---------------------------------------------------------------------------------------------
# The checks


CHANNEL_ONCE = frozenset("title link description language copyright managingEditor webMaster pubDate lastBuildDate "
                         "generator docs cloud ttl image rating textInput skipHours skipDays".split())
CHANNEL_ELEMENTS = CHANNEL_ONCE | {"category", "item"}
CHANNEL_CONTAINERS = frozenset("image cloud textInput skipHours skipDays item".split())
ITEM_ONCE = frozenset("title link description author comments enclosure guid pubDate source".split())
ITEM_ELEMENTS = ITEM_ONCE | {"category"}
LINK_RELATIONS = frozenset(  # IANA's link relations that Atom feeds use
    "alternate related self enclosure via first last next previous current next-archive prev-archive "
    "license replies edit edit-media hub search service up describedby payment".split())


class _Checker:
    def __init__(self, root, url: str, language_tag: str, now: dt.datetime, problems: list[Problem]):
        self.root, self.url, self.language_tag, self.now, self.problems = root, url, language_tag, now, problems

    def add(self, rule: str, element, message: str) -> None:
        self.problems.append(Problem(rule, _where(element) if element is not None else "", message))

    # -- both formats

    def check_common(self) -> None:
        for element in self.root.iter():
            if not isinstance(element.tag, str):
                continue
            for value in [element.text or "", element.tail or "", *element.attrib.values()]:
                if _C1.search(value):
                    self.add("characters", element, f"a C1 control character or U+FFFD in {value[:60]!r}")
            for prefix, namespace in element.nsmap.items():
                if prefix in _PREFIXES and namespace != _PREFIXES[prefix]:
                    self.add("namespaces", element, f"the prefix {prefix}: is bound to {namespace!r}, not {_PREFIXES[prefix]!r}")
            names = [element.tag, *element.attrib]
            for name in names:
                namespace = ET.QName(name).namespace
                if namespace and namespace not in KNOWN_NAMESPACES:
                    self.add("namespaces", element, f"{name} is in an unknown namespace")
            language = element.get(f"{{{XML}}}lang")
            if language is not None and language != "":
                problem = language_tag_problem(language)
                if problem:
                    self.add("language", element, f"xml:lang: {problem}")

    def check_html(self, element, text: str) -> None:
        for rule, message in html_problems(text):
            self.add(rule, element, message)

    def check_plain(self, element) -> None:
        if element is not None:
            problem = plain_text_problem(_text(element))
            if problem:
                self.add("plain-text", element, problem)

    def check_self(self, links, media_type: str) -> None:
        selves = [link for link in links if link.get("rel") == "self"]
        if len(selves) != 1:
            self.add("self-link", self.root, f"{len(selves)} links rel=\"self\"; a feed names its own address once")
            return
        link = selves[0]
        if link.get("type") != media_type:
            self.add("self-link", link, f"type {link.get('type')!r}, not {media_type!r}")
        if link.get("href") != self.url:
            self.add("self-link", link, f"href {link.get('href')!r} is not the feed's address {self.url!r}")

    def check_language(self, element, tag: str | None, what: str) -> None:
        if tag is None or tag == "":
            self.add("language", element, f"no {what}: readers cannot tell the feed's language")
        elif tag != self.language_tag:
            self.add("language", element, f"{what} {tag!r}, not the site's tag {self.language_tag!r} for this feed")
        elif what == "<language>":  # xml:lang is checked with every other xml:lang
            problem = language_tag_problem(tag)
            if problem:
                self.add("language", element, problem)

    # -- RSS 2.0

    def check_rss(self) -> None:
        root = self.root
        if root.get("version") != "2.0":
            self.add("rss-root", root, f"version {root.get('version')!r}, not '2.0'")
        channels = [child for child in root if child.tag == "channel"]
        others = [child for child in root if isinstance(child.tag, str) and child.tag != "channel"
                  and not ET.QName(child).namespace]
        if len(channels) != 1 or others:
            self.add("rss-root", root, f"{len(channels)} <channel> and {len(others)} other element(s); RSS holds one channel")
        if not channels:
            return
        channel = channels[0]
        self.check_rss_elements(channel, CHANNEL_ELEMENTS, CHANNEL_ONCE)
        items = channel.findall("item")
        for item in items:
            self.check_rss_elements(item, ITEM_ELEMENTS, ITEM_ONCE)
        seen_item = False
        for child in channel:
            if child.tag == "item":
                seen_item = True
            elif seen_item and isinstance(child.tag, str):
                self.add("rss-elements", child, "the channel's own elements come before its items")
                break

        for name in ("title", "link", "description"):
            element = channel.find(name)
            if element is None:
                self.add("rss-channel", channel, f"no <{name}>: RSS 2.0 requires it")
            elif not _text(element).strip():
                self.add("rss-channel", element, "blank")
        for image in channel.findall("image"):
            for name in ("url", "title", "link"):
                if image.find(name) is None:
                    self.add("rss-channel", image, f"an image without <{name}>")
        for name in ("managingEditor", "webMaster"):
            for element in channel.findall(name):
                self.check_email("rss-channel", element)
        for element in [channel.find("title"), channel.find("description"), channel.find("copyright"),
                        *channel.findall("category")]:
            self.check_plain(element)
        self.check_self(channel.findall(f"{{{ATOM}}}link"), "application/rss+xml")
        language = channel.find("language")
        self.check_language(channel, None if language is None else _text(language).strip(), "<language>")
        for element in [channel.find("pubDate"), channel.find("lastBuildDate")]:
            self.check_rfc822(element)
        for path in ("link", "docs", "image/url", "image/link"):
            for element in channel.findall(path):
                self.check_url(element, _text(element).strip())

        guids: dict[str, object] = {}
        for item in items:
            title, description = item.find("title"), item.find("description")
            if title is None and description is None:
                self.add("rss-item", item, "neither a title nor a description")
            if title is not None and not _text(title).strip():
                self.add("rss-item", title, "blank")
            self.check_plain(title)
            for category in item.findall("category"):
                if not _text(category).strip():
                    self.add("rss-item", category, "a blank category")
                self.check_plain(category)
            for author in item.findall("author"):
                self.check_email("rss-item", author)
            for element in [description, item.find(f"{{{CONTENT}}}encoded")]:
                if element is not None:
                    self.check_html(element, _text(element))
            self.check_rfc822(item.find("pubDate"))
            for path in ("link", "comments"):
                for element in item.findall(path):
                    self.check_url(element, _text(element).strip())
            for source in item.findall("source"):
                self.check_url(source, source.get("url", ""))
            for enclosure in item.findall("enclosure"):
                self.check_enclosure(enclosure)
            self.check_guid(item, guids)

    def check_rss_elements(self, parent, allowed: frozenset, once: frozenset) -> None:
        if (parent.text or "").strip():
            self.add("rss-elements", parent, f"text {parent.text.strip()[:40]!r} between elements")
        counts: dict[str, int] = {}
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            if (child.tail or "").strip():
                self.add("rss-elements", child, f"text {child.tail.strip()[:40]!r} between elements")
            namespace = ET.QName(child).namespace
            if namespace:
                continue  # an extension: its namespace is checked with every other
            if child.tag not in allowed:
                self.add("rss-elements", child, f"<{child.tag}> is not an RSS 2.0 element of <{parent.tag}>")
                continue
            counts[child.tag] = counts.get(child.tag, 0) + 1
            if child.tag in once and counts[child.tag] == 2:
                self.add("rss-elements", child, f"a second <{child.tag}>")
            if child.tag not in CHANNEL_CONTAINERS and len(child):
                self.add("rss-elements", child, f"<{child.tag}> holds the element <{child[0].tag}>: "
                         "RSS elements hold text, and HTML in them is escaped")
        for child in parent:
            if isinstance(child.tag, str) and ET.QName(child).namespace == CONTENT and len(child):
                self.add("rss-elements", child, "content:encoded holds elements: its HTML must be escaped")

    def check_email(self, rule: str, element) -> None:
        # RSS 2.0: "the email address of ..."; its examples add the name in parentheses.
        if not re.fullmatch(r"[^@\s()<>]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?: \([^()]+\))?", _text(element).strip()):
            self.add(rule, element, f"{_text(element).strip()!r} is not an e-mail address such as 'news@example.org (Name)'")

    def check_rfc822(self, element) -> None:
        if element is not None:
            problem = rfc822_problem(_text(element).strip(), self.now)
            if problem:
                self.add("rss-dates", element, problem)

    def check_url(self, element, value: str) -> None:
        problem = url_problem(value)
        if problem:
            self.add("rss-urls", element, problem)

    def check_enclosure(self, enclosure) -> None:
        problem = url_problem(enclosure.get("url", ""))
        if problem:
            self.add("rss-enclosure", enclosure, f"url: {problem}")
        if not re.fullmatch(r"\d+", enclosure.get("length", "")):
            self.add("rss-enclosure", enclosure, f"length {enclosure.get('length')!r} is not a non-negative integer")
        if not re.fullmatch(r"[^\s()<>,;:\\\"/\[\]?=]+/[^\s()<>,;:\\\"/\[\]?=]+(\s*;.*)?", enclosure.get("type", "")):
            self.add("rss-enclosure", enclosure, f"type {enclosure.get('type')!r} is not a media type")

    def check_guid(self, item, guids: dict) -> None:
        guid = item.find("guid")
        if guid is None:
            self.add("rss-guid", item, "no guid: readers cannot tell a new item from an edited one")
            return
        value = _text(guid).strip()
        permalink = guid.get("isPermaLink", "true")
        if permalink not in ("true", "false"):
            self.add("rss-guid", guid, f"isPermaLink={permalink!r}, neither 'true' nor 'false'")
        elif permalink == "true":
            problem = url_problem(value)
            if problem or value.lower().startswith(("tag:", "urn:uuid:")):
                self.add("rss-guid", guid, f"a permalink guid: {problem or repr(value) + ' is no URL'}")
        if not value:
            self.add("rss-guid", guid, "blank")
        elif value in guids:
            self.add("rss-guid", guid, f"{value!r} again (first at {_where(guids[value])})")
        else:
            guids[value] = guid

    # -- Atom 1.0

    def check_atom(self) -> None:
        feed = self.root
        schema = atom_schema()
        if not schema.validate(feed.getroottree()):
            for error in schema.error_log:
                self.problems.append(Problem("atom-schema", f"line {error.line}", error.message))
        a = f"{{{ATOM}}}"
        entries = feed.findall(a + "entry")
        self.check_language(feed, feed.get(f"{{{XML}}}lang"), "xml:lang")
        self.check_self(feed.findall(a + "link"), "application/atom+xml")

        ids: dict[str, object] = {}
        for id_element in [feed.find(a + "id"), *(entry.find(a + "id") for entry in entries)]:
            if id_element is None:
                continue  # the schema says so
            value = id_element.text or ""
            problem = iri_problem(value) if value == value.strip() else f"{value!r} has white space around it"
            if problem is None and canonical_uri(value) != value:
                problem = f"{value!r} is not in canonical form ({canonical_uri(value) or 'not an ASCII URI'})"
            if problem:
                self.add("atom-ids", id_element, problem)
            if id_element.getparent() is not feed:
                if value in ids:
                    self.add("atom-ids", id_element, f"{value!r} again (first at {_where(ids[value])})")
                ids.setdefault(value, id_element)

        for element in feed.iter(a + "updated", a + "published"):
            problem = rfc3339_problem(element.text or "", self.now)
            if problem:
                self.add("atom-dates", element, problem)

        for owner in [feed, *entries]:
            self.check_atom_links(owner)
        if feed.find(a + "author") is None:
            for entry in entries:
                if entry.find(a + "author") is None and entry.find(f"{a}source/{a}author") is None:
                    self.add("atom-author", entry, "no author here or in the feed")

        for element in feed.iter(a + "title", a + "subtitle", a + "rights", a + "summary", a + "content"):
            self.check_atom_text(element)
        for name in feed.iter(a + "name"):
            self.check_plain(name)
        for category in feed.iter(a + "category"):
            if not category.get("term", "").strip():
                self.add("atom-text", category, "a blank category term")
            label = category.get("label")
            if label is not None and plain_text_problem(label):
                self.add("plain-text", category, f"label: {plain_text_problem(label)}")
        for entry in entries:
            content, summary = entry.find(a + "content"), entry.find(a + "summary")
            if content is None:
                if summary is None:
                    self.add("atom-text", entry, "neither content nor summary: nothing to read")
                continue
            kind = content.get("type", "text")
            base64 = "/" in kind and not (kind.endswith(("+xml", "/xml")) or kind.startswith("text/"))
            if summary is None and (content.get("src") is not None or base64):
                self.add("atom-text", entry, "content that is not inline text, and no summary")

    def check_atom_links(self, owner) -> None:
        a = f"{{{ATOM}}}"
        alternates: set[tuple[str, str]] = set()
        for link in owner.findall(a + "link"):
            href, rel = link.get("href", ""), link.get("rel", "alternate")
            problem = iri_problem(href)
            if problem:
                self.add("atom-links", link, f"href: {problem}")
            if rel not in LINK_RELATIONS and iri_problem(rel):
                self.add("atom-links", link, f"rel {rel!r} is neither a registered relation nor an IRI")
            if link.get("length") is not None and not re.fullmatch(r"\d+", link.get("length")):
                self.add("atom-links", link, f"length {link.get('length')!r} is not a non-negative integer")
            if link.get("hreflang") is not None and language_tag_problem(link.get("hreflang")):
                self.add("language", link, f"hreflang: {language_tag_problem(link.get('hreflang'))}")
            if rel == "alternate":
                key = (link.get("type", ""), link.get("hreflang", ""))
                if key in alternates:
                    self.add("atom-links", link, f"a second alternate link of type {key[0]!r} and hreflang {key[1]!r}")
                alternates.add(key)
        if owner.tag == a + "entry" and not alternates and owner.find(a + "content") is None:
            self.add("atom-links", owner, "no content and no alternate link")

    def check_atom_text(self, element) -> None:
        kind = element.get("type", "text")
        text = _text(element)
        if element.get("src") is None and kind in ("text", "html", "xhtml") and not text.strip():
            self.add("atom-text", element, "blank")
        if kind == "text":
            self.check_plain(element)
        elif kind == "html" or kind.endswith("/html"):
            self.check_html(element, text)


def check_pair(rss: bytes, atom: bytes) -> list[Problem]:
    """Problems between the RSS and the Atom document of one feed (both well-formed)."""
    problems = []
    a = f"{{{ATOM}}}"
    items = ET.fromstring(rss).findall("channel/item")
    entries = ET.fromstring(atom).findall(a + "entry")
    if len(items) != len(entries):
        return [Problem("pair", "", f"{len(items)} RSS items but {len(entries)} Atom entries")]
    for item, entry in zip(items, entries):
        where = f"item {_text(item.find('guid'))!r}"
        link = next((l.get("href") for l in entry.findall(a + "link") if l.get("rel", "alternate") == "alternate"), None)
        summary = entry.find(a + "summary")
        summary_text = "" if summary is None else \
            html_text(_text(summary)) if summary.get("type") == "html" else " ".join(_text(summary).split())
        pairs = {
            "guid and id": (_text(item.find("guid")), _text(entry.find(a + "id"))),
            "link": (_text(item.find("link")), link),
            "title": (_text(item.find("title")), _text(entry.find(a + "title"))),
            "summary": (html_text(_text(item.find("description"))), summary_text),
        }
        published = entry.find(a + "published")
        try:
            atom_date = dt.datetime.fromisoformat(published.text) if published is not None else None
        except ValueError:
            atom_date = published.text
        pub_date = item.find("pubDate")
        pairs["date"] = (rfc822_moment(_text(pub_date).strip()) if pub_date is not None else None, atom_date)
        for what, (in_rss, in_atom) in pairs.items():
            if in_rss != in_atom:
                problems.append(Problem("pair", where, f"{what}: RSS says {in_rss!r}, Atom {in_atom!r}"))
    return problems


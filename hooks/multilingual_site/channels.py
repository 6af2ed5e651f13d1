"""The site as the channel commands see it (`make newsletter`, `make wechat`): outside a build.

They make the newsletter's e-mails and WeChat copies of articles in seconds, without building
the site, and say the same as the published site:
- the content is validated as the build validates it (content_checks.load_content), and only
  what a published build publishes is used (no draft, nothing dated after the build date:
  publishing.build_date);
- every page is linked at the absolute address the site publishes it at (`site_url`, the
  language's root, content_model.page_url), every photo at the address of a size the build
  publishes (photos.plan, as hooks/photo_sizes.py plans them);
- an error is one line naming what was asked (`ChannelError`), or the content's own located
  problems (loading.ContentError), and nothing is written then;
- a file is written whole or not at all (`write_whole`: a temporary file, then a rename).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from . import build_context, content_files, photos
from .article_html import Rendering
from .content_checks import load_content
from .content_model import SiteContent, page_url
from .conversion import converters_and_problems
from .i18n import format_day, language_root
from .languages import Languages, LanguageError, from_mkdocs_yml
from .loading import ContentError
from .publishing import build_date
from .strings import load_strings

# MkDocs adds these to every site's Markdown extensions (mkdocs.config.defaults,
# `markdown_extensions`' builtins), before the ones mkdocs.yml names.
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


class ChannelError(Exception):
    """What a channel command cannot do, in one line naming what was asked."""


class _MkDocsYaml(yaml.SafeLoader):
    """mkdocs.yml with MkDocs' own tags (`!ENV`, `!relative`) read as nothing."""


_MkDocsYaml.add_multi_constructor("!", lambda loader, suffix, node: None)


class AbsoluteLinks:
    """Links as a reader's mail or WeChat needs them: `link(docs path)` is a page's absolute
    address in one language, `link.asset(site path)` a file's (as page_views._Linker's, absolute)."""

    def __init__(self, site_url: str, root: str):
        self.site_url, self.root = site_url, root

    def __call__(self, path: str | None) -> str | None:
        return None if path is None else self.site_url + self.root + page_url(path)

    def asset(self, site_path: str) -> str:
        return self.site_url + site_path


def markdown_settings(config) -> tuple[list[str], dict[str, dict]]:
    """The Markdown extensions and their options a page is rendered with, from mkdocs.yml's
    `markdown_extensions` (names, or `{name: options}`), MkDocs' own first."""
    names, options = list(MKDOCS_BUILTIN_EXTENSIONS), {}
    listed = config.get("markdown_extensions") or []
    entries = [{name: settings} for name, settings in listed.items()] if isinstance(listed, dict) else listed
    for entry in entries:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name not in names:
            names.append(name)
        if settings:
            options[name] = dict(settings)
    return names, options


@dataclass
class Site:
    root: Path
    config: dict  # mkdocs.yml, as YAML
    site_url: str
    languages: Languages
    strings: dict  # language code -> its interface words
    content: SiteContent  # what a published build publishes
    photo_index: photos.Index = field(repr=False, default=None)
    _photos: dict = field(default_factory=dict, repr=False)
    _originals: dict = field(default_factory=dict, repr=False)  # NFC docs path -> the file

    def links(self, lang: str) -> AbsoluteLinks:
        return AbsoluteLinks(self.site_url, language_root(lang, self.languages.default.code))

    def photo(self, docs_path: str | None) -> photos.Photo | None:
        """The sizes the site publishes of a photo under docs/ (None for an image that is not a photo)."""
        if not docs_path or not photos.is_photo(docs_path):
            return None
        if docs_path not in self._photos:
            if not self._originals:
                files, _refused = content_files.walk(self.root / "docs", "docs/")
                self._originals.update({relative: Path(path) for path, relative in files})
            original = self._originals.get(docs_path)  # docs paths are NFC; the name on disk may be NFD
            if original is None:
                raise ChannelError(f"docs/{docs_path}: the photo is missing")
            self._photos[docs_path] = photos.plan(docs_path, self.root / "docs", _Described(self.photo_index, original))
        return self._photos[docs_path]

    def templates(self) -> jinja2.Environment:
        """The theme's templates (overrides/), escaping every value, as the views' environment does."""
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(self.root / "overrides"), autoescape=True,
                                 undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
        env.filters["day"] = format_day
        return env

    def rendering(self) -> Rendering:
        """What article_html needs to render an article as the site does."""
        extensions, options = markdown_settings(self.config)
        return Rendering(site_url=self.site_url,
                         language_roots={code: language_root(code, self.languages.default.code) for code in self.languages.codes},
                         extensions=extensions, extension_configs=options, photo=self.photo,
                         photo_render=self.templates().get_template("partials/site/photo.html").render)


class _Described:
    """photos.Index describing the original as it lies on disk, whatever path it is asked for."""

    def __init__(self, index: photos.Index, original: Path):
        self.index, self.original = index, original

    def describe(self, _file: Path):
        return self.index.describe(self.original)


def load(root: Path) -> Site:
    """The project at `root`, as a published build sees it. Raises ChannelError or ContentError."""
    config_file = root / "mkdocs.yml"
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_MkDocsYaml) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ChannelError(f"{config_file}: cannot be read ({error})".splitlines()[0]) from None
    site_url = str(config.get("site_url") or "")
    if not site_url.startswith("https://"):
        raise ChannelError(f"mkdocs.yml: site_url must be the site's https:// address (every link of a newsletter or "
                           f"WeChat copy starts with it), got {site_url!r}")
    site_url = site_url if site_url.endswith("/") else site_url + "/"  # as MkDocs makes it
    try:
        languages = from_mkdocs_yml(config_file)
    except LanguageError as error:
        raise ChannelError(str(error)) from None
    ctx = build_context.start("channels", dirty=False)  # i18n's dates and names read the languages here
    ctx.project_dir, ctx.languages, ctx.default_language = root, languages, languages.default.code
    ctx.converters, phrase_problems = converters_and_problems(languages, root)
    if phrase_problems:
        raise ContentError(phrase_problems)
    ctx.strings = load_strings(root, languages, ctx.converters)
    loaded = load_content(root, root / "docs", languages, ctx.converters, ctx.strings)
    content, _unpublished = loaded.visible(build_date(), preview=False)
    ctx.content = content
    return Site(root, config, site_url, languages, ctx.strings, content, photos.Index(root / ".cache" / "photos"))


def write_whole(target: Path, data: bytes) -> None:
    """Write `target` whole or not at all: a reader (or a second run) never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise

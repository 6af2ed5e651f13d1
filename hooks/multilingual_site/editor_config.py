"""The configuration of the browser editor at /admin/ (Decap CMS), made from the site's own schema.

The editor must never accept what the build refuses, nor offer what the build does not
know: so its fields are not written by hand but derived here from the pydantic models
(`models.py`: a field's type gives its widget, its pattern, whether it is required) and
from the data the validator checks against (the categories of `data/categories.yml`, the
members of `data/members.yml` and the action areas of `data/action_plan.yml` become the
choices of selects). Plain data in, plain data out: `editor_config()` returns the mapping
that `hooks/editor.py` writes as `/admin/config.yml`.

Three agreements with the editor's own script (`editor/editor.js`), which implements them:
- each collection's format, `site-<collection name>`, writes YAML the way the site's loader
  reads it, keys in the order of the form's fields, without the editor-only fields below;
- a data file whose top level is a list (members, categories, offices) is shown as a
  mapping with one key, `LIST_KEY` (Decap's file collections expect a mapping);
- the widget `article-slug` asks for the slug of a new article only;
- the widget `translation-status` shows, above an article's form, each language's status
  (missing, outdated, up to date: translations.py), and saving an article records, in each
  translation edited, the version of the source it now matches (`translated_from`).
"""

from __future__ import annotations

import types
import typing
from typing import Annotated, Literal, Union, get_args, get_origin

import annotated_types
import yaml
from pydantic import BaseModel

from . import models
from .content_checks import RESERVED_SLUGS, SAME_IN_TRANSLATIONS

NEWS_FOLDER = "docs/news"
LIST_KEY = "entries"
# Fields of the article form that are not front matter: the slug names the files, the body
# is the text after the front matter. editor.js's format leaves `slug` out of the file.
EDITOR_ONLY_FIELDS = ("slug", "translations")

# Which data file each data collection edits, by collection name (in the sidebar's order).
DATA_FILES = {
    "members": "members.yml",
    "categories": "categories.yml",
    "offices": "offices.yml",
    "edinburgh": "edinburgh.yml",
    "coe": "coe.yml",
    "network": "network.yml",
}

# How each front-matter field is edited across an article's two language files: True, its
# own value in each language; "duplicate", one value written into both files. The
# validator refuses translations that differ in SAME_IN_TRANSLATIONS (checked below); the
# other duplicated fields say what the article is about, which does not change with the
# language. Drafts and updates are per language: a translation may be published, or
# revised, later.
_NEWS_I18N = {
    "title": True,
    "date": "duplicate",
    "updated": True,
    "category": "duplicate",
    "tags": True,
    "members": "duplicate",
    "summary": True,
    "cover": "duplicate",
    "source": True,
    "draft": True,
    "action_areas": "duplicate",
    # Each translation's own record of its source's version, written by editor.js when it
    # is saved (translations.py): a hidden field.
    "translated_from": True,
}

_SLUG_PATTERN = [models.SLUG.pattern, "只用小写英文字母、数字和单个连字符 (lowercase letters, digits, single hyphens)"]
# The validator also refuses the slugs of listing pages.
_ARTICLE_SLUG_PATTERN = [
    "^(?!(?:" + "|".join(RESERVED_SLUGS) + ")$)" + models.SLUG.pattern.removeprefix("^"),
    _SLUG_PATTERN[1] + "，例如 kunming-forum；" + "、".join(RESERVED_SLUGS) + " 不可用 (reserved)",
]
_DATE = {
    "widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False,
    "pattern": [models.ISO_DATE.pattern, "日期写成 YYYY-MM-DD，例如 2024-09-01 (a date written YYYY-MM-DD)"],
}
# The editor's first check of what `models.py` validates in full (a real country code, a
# real calendar date, a web address with a host): a typing slip is shown at once, the rest
# by the build, with its usual located message.
_SCALARS = {
    models.Text: {"widget": "string"},
    models.Slug: {"widget": "string", "pattern": _SLUG_PATTERN},
    models.IsoDate: _DATE,
    models.PartialDate: {"widget": "string", "pattern": [models.PARTIAL_DATE.pattern, "写成 YYYY、YYYY-MM 或 YYYY-MM-DD (YYYY, YYYY-MM or YYYY-MM-DD)"]},
    models.HttpUrl: {"widget": "string", "pattern": ["^https?://[^\\s/]+\\S*$", "以 http:// 或 https:// 开头的网址 (a web address starting with http:// or https://)"]},
    models.CountryCode: {"widget": "string", "pattern": ["^[A-Z]{2}$", "两个大写字母，例如 CN (two capital letters, like CN)"]},
}


class EditorConfigError(Exception):
    """The schema has a field the editor cannot show (no label, or a type it has no widget for)."""


def editor_config(*, languages: list[tuple[str, str, bool]], categories: list[tuple[str, list[str]]],
                  members: list[tuple[str, list[str]]], action_areas: list[tuple[str, int, str]], labels: dict,
                  site_url: str, local_backend: str | None, backend: dict | None) -> dict:
    """The Decap CMS configuration of the site.

    `languages`: (code, own name, required) of every language written by hand, the default
    first (mkdocs.yml, languages); `categories`: (id, its labels in those languages) of every
    category; `members`: (id, its names) of every member; `action_areas`: (id, number, title
    in the default language) of every area of the Plan of Action; `labels`: the editor's
    words (`editor/labels.yml`); `local_backend`: the address of decap-server in the live
    preview of `make edit`, else None; `backend`: where the hosted editor saves (mkdocs.yml
    `extra.editor.backend`), or None: then it saves only through decap-server.
    """
    fields = _Fields(labels, languages, {
        "category": {"widget": "select", "options": [{"label": " ".join(names), "value": id_} for id_, names in categories]},
        "action_areas": {"widget": "select", "multiple": True,
                         "options": [{"label": f"{number}. {title}", "value": id_} for id_, number, title in action_areas]},
        "members": {"widget": "select", "multiple": True, "options": _member_options(members)},
        "host": {"widget": "select", "options": _member_options(members)},
        "cover": {"widget": "image", "choose_url": False},
        # Written by editor.js when a translation is saved (translations.py), never typed.
        "translated_from": {"widget": "hidden"},
    })
    return {
        "locale": labels["interface"],  # Decap's own words (editor/labels.yml)
        "site_url": site_url,
        "backend": backend if backend and not local_backend else {"name": "proxy", "proxy_url": local_backend},
        # Only in `make edit`'s live preview: the editor saves into the working tree through
        # decap-server. A published editor names no address on the reader's own computer.
        **({"local_backend": {"url": local_backend}} if local_backend else {}),
        # Required by Decap; news images go next to their article (the collection's own
        # media_folder). This is where the media library page itself uploads.
        "media_folder": f"{NEWS_FOLDER}/images",
        "public_folder": "images",
        # Every language written by hand gets its own file of each article (Decap's i18n).
        "i18n": {"structure": "multiple_files", "locales": [code for code, _, _ in languages],
                 "default_locale": languages[0][0]},
        "collections": [_news_collection(fields, labels["collections"]["news"])]
                       + [_data_collection(name, file, fields, labels["collections"]) for name, file in DATA_FILES.items()],
    }


def _member_options(members) -> list[dict]:
    # A select made from members.yml at each build, not Decap's relation widget: that one
    # calls onChange when it mounts (RelationControl.triggerInitialOnChange), so every
    # article naming a member would open marked as having unsaved changes.
    return [{"label": f"{' '.join(names)} ({id_})", "value": id_} for id_, names in members]


def _news_collection(fields: "_Fields", words: dict) -> dict:
    unplanned = set(models.NewsFrontMatter.model_fields) ^ set(_NEWS_I18N)
    if unplanned:
        raise EditorConfigError(f"NewsFrontMatter and the editor's _NEWS_I18N differ in {sorted(unplanned)}: "
                                "say in editor_config.py how each field is edited in the two languages")
    not_duplicated = [name for name in SAME_IN_TRANSLATIONS if _NEWS_I18N[name] != "duplicate"]
    if not_duplicated:
        raise EditorConfigError(f"{not_duplicated} must be the same in both languages: edit them once ('duplicate')")
    form = []
    for field in fields.of_model(models.NewsFrontMatter):
        form.append({**field, "i18n": _NEWS_I18N[field["name"]]})
        if field["name"] == "title":
            form.append({**fields.field("slug", {"widget": "article-slug", "pattern": _ARTICLE_SLUG_PATTERN}, required=False),
                         "i18n": "none"})
            form.append({**fields.field("translations", {"widget": "translation-status"}, required=False), "i18n": "none"})
        elif field["name"] == "draft":
            form[-1]["default"] = True  # as `make news`: published when the author says so
    form.append({**fields.field("body", {"widget": "markdown"}, required=False), "i18n": True})
    return {
        "name": "news",
        "label": words["label"],
        "label_singular": words["singular"],
        "description": words["description"],
        "folder": NEWS_FOLDER,
        # Articles are one folder down (news/<year>/); `nested` is what makes Decap list
        # them, all on the collection's page, and its sidebar names each year's folder by
        # the folder's name (`summary`). Not `path: "{{year}}/{{slug}}"`: Decap takes
        # {{year}} from the date read as local midnight in UTC, so east of Greenwich a
        # 1 January article would be filed under the year before. The year comes from the
        # date's own text instead (`slug`).
        "nested": {"depth": 2, "summary": "{{dirname}}"},
        "slug": "{{fields.date | date('YYYY')}}/{{fields.slug}}",
        # The listing pages (news/index.<lang>.md) carry `view:`, articles never do: with no
        # `value`, Decap's filter keeps the entries without the field (backend.ts filterEntries).
        "filter": {"field": "view"},
        "create": True,
        "format": "site-news",
        "extension": "md",
        "i18n": True,
        # Images next to the article: docs/news/<year>/images/, written `images/x.jpg`.
        "media_folder": "images",
        "public_folder": "images",
        "summary": "{{fields.date}} · {{title}}",
        "sortable_fields": [{"field": "date", "default_sort": "desc"}, "title"],
        "fields": form,
    }


def _data_collection(name: str, file: str, fields: "_Fields", words: dict) -> dict:
    schema = models.DATA_FILES[file]
    item = _list_item(schema)
    if item is not None:  # a list at the top level, shown under LIST_KEY (see the docstring)
        form = [{"name": LIST_KEY, "label": words[name]["label"], "widget": "list",
                 "summary": _item_summary(item, fields.languages[0][0]), "fields": fields.of_model(item)}]
    else:
        form = fields.of_model(schema)
    return {
        "name": name,
        "label": words[name]["label"],
        "description": words["data_description"],
        "format": f"site-{name}",
        "extension": "yml",
        "editor": {"preview": False},  # facts, not pages: the form is the view
        "files": [{"name": name, "label": words[name]["file_label"], "file": f"data/{file}", "fields": form}],
    }


def _list_item(schema):
    return get_args(schema)[0] if get_origin(schema) is list else None


def _item_summary(model: type[BaseModel], default: str) -> str:
    """What a collapsed entry of a list shows (its texts in the default language)."""
    names = model.model_fields
    if "title" in names:
        return f"{{{{fields.date}}}} {{{{fields.title.{default}}}}}" if "date" in names else f"{{{{fields.title.{default}}}}}"
    if "name" in names:
        return f"{{{{fields.name.{default}}}}} · {{{{fields.id}}}}" if "id" in names else f"{{{{fields.name.{default}}}}}"
    if "label" in names:
        return f"{{{{fields.label.{default}}}}} · {{{{fields.id}}}}"
    return "{{fields.id}}"


class _Fields:
    """Decap fields from pydantic fields: widget from the type, Chinese label, English hint."""

    def __init__(self, labels: dict, languages: list[tuple[str, str, bool]], by_name: dict):
        self.words = labels["fields"]
        self.option_words = labels["options"]
        self.languages = languages  # (code, own name, required) of each language written by hand
        self.by_name = by_name  # widgets that come from the site's data, by field name

    def of_model(self, model: type[BaseModel], parent: str = "") -> list[dict]:
        hints = typing.get_type_hints(model, include_extras=True)
        return [self._from_pydantic(name, hints[name], info, parent) for name, info in model.model_fields.items()]

    def field(self, name: str, widget: dict, required: bool) -> dict:
        words = self.words.get(name)
        if words is None:
            raise EditorConfigError(f"field '{name}' has no label in editor/labels.yml")
        field = {"name": name, "label": words["label"], "hint": words["hint"], **widget}
        if not required:
            field["required"] = False
        return field

    def _from_pydantic(self, name: str, hint, info, parent: str) -> dict:
        hint, optional = _without_none(hint)
        required = info.is_required() and not optional
        widget = self.by_name.get(name) or self._widget(name, hint, info, parent, optional)
        field = self.field(name, widget, required)
        if not required and info.default not in (None, [], False) and not callable(info.default):
            field["default"] = info.default
        return field

    def _widget(self, name: str, hint, info, parent: str, optional: bool) -> dict:
        multiline = self.words.get(name, {}).get("multiline", False)
        for alias, widget in _SCALARS.items():
            if hint == alias:
                return {**widget, "widget": "text"} if multiline and widget["widget"] == "string" else dict(widget)
        if get_origin(hint) is Annotated:  # a constraint such as AfterValidator(_unique_list)
            return self._widget(name, get_args(hint)[0], info, parent, optional)
        if get_origin(hint) is Literal:
            return {"widget": "select", "options": self._options(hint)}
        if get_origin(hint) is list:
            return self._list(name, get_args(hint)[0], info, parent, optional)
        if isinstance(hint, type) and issubclass(hint, models.Texts):
            # A text per language written by hand, labelled with the language's own name; the
            # languages the policy requires are required (but for an optional text, which the
            # build refuses with some languages and not the required others).
            inner = "text" if multiline else "string"
            return {"widget": "object", "collapsed": False, "fields": [
                {"name": code, "label": own_name, "hint": code, "widget": inner,
                 **({} if required and not optional else {"required": False})}
                for code, own_name, required in self.languages]}
        if isinstance(hint, type) and issubclass(hint, BaseModel):
            sub = self.of_model(hint, parent=name)
            if optional:
                for field in sub:
                    field["required"] = False
            return {"widget": "object", "collapsed": optional, "fields": sub}
        if hint is bool:
            return {"widget": "boolean"}
        if hint in (int, float):
            return {"widget": "number", "value_type": "int" if hint is int else "float", **_bounds(info)}
        raise EditorConfigError(f"no editor widget for field '{parent + '.' if parent else ''}{name}' of type {hint!r}")

    def _list(self, name: str, item, info, parent: str, optional: bool) -> dict:
        item, _ = _without_none(item)
        if get_origin(item) is Literal:
            return {"widget": "select", "multiple": True, "options": self._options(item)}
        if isinstance(item, type) and issubclass(item, BaseModel):
            return {"widget": "list", "collapsed": True, "summary": _item_summary(item, self.languages[0][0]),
                    "fields": self.of_model(item, parent=name), **_list_bounds(info)}
        if isinstance(item, type) and issubclass(item, models.Texts):  # e.g. partners: a name per language
            default = self.languages[0][0]
            return {"widget": "list", "collapsed": True, "summary": f"{{{{fields.{default}}}}}",
                    "fields": self._widget(name, item, info, parent, optional)["fields"], **_list_bounds(info)}
        if item in (models.Text, models.Slug):
            return {"widget": "list"}  # one text per item, typed separated by commas
        raise EditorConfigError(f"no editor widget for the items of '{parent + '.' if parent else ''}{name}': {item!r}")

    def _options(self, literal) -> list[dict]:
        missing = [value for value in get_args(literal) if value not in self.option_words]
        if missing:
            raise EditorConfigError(f"choices {missing} have no label in editor/labels.yml (options)")
        return [{"label": self.option_words[value], "value": value} for value in get_args(literal)]


def _without_none(hint):
    """(X, True) for `X | None`, (hint, False) otherwise."""
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(get_args(hint)) == 2:
            return args[0], True
    return hint, False


def _bounds(info) -> dict:
    bounds = {}
    for rule in info.metadata:
        if isinstance(rule, annotated_types.Ge):
            bounds["min"] = rule.ge
        elif isinstance(rule, annotated_types.Le):
            bounds["max"] = rule.le
    return bounds


def _list_bounds(info) -> dict:
    for rule in info.metadata:
        if isinstance(rule, annotated_types.MinLen) and rule.min_length > 0:
            return {"min": rule.min_length}
    return {}


class _NoAliases(yaml.SafeDumper):
    """Every field written out in full: Decap reads anchors, but a person reading the file should not need to."""

    def ignore_aliases(self, data):
        return True


def config_yaml(config: dict) -> str:
    """The configuration as YAML, the same bytes for the same input (the order is the mapping's)."""
    header = ("# Made by hooks/editor.py from hooks/multilingual_site/models.py, data/*.yml and editor/labels.yml\n"
              "# at every build: do not edit (edit those files instead).\n")
    return header + yaml.dump(config, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=1000)

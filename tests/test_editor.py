"""The browser editor at /admin/, as the build writes it (hooks/editor.py): its bundle from
node_modules/, never a CDN; its configuration made from the site's own schema and data
(hooks/multilingual_site/editor_config.py), so the editor offers what the validator accepts;
a clear stop when the bundle is missing; and, on a published site without a hosted editor,
a page saying how staff edit, which asks nothing of the reader's own computer. The editor
driven in Chromium: test_editor_browser.py."""

from __future__ import annotations

import re
import typing

import lxml.html
import pytest
import yaml

from pages import LANGUAGES
from sitebuild import REPO, build, edit_file, hook_module, make_project, make_publishable_project, make_site

content = hook_module("content_checks")
editor_config = hook_module("editor_config")
models = hook_module("models")

LABELS = yaml.safe_load((REPO / "editor/labels.yml").read_text(encoding="utf-8"))
LOCAL = {"SITE_EDITOR": "local"}  # what tools/edit.py sets for `make edit`'s live preview


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory):
    """The fixture site built as `make edit`'s live preview builds it: the editor saving
    through decap-server."""
    result = build(make_project(tmp_path_factory.mktemp("editor")), extra_env=LOCAL)
    assert result.returncode == 0, result.output
    return result


def _config(site) -> dict:
    return yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _fields(collection: dict) -> dict:
    fields = collection.get("fields") or collection["files"][0]["fields"]
    return {f["name"]: f for f in fields}


def _options(field: dict) -> list[str]:
    return [option["value"] for option in field["options"]]


def _ids(data_file) -> list[str]:
    return [entry["id"] for entry in yaml.safe_load(data_file.read_text(encoding="utf-8"))]


def test_the_editor_is_published_at_admin_with_its_own_copy_of_decap(editor_site):
    admin = editor_site.site / "admin"
    page = lxml.html.fromstring((admin / "index.html").read_bytes())
    scripts = page.findall(".//script")
    assert [s.get("src") for s in scripts] == ["manual-init.js", "decap-cms.js", "editor.js"]
    # No inline script (the Content-Security-Policy allows none), nothing from another host.
    assert all(s.get("src") and not (s.text or "").strip() for s in scripts)
    for script in scripts:
        assert (admin / script.get("src")).is_file()
    assert (admin / "decap-cms.js").read_bytes() == (REPO / "node_modules/decap-cms/dist/decap-cms.js").read_bytes()
    assert (admin / "vendor/yaml/index.js").is_file()
    # The chunks Decap loads on demand from next to its script are there too.
    chunks = {p.name for p in (REPO / "node_modules/decap-cms/dist").glob("*.decap-cms.js")}
    assert chunks and chunks <= {p.name for p in admin.glob("*.decap-cms.js")}
    assert not list(admin.rglob("*.map"))
    # The preview pane gets the site's own stylesheets.
    styles = scripts[2].get("data-preview-styles").split()
    assert "../assets/css/site.css" in styles
    assert all((admin / style).resolve().is_file() for style in styles)
    assert "WARNING" not in editor_site.output


def test_the_configuration_edits_every_language_written_by_hand_and_saves_through_the_local_backend(editor_site):
    config = _config(editor_site.site)
    assert config["locale"] == LABELS["interface"] == "zh_Hans"  # Decap's own words: Chinese
    hand = [language.code for language in LANGUAGES.hand_translated]
    assert hand == ["zh", "en", "ko"]  # mkdocs.yml: Traditional Chinese is converted, never edited
    assert config["i18n"] == {"structure": "multiple_files", "locales": hand, "default_locale": LANGUAGES.default.code}
    assert config["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    assert config["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1"}
    news = _collection(config, "news")
    assert news["folder"] == "docs/news" and news["i18n"] is True and news["extension"] == "md"
    # Images next to the article: docs/news/<year>/images/x.jpg, written images/x.jpg.
    assert news["media_folder"] == news["public_folder"] == "images"
    # Every field has a Chinese label and an English hint.
    for field in news["fields"]:
        assert re.search(r"[\u4e00-\u9fff]", field["label"]) and re.search(r"[A-Za-z]", field["hint"]), field


def test_the_article_form_is_the_news_front_matter_of_the_schema(editor_site):
    fields = _fields(_collection(_config(editor_site.site), "news"))
    assert set(fields) == set(models.NewsFrontMatter.model_fields) | set(editor_config.EDITOR_ONLY_FIELDS) | {"body"}
    assert fields["translated_from"]["widget"] == "hidden"  # written by the editor (translations.py)
    assert fields["translations"]["widget"] == "translation-status"
    required = {name for name, info in models.NewsFrontMatter.model_fields.items() if info.is_required()}
    assert {name for name, f in fields.items() if f.get("required", True)} == required == {"title", "date", "category"}
    # What the validator requires to agree between translations is written once, into both.
    for name in content.SAME_IN_TRANSLATIONS:
        assert fields[name]["i18n"] == "duplicate"
    assert fields["title"]["i18n"] is True and fields["body"]["i18n"] is True
    # The date as the validator reads it: text written YYYY-MM-DD.
    assert fields["date"]["widget"] == "datetime" and fields["date"]["format"] == "YYYY-MM-DD"
    assert fields["date"]["pattern"][0] == models.ISO_DATE.pattern
    assert fields["draft"]["widget"] == "boolean"
    # The slug: the validator's pattern, without the reserved slugs of listing pages.
    slug = re.compile(fields["slug"]["pattern"][0])
    assert slug.match("kunming-forum") and not slug.match("Kunming") and not slug.match("a--b")
    assert not slug.match("index") and not slug.match("page") and slug.match("pages")
    # Choices come from the data the validator checks against.
    assert _options(fields["category"]) == _ids(editor_site.project / "data/categories.yml")
    assert _options(fields["members"]) == _ids(editor_site.project / "data/members.yml")
    assert fields["members"]["multiple"] is True
    plan = yaml.safe_load((editor_site.project / "data/action_plan.yml").read_text(encoding="utf-8"))
    assert _options(fields["action_areas"]) == [area["id"] for area in plan["areas"]]


def _names(fields: list[dict]) -> dict:
    """Field name -> the names of its sub-fields (recursively), as a nested dict."""
    return {f["name"]: _names(f.get("fields", [])) for f in fields}


def _model_names(model) -> dict:
    """The fields of a model, a text per language having one sub-field per language written
    by hand (mkdocs.yml)."""
    names = {}
    hints = typing.get_type_hints(model, include_extras=True)
    for name in model.model_fields:
        inner = _innermost_model(hints[name])
        if inner is models.Texts:
            names[name] = {language.code: {} for language in LANGUAGES.hand_translated}
        else:
            names[name] = _model_names(inner) if inner else {}
    return names


def _innermost_model(hint):
    while typing.get_origin(hint) is not None:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = args[0]
    return hint if isinstance(hint, type) and issubclass(hint, (models.Model, models.Texts)) else None


@pytest.mark.parametrize("collection, file", editor_config.DATA_FILES.items())
def test_each_data_file_is_edited_with_the_fields_of_its_model(editor_site, collection, file):
    entry = _collection(_config(editor_site.site), collection)
    assert entry["files"][0]["file"] == f"data/{file}"
    schema = models.DATA_FILES[file]
    if typing.get_origin(schema) is list:  # a list at the top level, under one key
        (only,) = entry["files"][0]["fields"]
        assert only["name"] == editor_config.LIST_KEY and only["widget"] == "list"
        assert _names(only["fields"]) == _model_names(typing.get_args(schema)[0])
    else:
        assert _names(entry["files"][0]["fields"]) == _model_names(schema)


def test_an_added_category_is_offered_by_the_editor_at_the_next_build(tmp_path):
    project = make_project(tmp_path)
    before = _ids(project / "data/categories.yml")
    assert "interviews" not in before
    with open(project / "data/categories.yml", "a", encoding="utf-8") as file:
        file.write("- id: interviews\n  label: {zh: 访谈, en: Interviews}\n")
    result = build(project, extra_env=LOCAL)
    assert result.returncode == 0, result.output
    category = _fields(_collection(_config(result.site), "news"))["category"]
    assert _options(category) == [*before, "interviews"]
    assert {"label": "访谈 Interviews", "value": "interviews"} in category["options"]


def test_a_hosted_backend_set_in_mkdocs_yml_is_the_editors(tmp_path):
    project = make_project(tmp_path)
    edit_file(project, "mkdocs.yml", "    # backend:\n",
              "    backend: {name: gitea, repo: owner/site, base_url: https://git.example.cn, api_root: https://git.example.cn/api/v1}\n")
    result = build(project)
    assert result.returncode == 0, result.output
    config = _config(result.site)
    assert config["backend"] == {"name": "gitea", "repo": "owner/site", "base_url": "https://git.example.cn",
                                 "api_root": "https://git.example.cn/api/v1"}
    # The published editor names no address on the reader's own computer: only `make edit`'s
    # preview saves through decap-server.
    assert "local_backend" not in config and "127.0.0.1" not in (result.site / "admin/config.yml").read_text()
    assert "no hosted editor" not in result.output


def test_without_a_hosted_editor_admin_says_how_staff_edit_and_runs_nothing(fixture_site):
    admin = fixture_site.site / "admin"
    assert sorted(p.name for p in admin.iterdir()) == ["index.html", "index.html.gz"]  # no Decap, no config.yml
    page = lxml.html.fromstring((admin / "index.html").read_bytes())
    assert page.findall(".//script") == [] and "127.0.0.1:8081" not in (admin / "index.html").read_text()
    text = page.text_content()
    assert "make edit" in text and "STAFF.md" in text and "http://127.0.0.1:8000/admin/" in text
    assert page.find(".//meta[@name='robots']").get("content") == "noindex"
    for link in page.findall(".//link[@rel='stylesheet']"):
        assert (admin / link.get("href")).resolve().is_file()
    assert "no hosted editor" in fixture_site.output


def test_make_site_never_publishes_the_editor_of_the_live_preview(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_EDITOR", "local")
    project = make_publishable_project(tmp_path)
    run = make_site(project)
    assert run.returncode == 0, run.stdout + run.stderr
    assert sorted(p.name for p in (project / "site/admin").iterdir()) == ["index.html", "index.html.gz"]


def test_without_decaps_bundle_the_build_stops_and_says_how_to_install_it(tmp_path):
    project = make_project(tmp_path)
    (project / "node_modules").unlink()
    (project / "node_modules").mkdir()
    result = build(project)
    assert result.returncode != 0
    assert "node_modules/decap-cms/dist/decap-cms.js is missing" in result.output
    assert "npm ci" in result.output
    assert not (result.site / "admin").exists()


def test_the_config_is_written_the_same_byte_for_byte(editor_site, tmp_path):
    again = build(editor_site.project, tmp_path / "again", extra_env=LOCAL)
    assert again.returncode == 0, again.output
    for name in ("config.yml", "index.html"):
        assert (again.site / "admin" / name).read_bytes() == (editor_site.site / "admin" / name).read_bytes()


def _inputs(**changes) -> dict:
    inputs = {"languages": [("zh", "简体中文", True), ("en", "English", True), ("ko", "한국어", False)],
              "categories": [("events", ["活动", "Events"])], "members": [("kunming", ["昆明市", "Kunming"])],
              "action_areas": [("first-area", 1, "领域")], "labels": LABELS, "site_url": "https://example.org/",
              "local_backend": "http://127.0.0.1:8081/api/v1", "backend": None}
    return {**inputs, **changes}


def test_a_field_of_the_schema_without_a_label_stops_the_build():
    labels = {**LABELS, "fields": {k: v for k, v in LABELS["fields"].items() if k != "postal_address"}}
    with pytest.raises(editor_config.EditorConfigError, match="'postal_address' has no label"):
        editor_config.editor_config(**_inputs(labels=labels))


def test_a_choice_of_the_schema_without_a_label_stops_the_build():
    labels = {**LABELS, "options": {k: v for k, v in LABELS["options"].items() if k != "workshop"}}
    with pytest.raises(editor_config.EditorConfigError, match="workshop"):
        editor_config.editor_config(**_inputs(labels=labels))


def test_every_editor_field_has_a_widget_decap_knows():
    config = editor_config.editor_config(**_inputs())
    widgets = set()

    def walk(fields):
        for field in fields:
            widgets.add(field["widget"])
            walk(field.get("fields", []))

    for collection in config["collections"]:
        walk(collection.get("fields") or collection["files"][0]["fields"])
    # Decap's own widgets, and those editor/editor.js registers.
    ours = {"article-slug", "translation-status"}
    assert widgets <= {"string", "text", "datetime", "select", "list", "object", "number", "boolean",
                       "image", "markdown", "hidden"} | ours
    script = (REPO / "editor/editor.js").read_text(encoding="utf-8")
    assert all(f"CMS.registerWidget('{name}'" in script for name in ours)

"""Hypothesis: random bytes and random YAML in front matter and data files either build or are
refused with located messages (`file:line: ...`), never a traceback, and within a time bound.

Most examples go through validation in this process (what every build runs first, and
fast); a few go through a whole `mkdocs build --strict`, where the rest of the pipeline
(views, feeds, search) meets whatever validation let through.
"""

from __future__ import annotations

import itertools
import re
import shutil
import time

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitebuild import FIXTURE, REPO, build, hook_module, make_project

load_content = hook_module("content_checks").load_content
# The site's languages and words, as the fixture project's build has them (sitebuild.make_project).
LANGUAGES = hook_module("languages").from_mkdocs_yml(REPO / "mkdocs.yml")
CONVERTERS = hook_module("conversion").converters(LANGUAGES, REPO)
STRINGS = hook_module("strings").load_strings(REPO, LANGUAGES, CONVERTERS)
ContentError = hook_module("loading").ContentError

LOCATED = re.compile(r"^(data|docs)/[^:]+:\d+: \S")
TIME_BOUND = 5.0  # seconds for validating one example (an alias bomb took 30 s before)

# Hostile and careless snippets the random ones are mixed with.
SNIPPETS = [
    "a: &a [x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", "x: !!timestamp 2024-02-30\n", "x: !!python/object:os.system x\n",
    "[" * 500 + "]" * 500, "title：昆明\n", "title:\u3000昆明\n", "tags: [宁波，生物多样性]\n", "date: 2024-13-45\n",
    "\ttitle: x\n", "title: 'unclosed\n", "? [a, b]\n: c\n", "- - - x\n", "{a: 1, a: 2}\n", "title: \x08\n",
]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=12), st.sampled_from(["2023-05-18", "events", "kunming", "zh", "CN", "https://x.org"]))
keys = st.one_of(st.sampled_from(["title", "date", "category", "tags", "members", "cover", "draft", "summary", "id", "name",
                                  "country", "label", "zh", "en", "view", "website", "location"]), st.text(max_size=6))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                      max_leaves=12)
random_yaml = values.map(lambda v: yaml.safe_dump(v, allow_unicode=True)) | st.sampled_from(SNIPPETS)
random_text = st.one_of(random_yaml, st.binary(max_size=200).map(lambda b: b.decode("utf-8", "replace")))

_project_dir = None
_counter = itertools.count()


def _project(tmp_path_factory):
    global _project_dir
    if _project_dir is None:
        _project_dir = tmp_path_factory.mktemp("fuzz")
        for name in ("docs", "data"):
            shutil.copytree(FIXTURE / name, _project_dir / name)
    return _project_dir


def _validate(project):
    started = time.monotonic()
    try:
        load_content(project, project / "docs", LANGUAGES, CONVERTERS, STRINGS)
        outcome = None
    except ContentError as error:
        outcome = [str(p) for p in error.problems]
    assert time.monotonic() - started < TIME_BOUND
    return outcome


@settings(max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", 150)), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(target=st.sampled_from(["front matter", "whole article", "members.yml", "categories.yml", "coe.yml"]),
       text=random_text, raw=st.binary(max_size=200))
@example(target="front matter", text=SNIPPETS[0], raw=b"")
@example(target="whole article", text="", raw=b"\xff\xfe---\ntitle: x\n---\n")
def test_random_content_is_validated_or_refused_with_locations(tmp_path_factory, target, text, raw):
    project = _project(tmp_path_factory)
    article = project / f"docs/news/2023/fuzz-{next(_counter)}.zh.md"
    saved = {}
    try:
        if target == "front matter":
            article.write_text(f"---\n{text}---\n\nBody.\n", encoding="utf-8", errors="surrogateescape")
        elif target == "whole article":
            article.write_bytes(raw or text.encode("utf-8", "surrogateescape"))
        else:
            data = project / "data" / target
            saved[data] = data.read_bytes()
            data.write_bytes(text.encode("utf-8", "surrogateescape") if text else raw)
        problems = _validate(project)
        if problems is not None:
            assert problems and all(LOCATED.match(p) for p in problems), problems
    finally:
        article.unlink(missing_ok=True)
        for path, data in saved.items():
            path.write_bytes(data)


@settings(max_examples=int(__import__("os").environ.get("FUZZ_BUILDS", 4)), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(front_matter=random_yaml, members=random_yaml)
@example(front_matter="title: Fine\ndate: 2023-06-01\ncategory: events\n", members="")
def test_random_content_in_a_whole_build_gives_a_site_or_located_errors(tmp_path_factory, front_matter, members):
    project = make_project(tmp_path_factory.mktemp("fuzzbuild"))
    (project / "docs/news/2023/fuzz.en.md").write_text(f"---\n{front_matter}---\n\nBody.\n", encoding="utf-8")
    if members:
        with open(project / "data/members.yml", "a", encoding="utf-8") as file:
            file.write("\n" + members)
    started = time.monotonic()
    result = build(project)
    assert time.monotonic() - started < 120
    assert "Traceback" not in result.output, result.output
    if result.returncode != 0:
        errors = [line.split("-  ", 1)[1] for line in result.output.splitlines() if line.startswith("ERROR")]
        located = [e for e in errors if LOCATED.match(e)]
        assert located, result.output

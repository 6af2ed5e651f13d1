"""Programme pages from data/: the Edinburgh Process, the Plan of Action, the Centre of
Excellence with its calendar, and the offices; in both languages."""

from __future__ import annotations

import icalendar
import pytest
import yaml

from pages import parse, resolve
from sitebuild import build, make_project


def _data(project, name):
    return yaml.safe_load((project / "data" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def before_workshop(tmp_path_factory):
    """The fixture site on 1 June 2025: the autumn workshop (1 September 2025) is upcoming."""
    result = build(make_project(tmp_path_factory.mktemp("june")), extra_env={"SITE_BUILD_DATE": "2025-06-01"})
    assert result.returncode == 0, result.output
    return result


def _section_ids(tree, section):
    """Ids of the activities listed under the 'upcoming' or 'past' heading."""
    ids, inside = [], False
    for element in tree.cssselect("article h3, article li[id]"):
        if element.tag == "h3":
            inside = element.get("id") == section
        elif inside:
            ids.append(element.get("id"))
    return ids


def test_every_milestone_area_activity_and_office_is_on_its_page(before_workshop):
    site = before_workshop.site
    edinburgh, plan, coe, offices = (_data(before_workshop.project, n) for n in
                                     ("edinburgh.yml", "action_plan.yml", "coe.yml", "offices.yml"))
    for prefix, lang in (("", "zh"), ("en/", "en")):
        text = (site / prefix / "programmes/edinburgh-process/index.html").read_text(encoding="utf-8")
        for milestone in edinburgh["milestones"]:
            assert milestone["title"][lang] in text and f'datetime="{milestone["date"]}"' in text
        plan_page = parse(site / prefix / "programmes/plan-of-action/index.html")
        for area in plan["areas"]:
            assert area["title"][lang] in plan_page.get_element_by_id(area["id"]).text_content()
        coe_page = parse(site / prefix / "programmes/centre-of-excellence/index.html")
        for activity in coe["activities"]:
            assert activity["title"][lang] in coe_page.get_element_by_id(activity["id"]).text_content()
        office_page = parse(site / prefix / "offices/index.html")
        for region in offices:
            assert office_page.get_element_by_id(region["id"]).text_content() == region["name"][lang]
            for office in region["offices"]:
                office_card = office_page.get_element_by_id(office["id"])
                assert office_card.cssselect(".site-office__name")[0].text_content() == office["name"][lang]


def test_activities_are_upcoming_or_past_by_the_build_date(before_workshop, tmp_path):
    for prefix in ("", "en/"):
        tree = parse(before_workshop.site / prefix / "programmes/centre-of-excellence/index.html")
        assert _section_ids(tree, "upcoming") == ["autumn-workshop"]
        assert _section_ids(tree, "past") == ["signing"]
        assert tree.get_element_by_id("past-2022") is not None and tree.get_element_by_id("upcoming-2025") is not None
    after = build(before_workshop.project, tmp_path / "october", extra_env={"SITE_BUILD_DATE": "2025-10-01"})
    tree = parse(after.site / "en/programmes/centre-of-excellence/index.html")
    assert _section_ids(tree, "upcoming") == []
    assert _section_ids(tree, "past") == ["autumn-workshop", "signing"]


def test_action_areas_list_the_news_and_activities_linked_to_them(before_workshop):
    site = before_workshop.site
    path = "en/programmes/plan-of-action/"
    tree = parse(site / path / "index.html")
    links = [resolve(site, path, a.get("href")) for a in tree.cssselect("#first-area-network + ul.site-linked a")]
    assert site / "en/news/2023/normal-pair/index.html" in links
    assert site / "en/programmes/centre-of-excellence/index.html" in links


def _calendar(site, prefix=""):
    data = (site / prefix / "calendar.ics").read_bytes()
    return icalendar.Calendar.from_ical(data), data


def test_calendar_holds_every_dated_activity_with_stable_uids(before_workshop, tmp_path):
    for prefix, lang in (("", "zh"), ("en/", "en")):
        calendar, _ = _calendar(before_workshop.site, prefix)
        events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
        assert set(events) == {"coe-signing@eastasia.iclei.org", "coe-autumn-workshop@eastasia.iclei.org"}
        workshop = events["coe-autumn-workshop@eastasia.iclei.org"]
        assert str(workshop["summary"]) == {"zh": "秋季研讨会", "en": "Autumn workshop"}[lang]
        assert workshop.decoded("dtstart").isoformat() == "2025-09-01"
    # Rebuild after editing the workshop's title: same UIDs, byte-identical calendar otherwise.
    project = before_workshop.project
    coe = project / "data/coe.yml"
    original = coe.read_text(encoding="utf-8")
    try:
        coe.write_text(original.replace("en: Autumn workshop", "en: Autumn workshop (renamed)"), encoding="utf-8")
        again = build(project, tmp_path / "again", extra_env={"SITE_BUILD_DATE": "2025-06-01"})
    finally:
        coe.write_text(original, encoding="utf-8")
    calendar, _ = _calendar(again.site, "en/")
    assert {str(e["uid"]) for e in calendar.walk("VEVENT")} == {"coe-signing@eastasia.iclei.org", "coe-autumn-workshop@eastasia.iclei.org"}
    same = build(project, tmp_path / "same", extra_env={"SITE_BUILD_DATE": "2025-06-01"})
    assert _calendar(same.site)[1] == _calendar(before_workshop.site)[1]


def test_calendar_is_linked_from_the_programme_pages(before_workshop):
    site = before_workshop.site
    for path in ("programmes/centre-of-excellence/", "en/programmes/edinburgh-process/"):
        links = parse(site / path / "index.html").cssselect('a[type="text/calendar"]')
        assert links and resolve(site, path, links[0].get("href")) == site / (path[:3] if path.startswith("en/") else "") / "calendar.ics"


def test_adding_one_data_entry_adds_it_to_its_page(tmp_path):
    project = make_project(tmp_path)
    with open(project / "data/offices.yml", "a", encoding="utf-8") as f:
        f.write("- id: new-region\n  name: {zh: 新地区, en: New region}\n  offices:\n"
                "    - id: new-office\n      name: {zh: 新办公室, en: New office}\n      address: 2 New Street\n")
    with open(project / "data/coe.yml", "a", encoding="utf-8") as f:
        f.write('  - id: new-visit\n    date: "2024-04-01"\n    type: visit\n    title: {zh: 新访问, en: New visit}\n')
    with open(project / "data/edinburgh.yml", "a", encoding="utf-8") as f:
        f.write('  - id: new-milestone\n    date: "2024-02"\n    title: {zh: 新节点, en: New milestone}\n    text: {zh: 说明。, en: Text.}\n')
    result = build(project)
    assert result.returncode == 0, result.output
    assert "New office" in (result.site / "en/offices/index.html").read_text(encoding="utf-8")
    assert "新访问" in (result.site / "programmes/centre-of-excellence/index.html").read_text(encoding="utf-8")
    assert "New milestone" in (result.site / "en/programmes/edinburgh-process/index.html").read_text(encoding="utf-8")
    assert "coe-new-visit@eastasia.iclei.org" in (result.site / "calendar.ics").read_text(encoding="utf-8")


@pytest.mark.parametrize("file, addition, message", [
    ("data/coe.yml", '  - id: bad\n    date: "2024-04-01"\n    type: party\n    title: {zh: 错, en: Wrong}\n',
     "data/coe.yml:26: activities[2].type: unknown value 'party'; expected 'agreement', 'conference', 'meeting', 'workshop', 'visit' or 'award'"),
    ("data/coe.yml", '  - id: bad\n    date: "2024-04-01"\n    type: visit\n    title: {zh: 错, en: Wrong}\n    action_areas: [nowhere]\n',
     "data/coe.yml:28: activities[2].action_areas[0]: unknown action area 'nowhere' (ids are in data/action_plan.yml)"),
    ("data/edinburgh.yml", '  - id: kunming-joins\n    date: "2024-02"\n    title: {zh: 重, en: Twice}\n    text: {zh: 重。, en: Twice.}\n',
     "data/edinburgh.yml:15: milestones[1].id: duplicate milestone id 'kunming-joins' (first used on line 9)"),
    ("data/offices.yml", "- id: second\n  name: {zh: 二, en: Two}\n  offices:\n    - id: test-secretariat\n"
     "      name: {zh: 重, en: Twice}\n      address: x\n",
     "data/offices.yml:15: offices[0].id: duplicate region or office id 'test-secretariat' (first used on line 5)"),
    ("data/offices.yml", "- id: new-region\n  name: {zh: 新, en: New}\n  offices:\n    - id: new-region\n"
     "      name: {zh: 新办, en: New office}\n      address: x\n",
     "data/offices.yml:15: offices[0].id: duplicate region or office id 'new-region' (first used on line 12)"),
    ("data/coe.yml", '  - id: agreement\n    date: "2024-04-01"\n    type: visit\n    title: {zh: 错, en: Wrong}\n',
     "data/coe.yml:24: activities[2].id: 'agreement' is reserved for the page itself; choose another id"),
    ("data/coe.yml", '  - id: far\n    date: "9999-12-31"\n    type: visit\n    title: {zh: 远, en: Far}\n',
     "data/coe.yml:25: activities[2].date: 9999-12-31: the year must be between 1900 and 2199"),
    ("data/members.yml", "- id: index\n  name: {zh: 目录, en: Index}\n  country: CN\n",
     "data/members.yml:28: id: 'index' is reserved for the page itself; choose another id"),
    ("data/offices.yml", "- id: bad-region\n  name: {zh: 错}\n  offices: []\n",
     ("data/offices.yml:13: name: missing in English (en); every text needs it", "data/offices.yml:14: offices: must list at least one entry")),
])
def test_a_wrong_programme_entry_is_rejected_with_file_line_and_field(tmp_path, file, addition, message):
    project = make_project(tmp_path)
    with open(project / file, "a", encoding="utf-8") as f:
        f.write(addition)
    result = build(project)
    assert result.returncode != 0
    for expected in message if isinstance(message, tuple) else (message,):
        assert expected in result.output, result.output

"""Write a synthetic, network-scale project for benchmarking the site build.

`generate(target_dir, members=N, articles=M, seed=S)` writes a complete project into
`target_dir`: the repo's `mkdocs.yml`, `hooks/`, `overrides/` and `editor/`, with the repo's
`node_modules/` linked in (as tests/sitebuild.py's `make_project` does), the repo's
hand-written `docs/` pages without its news articles, and invented content that follows
the content contract (STAFF.md) and the schema (hooks/multilingual_site/models.py):

- `data/members.yml`: N members with bilingual names built from syllables (昆安市 / Kun'an),
  a realistic spread of countries, type, joined, https website, location, bilingual
  summary and programmes;
- `docs/news/<YYYY>/<slug>.zh.md` + `.en.md`: M articles per language, plus about 5% more
  in Chinese only (as the site allows; 4.8% of the Chinese ones), with several paragraphs
  and `##` headings, categories, tags and member references;
- `data/categories.yml`, `data/edinburgh.yml` and `data/coe.yml` referring only to
  generated members and articles; `data/offices.yml`, `data/action_plan.yml` (and any
  other data file) are the repo's own: they do not grow with the network.

The data is invented (benchmark use only) and deterministic: one `random.Random(seed)`
drives every choice, nothing reads the clock, so the same arguments give byte-identical
files. Every date lies between 2015-01-01 and 2025-12-31, before any build date from
2026-01-01 on, so no article is left out as scheduled.

CLI: python bench/generate.py TARGET [--members N] [--articles M] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import re
import shutil
import sys
from pathlib import Path
from random import Random

import yaml

REPO = Path(__file__).resolve().parent.parent
SITE_SOURCES = ("mkdocs.yml", "hooks", "overrides", "editor")
FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)  # before 2026-01-01: a future-date filter never drops one
CHINESE_ONLY_SHARE = 0.05

# ---------------------------------------------------------------------------------------
# Word lists. Names: a first syllable and a last one (sometimes a middle one), each with
# its pinyin, so the Chinese and English names of a member agree.

FIRST_SYLLABLES = [
    ("安", "an"), ("宁", "ning"), ("江", "jiang"), ("山", "shan"), ("南", "nan"), ("北", "bei"),
    ("东", "dong"), ("西", "xi"), ("河", "he"), ("湖", "hu"), ("海", "hai"), ("云", "yun"),
    ("平", "ping"), ("昌", "chang"), ("德", "de"), ("兴", "xing"), ("泰", "tai"), ("丰", "feng"),
    ("华", "hua"), ("嘉", "jia"), ("临", "lin"), ("清", "qing"), ("永", "yong"), ("长", "chang"),
    ("新", "xin"), ("武", "wu"), ("宜", "yi"), ("金", "jin"), ("石", "shi"), ("青", "qing"),
    ("龙", "long"), ("凤", "feng"), ("白", "bai"), ("黄", "huang"), ("桂", "gui"), ("柳", "liu"),
    ("梅", "mei"), ("松", "song"), ("泉", "quan"), ("文", "wen"), ("万", "wan"), ("富", "fu"),
    ("太", "tai"), ("合", "he"), ("济", "ji"), ("吉", "ji"), ("乐", "le"), ("鹤", "he"),
]
MIDDLE_SYLLABLES = [
    ("阳", "yang"), ("水", "shui"), ("源", "yuan"), ("明", "ming"), ("和", "he"), ("溪", "xi"),
    ("林", "lin"), ("川", "chuan"), ("峰", "feng"), ("岭", "ling"), ("湾", "wan"), ("浦", "pu"),
    ("庄", "zhuang"), ("陵", "ling"), ("沙", "sha"), ("田", "tian"), ("谷", "gu"), ("原", "yuan"),
]
LAST_SYLLABLES = [
    ("州", "zhou"), ("阳", "yang"), ("宁", "ning"), ("安", "an"), ("江", "jiang"), ("山", "shan"),
    ("城", "cheng"), ("原", "yuan"), ("口", "kou"), ("门", "men"), ("沙", "sha"), ("溪", "xi"),
    ("水", "shui"), ("林", "lin"), ("台", "tai"), ("川", "chuan"), ("港", "gang"), ("都", "du"),
    ("丘", "qiu"), ("峰", "feng"), ("海", "hai"), ("平", "ping"), ("德", "de"), ("兴", "xing"),
]

# type: (weight, Chinese suffix, English suffix)
MEMBER_TYPES = {
    "city": (70, "市", ""),
    "county": (10, "县", " County"),
    "district": (10, "区", " District"),
    "province": (6, "省", " Province"),
    "region": (4, "地区", " Region"),
}

# ISO 3166-1 alpha-2: (weight, lat range, lon range, web domain suffix, zh name, en name)
COUNTRIES = {
    "CN": (52, (21.0, 45.0), (98.0, 124.0), "gov.cn", "中国", "China"),
    "JP": (11, (31.0, 43.0), (130.0, 144.0), "lg.jp", "日本", "Japan"),
    "KR": (10, (34.5, 38.0), (126.5, 129.3), "go.kr", "韩国", "the Republic of Korea"),
    "MN": (5, (43.5, 49.5), (92.0, 116.0), "gov.mn", "蒙古", "Mongolia"),
    "ID": (4, (-8.0, 3.0), (98.0, 125.0), "go.id", "印度尼西亚", "Indonesia"),
    "PH": (3, (6.0, 18.0), (118.0, 126.0), "gov.ph", "菲律宾", "the Philippines"),
    "VN": (3, (9.0, 22.5), (103.0, 109.0), "gov.vn", "越南", "Viet Nam"),
    "TH": (2, (7.0, 19.5), (98.5, 104.5), "go.th", "泰国", "Thailand"),
    "MY": (2, (1.5, 6.5), (100.5, 118.0), "gov.my", "马来西亚", "Malaysia"),
    "IN": (2, (9.0, 30.0), (72.0, 88.0), "gov.in", "印度", "India"),
    "AU": (2, (-37.5, -12.5), (115.5, 153.0), "gov.au", "澳大利亚", "Australia"),
    "NZ": (1, (-46.0, -35.0), (167.0, 178.0), "govt.nz", "新西兰", "New Zealand"),
    "DE": (1, (47.5, 54.5), (6.5, 14.5), "de", "德国", "Germany"),
    "US": (1, (30.0, 47.0), (-122.0, -72.0), "gov", "美国", "the United States"),
    "CA": (1, (43.0, 53.0), (-123.0, -64.0), "ca", "加拿大", "Canada"),
}

# Parallel (zh, en) topic phrases, used in summaries, titles and bodies.
TOPICS = [
    ("城市生物多样性", "urban biodiversity"),
    ("气候适应", "climate adaptation"),
    ("低碳发展", "low-carbon development"),
    ("海绵城市建设", "sponge city development"),
    ("可持续交通", "sustainable transport"),
    ("废弃物管理", "waste management"),
    ("生态修复", "ecological restoration"),
    ("绿色建筑", "green buildings"),
    ("可再生能源", "renewable energy"),
    ("城市韧性", "urban resilience"),
    ("水资源管理", "water management"),
    ("湿地保护", "wetland conservation"),
    ("自然教育", "nature education"),
    ("循环经济", "the circular economy"),
    ("空气质量改善", "air quality"),
    ("基于自然的解决方案", "nature-based solutions"),
    ("城市绿地规划", "urban green space planning"),
    ("可持续食物系统", "sustainable food systems"),
    ("绿色金融", "green finance"),
    ("海洋与海岸带保护", "ocean and coastal protection"),
]

FEATURES = [
    ("一座历史悠久的文化名城", "a historic city with a rich cultural heritage"),
    ("重要的港口和贸易中心", "an important port and trading centre"),
    ("区域性的工业和科技中心", "a regional centre of industry and technology"),
    ("以山水风光闻名的旅游城市", "a tourist destination known for its mountains and rivers"),
    ("重要的农业和林业基地", "an important base for agriculture and forestry"),
    ("生态资源丰富的高原城市", "a highland city rich in natural resources"),
    ("快速发展的新兴城市", "a fast-growing new city"),
    ("湿地和候鸟栖息地众多的滨水城市", "a waterfront city with many wetlands and bird habitats"),
]

# Parallel (zh, en) tags. Member names are added as tags too (as the real articles do).
TAGS = [
    ("生物多样性", "biodiversity"), ("气候变化", "climate change"), ("碳中和", "carbon neutrality"),
    ("昆蒙框架", "Kunming-Montreal Global Biodiversity Framework"), ("自然城市平台", "CitiesWithNature"),
    ("爱丁堡进程", "Edinburgh Process"), ("湿地", "wetlands"), ("海洋保护", "ocean conservation"),
    ("城市绿地", "urban green space"), ("能力建设", "capacity building"),
    ("国际合作", "international cooperation"), ("南南合作", "South-South cooperation"),
    ("乡村振兴", "rural revitalisation"), ("生态修复", "ecological restoration"),
    ("可持续交通", "sustainable transport"), ("废弃物管理", "waste management"),
    ("循环经济", "circular economy"), ("韧性城市", "resilient cities"), ("绿色金融", "green finance"),
    ("基于自然的解决方案", "nature-based solutions"), ("低碳城市", "low-carbon cities"),
    ("能源转型", "energy transition"), ("水资源", "water resources"), ("空气质量", "air quality"),
    ("公众参与", "public participation"), ("青年", "youth"), ("市长论坛", "mayors' forum"),
    ("COP15", "COP15"), ("城市峰会", "urban summit"), ("培训", "training"), ("研讨会", "workshop"),
    ("案例研究", "case studies"), ("数据与监测", "data and monitoring"), ("食物系统", "food systems"),
    ("健康城市", "healthy cities"), ("海绵城市", "sponge cities"), ("绿色建筑", "green buildings"),
    ("生态文明", "ecological civilisation"), ("自然教育", "nature education"),
    ("城市更新", "urban regeneration"),
]

CATEGORIES = [  # id, zh, en, weight
    ("network-news", "网络动态", "Network news", 35),
    ("events", "活动", "Events", 30),
    ("background", "背景资料", "Background", 8),
    ("policy", "政策动态", "Policy", 10),
    ("projects", "项目进展", "Project updates", 12),
    ("publications", "出版物", "Publications", 5),
]

# The Centre of Excellence activity type of each kind of event.
ACTIVITY_TYPES = {"forum": "conference", "workshop": "workshop", "training course": "workshop", "round table": "meeting",
                  "themed event": "conference", "exchange meeting": "meeting", "summit": "conference",
                  "study visit": "visit"}

EVENTS = [
    ("论坛", "forum"), ("研讨会", "workshop"), ("培训班", "training course"), ("圆桌会议", "round table"),
    ("主题活动", "themed event"), ("交流会", "exchange meeting"), ("峰会", "summit"), ("考察活动", "study visit"),
]

# Title templates: (zh, en), filled with {m}/{me} member, {t}/{te} topic, {e}/{ee} event, {y} year.
TITLES = [
    ("{m}举办{y}年{t}{e}", "{me} hosts {y} {ee} on {te}"),
    ("宜可城东亚秘书处发布{t}报告", "ICLEI East Asia publishes a report on {te}"),
    ("{m}与宜可城签署{t}合作备忘录", "{me} and ICLEI sign a memorandum of understanding on {te}"),
    ("{y}年东亚{t}{e}成功举办", "{y} East Asia {ee} on {te} held successfully"),
    ("{m}加入宜可城网络", "{me} joins the ICLEI network"),
    ("宜可城代表团访问{m}，就{t}开展交流", "ICLEI delegation visits {me} for exchanges on {te}"),
    ("{m}在{t}方面取得新进展", "{me} makes new progress on {te}"),
    ("宜可城东亚会员城市分享{t}经验", "ICLEI East Asia members share experience in {te}"),
]

HEADINGS = [
    ("背景", "Background"), ("主要成果", "Key results"), ("与会嘉宾发言", "What the speakers said"),
    ("合作亮点", "Highlights of the cooperation"), ("下一步工作", "Next steps"),
    ("地方经验", "Local experience"), ("专家观点", "Expert views"),
]

# Sentence templates: (zh, en); {m}/{me} a member, {m2}/{me2} another, {t}/{te} topics.
SENTENCES = [
    ("{m}近年来持续推进{t}，将其纳入城市总体规划和年度工作重点。",
     "In recent years {me} has steadily advanced {te}, making it part of its master plan and annual priorities."),
    ("与会代表围绕{t}和{t2}等议题进行了深入研讨，分享了各自城市的实践经验。",
     "Participants discussed {te} and {te2} in depth and shared the experience of their own cities."),
    ("宜可城东亚秘书处表示，将继续支持会员城市在{t}领域开展能力建设和国际交流。",
     "The ICLEI East Asia Secretariat said it would keep supporting member cities with capacity building and international exchange on {te}."),
    ("{m}副市长在致辞中介绍了本市在{t}方面的主要举措和阶段性成果。",
     "In her opening remarks, the Deputy Mayor of {me} presented the city's main measures and first results in {te}."),
    ("{m}与{m2}就{t}建立了长期合作机制，定期开展技术交流和人员培训。",
     "{me} and {me2} have set up a long-term cooperation on {te}, with regular technical exchanges and staff training."),
    ("专家指出，地方政府是落实“昆明-蒙特利尔全球生物多样性框架”的重要力量。",
     "Experts pointed out that local governments are a driving force in delivering the Kunming-Montreal Global Biodiversity Framework."),
    ("活动期间还发布了{t}案例集，收录了东亚地区二十余个城市的优秀实践。",
     "A collection of cases on {te} was launched during the event, with good practice from more than twenty cities in East Asia."),
    ("参观考察环节中，代表们实地了解了{m}的{t}示范项目。",
     "On the site visit, delegates saw the {te} demonstration projects of {me} at first hand."),
    ("{m}计划到2030年将{t}相关投入提高一倍，并建立全市统一的监测平台。",
     "{me} plans to double its investment in {te} by 2030 and to set up a city-wide monitoring platform."),
    ("会议认为，{t}与{t2}相辅相成，需要各级政府、企业和公众共同参与。",
     "The meeting agreed that {te} and {te2} go hand in hand and need governments at all levels, business and the public."),
    ("宜可城将通过“自然城市平台”分享相关经验，促进城市之间的互学互鉴。",
     "ICLEI will share the experience through the CitiesWithNature platform, so that cities can learn from each other."),
    ("来自高校和研究机构的学者介绍了{t}的最新研究进展和评估方法。",
     "Researchers from universities and institutes presented recent findings and assessment methods on {te}."),
]


# ---------------------------------------------------------------------------------------
# Content builders: plain data in, plain data out.


def schema_fields(repo: Path = REPO) -> dict[str, set[str]]:
    """Field names of every model in the repo's hooks/multilingual_site/models.py.

    Optional fields that the schema gains or loses (an article's `action_areas`, a
    milestone's `id`) are written only when the schema has them, so the generator keeps
    producing valid content while the schema evolves.
    """
    spec = importlib.util.spec_from_file_location("_bench_site_models", repo / "hooks" / "multilingual_site" / "models.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: set(model.model_fields) for name, model in vars(module).items()
            if isinstance(model, type) and isinstance(getattr(model, "model_fields", None), dict)}


def _slugify(text: str) -> str:
    return "-".join(part for part in re.split(r"[^a-z0-9]+", text.lower()) if part)


def _weighted(rng: Random, table: dict) -> str:
    keys = list(table)
    return rng.choices(keys, weights=[table[k][0] for k in keys])[0]


def _random_day(rng: Random, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _member_names(rng: Random, count: int) -> list[tuple[str, str]]:
    """`count` distinct (Chinese stem, pinyin stem) pairs, mostly two syllables."""
    names, seen = [], set()
    while len(names) < count:
        first = rng.choice(FIRST_SYLLABLES)
        parts = [first, rng.choice(LAST_SYLLABLES)]
        if rng.random() < 0.25 or len(seen) > len(FIRST_SYLLABLES) * len(LAST_SYLLABLES) * 0.6:
            parts.insert(1, rng.choice(MIDDLE_SYLLABLES))
        if parts[0][0] == parts[1][0]:
            continue
        zh = "".join(p[0] for p in parts)
        if zh in seen:
            continue
        seen.add(zh)
        pinyin = parts[0][1] + "".join(("'" if p[1][0] in "aeo" else "") + p[1] for p in parts[1:])
        names.append((zh, pinyin.capitalize()))
    return names


def make_members(rng: Random, count: int) -> list[dict]:
    members, ids = [], set()
    for zh_stem, en_stem in _member_names(rng, count):
        kind = _weighted(rng, MEMBER_TYPES)
        _, zh_suffix, en_suffix = MEMBER_TYPES[kind]
        country = _weighted(rng, COUNTRIES)
        _, lat, lon, domain, country_zh, country_en = COUNTRIES[country]
        base = _slugify(en_stem + ("" if kind == "city" else f" {kind}"))
        member_id, n = base, 2
        while member_id in ids:
            member_id, n = f"{base}-{n}", n + 1
        ids.add(member_id)
        topic, topic2 = rng.sample(TOPICS, 2)
        feature = rng.choice(FEATURES)
        year = rng.randint(1995, 2025)
        name_zh, name_en = zh_stem + zh_suffix, en_stem + en_suffix
        member = {
            "id": member_id,
            "name": {"zh": name_zh, "en": name_en},
            "country": country,
            "type": kind,
        }
        precision = rng.random()
        if precision < 0.5:
            member["joined"] = str(year)
        elif precision < 0.75:
            member["joined"] = f"{year}-{rng.randint(1, 12):02d}"
        elif precision < 0.9:
            member["joined"] = _random_day(rng, dt.date(year, 1, 1), dt.date(year, 12, 31)).isoformat()
        if rng.random() < 0.85:
            member["website"] = f"https://www.{member_id.replace('-', '')}.{domain}"
        member["location"] = {"lat": round(rng.uniform(*lat), 4), "lon": round(rng.uniform(*lon), 4)}
        if rng.random() < 0.9:
            joined = f"{year}年加入宜可城网络，" if "joined" in member else ""
            joined_en = f" It joined the ICLEI network in {year} and" if "joined" in member else " It"
            member["summary"] = {
                "zh": f"{name_zh}位于{country_zh}，是{feature[0]}。{name_zh}{joined}重点推进{topic[0]}和{topic2[0]}，"
                      f"积极参与宜可城东亚地区的交流与合作。",
                "en": f"{name_en} is {feature[1]} in {country_en}.{joined_en} focuses on {topic[1]} and "
                      f"{topic2[1]}, taking an active part in ICLEI's exchanges and cooperation in East Asia.",
            }
        roll = rng.random()
        programmes = []
        if roll < 0.15:
            programmes.append("edinburgh-process")
        if roll < 0.45:
            programmes.append("citieswithnature")
        if rng.random() < 0.03:
            programmes.append("coe")
        if programmes:
            member["programmes"] = programmes
        members.append(member)
    return members


def _zipf_weights(count: int) -> list[float]:
    """Cumulative weights: a few members are named in many articles, most in few."""
    total, cumulative = 0.0, []
    for rank in range(count):
        total += 1.0 / (rank + 1) ** 0.8
        cumulative.append(total)
    return cumulative


def _body(rng: Random, members: list[dict], named: list[dict]) -> tuple[str, str]:
    """Several paragraphs and a few `##` headings, in Chinese and in English."""
    zh, en = [], []
    paragraphs = rng.randint(4, 8)
    heading_at = set(rng.sample(range(1, paragraphs), min(paragraphs - 1, rng.randint(1, 3))))
    headings = iter(rng.sample(HEADINGS, len(heading_at)))
    for index in range(paragraphs):
        if index in heading_at:
            heading = next(headings)
            zh.append(f"## {heading[0]}")
            en.append(f"## {heading[1]}")
        zh_sentences, en_sentences = [], []
        for zh_template, en_template in rng.sample(SENTENCES, rng.randint(2, 4)):
            m, m2 = rng.choice(named or members), rng.choice(members)
            (t, te), (t2, te2) = rng.sample(TOPICS, 2)
            fill = {"m": m["name"]["zh"], "me": m["name"]["en"], "m2": m2["name"]["zh"], "me2": m2["name"]["en"],
                    "t": t, "te": te, "t2": t2, "te2": te2}
            zh_sentences.append(zh_template.format(**fill))
            en_sentences.append(en_template.format(**fill))
        zh.append("".join(zh_sentences))
        en.append(" ".join(en_sentences))
    return "\n\n".join(zh) + "\n", "\n\n".join(en) + "\n"


def _front_matter(fields: dict) -> str:
    # Flow style for the short lists (`tags: [a, b]`), as staff write them.
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000) + "---\n"


def make_articles(rng: Random, count: int, members: list[dict], areas: list[str] | None = None) -> list[dict]:
    """`count` articles in each language, plus about 5% more in Chinese only.

    Every article has a zh text; all but the Chinese-only ones have an en text, so the
    English site has exactly `count` articles and the Chinese site a few more.
    """
    cumulative = _zipf_weights(len(members))
    order = members[:]
    rng.shuffle(order)  # which members are the often-named ones
    extra = round(count * CHINESE_ONLY_SHARE)
    chinese_only = set(rng.sample(range(count + extra), extra))
    categories = [c[0] for c in CATEGORIES]
    category_weights = [c[3] for c in CATEGORIES]
    articles, slugs = [], set()
    for index in range(count + extra):
        day = _random_day(rng)
        named, wanted = [], rng.choices([0, 1, 2, 3], weights=[20, 50, 20, 10])[0]
        while len(named) < min(wanted, len(members)):
            member = rng.choices(order, cum_weights=cumulative)[0]
            if member not in named:
                named.append(member)
        m = named[0] if named else rng.choice(members)
        (t, te), (e, ee) = rng.choice(TOPICS), rng.choice(EVENTS)
        zh_title, en_title = rng.choice(TITLES)
        fill = {"m": m["name"]["zh"], "me": m["name"]["en"], "t": t, "te": te, "e": e, "ee": ee, "y": day.year}
        title = {"zh": zh_title.format(**fill), "en": en_title.format(**fill)}
        base = "-".join(_slugify(title["en"]).split("-")[:7])
        slug, n = base, 2
        while slug in slugs or slug in ("index", "page"):
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug)
        topic_tags = rng.sample(TAGS, rng.randint(1, 4))
        member_tags = [(mm["name"]["zh"][:-len(MEMBER_TYPES[mm["type"]][1])], mm["name"]["en"].split(" ")[0])
                       for mm in named if rng.random() < 0.4]
        tags = list(dict.fromkeys(topic_tags + member_tags))
        body = _body(rng, members, named)
        category = rng.choices(categories, weights=category_weights)[0]
        has_summary, has_source = rng.random() < 0.6, rng.random() < 0.5
        article_areas = rng.sample(areas, rng.choice([0, 0, 1, 2])) if areas else []
        texts = {}
        for lang_index, lang in enumerate(("zh", "en")):
            if lang == "en" and index in chinese_only:
                continue
            fields = {"title": title[lang], "date": day.isoformat(), "category": category,
                      "tags": list(dict.fromkeys(tag[lang_index] for tag in tags)),
                      "members": [mm["id"] for mm in named]}
            if has_summary:  # the first sentence of the first paragraph
                first = body[lang_index].split("\n\n")[0]
                fields["summary"] = first.split("。")[0] + "。" if lang == "zh" else first.split(". ")[0].rstrip(".") + "."
            if has_source:
                fields["source"] = "宜可城东亚秘书处" if lang == "zh" else "ICLEI East Asia Secretariat"
            if article_areas:
                fields["action_areas"] = article_areas
            texts[lang] = _front_matter(fields) + "\n" + body[lang_index]
        articles.append({"slug": slug, "date": day, "texts": texts})
    return articles


def make_coe(rng: Random, members: list[dict], articles: list[dict], areas: list[str] | None = None) -> dict:
    """The Centre of Excellence, hosted by a generated member, with some activities."""
    hosts = [m for m in members if "coe" in m.get("programmes", [])]
    if not hosts:
        members[0].setdefault("programmes", []).append("coe")
        hosts = [members[0]]
    host = hosts[0]
    agreement_day = _random_day(rng, dt.date(2016, 1, 1), dt.date(2019, 12, 31))
    focus = rng.choice(TOPICS)
    activities, ids = [], set()
    for _ in range(min(60, 6 + len(articles) // 40)):
        place = rng.choice(members)
        (t, te), (e, ee) = rng.choice(TOPICS), rng.choice(EVENTS)
        kind = ACTIVITY_TYPES[ee]
        day = _random_day(rng, agreement_day, LAST_DAY)
        base = _slugify(f"{place['id']} {ee} {day.year}")
        activity_id, n = base, 2
        while activity_id in ids:
            activity_id, n = f"{base}-{n}", n + 1
        ids.add(activity_id)
        activity = {
            "id": activity_id,
            "date": day.isoformat(),
            "type": kind,
            "title": {"zh": f"卓越中心在{place['name']['zh']}举办{t}{e}", "en": f"Centre of Excellence {ee} on {te} in {place['name']['en']}"},
            "place": {"zh": place["name"]["zh"], "en": place["name"]["en"]},
            "partners": [{"zh": p["name"]["zh"], "en": p["name"]["en"]} for p in rng.sample(members, min(len(members), rng.randint(0, 2)))],
        }
        if rng.random() < 0.5:
            activity["news"] = rng.choice(articles)["slug"]
        if areas and rng.random() < 0.6:
            activity["action_areas"] = rng.sample(areas, rng.randint(1, 2))
        activities.append(activity)
    return {
        "name": {"zh": f"宜可城-{host['name']['zh']}国际自然城市卓越中心",
                 "en": f"ICLEI-{host['name']['en']} International CitiesWithNature Centre of Excellence"},
        "summary": {"zh": f"卓越中心由{host['name']['zh']}承办，支持城市在{focus[0]}等方面开展长期交流合作。",
                    "en": f"The Centre of Excellence, hosted by {host['name']['en']}, supports long-term exchange "
                          f"and cooperation between cities on {focus[1]} and more."},
        "host": host["id"],
        "agreement": {
            "date": agreement_day.isoformat(),
            "title": {"zh": f"宜可城-{host['name']['zh']}国际自然城市卓越中心框架协议",
                      "en": f"Framework Agreement on the ICLEI-{host['name']['en']} International CitiesWithNature Centre of Excellence"},
            "text": {"zh": f"{host['name']['zh']}与宜可城签署卓越中心框架协议。",
                     "en": f"{host['name']['en']} and ICLEI signed the framework agreement on the Centre of Excellence."},
        },
        "activities": activities,
    }


def make_edinburgh(rng: Random, members: list[dict], articles: list[dict], repo_edinburgh: dict,
                   with_ids: bool = True) -> dict:
    """The repo's Edinburgh Process texts with milestones naming generated members."""
    participants = [m for m in members if "edinburgh-process" in m.get("programmes", [])] or members[:1]
    milestones = []
    for _ in range(min(40, 5 + len(members) // 100)):
        day = _random_day(rng, dt.date(2018, 1, 1), LAST_DAY)
        named = rng.sample(participants, min(len(participants), rng.randint(1, 5)))
        (t, te) = rng.choice(TOPICS)
        milestone = {
            "id": f"milestone-{len(milestones) + 1}",
            "date": day.isoformat()[: rng.choice([7, 10])],
            "title": {"zh": f"{named[0]['name']['zh']}等城市参与爱丁堡进程{t}磋商",
                      "en": f"{named[0]['name']['en']} and other cities join Edinburgh Process consultations on {te}"},
            "text": {"zh": f"{'、'.join(m['name']['zh'] for m in named)}参与爱丁堡进程关于{t}的磋商。",
                     "en": f"{', '.join(m['name']['en'] for m in named)} took part in Edinburgh Process consultations on {te}."},
            "members": [m["id"] for m in named],
        }
        if rng.random() < 0.4:
            milestone["news"] = rng.choice(articles)["slug"]
        if not with_ids:
            del milestone["id"]
        milestones.append(milestone)
    keep = {key: repo_edinburgh[key] for key in ("name", "short_name", "summary", "led_by", "partners") if key in repo_edinburgh}
    return {**keep, "milestones": milestones}


# ---------------------------------------------------------------------------------------
# Writing the project.


def _dump(data, header: str) -> str:
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _copy_site_sources(repo: Path, project: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SITE_SOURCES:
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=ignore)
        else:
            shutil.copy2(source, project / name)
    # The npm packages the build copies into /admin/ (hooks/editor.py).
    (project / "node_modules").symlink_to(repo / "node_modules", target_is_directory=True)
    # The hand-written pages, without the news articles (docs/news/<YYYY>/).
    def no_articles(folder, names):
        skip = {"__pycache__"}
        if Path(folder).resolve() == (repo / "docs" / "news").resolve():
            skip |= {n for n in names if re.fullmatch(r"\d{4}", n)}
        return skip
    shutil.copytree(repo / "docs", project / "docs", ignore=no_articles)


def _check_target(target: Path, repo: Path) -> None:
    target = target.resolve()
    repo = repo.resolve()
    for protected in (repo, *(repo / name for name in ("docs", "data", "hooks", "overrides", "tests"))):
        if target == protected or protected != repo and protected in target.parents:
            raise SystemExit(f"refusing to generate into {target}: it is part of the repository")
    if target.exists() and any(target.iterdir()):
        raise SystemExit(f"refusing to generate into {target}: the folder is not empty")


PHOTO_SIZE = (4000, 3000)  # 12 megapixels, as a phone or compact camera takes them


class _CameraPhotos:
    """Invented camera photos: 12 MP JPEGs with a camera's EXIF (orientation, GPS), each of
    different bytes (every photo is one more photo for the build to process), quick to make:
    one noisy base picture, a marker of its own per photo."""

    def __init__(self, seed: int):
        from PIL import Image

        base = Image.effect_noise(PHOTO_SIZE, 48).convert("RGB")  # noise: camera-like JPEG sizes
        tint = Image.new("RGB", PHOTO_SIZE, (60, 130, 80))
        self.base = Image.blend(base, tint, 0.55)
        self.seed = seed

    def write(self, path: Path, number: int) -> None:
        from PIL import Image

        photo = self.base.copy()
        photo.paste(((number * 37) % 256, (number * 91 + self.seed) % 256, 200), (40 * (number % 90), 100, 40 * (number % 90) + 400, 500))
        exif = Image.Exif()
        exif[0x0112] = 6 if number % 3 == 0 else 1  # some stored sideways, as cameras do
        exif[0x010F] = "BenchCam"
        exif.get_ifd(0x8825).update({1: "N", 2: (30.0, float(number % 60), 0.0), 3: "E", 4: (120.0, 10.0, 0.0)})
        path.parent.mkdir(parents=True, exist_ok=True)
        photo.save(path, "JPEG", quality=88, exif=exif)


def _with_photo(text: str, lang: str, image: str) -> str:
    """An article's text with `image` as its cover and as a captioned photo in the body."""
    front, body = text.split("\n---\n", 1)
    caption = "图：活动现场（来源：宜可城东亚秘书处）" if lang == "zh" else "Photo: at the event (Source: ICLEI East Asia Secretariat)"
    alt = "活动现场" if lang == "zh" else "At the event"
    first, _, rest = body.strip().partition("\n\n")
    return f'{front}\ncover: {image}\n---\n\n{first}\n\n![{alt}]({image} "{caption}")\n\n{rest}\n'


def generate(target_dir, members: int = 500, articles: int = 500, seed: int = 1, repo: Path = REPO,
             photos_every: int = 10) -> dict:
    """Write a synthetic project into `target_dir` (new or empty); return what it holds. Every
    `photos_every`-th article has a 12 MP photo as its cover and in its text (0: none)."""
    if members < 1 or articles < 1:
        raise ValueError("members and articles must be at least 1")
    target = Path(target_dir)
    _check_target(target, repo)
    target.mkdir(parents=True, exist_ok=True)
    rng = Random(seed)
    _copy_site_sources(repo, target)
    fields = schema_fields(repo)
    plan = yaml.safe_load((repo / "data" / "action_plan.yml").read_text(encoding="utf-8"))
    area_ids = [area["id"] for area in plan["areas"]]

    member_list = make_members(rng, members)
    article_list = make_articles(rng, articles, member_list,
                                 area_ids if "action_areas" in fields["NewsFrontMatter"] else None)
    coe = make_coe(rng, member_list, article_list, area_ids if "action_areas" in fields["Activity"] else None)
    repo_edinburgh = yaml.safe_load((repo / "data" / "edinburgh.yml").read_text(encoding="utf-8"))
    edinburgh = make_edinburgh(rng, member_list, article_list, repo_edinburgh, with_ids="id" in fields["Milestone"])

    data = target / "data"
    data.mkdir()
    header = f"# Synthetic benchmark data written by bench/generate.py (seed {seed}); invented, not real.\n\n"
    (data / "members.yml").write_text(_dump(member_list, header), encoding="utf-8")
    categories = [{"id": c, "label": {"zh": zh, "en": en}} for c, zh, en, _ in CATEGORIES]
    (data / "categories.yml").write_text(_dump(categories, header), encoding="utf-8")
    (data / "coe.yml").write_text(_dump(coe, header), encoding="utf-8")
    (data / "edinburgh.yml").write_text(_dump(edinburgh, header), encoding="utf-8")
    # The repo's other data files (offices.yml, action_plan.yml, any added later) as they
    # are: they do not grow with the network.
    for source in sorted((repo / "data").glob("*.yml")):
        if not (data / source.name).exists():
            shutil.copy2(source, data / source.name)

    counts = {"zh": 0, "en": 0}
    camera = _CameraPhotos(seed) if photos_every else None
    photos = 0
    for index, article in enumerate(article_list):
        folder = target / "docs" / "news" / str(article["date"].year)
        folder.mkdir(parents=True, exist_ok=True)
        image = None
        if camera is not None and index % photos_every == photos_every - 1:
            image = f"images/{article['slug']}.jpg"
            camera.write(folder / image, index)
            photos += 1
        for lang, text in article["texts"].items():
            (folder / f"{article['slug']}.{lang}.md").write_text(_with_photo(text, lang, image) if image else text,
                                                                  encoding="utf-8")
            counts[lang] += 1
    return {
        "seed": seed,
        "members": len(member_list),
        "articles": counts,
        "chinese_only": counts["zh"] - counts["en"],
        "coe_activities": len(coe["activities"]),
        "edinburgh_milestones": len(edinburgh["milestones"]),
        "photos": photos,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic project for benchmarking the site build.")
    parser.add_argument("target", type=Path, help="a new or empty folder (never the repo's docs/ or data/)")
    parser.add_argument("--members", type=int, default=500, help="number of members (default 500)")
    parser.add_argument("--articles", type=int, default=500,
                        help="articles per language; about 5%% more are added in Chinese only (default 500)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    summary = generate(args.target, members=args.members, articles=args.articles, seed=args.seed)
    print(f"{args.target}: {summary['members']} members, {summary['articles']['zh']} zh + "
          f"{summary['articles']['en']} en articles ({summary['chinese_only']} Chinese-only), "
          f"{summary['coe_activities']} Centre of Excellence activities")
    return 0


if __name__ == "__main__":
    sys.exit(main())

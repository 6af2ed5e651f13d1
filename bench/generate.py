"""Write a synthetic, network-scale project for benchmarking the site build.

`generate(target_dir, members=N, articles=M, seed=S)` writes a complete project into
`target_dir`: the repo's `mkdocs.yml`, `hooks/`, `overrides/`, `editor/` and `strings/`, with
the repo's `node_modules/` linked in (as tests/sitebuild.py's `make_project` does), the
repo's hand-written `docs/` pages without its news articles, and invented content that
follows the content contract (STAFF.md) and the schema (hooks/multilingual_site/models.py),
in the site's languages (the i18n plugin's list in the repo's mkdocs.yml):

- every text in each hand-translated language the generator has words for (`WORDS`: zh, en,
  ko); a language made from another at build time (zh-hant, converted from zh) is never
  written, as on the real site; a hand-translated language of mkdocs.yml without words here
  stops the generator with a message;
- `data/members.yml`: N members with names built from syllables (昆安市 / Kun'an / 쿤안시:
  the Korean from the pinyin, as Korean writes Chinese place names), a realistic spread of
  countries, type, joined, https website, location, summary and programmes;
- `docs/news/<YYYY>/<slug>.<lang>.md`: M articles per hand-translated language, with
  several paragraphs and `##` headings, categories, tags and member references; about 5%
  more exist in Chinese only (4.8% of the Chinese ones), and as many of the Korean ones are
  missing (half of them articles English has, half Chinese-only ones), so the build's
  stand-in pages are exercised in English and in Korean (with each fallback language); every
  translation records the version of its Chinese source (`translated_from: zh@<hash>`,
  computed with the repo's translations.source_version), so none is reported outdated;
- `data/categories.yml`, `data/edinburgh.yml` and `data/coe.yml` referring only to
  generated members and articles; `data/offices.yml`, `data/action_plan.yml`,
  `data/zh_hant_phrases.yml` (and any other data file) are the repo's own: they do not grow
  with the network.

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
SITE_SOURCES = ("mkdocs.yml", "hooks", "overrides", "editor", "strings")
FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)  # before 2026-01-01: a future-date filter never drops one
CHINESE_ONLY_SHARE = 0.05
# The languages this generator has words for: every word list below gives its text in each.
WORDS = ("zh", "en", "ko")

# ---------------------------------------------------------------------------------------
# Word lists. Names: a first syllable and a last one (sometimes a middle one), each with
# its pinyin, so the Chinese and English names of a member agree; the Korean name is the
# pinyin in Hangul (KOREAN_SYLLABLES, the National Institute of Korean Language's table for
# Chinese, as Korean writes 昆明 쿤밍).

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
KOREAN_SYLLABLES = {
    "an": "안", "bai": "바이", "bei": "베이", "chang": "창", "cheng": "청", "chuan": "촨", "de": "더",
    "dong": "둥", "du": "두", "feng": "펑", "fu": "푸", "gang": "강", "gu": "구", "gui": "구이",
    "hai": "하이", "he": "허", "hu": "후", "hua": "화", "huang": "황", "ji": "지", "jia": "자",
    "jiang": "장", "jin": "진", "kou": "커우", "le": "러", "lin": "린", "ling": "링", "liu": "류",
    "long": "룽", "mei": "메이", "men": "먼", "ming": "밍", "nan": "난", "ning": "닝", "ping": "핑",
    "pu": "푸", "qing": "칭", "qiu": "추", "quan": "취안", "sha": "사", "shan": "산", "shi": "스",
    "shui": "수이", "song": "쑹", "tai": "타이", "tian": "톈", "wan": "완", "wen": "원", "wu": "우",
    "xi": "시", "xin": "신", "xing": "싱", "yang": "양", "yi": "이", "yong": "융", "yuan": "위안",
    "yun": "윈", "zhou": "저우", "zhuang": "좡",
}

# type: (weight, Chinese suffix, English suffix, Korean suffix)
MEMBER_TYPES = {
    "city": (70, "市", "", "시"),
    "county": (10, "县", " County", "현"),
    "district": (10, "区", " District", "구"),
    "province": (6, "省", " Province", "성"),
    "region": (4, "地区", " Region", " 지구"),
}

# ISO 3166-1 alpha-2: (weight, lat range, lon range, web domain suffix, zh name, en name, ko name)
COUNTRIES = {
    "CN": (52, (21.0, 45.0), (98.0, 124.0), "gov.cn", "中国", "China", "중국"),
    "JP": (11, (31.0, 43.0), (130.0, 144.0), "lg.jp", "日本", "Japan", "일본"),
    "KR": (10, (34.5, 38.0), (126.5, 129.3), "go.kr", "韩国", "the Republic of Korea", "대한민국"),
    "MN": (5, (43.5, 49.5), (92.0, 116.0), "gov.mn", "蒙古", "Mongolia", "몽골"),
    "ID": (4, (-8.0, 3.0), (98.0, 125.0), "go.id", "印度尼西亚", "Indonesia", "인도네시아"),
    "PH": (3, (6.0, 18.0), (118.0, 126.0), "gov.ph", "菲律宾", "the Philippines", "필리핀"),
    "VN": (3, (9.0, 22.5), (103.0, 109.0), "gov.vn", "越南", "Viet Nam", "베트남"),
    "TH": (2, (7.0, 19.5), (98.5, 104.5), "go.th", "泰国", "Thailand", "태국"),
    "MY": (2, (1.5, 6.5), (100.5, 118.0), "gov.my", "马来西亚", "Malaysia", "말레이시아"),
    "IN": (2, (9.0, 30.0), (72.0, 88.0), "gov.in", "印度", "India", "인도"),
    "AU": (2, (-37.5, -12.5), (115.5, 153.0), "gov.au", "澳大利亚", "Australia", "오스트레일리아"),
    "NZ": (1, (-46.0, -35.0), (167.0, 178.0), "govt.nz", "新西兰", "New Zealand", "뉴질랜드"),
    "DE": (1, (47.5, 54.5), (6.5, 14.5), "de", "德国", "Germany", "독일"),
    "US": (1, (30.0, 47.0), (-122.0, -72.0), "gov", "美国", "the United States", "미국"),
    "CA": (1, (43.0, 53.0), (-123.0, -64.0), "ca", "加拿大", "Canada", "캐나다"),
}

# Parallel (zh, en, ko) topic phrases, used in summaries, titles and bodies (the Korean terms
# of strings/ko.yml's glossary where it has them).
TOPICS = [
    ("城市生物多样性", "urban biodiversity", "도시 생물다양성"),
    ("气候适应", "climate adaptation", "기후 적응"),
    ("低碳发展", "low-carbon development", "저탄소 발전"),
    ("海绵城市建设", "sponge city development", "스펀지 도시 조성"),
    ("可持续交通", "sustainable transport", "지속가능한 교통"),
    ("废弃物管理", "waste management", "폐기물 관리"),
    ("生态修复", "ecological restoration", "생태 복원"),
    ("绿色建筑", "green buildings", "녹색 건축"),
    ("可再生能源", "renewable energy", "재생에너지"),
    ("城市韧性", "urban resilience", "도시 회복력"),
    ("水资源管理", "water management", "수자원 관리"),
    ("湿地保护", "wetland conservation", "습지 보전"),
    ("自然教育", "nature education", "자연 교육"),
    ("循环经济", "the circular economy", "순환경제"),
    ("空气质量改善", "air quality", "대기질 개선"),
    ("基于自然的解决方案", "nature-based solutions", "자연기반해법"),
    ("城市绿地规划", "urban green space planning", "도시 녹지 계획"),
    ("可持续食物系统", "sustainable food systems", "지속가능한 먹거리 체계"),
    ("绿色金融", "green finance", "녹색 금융"),
    ("海洋与海岸带保护", "ocean and coastal protection", "해양 및 연안 보호"),
]

FEATURES = [
    ("一座历史悠久的文化名城", "a historic city with a rich cultural heritage", "역사와 문화 유산이 풍부한 유서 깊은 도시"),
    ("重要的港口和贸易中心", "an important port and trading centre", "중요한 항구이자 무역 중심지"),
    ("区域性的工业和科技中心", "a regional centre of industry and technology", "지역의 산업 및 과학기술 중심지"),
    ("以山水风光闻名的旅游城市", "a tourist destination known for its mountains and rivers", "산과 강의 경관으로 이름난 관광 도시"),
    ("重要的农业和林业基地", "an important base for agriculture and forestry", "중요한 농업 및 임업 기지"),
    ("生态资源丰富的高原城市", "a highland city rich in natural resources", "생태 자원이 풍부한 고원 도시"),
    ("快速发展的新兴城市", "a fast-growing new city", "빠르게 성장하는 신흥 도시"),
    ("湿地和候鸟栖息地众多的滨水城市", "a waterfront city with many wetlands and bird habitats", "습지와 철새 서식지가 많은 수변 도시"),
]

# Parallel (zh, en, ko) tags. Member names are added as tags too (as the real articles do).
TAGS = [
    ("生物多样性", "biodiversity", "생물다양성"), ("气候变化", "climate change", "기후변화"),
    ("碳中和", "carbon neutrality", "탄소중립"),
    ("昆蒙框架", "Kunming-Montreal Global Biodiversity Framework", "쿤밍-몬트리올 글로벌 생물다양성 프레임워크"),
    ("自然城市平台", "CitiesWithNature", "자연기반도시 플랫폼"), ("爱丁堡进程", "Edinburgh Process", "에든버러 프로세스"),
    ("湿地", "wetlands", "습지"), ("海洋保护", "ocean conservation", "해양 보전"),
    ("城市绿地", "urban green space", "도시 녹지"), ("能力建设", "capacity building", "역량 강화"),
    ("国际合作", "international cooperation", "국제 협력"), ("南南合作", "South-South cooperation", "남남협력"),
    ("乡村振兴", "rural revitalisation", "농촌 활성화"), ("生态修复", "ecological restoration", "생태 복원"),
    ("可持续交通", "sustainable transport", "지속가능한 교통"), ("废弃物管理", "waste management", "폐기물 관리"),
    ("循环经济", "circular economy", "순환경제"), ("韧性城市", "resilient cities", "회복력 있는 도시"),
    ("绿色金融", "green finance", "녹색 금융"), ("基于自然的解决方案", "nature-based solutions", "자연기반해법"),
    ("低碳城市", "low-carbon cities", "저탄소 도시"), ("能源转型", "energy transition", "에너지 전환"),
    ("水资源", "water resources", "수자원"), ("空气质量", "air quality", "대기질"),
    ("公众参与", "public participation", "시민 참여"), ("青年", "youth", "청년"),
    ("市长论坛", "mayors' forum", "시장 포럼"), ("COP15", "COP15", "COP15"), ("城市峰会", "urban summit", "도시 정상회의"),
    ("培训", "training", "연수"), ("研讨会", "workshop", "워크숍"), ("案例研究", "case studies", "사례 연구"),
    ("数据与监测", "data and monitoring", "데이터 및 모니터링"), ("食物系统", "food systems", "먹거리 체계"),
    ("健康城市", "healthy cities", "건강도시"), ("海绵城市", "sponge cities", "스펀지 도시"),
    ("绿色建筑", "green buildings", "녹색 건축"), ("生态文明", "ecological civilisation", "생태문명"),
    ("自然教育", "nature education", "자연 교육"), ("城市更新", "urban regeneration", "도시재생"),
]

CATEGORIES = [  # id, zh, en, ko, weight
    ("network-news", "网络动态", "Network news", "네트워크 소식", 35),
    ("events", "活动", "Events", "행사", 30),
    ("background", "背景资料", "Background", "배경 자료", 8),
    ("policy", "政策动态", "Policy", "정책 동향", 10),
    ("projects", "项目进展", "Project updates", "프로젝트 소식", 12),
    ("publications", "出版物", "Publications", "출판물", 5),
]

# The Centre of Excellence activity type of each kind of event.
ACTIVITY_TYPES = {"forum": "conference", "workshop": "workshop", "training course": "workshop", "round table": "meeting",
                  "themed event": "conference", "exchange meeting": "meeting", "summit": "conference",
                  "study visit": "visit"}

EVENTS = [
    ("论坛", "forum", "포럼"), ("研讨会", "workshop", "워크숍"), ("培训班", "training course", "연수 과정"),
    ("圆桌会议", "round table", "원탁회의"), ("主题活动", "themed event", "주제 행사"),
    ("交流会", "exchange meeting", "교류회"), ("峰会", "summit", "정상회의"), ("考察活动", "study visit", "현장 방문"),
]

# Title templates: (zh, en, ko), filled with {m} a member, {t} a topic, {e} an event, {y} a
# year, each in the template's language. Korean particles are written 은(는), 이(가), 을(를),
# 과(와): `_korean` picks the one the word before takes.
TITLES = [
    ("{m}举办{y}年{t}{e}", "{m} hosts {y} {e} on {t}", "{m}, {y}년 {t} {e} 개최"),
    ("宜可城东亚秘书处发布{t}报告", "ICLEI East Asia publishes a report on {t}", "이클레이 동아시아본부, {t} 보고서 발간"),
    ("{m}与宜可城签署{t}合作备忘录", "{m} and ICLEI sign a memorandum of understanding on {t}",
     "{m}-이클레이, {t} 협력 양해각서 체결"),
    ("{y}年东亚{t}{e}成功举办", "{y} East Asia {e} on {t} held successfully", "{y}년 동아시아 {t} {e} 성황리 개최"),
    ("{m}加入宜可城网络", "{m} joins the ICLEI network", "{m}, 이클레이 네트워크 가입"),
    ("宜可城代表团访问{m}，就{t}开展交流", "ICLEI delegation visits {m} for exchanges on {t}",
     "이클레이 대표단, {t} 교류 위해 {m} 방문"),
    ("{m}在{t}方面取得新进展", "{m} makes new progress on {t}", "{m}, {t} 분야에서 새로운 진전"),
    ("宜可城东亚会员城市分享{t}经验", "ICLEI East Asia members share experience in {t}", "이클레이 동아시아 회원 도시, {t} 경험 공유"),
]

HEADINGS = [
    ("背景", "Background", "배경"), ("主要成果", "Key results", "주요 성과"),
    ("与会嘉宾发言", "What the speakers said", "연사 발언"), ("合作亮点", "Highlights of the cooperation", "협력의 주요 내용"),
    ("下一步工作", "Next steps", "향후 계획"), ("地方经验", "Local experience", "지역 경험"), ("专家观点", "Expert views", "전문가 의견"),
]

# Sentence templates: (zh, en, ko); {m} a member, {m2} another, {t} and {t2} topics.
SENTENCES = [
    ("{m}近年来持续推进{t}，将其纳入城市总体规划和年度工作重点。",
     "In recent years {m} has steadily advanced {t}, making it part of its master plan and annual priorities.",
     "{m}은(는) 최근 몇 년간 {t}을(를) 꾸준히 추진하며 이를 도시 기본계획과 연간 중점 과제에 반영했다."),
    ("与会代表围绕{t}和{t2}等议题进行了深入研讨，分享了各自城市的实践经验。",
     "Participants discussed {t} and {t2} in depth and shared the experience of their own cities.",
     "참가자들은 {t} 및 {t2} 등의 의제를 심도 있게 논의하고 각 도시의 실천 경험을 공유했다."),
    ("宜可城东亚秘书处表示，将继续支持会员城市在{t}领域开展能力建设和国际交流。",
     "The ICLEI East Asia Secretariat said it would keep supporting member cities with capacity building and international exchange on {t}.",
     "이클레이 동아시아본부는 {t} 분야에서 회원 도시의 역량 강화와 국제 교류를 계속 지원하겠다고 밝혔다."),
    ("{m}副市长在致辞中介绍了本市在{t}方面的主要举措和阶段性成果。",
     "In her opening remarks, the Deputy Mayor of {m} presented the city's main measures and first results in {t}.",
     "{m} 부시장은 개회사에서 {t} 분야의 주요 조치와 단계별 성과를 소개했다."),
    ("{m}与{m2}就{t}建立了长期合作机制，定期开展技术交流和人员培训。",
     "{m} and {m2} have set up a long-term cooperation on {t}, with regular technical exchanges and staff training.",
     "{m}과(와) {m2}은(는) {t} 분야의 장기 협력 체계를 구축하고 정기적인 기술 교류와 직원 연수를 진행하고 있다."),
    ("专家指出，地方政府是落实“昆明-蒙特利尔全球生物多样性框架”的重要力量。",
     "Experts pointed out that local governments are a driving force in delivering the Kunming-Montreal Global Biodiversity Framework.",
     "전문가들은 지방정부가 “쿤밍-몬트리올 글로벌 생물다양성 프레임워크” 이행의 중요한 주체라고 지적했다."),
    ("活动期间还发布了{t}案例集，收录了东亚地区二十余个城市的优秀实践。",
     "A collection of cases on {t} was launched during the event, with good practice from more than twenty cities in East Asia.",
     "행사 기간에는 동아시아 20여 개 도시의 우수 사례를 담은 {t} 사례집도 발간되었다."),
    ("参观考察环节中，代表们实地了解了{m}的{t}示范项目。",
     "On the site visit, delegates saw the {t} demonstration projects of {m} at first hand.",
     "현장 방문에서 대표단은 {m}의 {t} 시범 사업을 직접 둘러보았다."),
    ("{m}计划到2030年将{t}相关投入提高一倍，并建立全市统一的监测平台。",
     "{m} plans to double its investment in {t} by 2030 and to set up a city-wide monitoring platform.",
     "{m}은(는) 2030년까지 {t} 관련 투자를 두 배로 늘리고 시 전역의 통합 모니터링 플랫폼을 구축할 계획이다."),
    ("会议认为，{t}与{t2}相辅相成，需要各级政府、企业和公众共同参与。",
     "The meeting agreed that {t} and {t2} go hand in hand and need governments at all levels, business and the public.",
     "회의 참석자들은 {t}과(와) {t2}이(가) 서로 보완적이며 각급 정부, 기업, 시민의 공동 참여가 필요하다는 데 뜻을 모았다."),
    ("宜可城将通过“自然城市平台”分享相关经验，促进城市之间的互学互鉴。",
     "ICLEI will share the experience through the CitiesWithNature platform, so that cities can learn from each other.",
     "이클레이는 자연기반도시 플랫폼(CitiesWithNature)을 통해 관련 경험을 공유하고 도시 간 상호 학습을 촉진할 것이다."),
    ("来自高校和研究机构的学者介绍了{t}的最新研究进展和评估方法。",
     "Researchers from universities and institutes presented recent findings and assessment methods on {t}.",
     "대학과 연구기관의 학자들은 {t}에 관한 최신 연구 성과와 평가 방법을 소개했다."),
]

# Words of each language that are not in a table: the source line and the photo's caption.
SOURCE = {"zh": "宜可城东亚秘书处", "en": "ICLEI East Asia Secretariat", "ko": "이클레이 동아시아본부"}
PHOTO = {  # (alt text, caption)
    "zh": ("活动现场", "图：活动现场（来源：宜可城东亚秘书处）"),
    "en": ("At the event", "Photo: at the event (Source: ICLEI East Asia Secretariat)"),
    "ko": ("행사 현장", "사진: 행사 현장(출처: 이클레이 동아시아본부)"),
}


# ---------------------------------------------------------------------------------------
# Content builders: plain data in, plain data out.


def _load_repo_module(repo: Path, name: str):
    """hooks/multilingual_site/<name>.py, loaded from its file (it needs no other module of
    the package): the repo's own schema, languages and translation records."""
    spec = importlib.util.spec_from_file_location(f"_bench_site_{name}", repo / "hooks" / "multilingual_site" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it is executed
    spec.loader.exec_module(module)
    return module


def schema_fields(repo: Path = REPO) -> dict[str, set[str]]:
    """Field names of every model in the repo's hooks/multilingual_site/models.py.

    Optional fields that the schema gains or loses (an article's `action_areas`, a
    milestone's `id`) are written only when the schema has them, so the generator keeps
    producing valid content while the schema evolves.
    """
    module = _load_repo_module(repo, "models")
    return {name: set(model.model_fields) for name, model in vars(module).items()
            if isinstance(model, type) and isinstance(getattr(model, "model_fields", None), dict)}


def written_languages(repo: Path = REPO) -> tuple[str, ...]:
    """The hand-translated languages of the repo's mkdocs.yml, the default one first: the
    languages the generator writes (a derived one is made by the build)."""
    languages = _load_repo_module(repo, "languages").from_mkdocs_yml(repo / "mkdocs.yml")
    codes = tuple(language.code for language in languages.hand_translated)
    if languages.default.code != WORDS[0]:
        raise SystemExit(f"bench/generate.py writes {WORDS[0]} as the source language; mkdocs.yml's default is "
                         f"{languages.default.code}")
    unknown = [code for code in codes if code not in WORDS]
    if unknown:
        raise SystemExit(f"bench/generate.py has no words in {', '.join(unknown)} (it has {', '.join(WORDS)}): "
                         "add a column to its word lists")
    return codes


def _slugify(text: str) -> str:
    return "-".join(part for part in re.split(r"[^a-z0-9]+", text.lower()) if part)


def _weighted(rng: Random, table: dict) -> str:
    keys = list(table)
    return rng.choices(keys, weights=[table[k][0] for k in keys])[0]


def _random_day(rng: Random, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


# A Korean particle after a word depends on whether its last syllable ends in a consonant
# (쿤밍시는, 청두시는; 기후 적응을, 재생에너지를): templates write both forms.
_PARTICLES = re.compile(r"([가-힣])(은\(는\)|이\(가\)|을\(를\)|과\(와\))")


def _korean(text: str) -> str:
    """Each `은(는)`, `이(가)`, `을(를)`, `과(와)` resolved by the syllable before it."""
    def particle(match):
        closed = (ord(match[1]) - 0xAC00) % 28 != 0
        first, second = match[2][0], match[2][2]
        return match[1] + (first if closed else second)
    return _PARTICLES.sub(particle, text)


def _fill(templates: tuple[str, ...], **words: tuple) -> dict[str, str]:
    """A template per language (WORDS' order) filled with each word in that language."""
    texts = {}
    for index, lang in enumerate(WORDS):
        text = templates[index].format(**{key: value[index] if isinstance(value, tuple) else value
                                          for key, value in words.items()})
        texts[lang] = _korean(text) if lang == "ko" else text
    return texts


def _names(member: dict) -> tuple[str, ...]:
    return tuple(member["name"][lang] for lang in WORDS)


def _member_names(rng: Random, count: int) -> list[tuple[str, str, str]]:
    """`count` distinct (Chinese, pinyin, Korean) name stems, mostly two syllables."""
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
        names.append((zh, pinyin.capitalize(), "".join(KOREAN_SYLLABLES[p[1]] for p in parts)))
    return names


def make_members(rng: Random, count: int) -> list[dict]:
    members, ids = [], set()
    for zh_stem, en_stem, ko_stem in _member_names(rng, count):
        kind = _weighted(rng, MEMBER_TYPES)
        _, zh_suffix, en_suffix, ko_suffix = MEMBER_TYPES[kind]
        country = _weighted(rng, COUNTRIES)
        _, lat, lon, domain, *country_names = COUNTRIES[country]
        base = _slugify(en_stem + ("" if kind == "city" else f" {kind}"))
        member_id, n = base, 2
        while member_id in ids:
            member_id, n = f"{base}-{n}", n + 1
        ids.add(member_id)
        topic, topic2 = rng.sample(TOPICS, 2)
        feature = rng.choice(FEATURES)
        year = rng.randint(1995, 2025)
        name = (zh_stem + zh_suffix, en_stem + en_suffix, ko_stem + ko_suffix)
        member = {
            "id": member_id,
            "name": dict(zip(WORDS, name)),
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
            joined = (f"{year}年加入宜可城网络，", f" It joined the ICLEI network in {year} and",
                      f"{year}년 이클레이 네트워크에 가입했으며, ") if "joined" in member else ("", " It", "")
            member["summary"] = _fill(
                ("{n}位于{c}，是{f}。{n}{j}重点推进{t}和{t2}，积极参与宜可城东亚地区的交流与合作。",
                 "{n} is {f} in {c}.{j} focuses on {t} and {t2}, taking an active part in ICLEI's exchanges and "
                 "cooperation in East Asia.",
                 "{n}은(는) {c}에 있는 {f}이다. {j}{t} 및 {t2}에 중점을 두고 이클레이 동아시아 지역의 교류와 협력에 "
                 "적극 참여하고 있다."),
                n=name, c=tuple(country_names), f=feature, j=joined, t=topic, t2=topic2)
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


def _body(rng: Random, members: list[dict], named: list[dict]) -> dict[str, str]:
    """Several paragraphs and a few `##` headings, in each language."""
    paragraphs_of = {lang: [] for lang in WORDS}
    paragraphs = rng.randint(4, 8)
    heading_at = set(rng.sample(range(1, paragraphs), min(paragraphs - 1, rng.randint(1, 3))))
    headings = iter(rng.sample(HEADINGS, len(heading_at)))
    for index in range(paragraphs):
        if index in heading_at:
            heading = next(headings)
            for lang_index, lang in enumerate(WORDS):
                paragraphs_of[lang].append(f"## {heading[lang_index]}")
        sentences = {lang: [] for lang in WORDS}
        for templates in rng.sample(SENTENCES, rng.randint(2, 4)):
            m, m2 = rng.choice(named or members), rng.choice(members)
            t, t2 = rng.sample(TOPICS, 2)
            for lang, text in _fill(templates, m=_names(m), m2=_names(m2), t=t, t2=t2).items():
                sentences[lang].append(text)
        for lang in WORDS:
            paragraphs_of[lang].append(("" if lang == "zh" else " ").join(sentences[lang]))
    return {lang: "\n\n".join(paragraphs_of[lang]) + "\n" for lang in WORDS}


def _first_sentence(paragraph: str, lang: str) -> str:
    if lang == "zh":
        return paragraph.split("。")[0] + "。"
    return paragraph.split(". ")[0].rstrip(".") + "."


def _front_matter(fields: dict) -> str:
    # Flow style for the short lists (`tags: [a, b]`), as staff write them.
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000) + "---\n"


def make_articles(rng: Random, count: int, members: list[dict], areas: list[str] | None = None) -> list[dict]:
    """`count` articles in each language, plus about 5% more in Chinese only.

    Every article has a zh text; all but the Chinese-only ones have an en text, so the
    English site has exactly `count` articles and the Chinese site a few more. Korean misses
    as many as English, half of them among the Chinese-only ones (their Korean page stands in
    with the Chinese), half among the others (with the English): `count` Korean articles too.
    Each article: its slug, date, and per language its front-matter fields and body.
    """
    cumulative = _zipf_weights(len(members))
    order = members[:]
    rng.shuffle(order)  # which members are the often-named ones
    extra = round(count * CHINESE_ONLY_SHARE)
    chinese_only = set(rng.sample(range(count + extra), extra))
    others = sorted(set(range(count + extra)) - chinese_only)
    not_korean = set(rng.sample(sorted(chinese_only), extra // 2)) | set(rng.sample(others, extra - extra // 2))
    missing = {"zh": set(), "en": chinese_only, "ko": not_korean}
    categories = [c[0] for c in CATEGORIES]
    category_weights = [c[4] for c in CATEGORIES]
    articles, slugs = [], set()
    for index in range(count + extra):
        day = _random_day(rng)
        named, wanted = [], rng.choices([0, 1, 2, 3], weights=[20, 50, 20, 10])[0]
        while len(named) < min(wanted, len(members)):
            member = rng.choices(order, cum_weights=cumulative)[0]
            if member not in named:
                named.append(member)
        m = named[0] if named else rng.choice(members)
        topic, event = rng.choice(TOPICS), rng.choice(EVENTS)
        title = _fill(rng.choice(TITLES), m=_names(m), t=topic, e=event, y=day.year)
        base = "-".join(_slugify(title["en"]).split("-")[:7])
        slug, n = base, 2
        while slug in slugs or slug in ("index", "page"):
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug)
        topic_tags = rng.sample(TAGS, rng.randint(1, 4))
        member_tags = [(mm["name"]["zh"][:-len(MEMBER_TYPES[mm["type"]][1])], mm["name"]["en"].split(" ")[0],
                        mm["name"]["ko"][:-len(MEMBER_TYPES[mm["type"]][3])])
                       for mm in named if rng.random() < 0.4]
        tags = list(dict.fromkeys(topic_tags + member_tags))
        body = _body(rng, members, named)
        category = rng.choices(categories, weights=category_weights)[0]
        has_summary, has_source = rng.random() < 0.6, rng.random() < 0.5
        article_areas = rng.sample(areas, rng.choice([0, 0, 1, 2])) if areas else []
        fields, bodies = {}, {}
        for lang_index, lang in enumerate(WORDS):
            if index in missing[lang]:
                continue
            fields[lang] = {"title": title[lang], "date": day.isoformat(), "category": category,
                            "tags": list(dict.fromkeys(tag[lang_index] for tag in tags)),
                            "members": [mm["id"] for mm in named]}
            if has_summary:  # the first sentence of the first paragraph
                fields[lang]["summary"] = _first_sentence(body[lang].split("\n\n")[0], lang)
            if has_source:
                fields[lang]["source"] = SOURCE[lang]
            if article_areas:
                fields[lang]["action_areas"] = article_areas
            bodies[lang] = body[lang]
        articles.append({"slug": slug, "date": day, "fields": fields, "bodies": bodies})
    return articles


def article_texts(article: dict, languages: tuple[str, ...], image: str | None, source_version) -> dict[str, str]:
    """The files of an article in `languages` (those it has): front matter and body, with
    `image` as its cover and as a captioned photo in the body; every translation records the
    version of its source it was made from (`translated_from`, translations.py), the source
    being the first of `languages` (the default language, which every article has)."""
    source = languages[0]
    texts, version = {}, None
    for lang in languages:
        if lang not in article["fields"]:
            continue
        fields, body = dict(article["fields"][lang]), article["bodies"][lang]
        if image:
            fields["cover"] = image
            alt, caption = PHOTO[lang]
            first, _, rest = body.strip().partition("\n\n")
            body = f"{first}\n\n![{alt}]({image} \"{caption}\")\n\n{rest}\n"
        if lang == source:
            version = source_version(fields["title"], fields.get("summary"), body)
        else:
            fields["translated_from"] = f"{source}@{version}"
        texts[lang] = _front_matter(fields) + "\n" + body
    return texts


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
        topic, event = rng.choice(TOPICS), rng.choice(EVENTS)
        kind = ACTIVITY_TYPES[event[1]]
        day = _random_day(rng, agreement_day, LAST_DAY)
        base = _slugify(f"{place['id']} {event[1]} {day.year}")
        activity_id, n = base, 2
        while activity_id in ids:
            activity_id, n = f"{base}-{n}", n + 1
        ids.add(activity_id)
        activity = {
            "id": activity_id,
            "date": day.isoformat(),
            "type": kind,
            "title": _fill(("卓越中心在{p}举办{t}{e}", "Centre of Excellence {e} on {t} in {p}", "우수센터, {p}에서 {t} {e} 개최"),
                           p=_names(place), t=topic, e=event),
            "place": dict(place["name"]),
            "partners": [dict(p["name"]) for p in rng.sample(members, min(len(members), rng.randint(0, 2)))],
        }
        if rng.random() < 0.5:
            activity["news"] = rng.choice(articles)["slug"]
        if areas and rng.random() < 0.6:
            activity["action_areas"] = rng.sample(areas, rng.randint(1, 2))
        activities.append(activity)
    host_names = _names(host)
    return {
        "name": _fill(("宜可城-{h}国际自然城市卓越中心", "ICLEI-{h} International CitiesWithNature Centre of Excellence",
                       "이클레이-{h} 국제 자연기반도시 우수센터"), h=host_names),
        "summary": _fill(("卓越中心由{h}承办，支持城市在{f}等方面开展长期交流合作。",
                          "The Centre of Excellence, hosted by {h}, supports long-term exchange and cooperation "
                          "between cities on {f} and more.",
                          "우수센터는 {h}이(가) 운영하며, {f} 등의 분야에서 도시 간 장기적인 교류와 협력을 지원한다."),
                         h=host_names, f=focus),
        "host": host["id"],
        "agreement": {
            "date": agreement_day.isoformat(),
            "title": _fill(("宜可城-{h}国际自然城市卓越中心框架协议",
                            "Framework Agreement on the ICLEI-{h} International CitiesWithNature Centre of Excellence",
                            "이클레이-{h} 국제 자연기반도시 우수센터 기본협정"), h=host_names),
            "text": _fill(("{h}与宜可城签署卓越中心框架协议。",
                           "{h} and ICLEI signed the framework agreement on the Centre of Excellence.",
                           "{h}과(와) 이클레이는 우수센터 기본협정을 체결했다."), h=host_names),
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
        topic = rng.choice(TOPICS)
        listed = tuple(separator.join(m["name"][lang] for m in named) for separator, lang in zip(("、", ", ", ", "), WORDS))
        milestone = {
            "id": f"milestone-{len(milestones) + 1}",
            "date": day.isoformat()[: rng.choice([7, 10])],
            "title": _fill(("{m}等城市参与爱丁堡进程{t}磋商",
                            "{m} and other cities join Edinburgh Process consultations on {t}",
                            "{m} 등 도시, {t}에 관한 에든버러 프로세스 협의 참여"), m=_names(named[0]), t=topic),
            "text": _fill(("{l}参与爱丁堡进程关于{t}的磋商。", "{l} took part in Edinburgh Process consultations on {t}.",
                           "{l}이(가) {t}에 관한 에든버러 프로세스 협의에 참여했다."), l=listed, t=topic),
            "members": [m["id"] for m in named],
        }
        if rng.random() < 0.4:
            milestone["news"] = rng.choice(articles)["slug"]
        if not with_ids:
            del milestone["id"]
        milestones.append(milestone)
    keep = {key: repo_edinburgh[key] for key in ("name", "short_name", "summary", "led_by", "partners") if key in repo_edinburgh}
    return {**keep, "milestones": milestones}


def only_languages(data, languages: tuple[str, ...]):
    """`data` with every text (a mapping whose keys are all languages of WORDS) cut to
    `languages`: the generator writes what the site's list of languages holds."""
    if isinstance(data, dict):
        if data and set(data) <= set(WORDS):
            return {lang: text for lang, text in data.items() if lang in languages}
        return {key: only_languages(value, languages) for key, value in data.items()}
    if isinstance(data, list):
        return [only_languages(item, languages) for item in data]
    return data


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
    for protected in (repo, *(repo / name for name in ("docs", "data", "hooks", "overrides", "strings", "tests"))):
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


def generate(target_dir, members: int = 500, articles: int = 500, seed: int = 1, repo: Path = REPO,
             photos_every: int = 10) -> dict:
    """Write a synthetic project into `target_dir` (new or empty); return what it holds. Every
    `photos_every`-th article has a 12 MP photo as its cover and in its text (0: none)."""
    if members < 1 or articles < 1:
        raise ValueError("members and articles must be at least 1")
    target = Path(target_dir)
    _check_target(target, repo)
    languages = written_languages(repo)
    source_version = _load_repo_module(repo, "translations").source_version
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
    categories = [{"id": c[0], "label": dict(zip(WORDS, c[1:4]))} for c in CATEGORIES]
    for name, content in (("members", member_list), ("categories", categories), ("coe", coe), ("edinburgh", edinburgh)):
        (data / f"{name}.yml").write_text(_dump(only_languages(content, languages), header), encoding="utf-8")
    # The repo's other data files (offices.yml, action_plan.yml, zh_hant_phrases.yml, any
    # added later) as they are: they do not grow with the network.
    for source in sorted((repo / "data").glob("*.yml")):
        if not (data / source.name).exists():
            shutil.copy2(source, data / source.name)

    counts = dict.fromkeys(languages, 0)
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
        for lang, text in article_texts(article, languages, image, source_version).items():
            (folder / f"{article['slug']}.{lang}.md").write_text(text, encoding="utf-8")
            counts[lang] += 1
    return {
        "seed": seed,
        "members": len(member_list),
        "languages": list(languages),
        "articles": counts,
        "chinese_only": counts[languages[0]] - counts.get("en", counts[languages[0]]),
        "untranslated": {lang: counts[languages[0]] - counts[lang] for lang in languages[1:]},
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
    articles = " + ".join(f"{count} {lang}" for lang, count in summary["articles"].items())
    untranslated = ", ".join(f"{count} not in {lang}" for lang, count in summary["untranslated"].items())
    print(f"{args.target}: {summary['members']} members, {articles} articles ({untranslated}), "
          f"{summary['coe_activities']} Centre of Excellence activities")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A small site for the channel tests (the newsletter, WeChat copies): the fixture site of
tests/fixtures/good plus an August 2024 article with what e-mail and WeChat must carry: a
cover, a captioned photo, links out of the site and to WeChat, a table, Chinese punctuation,
a title with characters HTML gives a meaning to. Invented test data only.

`make_channel_project` makes the project; the tests build it (sitebuild.build) and run the
staff commands on it (`run_tool`), as staff run them in a checkout.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from sitebuild import REPO, edit_file, make_project

MONTH = "2024-08"
BUILD_DATE = "2025-06-01"  # the fixture's autumn workshop (2025-09-01) is still to come
SIGNUP = "https://lists.example.org/subscribe/iclei-east-asia"
ARTICLE = "news/2024/river-walk"
TITLES = {"zh": "河流 & <湖泊>：城市河岸步道开放", "en": "Rivers & <Lakes>: a riverside walk opens"}
OUTSIDE = ("https://www.cbd.int/", "https://example.org/report.pdf")
WECHAT_LINK = "https://mp.weixin.qq.com/s/test-article"
CAPTION = "图：河边新建的步道（来源：测试秘书处）"

ZH_BODY = f"""城市的“河岸步道”于8月20日开放，全长5公里；沿途设有观鸟点、雨水花园（共12处）等设施。

![河边新建的步道](images/walk.jpg "{CAPTION}")

## 参考资料

步道的规划参考了[《生物多样性公约》]({OUTSIDE[0]})的指南，详见[项目报告]({OUTSIDE[1]})。
公约秘书处的[网站]({OUTSIDE[0]})还有更多资料；另见[上一篇新闻](../2023/normal-pair.md)和[公众号文章]({WECHAT_LINK})。

- 第一项：观鸟；
- 第二项：科普。

| 项目 | 数量 |
|---|---|
| 观鸟点 | 3 |
"""

EN_BODY = f"""The city's riverside walk opened on 20 August: 5 km long, with bird hides and rain gardens.

![The new riverside walk](images/walk.jpg "Photo: the new riverside walk (Source: Test Secretariat)")

It follows the guidance of the [Convention on Biological Diversity]({OUTSIDE[0]}).
"""


def _photo(path: Path, size: tuple[int, int], colour: tuple[int, int, int]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "JPEG", quality=80)


def make_channel_project(tmp: Path) -> Path:
    project = make_project(tmp)
    images = project / "docs/news/2024/images"
    _photo(images / "river.jpg", (1200, 800), (30, 110, 160))
    _photo(images / "walk.jpg", (1000, 750), (40, 140, 80))
    for lang, body, summary in (("zh", ZH_BODY, "城市河岸步道开放，沿途设有观鸟点。"),
                                ("en", EN_BODY, "The city's riverside walk is open.")):
        front = (f"title: '{TITLES[lang]}'\ndate: 2024-08-20\ncategory: events\nmembers: [kunming]\n"
                 f"summary: {summary}\ncover: images/river.jpg\nsource: {'测试秘书处' if lang == 'zh' else 'Test Secretariat'}")
        (project / f"docs/{ARTICLE}.{lang}.md").write_text(f"---\n{front}\n---\n\n{body}", encoding="utf-8")
    edit_file(project, "mkdocs.yml", "    # subscribe:\n", f"    subscribe: {SIGNUP}\n")
    return project


def run_tool(project: Path, tool: str, *args: str) -> subprocess.CompletedProcess:
    """A staff command (tools/<tool>.py) on `project`, as `make` runs it, on the build date."""
    env = {**os.environ, "SITE_BUILD_DATE": BUILD_DATE}
    return subprocess.run([sys.executable, str(REPO / "tools" / f"{tool}.py"), *args, "--project", str(project)],
                          capture_output=True, text=True, env=env, timeout=300)

"""List every article missing a translation (`make translations`).

Data entries cannot miss one: every text in data/ needs both languages, and the build
stops on any that lacks one. Exit code 0 either way: this is a report, not a check.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from multilingual_site.content_checks import load_content  # noqa: E402
from multilingual_site.loading import ContentError  # noqa: E402


def main(argv=None) -> int:
    project = Path(argv[0]) if argv else ROOT
    try:
        content = load_content(project, project / "docs")
        content.index()  # every article, drafts and scheduled ones included
    except ContentError as error:
        print(error)
        return 1
    gaps = content.missing_translations
    for gap in gaps:
        print(gap)
    print(f"{len(gaps)} article(s) missing a translation; data/ entries are complete (both languages are required).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

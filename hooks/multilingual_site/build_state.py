"""What one build shares between hook modules.

mkdocs-static-i18n runs the whole build once per language in the same process; the
validated content is loaded once, in the first pass's `on_config`, and kept here for the
passes that follow. A new `mkdocs serve` rebuild starts from a fresh config and reloads.
"""

from __future__ import annotations

from pathlib import Path

from .content_model import SiteContent

content: SiteContent | None = None
preview: bool = False  # True under `mkdocs serve`: drafts and scheduled articles are shown
project_dir: Path | None = None
source_docs_dir: Path | None = None
staging_dir: Path | None = None
# Per language pass (set by page_views.on_files): language-neutral docs path, such as
# "members/kunming.md", -> the URL of this language's page, such as "en/members/kunming/".
urls: dict[str, str] = {}
# Docs path of a photo a page shows -> what it becomes (photos.Photo), set by hooks/photo_sizes.py.
photos: dict = {}

"""`make edit`: the live preview and the browser editor, together, on this machine.

Starts decap-server (Decap CMS's local backend, from node_modules/), which saves what the
editor at http://127.0.0.1:8000/admin/ writes into this working tree, then the live preview
exactly as `make serve` runs it. Both listen on 127.0.0.1 only: decap-server writes any file
of the repository it is asked to, so it must not be reachable from the network. Ctrl-C stops
both. decap-server's address is mkdocs.yml's `extra.editor.local_backend`, which is also
where the editor looks for it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
PREVIEW = "127.0.0.1:8000"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml uses MkDocs' own tags (`!ENV`, `!relative`); only `extra` is read here."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def local_backend() -> tuple[str, int]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    url = urlsplit(((config.get("extra") or {}).get("editor") or {}).get("local_backend", "http://127.0.0.1:8081/api/v1"))
    return url.hostname, url.port or 80


def _stop(signum, frame):
    raise KeyboardInterrupt  # SIGTERM as Ctrl-C: both servers are stopped


def main() -> int:
    signal.signal(signal.SIGTERM, _stop)
    if not SERVER.is_file():
        print(f"{SERVER.relative_to(ROOT)} is missing: run `make edit` (it installs the npm packages).", file=sys.stderr)
        return 2
    host, port = local_backend()
    env = {**os.environ, "MODE": "fs", "GIT_REPO_DIRECTORY": str(ROOT), "BIND_HOST": host, "PORT": str(port),
           "LOG_LEVEL": "warn"}
    server = subprocess.Popen(["node", str(SERVER)], cwd=ROOT, env=env)
    print(f"\n  网站预览 Preview:  http://{PREVIEW}/\n  编辑器   Editor:   http://{PREVIEW}/admin/\n"
          "  Ctrl-C 停止 (stops both)\n", flush=True)
    try:
        # SITE_EDITOR=local: this preview's /admin/ saves through decap-server (hooks/editor.py).
        engine = os.environ.get("MKDOCS", "mkdocs")  # or properdocs (Makefile, README)
        preview = subprocess.run([sys.executable, "-m", engine, "serve", "--dirty", "--no-strict",
                                  "--dev-addr", PREVIEW], cwd=ROOT, env={**os.environ, "SITE_EDITOR": "local"})
        return preview.returncode
    except KeyboardInterrupt:
        return 0
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())

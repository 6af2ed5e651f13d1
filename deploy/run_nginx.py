"""Run Debian's nginx with deploy/nginx.conf on a built site, unprivileged, all state in a temp folder.

`make nginx` (in the foreground, until Ctrl-C) and the tests (`serving()`, on a free port)
use it, so that what they check is the production configuration itself. deploy/nginx.conf
is used as it is except for what only a production server has:
- `listen 80;` / `listen [::]:80;` become one `listen 127.0.0.1:<port>;`;
- the site path `/srv/eastasia/site` (in `root` and in the include of the build's
  Content-Security-Policy) becomes the given site folder;
and the main configuration around it (Debian's /etc/nginx/nginx.conf in production) is a
small one written here, with the pid file, temporary files and error log in the temp folder
(`nginx -p`), so that no root rights, /run or /var/lib/nginx are needed.
Only the standard library: `make nginx` runs it with the system's Python.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

DEPLOY = Path(__file__).resolve().parent
SERVER_CONF = DEPLOY / "nginx.conf"
HEADERS_CONF = DEPLOY / "nginx-headers.conf"
PRODUCTION_SITE = "/srv/eastasia/site"
PRODUCTION_LISTEN = ("    listen 80;\n", "    listen [::]:80;\n")
POLICY = Path(".nginx", "content-security-policy.conf")

MAIN_CONF = """\
# Written by deploy/run_nginx.py: deploy/nginx.conf for a local, unprivileged run.
daemon off;
worker_processes 1;
pid nginx.pid;
error_log {error_log} warn;
{user}
events {{
    worker_connections 256;
}}

http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {access_log};
    sendfile on;
    client_body_temp_path temp/client_body;
    proxy_temp_path temp/proxy;
    fastcgi_temp_path temp/fastcgi;
    uwsgi_temp_path temp/uwsgi;
    scgi_temp_path temp/scgi;
    include sites-enabled/eastasia.conf;
}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(found, os.X_OK):
        raise SystemExit("nginx is not installed: `make nginx` installs Debian's package")
    return found


def server_conf(site: Path, port: int) -> str:
    """deploy/nginx.conf with the local listen address and site path."""
    text = SERVER_CONF.read_text(encoding="utf-8")
    for line in (*PRODUCTION_LISTEN, PRODUCTION_SITE):
        if line not in text:  # the file changed: substituting nothing would test the wrong thing
            raise SystemExit(f"deploy/nginx.conf no longer contains {line.strip()!r}; update deploy/run_nginx.py")
    site_path = str(site.resolve())
    if any(c in site_path for c in " ;'\"{}$\\"):
        raise SystemExit(f"the site path {site_path!r} has a character nginx would read as syntax")
    text = text.replace(PRODUCTION_LISTEN[0], f"    listen 127.0.0.1:{port};\n").replace(PRODUCTION_LISTEN[1], "")
    return text.replace(PRODUCTION_SITE, site_path)


def write_config(site: Path, port: int, folder: Path, access_log: bool = False) -> Path:
    """Write the whole configuration into `folder` (nginx's prefix); returns the main file."""
    if not (site / "index.html").is_file() or not (site / POLICY).is_file():
        raise SystemExit(f"{site} is not a built site with {POLICY}: build it with `make site`")
    (folder / "sites-enabled").mkdir(parents=True, exist_ok=True)
    (folder / "snippets").mkdir(exist_ok=True)
    (folder / "temp").mkdir(exist_ok=True)
    (folder / "sites-enabled" / "eastasia.conf").write_text(server_conf(site, port), encoding="utf-8")
    shutil.copyfile(HEADERS_CONF, folder / "snippets" / "eastasia-headers.conf")
    main = folder / "nginx.conf"
    main.write_text(MAIN_CONF.format(
        error_log="stderr",
        access_log="/dev/stdout" if access_log else "off",
        # Run by root (CI containers), the workers would become `nobody`, who cannot read a
        # site in a private temp folder; an unprivileged user's nginx has no `user` to switch to.
        user="user root;" if os.geteuid() == 0 else "",
    ), encoding="utf-8")
    return main


def command(folder: Path, *extra: str) -> list[str]:
    return [nginx_binary(), "-p", f"{folder}/", "-c", str(folder / "nginx.conf"), *extra]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_answering(process: subprocess.Popen, base_url: str, error_log: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = error_log.read_text(encoding="utf-8", errors="replace")
            raise RuntimeError(f"nginx stopped with exit code {process.returncode}:\n{log}")
        try:
            urllib.request.urlopen(base_url, timeout=1).close()
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.05)
    raise RuntimeError(f"nginx did not answer on {base_url} within {timeout} s")


@contextlib.contextmanager
def serving(site: Path, port: int | None = None) -> Iterator[str]:
    """nginx serving `site` with deploy/nginx.conf on 127.0.0.1; yields the base URL."""
    with tempfile.TemporaryDirectory(prefix="nginx-") as tmp:
        folder = Path(tmp)
        port = port or free_port()
        write_config(site, port, folder)
        check = subprocess.run(command(folder, "-t", "-q"), capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        # The error log goes to a file: a pipe nobody reads would block nginx once full.
        with open(folder / "error.log", "w+", encoding="utf-8") as errors:
            process = subprocess.Popen(command(folder), stdout=subprocess.DEVNULL, stderr=errors)
            base_url = f"http://127.0.0.1:{port}/"
            try:
                _wait_until_answering(process, base_url, folder / "error.log")
                yield base_url
            finally:
                process.terminate()  # SIGTERM: nginx's fast shutdown, workers included
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (default: 8080)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nginx-") as tmp:
        folder = Path(tmp)
        write_config(args.site, args.port, folder, access_log=True)
        test = subprocess.run(command(folder, "-t", "-q"))
        if test.returncode != 0:
            return test.returncode
        print(f"Serving {args.site}/ through deploy/nginx.conf at http://127.0.0.1:{args.port}/ (Ctrl-C stops)",
              flush=True)
        process = subprocess.Popen(command(folder))
        try:
            return process.wait()
        except KeyboardInterrupt:  # nginx got the same Ctrl-C: let it finish its shutdown
            process.terminate()
            process.wait(timeout=10)
            return 0


if __name__ == "__main__":
    sys.exit(main())

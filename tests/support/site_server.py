"""Build the real site and serve it on 127.0.0.1 the way GitHub Pages does.

The site lives under the path of `site_url` (/site/), so the 404 page's absolute URLs load
its assets. Unknown paths get 404.html with status 404, text is gzip-compressed when the
client accepts it, and nothing is fetched from anywhere else.

Run as a script to serve a built site by hand (the link-check targets do this):
    python tests/support/site_server.py SITE_DIR [PORT]
"""

from __future__ import annotations

import gzip
import mimetypes
import posixpath
import sys
import threading
from functools import cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


def base_path() -> str:
    """The path part of site_url in mkdocs.yml, e.g. '/site/'."""
    head = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0]
    path = urlsplit(yaml.safe_load(head)["site_url"]).path or "/"
    return path if path.endswith("/") else path + "/"


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: Path, prefix: str, port: int = 0):
        self.site, self.prefix = site.resolve(), prefix
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}{self.prefix}"

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser closing a connection is normal
            super().handle_error(request, client_address)

    def start(self) -> SiteServer:
        threading.Thread(target=self.serve_forever, name="site-server", daemon=True).start()
        return self


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet: tests report what matters
        pass

    def do_GET(self):
        self._respond(body=True)

    def do_HEAD(self):
        self._respond(body=False)

    def _respond(self, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        prefix = self.server.prefix
        if path + "/" == prefix:
            return self._redirect(prefix)
        file = self._file_for(path[len(prefix) :]) if path.startswith(prefix) else None
        if file is not None and file.is_dir():
            if not path.endswith("/"):
                return self._redirect(path + "/")
            file = file / "index.html"
        status = HTTPStatus.OK
        if file is None or not file.is_file():
            status, file = HTTPStatus.NOT_FOUND, self.server.site / "404.html"
        ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        data, encoding = _content(file), None
        if ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            data, encoding = _gzipped(file), "gzip"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _file_for(self, relative: str) -> Path | None:
        clean = posixpath.normpath("/" + relative).lstrip("/")
        file = (self.server.site / clean).resolve()
        return file if file == self.server.site or self.server.site in file.parents else None

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@cache
def _content(file: Path) -> bytes:
    return file.read_bytes()


@cache
def _gzipped(file: Path) -> bytes:
    return gzip.compress(_content(file), mtime=0)


if __name__ == "__main__":
    site_dir = Path(sys.argv[1])
    server = SiteServer(site_dir, base_path(), int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    print(server.base_url, flush=True)
    server.serve_forever()

"""`make serve`: both editions at the URLs they are published at, with live reload.

    python -m adapters.serve [--dev-addr 127.0.0.1:8000]

MkDocs' own `mkdocs serve` serves one config. The site has two (mkdocs.yml, and mkdocs.de.yml into
site/de/), and the language switch, the shared stylesheet and script and the alternate links only work
when both are where they will be published: English at /site/, German at /site/de/. This is MkDocs'
serve command for both: one LiveReloadServer (MkDocs' own) on one folder, a builder that builds English
and then German into it (the English build empties the folder first, as `make build` does), and every
file either build reads watched. A change rebuilds both; the browser reloads the page it shows.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer, _serve_url

from adapters.editions import EDITIONS

log = logging.getLogger("mkdocs.commands.serve")


def configs(root: Path, site_dir: Path, serve_url: str) -> list[MkDocsConfig]:
    """Each edition's config, building into its folder under site_dir and linking to the local server."""
    loaded = []
    for name, below in EDITIONS.items():
        config = load_config(config_file=str(root / name), strict=True)  # a warning fails the build, as `make build`
        config.site_dir = str(site_dir / below)
        config.site_url = serve_url + below
        config.plugins.on_startup(command="serve", dirty=False)  # live reload's script: no policy then
        loaded.append(config)
    return loaded


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="host:port to serve on")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s-  %(message)s")
    host, _, port = args.dev_addr.rpartition(":")
    root = Path.cwd()
    site_dir = Path(tempfile.mkdtemp(prefix="site-"))
    english = load_config(config_file=str(root / next(iter(EDITIONS))))
    mount_path = urlsplit(english.site_url or "/").path
    serve_url = _serve_url(host, int(port), mount_path)
    watched: set[str] = set()

    def builder() -> None:
        log.info("Building both editions...")
        for config in configs(root, site_dir, serve_url):
            build(config, serve_url=config.site_url)
            watched.update([str(root / "docs"), str(root / "overrides"), config.config_file_path or "", *config.watch])
        watched.discard("")

    server = LiveReloadServer(builder=builder, host=host, port=int(port), root=str(site_dir), mount_path=mount_path)
    server.error_handler = lambda code: (site_dir / "404.html").read_bytes() if code == 404 else None
    try:
        builder()
        for path in sorted(watched):  # the pages, the data files (docs/data/), the configs and the templates
            server.watch(path)
        log.info("Serving " + ", ".join(f"{name}: {serve_url}{below}" for name, below in EDITIONS.items()))
        server.serve()  # type: ignore[no-untyped-call]  # MkDocs' own, untyped
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


if __name__ == "__main__":
    main()

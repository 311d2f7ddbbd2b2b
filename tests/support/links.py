"""Check every link of the built site with HTML-Proofer (Debian's ruby-html-proofer).

Internal mode (blocking, in `make test` and `make linkcheck`): every page, asset, glossary, index,
related-page and footnote link, and every #anchor, same-page or on another page, must resolve.
It needs no network. External mode (`make linkcheck-external`, non-blocking) checks the links to
other sites, and needs the internet.

    python -m tests.support.links [--external] [SITE_DIR]    # without SITE_DIR: build the site first
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .site_server import base_path
from .sites import build_real_site

HTMLPROOFER = os.environ.get("HTMLPROOFER", "htmlproofer")
INSTALL_HINT = "install Debian's package as root: `apt-get install -y ruby-html-proofer` (`make test` does this)"


def htmlproofer_command(site: Path, external: bool = False) -> list[str]:
    executable = shutil.which(HTMLPROOFER)
    if executable is None:
        raise FileNotFoundError(f"{HTMLPROOFER} not found: {INSTALL_HINT}")
    # The 404 page links with absolute URLs under the site's path (/site/...): map them into SITE_DIR.
    swap = "^" + base_path().replace(":", "\\:") + ":/"
    command = [executable, str(site), "--url-swap", swap, "--check-favicon", "--log-level", ":warn"]
    if external:
        command += ["--external_only", "--http-status-ignore", "429"]
    else:
        command += ["--disable-external"]
    return command


def check(site: Path, external: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        htmlproofer_command(site, external),
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "C.UTF-8"},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--external", action="store_true", help="check links to other sites (needs internet)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build_real_site(site)
        try:
            result = check(site, args.external)
        except FileNotFoundError as exc:
            print(exc, file=sys.stderr)
            return 2
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    what = "external links" if args.external else "internal links and anchors"
    print(f"HTML-Proofer, {what}: {'no broken links' if result.returncode == 0 else 'broken links above'}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())

"""`mkdocs serve` really rebuilds: editing the glossary or a page updates every page it affects."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from support.samples import XREF_PAGES as PAGES
from support.sites import make_site

pytestmark = pytest.mark.slow  # starts `mkdocs serve`


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, timeout: float = 30) -> str:
    deadline, body = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        try:
            body = fetch(url)
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never contained {text!r}")


@pytest.fixture
def served(tmp_path):
    project = make_site(tmp_path, PAGES, site_url="http://127.0.0.1/")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_editing_glossary_and_pages_under_serve_updates_other_pages(served):
    project, base = served
    wait_for(base, "Attention in which several query heads share one key/value head.")

    glossary = project / "docs/data/glossary.yml"
    glossary.write_text(glossary.read_text().replace("several query heads share", "query heads pool"))
    for page in ("", "topics/deep/", "glossary/"):
        wait_for(base + page, "Attention in which query heads pool one key/value head.")

    late = project / "docs/zz-last.md"
    late.write_text(late.read_text().replace("<!-- index: Late topic -->", "<!-- index: Renamed topic -->"))
    index = wait_for(base + "book-index/", 'id="entry-renamed-topic"')
    assert 'id="entry-late-topic"' not in index

    late.write_text(late.read_text() + "\nGrouped-query attention here too.\n")
    wait_for(
        base + "topics/deep/",
        '(2 shared terms: Grouped-query attention, Mixture of experts)</span></li><li><a href="../../zz-last/"',
    )

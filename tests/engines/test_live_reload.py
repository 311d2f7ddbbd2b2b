"""`mkdocs serve` and `make serve` really rebuild: editing the glossary or a page updates every page it affects."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from adapters.editions import EDITIONS
from support import ROOT
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


def test_make_serve_serves_both_editions_at_their_published_paths_and_rebuilds_them(tmp_path):
    """`make serve` (adapters.serve) on a copy of the real project: English at /site/, German at /site/de/,
    each in its language, linking the other's same page, without the policy (live reload's script); an
    edit to a German page shows there after the rebuild."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in EDITIONS:
        shutil.copy2(ROOT / name, copy / name)
    shutil.copytree(ROOT / "docs", copy / "docs")
    for name in ("hooks", "overrides"):
        (copy / name).symlink_to(ROOT / name)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "adapters.serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=copy,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")},
    )
    base = f"http://127.0.0.1:{port}/site/"
    try:
        english = wait_for(base + "architecture/", 'href="../de/architecture/"', timeout=180)
        german = wait_for(base + "de/architecture/", 'href="../../architecture/"', timeout=60)
        assert '<html lang="en"' in english
        assert '<html lang="de"' in german
        assert "Content-Security-Policy" not in english + german
        page = copy / "docs/de/architecture.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nEin neuer Satz zum Test.\n", encoding="utf-8")
        wait_for(base + "de/architecture/", "Ein neuer Satz zum Test.", timeout=120)
    finally:
        process.terminate()
        process.wait(timeout=10)

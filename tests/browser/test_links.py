"""Zero broken internal links or anchors in the built site, checked by HTML-Proofer (see links.py)."""

from __future__ import annotations

import pytest

from support.links import INSTALL_HINT, check
from support.site_server import base_path


def run_check(site, external=False):
    try:
        return check(site, external)
    except FileNotFoundError:
        pytest.fail(f"HTML-Proofer is missing: {INSTALL_HINT}", pytrace=False)


def test_every_internal_link_and_anchor_resolves(built_site):
    result = run_check(built_site)
    assert result.returncode == 0, f"HTML-Proofer found broken links:\n{result.stdout}\n{result.stderr}"


def test_the_checker_catches_each_kind_of_broken_link(tmp_path):
    """A guard that the checker really checks anchors: a tiny site with one broken link of each kind."""
    base = base_path()
    page = "<!doctype html><html lang='en'><head><title>t</title></head><body>{}</body></html>"
    (tmp_path / "other").mkdir()
    (tmp_path / "other/index.html").write_text(page.format("<h2 id='there'>There</h2>"))
    (tmp_path / "index.html").write_text(
        page.format(
            "<h2 id='here'>Here</h2>"
            "<a href='other/'>fine</a> <a href='other/#there'>fine</a> <a href='#here'>fine</a>"
            f" <a href='{base}other/'>fine</a>"
            " <a href='missing-page/'>1</a> <a href='other/#missing-anchor'>2</a>"
            f" <a href='#missing-here'>3</a> <a href='{base}missing-absolute/'>4</a>"
        )
    )
    result = run_check(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for broken in ["missing-page/", "#missing-anchor", "#missing-here", f"{base}missing-absolute/"]:
        assert broken in output, f"HTML-Proofer did not report {broken}:\n{output}"
    for fine in ["#there", "#here'", f"{base}other/,"]:
        assert fine not in output

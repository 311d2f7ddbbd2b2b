"""What the built site gives a reader on a phone before any script runs: footnote markers that read
apart, search snippets without stray markers. (The browser tests in tests/browser/test_phone.py use them.)"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import markdown
import pytest

from pagework.extension import PageWork
from termkit.search import drop_footnote_markers

MARKERS = "//sup[starts-with(@id, 'fnref')]"


@pytest.fixture(scope="session")
def site(real_site) -> Path:
    return real_site


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def test_adjacent_footnote_markers_are_separated_on_every_page(site):
    pairs = 0
    for path in pages(site):
        for marker in lxml.html.fromstring(path.read_bytes()).xpath(MARKERS):
            previous = marker.getprevious()
            if previous is None or not previous.get("id", "").startswith("fnref") or previous.tail:
                continue
            pairs += 1
            assert (marker.text or "").strip() == ",", (
                f"{path.relative_to(site)}: {marker.get('id')} runs into the one before"
            )
    assert pairs >= 20, "the site has markers that follow each other"


def test_search_snippets_have_no_footnote_markers(site):
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert docs
    assert [d["location"] for d in docs if "<sup>" in d["text"]] == []


def test_a_comma_goes_between_adjacent_markers_only():
    md = markdown.Markdown(extensions=["footnotes", PageWork(lambda md: None)])
    html = md.convert("A point.[^a][^b][^c] Then [^d] and [^a].\n\n[^a]: One.\n[^b]: Two.\n[^c]: Three.\n[^d]: Four.\n")
    paragraph = lxml.html.fromstring(html).xpath("//p")[0]
    assert paragraph.text_content().startswith("A point.1,2,3 Then 4 and 1.")


def test_markers_are_dropped_from_search_text_and_nothing_else():
    docs = [{"text": "<p>the day it came out,<sup>1</sup><sup>,7</sup> and x<sup>2</sup> is <code>1</code>.</p>"}]
    assert drop_footnote_markers(docs) == 1
    assert docs[0]["text"] == "<p>the day it came out, and x is <code>1</code>.</p>"

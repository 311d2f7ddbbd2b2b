"""What the built site gives a reader before any script runs: footnote markers that read apart, search
snippets without stray markers, the date each page last changed, a link that reports an error on it, and
the news summary named and dated. (tests/browser/test_phone.py uses them by thumb; the comma and the
markers left out of search on their own: tests/cores/pagework/test_pagework.py and
tests/cores/termkit/test_search_keywords.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
import yaml

from support import ROOT

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


# --- Who, when, and how to report an error ------------------------------------------------------------


def settings() -> dict:
    head = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0]
    return yaml.safe_load(head)


def test_every_page_shows_when_it_last_changed_in_words(site):
    for path in pages(site):
        if path.parent.name == "assets":
            continue
        aside = lxml.html.fromstring(path.read_bytes()).xpath("//article//aside[@class='md-source-file']")
        assert aside, f"{path.relative_to(site)}: no facts after the article"
        shown = " ".join(aside[0].text_content().split())
        assert re.search(r"Last update: [A-Z][a-z]+ \d{1,2}, \d{4}", shown), f"{path.relative_to(site)}: {shown!r}"


def test_every_page_links_to_the_factual_error_form_with_its_address(site):
    config = settings()
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/factual-error.yml").read_text(encoding="utf-8"))
    fields = {item.get("id") for item in form["body"]}
    assert {"page", "claim"} <= fields, "the form has the fields the link fills in"
    for path in pages(site):
        if path.parent.name == "assets" or path.parent == site / "404":
            continue
        links = lxml.html.fromstring(path.read_bytes()).xpath("//article//a[@data-report-error]")
        assert len(links) == 1, f"{path.relative_to(site)}: one link to report an error"
        url = urlsplit(links[0].get("href"))
        query = parse_qs(url.query)
        assert f"{url.scheme}://{url.netloc}{url.path}" == config["repo_url"].rstrip("/") + "/issues/new"
        assert query["template"] == ["factual-error.yml"]
        address = config["site_url"] + path.parent.relative_to(site).as_posix() + "/"
        assert query["page"] == [address.replace("/./", "/")], path.relative_to(site)
        assert links[0].text_content() == "Report an error on this page"


def test_the_home_page_names_and_dates_the_news_summary(site):
    home = " ".join(
        lxml.html.fromstring((site / "index.html").read_bytes()).xpath("//article")[0].text_content().split()
    )
    headline = "Meta-Wissenschaftler enthüllen den Trainingsprozess von Llama 3.1, Entwicklung von Llama 4 beginnt"
    assert headline in home
    assert "July 29, 2024" in home


# --- The index lists every reference; "Used on" leads there -----------------------------------------------


def test_the_book_index_lists_every_place_and_counts_none(site):
    index = lxml.html.fromstring((site / "book-index/index.html").read_bytes())
    text = index.xpath("//article")[0].text_content()
    assert "more section" not in text
    # Every section xref.json names for an entry is linked from the index.
    xref = json.loads((site / "xref.json").read_text(encoding="utf-8"))
    linked = {a.get("href").removeprefix("../") for a in index.xpath("//article//ul[@class='xref-index']//a")}
    places = {place["url"] for entry in xref["entries"] for place in entry.get("places", []) if "url" in place}
    assert len(places) >= 100
    assert places - linked == set()


def test_every_more_sections_of_used_on_links_to_the_index_entry(site):
    glossary = lxml.html.fromstring((site / "glossary/index.html").read_bytes())
    counts = glossary.xpath("//article//p[@class='glossary-refs']//a[contains(., 'more section')]")
    assert len(counts) >= 50
    for link in counts:
        assert link.get("href").startswith("../book-index/#entry-"), link.get("href")
    unlinked = [
        " ".join(p.text_content().split())
        for p in glossary.xpath("//article//p[@class='glossary-refs']")
        if "more section" in "".join(p.xpath("text()"))
    ]
    assert unlinked == [], "a count of further sections that leads nowhere"

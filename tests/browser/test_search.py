"""Search as readers use it: every query of search_queries.yml typed into the search box of the built site.

One page load; then each query is typed into Material's search box in turn, and the test waits
until the results for exactly that query are on screen (a probe counts the search worker's
queries and answers; no fixed sleeps). It checks ranks, never timings.

A result is an entry Material lists for the query, ranked in the order a reader sees them:
the entries shown, top to bottom, then those folded under "N more on this page" (a reader sees
those only after a click). Material puts each page's title above its sections; that line is a
result only when it is the page's best match (Material then shows the page's intro under it),
otherwise it labels the section shown below it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from support import SEARCH_OUTCOMES

QUERY_FILE = Path(__file__).with_name("search_queries.yml")
QUERIES = yaml.safe_load(QUERY_FILE.read_text(encoding="utf-8"))["queries"]
GLOSSARY = "glossary/"
TOP = 3
ENTRY_TOP = 5  # a query naming a glossary term finds its definition close by: among the first five results

# Runs before Material's scripts: wraps the search worker to count the queries sent to it and the
# answers it sends back. Material renders an answer in the same message event, right after this
# listener, so "answered === posted" plus a fully replaced result list means the list is final.
PROBE = """(() => {
  const probe = window.__searchProbe = {
    ready: false, posted: [], answered: 0, groups: 0, scores: new Map(), stale: new WeakSet()};
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ({data}) => {
        if (data && data.type === 1) probe.ready = true;  // Material's SearchMessageType.READY
        if (!data || data.type !== 3) return;  // SearchMessageType.RESULT
        const list = document.querySelector(".md-search-result__list");
        for (const item of list ? list.children : []) probe.stale.add(item);
        probe.groups = data.data.items.length;
        const url = doc => new URL(doc.location, location.href).href;
        probe.scores = new Map(data.data.items.flat().map(doc => [url(doc), doc.score]));
        probe.answered += 1;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) probe.posted.push(message.data);  // SearchMessageType.QUERY
      return super.postMessage(message, ...rest);
    }
  };
})();"""

SETTLED = """query => {
  const probe = window.__searchProbe;
  if (probe.posted.at(-1) !== query || probe.answered !== probe.posted.length) return false;
  const items = [...document.querySelector(".md-search-result__list").children];
  // Material renders the first ten pages at once and more as the list is scrolled.
  return items.length >= Math.min(10, probe.groups) && items.every(item => !probe.stale.has(item));
}"""

# Every link in the result list, in order: [page group, position in the group, href without the
# highlight parameter, score, folded under "N more on this page"].
LINKS = """() => [...document.querySelectorAll(".md-search-result__list > li")].flatMap((item, group) =>
  [...item.querySelectorAll("a.md-search-result__link")].map((link, position) => {
    const url = new URL(link.href); url.search = "";
    return [group, position, url.href, window.__searchProbe.scores.get(url.href) ?? 0, !!link.closest("details")];
  }))"""


@dataclass(frozen=True)
class Link:
    group: int
    position: int  # 0: the page's own title line
    path: str  # site-relative, e.g. "architecture/#what-changed-from-llama-2"
    score: float
    folded: bool

    @property
    def page(self) -> str:
        return self.path.partition("#")[0]


def place_path(place: str) -> str:
    """'architecture.md#gqa' -> 'architecture/#gqa'; 'index.md' -> ''."""
    file, _, anchor = place.partition("#")
    if not file.endswith(".md"):
        raise ValueError(f"{QUERY_FILE.name}: {place!r} is not a page link like 'page.md' or 'page.md#anchor'")
    stem = file[: -len(".md")]
    page = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    page = f"{page}/" if page else ""
    return f"{page}#{anchor}" if anchor else page


def rank(results: list[Link], place: str) -> int | None:
    """1-based rank of the first result at place (a page matches any result on it), or None."""
    path = place_path(place)
    for number, link in enumerate(results, 1):
        if (link.path == path) if "#" in path else (link.page == path):
            return number
    return None


class Search:
    """The search box of one loaded page; run() types a query and returns the links listed."""

    def __init__(self, page, base_url: str):
        self.page, self.base = page, base_url

    def run(self, query: str) -> list[Link]:
        box = self.page.locator("input.md-search__input")
        box.click()
        box.press("Control+a")
        box.press_sequentially(query, delay=15)
        self.page.wait_for_function(SETTLED, arg=query, timeout=15000)
        return [
            Link(g, p, self._site_path(href), score, folded) for g, p, href, score, folded in self.page.evaluate(LINKS)
        ]

    def _site_path(self, href: str) -> str:
        parts, base = urlsplit(href), urlsplit(self.base)
        path = parts.path.removeprefix(base.path)
        return f"{path}#{parts.fragment}" if parts.fragment else path


@pytest.fixture(scope="module")
def search(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(PROBE)
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    page.wait_for_function("() => window.__searchProbe.ready")  # the worker has built its index
    yield Search(page, base_url)
    context.close()


@pytest.fixture(scope="module")
def site_paths(built_site) -> set[str]:
    """Every page and anchor of the built site, to catch a query whose place no longer exists."""
    paths = set()
    for html in built_site.rglob("*.html"):
        rel = html.relative_to(built_site).as_posix()
        page = "" if rel == "index.html" else rel[: -len("index.html")] if rel.endswith("/index.html") else rel
        paths.add(page)
        paths.update(f"{page}#{anchor}" for anchor in re.findall(r'\sid="([^"]+)"', html.read_text(encoding="utf-8")))
    return paths


def ranked(links: list[Link]) -> list[Link]:
    """The results in the order a reader meets them: shown entries first, then folded ones.

    A page's title line (position 0) counts only when it is its page's best match.
    """
    best: dict[int, float] = {}
    for link in links:
        best[link.group] = max(best.get(link.group, 0), link.score)
    matched = [link for link in links if link.score > 0 and (link.position or link.score >= best[link.group])]
    return [link for link in matched if not link.folded] + [link for link in matched if link.folded]


def outcome(case: dict, links: list[Link]) -> list[str]:
    """What is wrong with the results for one query ([] when nothing is)."""
    results = ranked(links)
    shown = [f"{n}. {link.path}" for n, link in enumerate(results[:8], 1)]
    problems = []
    ranks = {place: rank(results, place) for place in case["top3"]}
    for place, number in ranks.items():
        if number is None or number > TOP:
            problems.append(f"{place} is {'not a result' if number is None else f'result {number}'}")
    if any(link.path == GLOSSARY for link in results[:TOP]):
        problems.append("the glossary page as a whole is in the top 3")
    if case.get("entry"):
        entry = rank(results, f"glossary.md#{case['entry']}")
        if entry is None:
            problems.append(f"its glossary entry glossary.md#{case['entry']} is not a result")
        elif any(number is not None and entry < number for number in ranks.values()):
            problems.append(f"its glossary entry (result {entry}) ranks above the explanation")
        elif entry > ENTRY_TOP:
            problems.append(f"its glossary entry is result {entry}, not among the first {ENTRY_TOP}")
    return [f"{case['query']!r}: {'; '.join(problems)}; results: {', '.join(shown) or 'none'}"] if problems else []


def case_id(case: dict) -> str:
    """The test id: the query, after its set when it has one ("holdout: Llama 3.3"), so `-k` can pick sets."""
    return f"{case['set']}: {case['query']}" if case.get("set") else case["query"]


@pytest.mark.parametrize("case", QUERIES, ids=[case_id(case) for case in QUERIES])
def test_query_finds_the_explanation_in_the_top_3(search, site_paths, case, request):
    for place in case["top3"] + ([f"glossary.md#{case['entry']}"] if case.get("entry") else []):
        assert place_path(place) in site_paths, (
            f"{QUERY_FILE.name}: {case['query']!r} names {place}, which the site does not have"
        )
    if case.get("known_miss"):  # strict: once the miss is fixed, the test says so and the mark must go
        request.applymarker(pytest.mark.xfail(reason=f"known miss: {case['known_miss']}", strict=True))
    problems = outcome(case, search.run(case["query"]))
    request.config.stash.setdefault(SEARCH_OUTCOMES, {})[case["query"]] = (case.get("set", ""), not problems)
    assert not problems, problems[0]


def test_the_query_set_is_large_enough():
    assert len(QUERIES) >= 67
    assert len({case["query"] for case in QUERIES}) == len(QUERIES), "a query is listed twice"
    sets = {case.get("set", "") for case in QUERIES}
    assert sets <= {"", "readers", "holdout"}, f"unknown set(s) in {QUERY_FILE.name}: {sets}"

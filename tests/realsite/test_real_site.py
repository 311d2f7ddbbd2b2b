"""The real site: strict build, page structure, citations, and no third-party requests."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
import yaml

from core.datapages.data import load
from core.datapages.inline import write
from core.sourcefile import STRINGS, fenced, load_strings
from support import ROOT

DOCS = ROOT / "docs"
THEMES = ["parameter-sizing", "scaling-laws", "architecture", "synthetic-data", "evaluation", "agents"]
PAGES = ["index", *THEMES, "what-happened-next", "sources"]
CLAIMS = yaml.safe_load((DOCS / "data/claims.yml").read_text(encoding="utf-8"))["claims"]
WORDS = load_strings(DOCS / STRINGS, f"docs/{STRINGS}", "en")
KEY_NUMBERS = load(DOCS / "data/models.yml", "docs/data/models.yml", WORDS)
CORRECTION_VERDICTS = {"Overstated", "Wrong", "Said by the host, not by Scialom"}
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)


@pytest.fixture(scope="session")
def site(real_site) -> Path:
    return real_site


def html_of(site: Path, page: str) -> lxml.html.HtmlElement:
    path = site / ("index.html" if page == "index" else f"{page}/index.html")
    return lxml.html.fromstring(path.read_bytes())


def split_front_matter(name: str) -> tuple[dict, str]:
    text = (DOCS / f"{name}.md").read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, f"docs/{name}.md has no front matter"
    return yaml.safe_load(match.group(1)), text[match.end() :]


def test_strict_build_passes(site):
    assert (site / "index.html").exists()
    assert (site / "404.html").exists()
    assert (site / "sitemap.xml").exists()
    assert not (site / "data").exists(), "data files are inputs, not pages"


@pytest.mark.parametrize("page", THEMES)
def test_theme_page_shape(site, page):
    root = html_of(site, page)
    article = root.find(".//article")
    assert len(article.findall(".//h1")) == 1, f"docs/{page}.md: a page has one H1, its title"
    first = article.xpath("./h1/following-sibling::*[1]")[0]
    assert "abstract" in first.get("class", ""), f"docs/{page}.md: the 'In short' box must follow the H1"
    assert first.findtext("p[@class='admonition-title']") == "In short", f"docs/{page}.md: the box is titled 'In short'"
    # Right after "In short": this page's corrections from claims.yml, or one line saying there are none.
    expected = [
        f"Correction: {c['box']['title']}"
        for c in CLAIMS
        if c["verdict"] in CORRECTION_VERDICTS and c["section"].startswith(f"{page}.md#")
    ]
    following = article.xpath("./h1/following-sibling::*[position() > 1]")
    if expected:  # each box in an element of its own, which carries the box's anchor
        shown = [el.findtext("div/p[@class='admonition-title']") for el in following[: len(expected)]]
        assert shown == expected, f"docs/{page}.md: a [[claims: {page}]] line must follow 'In short'"
    else:
        assert following[0].text_content().startswith("Of the news summary's claims discussed on this page"), (
            f"docs/{page}.md: a [[claims: {page}]] line must follow 'In short'"
        )
    assert article.xpath(
        ".//h2[starts-with(normalize-space(.), 'Key numbers')]/following-sibling::*[1][self::div or self::table]"
    ), f"docs/{page}.md: a '## Key numbers' section with a [[numbers: {page}]] line"
    refs = {a.get("href") for a in article.xpath(".//sup/a[@class='footnote-ref']")}
    assert len(refs) >= 8, f"docs/{page}.md: only {len(refs)} footnote citations; a theme page cites at least 8"


def prose_words(page: str) -> int:
    """Words a reader sees outside collapsible blocks: the page's prose plus the claim boxes placed on it.

    A figure marker counts as what it writes ("[[fig: llama31-8b.tokens]]": "more than 15T", three words).
    Left out: front matter, footnote definitions, comments, tables, marker lines, `???` blocks,
    footnote labels and link targets.
    """
    _, body = split_front_matter(page)
    body = "\n".join(line if code else write(line, KEY_NUMBERS)[0] for line, code in fenced(body.split("\n")))
    body = re.sub(r"<!--.*?-->", "", FOOTNOTE_DEF.split(body, maxsplit=1)[0], flags=re.DOTALL)
    kept, collapsed, boxes = [], False, []
    for line in body.split("\n"):
        if re.match(r"^\?\?\?\+?\s", line):
            collapsed = True
            continue
        if collapsed and (not line.strip() or line.startswith("    ")):
            continue
        collapsed = False
        marker = re.match(r"^\[\[\s*(claims?)\s*:\s*([\w-]+)\s*\]\]$", line)
        if marker:
            kind, name = marker.groups()
            boxes += [
                c["box"]["text"] + " " + c["box"]["title"]
                for c in CLAIMS
                if c.get("box")
                and (
                    c["id"] == name
                    if kind == "claim"
                    else c["section"].startswith(f"{name}.md#") and c["verdict"] in CORRECTION_VERDICTS
                )
            ]
        elif not line.lstrip().startswith(("|", "[[")):
            kept.append(line)
    text = re.sub(r"\]\([^)]*\)", "]", re.sub(r"\[\^[^\]\s]+\]", "", "\n".join(kept + boxes)))
    return len(re.findall(r"[A-Za-z0-9][\w.,'’%×-]*", text))


@pytest.mark.parametrize("page", THEMES)
def test_theme_page_length(page):
    words = prose_words(page)
    assert 800 <= words <= 1300, f"docs/{page}.md: {words} words of prose outside collapsible blocks"


@pytest.mark.parametrize("page", PAGES)
def test_meta_description(site, page):
    meta, _ = split_front_matter(page)
    length = len(meta["description"])
    assert 100 <= length <= 165, f"docs/{page}.md: the description has {length} characters; write 110 to 160"
    root = html_of(site, page)
    assert root.find(".//meta[@name='description']").get("content") == meta["description"].strip()


def test_no_third_party_assets(site):
    """Stylesheets, scripts, fonts and images all come from the site itself."""
    offenders = []
    for page in site.rglob("*.html"):
        root = lxml.html.fromstring(page.read_bytes())
        for el in root.xpath("//link[@href] | //script[@src] | //img[@src] | //source[@src] | //iframe[@src]"):
            url = el.get("href") or el.get("src")
            if el.tag == "link" and el.get("rel") in ("canonical", "alternate", "sitemap"):
                continue
            if urlsplit(url).netloc:
                offenders.append(f"{page.relative_to(site)}: {url}")
        if root.xpath("//*[@data-md-component='source']"):
            offenders.append(f"{page.relative_to(site)}: repository facts fetched from the GitHub API")
    for css in site.rglob("*.css"):
        for url in re.findall(r"(?:url\(|@import\s+)['\"]?([^'\")\s]+)", css.read_text(encoding="utf-8")):
            if urlsplit(url).netloc:
                offenders.append(f"{css.relative_to(site)}: {url}")
    for js in site.rglob("*.js"):
        if re.search(r"fonts\.(googleapis|gstatic)\.com", js.read_text(encoding="utf-8")):
            offenders.append(f"{js.relative_to(site)}: Google Fonts")
    assert offenders == []


def test_every_page_has_edit_and_view_buttons(site):
    for page in [*PAGES, "glossary"]:
        root = html_of(site, page)
        edit = root.find(".//a[@rel='edit']").get("href")
        source = "data/glossary.yml" if page == "glossary" else f"{page}.md"
        assert edit == f"https://github.com/llama-explained/site/edit/main/docs/{source}"
        assert (DOCS / source).exists()


# --- Claims, timeline, comparison and llms.txt on the real site ------------------------------------------


def target_exists(site: Path, page: str, href: str) -> bool:
    """An href of a page of the built site names an existing file and anchor."""
    base = page if page.endswith("/") or page == "" else page + "/"
    path, _, anchor = href.partition("#")
    target = (site / base / path).resolve() if path else (site / base).resolve()
    html = target / "index.html" if target.is_dir() else target
    if not html.exists():
        return False
    return not anchor or bool(lxml.html.fromstring(html.read_bytes()).xpath(f"//*[@id='{anchor}']"))


def test_every_claim_has_a_card_on_the_home_page_with_its_reason_and_a_link_to_its_box(site):
    cards = html_of(site, "index").xpath("//article//div[@class='kn-verdicts']/ol/li")
    assert len(cards) == len(CLAIMS) >= 15
    for card, claim in zip(cards, CLAIMS, strict=False):
        said, verdict = card.xpath("p")
        assert " ".join(said.text_content().split()) == " ".join(claim["claim"].split())
        link = verdict.find("a")
        assert link.text_content() == claim["verdict"]
        assert " ".join(verdict.text_content().split()) == " ".join(f"{claim['verdict']}: {claim['reason']}".split())
        href = link.get("href")
        page, _, anchor = claim["section"].partition("#")
        if claim.get("box"):  # the box that explains the verdict
            assert href.endswith(f"/#claim-{claim['id']}"), f"{claim['id']}: {href}"
        else:  # the section that discusses the claim
            assert href == f"{page.removesuffix('.md')}/#{anchor}".removeprefix("index/"), href
        assert target_exists(site, "", href), f"{claim['id']}: {href} does not exist"


def test_correction_boxes_only_for_overstated_wrong_or_misattributed_claims(site):
    titles = {f"Correction: {c['box']['title']}": c for c in CLAIMS if c.get("box")}
    seen = set()
    for page in PAGES:
        for box in html_of(site, page).xpath("//article//div[contains(@class,'admonition')]"):
            title = box.findtext("p[@class='admonition-title']") or ""
            if title.startswith("Correction"):
                assert "warning" in box.get("class")
                claim = titles.get(title)
                assert claim, f"{page}: {title!r}"
                assert claim["verdict"] in CORRECTION_VERDICTS, f"{page}: {title!r}"
                assert f"Verdict: {claim['verdict']}." in box.text_content()
                seen.add(claim["id"])
            elif title.startswith("Context"):
                assert "info" in box.get("class")
    assert seen == {c["id"] for c in CLAIMS if c["verdict"] in CORRECTION_VERDICTS}


def test_home_page_and_sources_page_list_the_same_corrections(site):
    corrections = [c["claim"] for c in CLAIMS if c["verdict"] in CORRECTION_VERDICTS]
    home = [
        card.xpath("p[1]")[0].text_content()
        for card in html_of(site, "index").xpath("//article//div[@class='kn-verdicts']/ol/li")
        if card.xpath("p[2]/a")[0].text_content() in CORRECTION_VERDICTS
    ]
    listed = [
        li.find("strong").text_content()
        for li in html_of(site, "sources").xpath("//article//h2[@id='news-summary']/following-sibling::ul/li[strong]")
    ]
    assert home == listed == corrections


def test_timeline_shows_every_event_in_date_order_with_its_source(site):
    events = yaml.safe_load((DOCS / "data/timeline.yml").read_text(encoding="utf-8"))["events"]
    items = html_of(site, "what-happened-next").xpath("//article//div[@class='kn-timeline']/ol/li")
    assert len(items) == len(events) >= 8
    dates = [li.find("time").get("datetime") for li in items]
    assert dates == sorted(dates)
    titles = {li.find("strong").text_content(): li for li in items}
    for event in events:
        li = titles[event["title"]]
        assert li.xpath("a[contains(@href,'sources/#')]"), f"{event['title']}: no source link"
        assert ("(press report)" in li.text_content()) == (event["kind"] == "report")
        if "date" in event:
            assert li.find("time").get("datetime") == str(event["date"])


def test_comparison_table_cells_come_from_models_yml(site):
    from support.models_data import assert_shows, raw_data, resolve

    raw = raw_data()
    spec = raw["tables"]["generations"]
    table = html_of(site, "what-happened-next").xpath("//article//table[.//th[.='Design']]")[0]
    rows = table.xpath(".//tbody/tr")
    assert [r.xpath("td[1]")[0].text_content() for r in rows] == [raw["models"][m]["name"] for m in spec["columns"]]
    for row, sid in zip(rows, spec["columns"], strict=False):
        for cell, (_label, field) in zip(row.xpath("td")[1:], spec["rows"], strict=False):
            figure = None if field == "tokens_per_param" else resolve(raw, f"{sid}.{field}")
            shown = cell.text_content().split(" (")[0]  # GPU-hours are followed by the hardware
            if figure is None:
                continue  # computed: checked against models.yml by test_charts' ratio rules
            if figure.get("value", 0) is None:
                assert shown == "–", f"{sid}.{field}"
                continue
            assert_shows(shown, figure, f"generations: {sid}.{field}")
            assert cell.find("a").get("title").startswith("Source: "), f"{sid}.{field}: no source link"


def test_llms_txt_and_full_text_list_every_nav_page(site):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!!python", "#"))
    base = config["site_url"]

    def pages(nav):
        for item in nav:
            for value in item.values():
                yield from (pages(value) if isinstance(value, list) else [value])

    short, full = (site / "llms.txt").read_text(encoding="utf-8"), (site / "llms-full.txt").read_text(encoding="utf-8")
    nav_pages = list(pages(config["nav"]))
    assert len(nav_pages) >= 11
    for src in nav_pages:
        url = base + ("" if src == "index.md" else src.removesuffix(".md") + "/")
        assert f"]({url}):" in short, src
        assert f"URL: {url}\n" in full, src
    for name in ("xref.json", "claims.json", "llms-full.txt"):
        assert f"]({base}{name})" in short
        assert (site / name).exists()


MAX_DOM_ELEMENTS = 1_500  # Lighthouse flags pages over 1,400; style and layout on a phone grow with the count
# The reference pages link every place: the index each section an entry points to, as a book's index
# does, and the glossary each "and N more sections" to that index entry (their entries are rendered
# only near the screen, extra.css). Counted here with <head>: 1,830 and 1,656 on 2026-12-07.
HEAVIER = {"book-index/index.html": 2_000, "glossary/index.html": 1_800}


def test_every_page_is_light(site):
    """Every built page, the glossary and the index included, stays under the DOM size budget
    (document.getElementsByTagName('*').length in a browser: every element, <head> included)."""
    counts = {
        str(page.relative_to(site)): len(lxml.html.fromstring(page.read_bytes()).xpath("//*"))
        for page in sorted(site.rglob("*.html"))
    }
    assert {"glossary/index.html", "book-index/index.html", "index.html"} <= set(counts)
    heavy = {page: count for page, count in counts.items() if count > HEAVIER.get(page, MAX_DOM_ELEMENTS)}
    assert not heavy, f"pages over {MAX_DOM_ELEMENTS:,} elements (or their own limit, HEAVIER): {heavy}"

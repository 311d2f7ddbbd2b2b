"""The friendly wording of MkDocs' link, anchor and navigation warnings: MkDocs finds these problems
in its build, and the MkDocs adapter rewrites its warnings with the functions here (adapters.mkdocs_log
reads them). A `SiteView` is all they need to know about the site: the adapter fills it in.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from core.sitecheck.source import unused_footnote
from core.sourcefile import line_at, line_of

H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
FOOTNOTE_BACKLINK = re.compile(r"fnref\d*:(.+)$")
MAX_LISTED = 12  # anchors listed in a message


@dataclass
class SiteView:
    """What the messages need to know about a site, whichever engine builds it."""

    source: Callable[[str], str]  # a file's Markdown by its path in docs/ ("" if it has none)
    files: Callable[[], Sequence[str]]  # every file of the site, by path in docs/ (generated ones too)
    pages: Callable[[], Sequence[str]]  # the Markdown pages among them that the site publishes
    anchors: Callable[[str], list[str]]  # a page's anchors: see ordered_anchors
    generated: Callable[[str], bool] = lambda src: False  # whether a hook or script writes the page
    config_name: str = "mkdocs.yml"
    config_text: str = ""
    unused_footnotes: set[tuple[str, str]] = field(default_factory=set)  # (page, label) already reported
    links_seen: Counter[tuple[str, str]] = field(default_factory=Counter)  # (page, link) -> messages so far


def ordered_anchors(headings: Iterable[str], present: Iterable[str]) -> list[str]:
    """A page's anchors as a message lists them: its headings in order, then its other ids, sorted
    (footnotes' and Python-Markdown's internal ones left out)."""
    first = list(headings)
    others = sorted(a for a in set(present) if a not in first and not a.startswith(("fn:", "fnref", "__")))
    return first + others


def link_not_found(
    site: SiteView, src: str, url: str, target: str = "", guess: str = "", *, unrecognized: bool = False
) -> str:
    """A link from page src to a file that does not exist; guess is the engine's suggestion, if any."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    target = target or posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
    guess = guess or closest_file(site, src, target)
    if guess:
        fix = f"did you mean '{guess}'?"
    else:
        fix = f"correct the path (it is relative to docs/{src}), or create docs/{target}"
    if unrecognized:
        problem = f"link '{url}' does not name a file of the site (link to the page's .md file)"
    else:
        problem = f"link '{url}'{_not_written_here(site, src, url)} points to docs/{target}, which does not exist"
    return f"{where_link(site, src, url)}: {problem}; fix: {fix}"


def anchor_missing(site: SiteView, src: str, url: str, target: str = "", anchor: str = "") -> str | None:
    """A link from page src to an anchor that page target (src if empty) lacks; None when it is the
    backlink of an unused footnote that the page check has reported already."""
    anchor = anchor or url.split("#", 1)[1]
    target = target or src
    footnote = FOOTNOTE_BACKLINK.match(anchor)
    if footnote and target == src:
        label = footnote.group(1)
        if (src, label) in site.unused_footnotes:
            return None
        return f"{where_link(site, src, '[^' + label + ']:')}: {unused_footnote(label)}"
    anchors = site.anchors(target)
    close = difflib.get_close_matches(anchor, anchors, n=1, cutoff=0.5)
    page = "this page" if target == src else f"docs/{target}"
    fix = f"did you mean '#{close[0]}'?" if close else "link to one of its headings"
    listed = ", ".join(f"#{a}" for a in anchors[:MAX_LISTED]) + (", ..." if len(anchors) > MAX_LISTED else "")
    if listed:
        fix += f"{'' if close else '.'} The anchors of {page}: {listed}"
    problem = (
        f"link '{url}'{_not_written_here(site, src, url)} points to the anchor '#{anchor}', which {page} does not have"
    )
    return f"{where_link(site, src, url)}: {problem}; fix: {fix}"


def nav_omitted(site: SiteView, pages: Sequence[str]) -> str:
    """Pages that exist but are not in `nav:`: one line for one page, a list for several."""
    nav = f"nav: in {site.config_name} (line {line_of(site.config_text, 'nav:') or 1})"
    other = "or list it under not_in_nav: if readers reach it only through links"
    if len(pages) == 1:
        page = pages[0]
        fix = f"add a line '- {_title_of(site, page)}: {page}' under {nav}, {other}"
        return f"{_display(site, page)}: this page is not in the navigation; fix: {fix}"
    lines = [f"  {_display(site, page)}: add '- {_title_of(site, page)}: {page}'" for page in pages]
    return f"{len(pages)} pages are not in the navigation; fix: add each under {nav}, {other}:\n" + "\n".join(lines)


def nav_not_found(site: SiteView, path: str) -> str:
    """A `nav:` entry whose path names no file in docs/."""
    guess = closest_file(site, "", path)
    fix = f"did you mean '{guess}'?" if guess else "write the path of a page relative to docs/"
    line = line_of(site.config_text, path) or 1
    return f"{site.config_name}:{line}: the nav: entry '{path}' names no page in docs/; fix: {fix}"


def where_link(site: SiteView, src: str, needle: str) -> str:
    """docs/<src>:<line> of the link; the nth message about the same link gets its nth occurrence."""
    source = site.source(src)
    nth = site.links_seen[(src, needle)]
    site.links_seen[(src, needle)] += 1
    as_link = re.compile(r"(?:\]\(\s*<?|\]:\s*<?|href=[\"'])" + re.escape(needle) + r"(?=[\s)>\"'])")
    places = [m.start() for m in as_link.finditer(source)]
    places = places or [m.start() for m in re.finditer(re.escape(needle), source)]
    if not places:
        return f"docs/{src}"
    index = places[min(nth, len(places) - 1)]
    return f"docs/{src}:{line_at(source, index)}"


def _not_written_here(site: SiteView, src: str, url: str) -> str:
    """A note for a link that the page's own text does not hold: a `[[…]]` marker wrote it from a data file
    (a source's link in models.yml, whose own check names its line), or a hook did."""
    if not site.source(src) or url in site.source(src):
        return ""
    return " (not in the page's text: a [[…]] marker or a hook writes it from a file in docs/data/)"


def closest_file(site: SiteView, src: str, target: str) -> str:
    """The existing file whose path is closest to target, relative to the page at src."""
    if target.endswith(".md"):
        candidates = list(site.pages())
    else:
        candidates = [f for f in site.files() if not f.startswith("assets/")]
    close = difflib.get_close_matches(target, candidates, n=1, cutoff=0.6)
    if not close:
        return ""
    return posixpath.relpath(close[0], posixpath.dirname(src) or ".") if src else close[0]


def _display(site: SiteView, src: str) -> str:
    """docs/<src> for a file in docs/, or a note that a hook makes the page."""
    return f"{src} (a page that a hook generates)" if site.generated(src) else f"docs/{src}"


def _title_of(site: SiteView, src: str) -> str:
    """The page's title as a nav: line would give it (quoted if it holds a colon)."""
    heading = H1.search(site.source(src))
    if heading:
        title = heading.group(1)
    else:
        title = posixpath.splitext(posixpath.basename(src))[0].replace("-", " ").capitalize()
    return f'"{title}"' if ":" in title else title

"""Shared by the claims and the timeline: citations, dates, and links to the sections of the site's pages.

Citations name a key of `sources:` in docs/data/models.yml and where in that source, as the
key-number figures do ("llama3-paper §3.2.1", "interview 33:20–33:57"). No MkDocs import.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from datetime import date

from core.sourcefile import LineDict, LineList, SourceError, Yaml, fenced, parse_yaml, say

from .model import Citation, KeyNumbers, Ref
from .tables import link_from, source_cell

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
WRITTEN_DATE = re.compile(r"^(?:[a-z ]*?)(" + "|".join(MONTHS) + r")(?: (\d{1,2}),)? (\d{4})$", re.IGNORECASE)
HEADING = re.compile(r"^ {0,8}#{1,6}[ \t]")  # an ATX heading's line


def parse_refs(given: Yaml, data: KeyNumbers, where: str, problems: list[str]) -> tuple[Ref, ...]:
    """'key locator' or a list of them; unknown keys are reported with where (file:line)."""
    items = given if isinstance(given, list) else [given] if given else []
    if not items:
        problems.append(f"{where}: no source; name one from `sources:` in {data.path} (e.g. 'llama3-paper §3.2')")
    refs = []
    for item in items:
        key, _, locator = str(item).strip().partition(" ")
        if key not in data.sources:
            close = difflib.get_close_matches(key, data.sources, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"add it to `sources:` in {data.path}"
            problems.append(f"{where}: unknown source {key!r}; fix: {hint}")
            continue
        refs.append(Ref(key, locator.strip()))
    return tuple(refs)


def cite_markdown(refs: tuple[Ref, ...], data: KeyNumbers, page_path: str) -> str:
    """The refs as the key-number tables write their Source cell, links relative to page_path."""
    cite = Citation()
    for ref in refs:
        locators = cite.groups.setdefault(ref.key, [])
        if ref.locator and ref.locator not in locators:
            locators.append(ref.locator)
    return source_cell(cite, data, page_path)


def iso_date(text: str) -> str | None:
    """'2023-07-18', '2025-04', 'July 18, 2023' or 'previewed April 5, 2025' as an ISO date (None if none)."""
    text = str(text).strip()
    match = ISO_DATE.match(text)
    if match:
        year, month, day = match.groups()
        try:
            date(int(year), int(month), int(day or 1))
        except ValueError:
            return None
        return text
    match = WRITTEN_DATE.match(text)
    if not match:
        return None
    month = next(i for i, name in enumerate(MONTHS, 1) if name.lower() == match.group(1).lower())
    day = match.group(2)
    return f"{match.group(3)}-{month:02d}" + (f"-{int(day):02d}" if day else "")


def show_date(iso: str, words: Mapping[str, str]) -> str:
    """'2023-07-18' -> 'July 18, 2023'; '2025-04' -> 'April 2025' (month names and order from strings.yml)."""
    year, month, *day = iso.split("-")
    names = say(words, "months").split(", ")
    if len(names) != len(MONTHS):
        raise ValueError(f"strings.yml: months must name the 12 months, separated by ', ', not {len(names)}")
    name = names[int(month) - 1]
    if day:
        return say(words, "date_day", month=name, day=int(day[0]), year=year)
    return say(words, "date_month", month=name, year=year)


def headings_before(markdown: str, marker: str) -> int | None:
    """How many headings come before the first line that is exactly marker (None if there is none): the
    marker's section is then the toc extension's heading of that number."""
    lines = markdown.split("\n")
    if marker not in lines:
        return None
    at = lines.index(marker)
    return sum(1 for line, code in fenced(lines[:at]) if not code and HEADING.match(line))


def data_list(text: str, path: str, key: str, what: str) -> tuple[LineList, list[str]]:
    """The list under `key:` of a data file (claims, timeline), or the problems that stop reading it."""
    try:
        raw = parse_yaml(text, path)
    except SourceError as exc:
        return LineList(), exc.problems
    items = raw.get(key) if isinstance(raw, LineDict) else None
    if not isinstance(items, LineList) or not items:
        return LineList(), [f"{path}:1: expected `{key}:` with a list of {what}"]
    return items, []


def check_target(target: str, anchors: Mapping[str, Mapping[str, str]], what: str = "section") -> str | None:
    """Why 'page.md#anchor' names no section of the site (None when it does), with a hint; what: the
    name of the key that holds it, for the message."""
    page, _, anchor = target.partition("#")
    if page not in anchors:
        close = difflib.get_close_matches(page, anchors, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "name a page of the site, such as 'agents.md#anchor'"
        return f"{what} {target!r}: there is no page docs/{page}; fix: {hint}"
    if not anchor:
        return f"section {target!r} names no anchor; fix: add '#' and the anchor of the section that discusses it"
    if anchor not in anchors[page]:
        close = difflib.get_close_matches(anchor, anchors[page], n=3)
        hint = (
            f"did you mean {', '.join(repr(c) for c in close)}?"
            if close
            else f"the anchors of docs/{page}: {', '.join(anchors[page])}"
        )
        return f"{what} {target!r}: docs/{page} has no anchor '#{anchor}'; fix: {hint}"
    return None


def check_source_links(
    data: KeyNumbers, anchors: Mapping[str, Mapping[str, str]], sources: Mapping[str, str]
) -> list[str]:
    """A source whose link names an anchor that its page lacks, or a page whose name is a near miss of one
    of the site's, reported at the line of `sources:` that defines it (else only the pages that cite it
    would show the broken link). A page the site does not have at all is left to the pages that show
    the link. sources: each page's Markdown, for anchors that are no heading ({#id} or id="...")."""
    problems = []
    for source in data.sources.values():
        page, _, anchor = source.link.partition("#")
        if page not in anchors:
            if source.link.startswith("https://") or not difflib.get_close_matches(page, anchors, n=1, cutoff=0.8):
                continue
        elif not anchor or anchor in anchors[page] or _written_id(sources.get(page, ""), anchor):
            continue
        problems.append(
            f"{data.path}:{source.line}: source {source.key!r}: {check_target(source.link, anchors, 'link')}"
        )
    return problems


def _written_id(markdown: str, anchor: str) -> bool:
    """Whether a page gives some element the id `anchor` outside its headings (attribute list or HTML)."""
    return re.search(r"""(?:\{[^}\n]*#|\bid=["'])""" + re.escape(anchor) + r"""(?=[\s}"'])""", markdown) is not None


def section_link(
    target: str, heading: Callable[[str], str], titles: dict[str, str], page_path: str, data: KeyNumbers
) -> str:
    """A Markdown link to a section, reading 'Page › Section' (strings.yml: section_link; just 'Section' on its
    own page); heading(target) is the section's heading, or what stands for it until its page is converted."""
    page, _, anchor = target.partition("#")
    section = heading(target)
    if page == page_path:
        return f"[{section}](#{anchor})"
    text = data.say("section_link", page=titles.get(page, page), section=section)
    return f"[{text}]({link_from(page_path, target)})"

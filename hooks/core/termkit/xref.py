"""The cross-reference index: entries from glossary terms and index markers, related pages.

Index markers are HTML comments in a page, so they stay invisible in any Markdown renderer:

    <!-- index: Chinchilla -->                           this section discusses "Chinchilla"
    <!-- index: Chinchilla; tokens per parameter -->     ... under the sub-entry "tokens per parameter"
    <!-- index!: Chinchilla scaling law -->              the main treatment of the entry
    <!-- index: Chinchilla -> scaling-laws.md#chinchilla -->   the entry points at another place

Everything here works on plain data; the adapter supplies pages, URLs and anchors.
"""

from __future__ import annotations

import heapq
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import chain
from typing import TextIO

from .collate import Collation
from .model import Glossary, normalize

MARKER = re.compile(r"^\s*index(?P<main>!?)\s*:(?P<body>.*)$", re.IGNORECASE | re.DOTALL)
SYNTAX = "<!-- index: Entry[; sub-entry][ -> page.md#anchor] -->"


class MarkerError(ValueError):
    pass


@dataclass(frozen=True)
class Marker:
    entry: str
    sub: str = ""
    main: bool = False
    target: str = ""  # "page.md", "page.md#anchor", "#anchor" or "" for the marker's own section


def parse_marker(text: str) -> Marker:
    """Read the inside of an index comment; raise MarkerError saying what is wrong."""
    match = MARKER.match(text)
    if not match:
        raise MarkerError(f"malformed index marker {text.strip()!r}; write {SYNTAX}")
    body, _, target = match.group("body").partition("->")
    parts = [normalize(p) for p in body.split(";")]
    if not parts[0]:
        raise MarkerError(f"empty index marker {text.strip()!r}; write {SYNTAX}")
    if len(parts) > 2:
        raise MarkerError(f"index marker {text.strip()!r} has more than one sub-entry; write {SYNTAX}")
    if len(parts) == 2 and not parts[1]:
        raise MarkerError(f"index marker {text.strip()!r} has an empty sub-entry; write {SYNTAX}")
    target = target.strip()
    if "->" in match.group("body") and not target:
        raise MarkerError(f"index marker {text.strip()!r} has an empty target after '->'; write {SYNTAX}")
    return Marker(parts[0], parts[1] if len(parts) == 2 else "", bool(match.group("main")), target)


def entry_key(name: str) -> str:
    """Entries that differ only in case or Unicode normalisation share one key."""
    return normalize(name).casefold()


@dataclass(frozen=True, slots=True)
class Place:
    """One place an entry points to: a section of a page, or the page itself (site-relative URL)."""

    url: str
    page: str  # the page's title
    heading: str | None  # the section's heading; None for the page itself (not a section of it)
    main: bool = False

    @property
    def label(self) -> str:
        """What the place is called: its heading, or the page's title for the page itself."""
        return self.page if self.heading is None else self.heading


@dataclass
class Entry:
    name: str
    term: str | None = None  # glossary term id
    places: list[Place] = field(default_factory=list)
    subs: dict[str, Entry] = field(default_factory=dict)
    see: str | None = None  # name of the entry this one only refers to
    see_also: list[str] = field(default_factory=list)
    _seen: dict[tuple[str, str | None], int] = field(default_factory=dict, repr=False)  # (url, heading) -> position

    def by_page(self) -> list[tuple[str, Place | None, list[Place]]]:
        """Places grouped by page, in order of appearance: (page, the page itself if listed, sections)."""
        groups: dict[str, tuple[str, list[Place | None], list[Place]]] = {}
        for place in self.places:
            _, top, sections = groups.setdefault(place.page, (place.page, [None], []))
            if place.heading is None:
                top[0] = place
            else:
                sections.append(place)
        return [(page, top[0], sections) for page, top, sections in groups.values()]

    def add(self, place: Place) -> None:
        """Add a place once; a main mention of a known place upgrades it."""
        known = self._seen.get((place.url, place.heading))
        if known is None:
            self._seen[(place.url, place.heading)] = len(self.places)
            self.places.append(place)
        elif place.main and not self.places[known].main:
            self.places[known] = place


class Index:
    """Collects places for entries, then sorts them for the index page and xref.json."""

    def __init__(self, glossary: Glossary, glossary_url: Callable[[str], str], glossary_title: str):
        self.glossary = glossary
        self.entries: dict[str, Entry] = {}
        for term in glossary.terms.values():
            entry = self._entry(term.name, term.id)
            entry.add(Place(glossary_url(term.id), glossary_title, term.name, main=True))
            entry.see_also = [glossary.terms[i].name for i in term.see_also]
            spellings = {_squash(term.name)}
            for alias in (*term.abbr, *term.aliases):
                if _squash(alias) not in spellings and entry_key(alias) not in self.entries:
                    self.entries[entry_key(alias)] = Entry(alias, see=term.name)
                spellings.add(_squash(alias))

    def _entry(self, name: str, term: str | None = None) -> Entry:
        key = entry_key(name)
        if key not in self.entries:
            self.entries[key] = Entry(name, term)
        return self.entries[key]

    def add_term(self, term_id: str, place: Place) -> None:
        self._entry(self.glossary.terms[term_id].name, term_id).add(place)

    def add_marker(self, marker: Marker, place: Place) -> None:
        term = self.glossary.resolve(marker.entry)
        entry = self._entry(term.name, term.id) if term else self._entry(marker.entry)
        if entry.see is not None:  # a marker naming an alias lands on the entry it refers to
            entry = self._entry(entry.see)
        if marker.sub:
            key = entry_key(marker.sub)
            entry = entry.subs.setdefault(key, Entry(marker.sub))
        entry.add(place)

    def groups(self, collation: Collation) -> list[tuple[str, list[Entry]]]:
        """Entries by initial letter, sorted by collation; sub-entries sorted the same way."""
        for entry in self.entries.values():
            entry.subs = {entry_key(s.name): s for s in collation.sort(entry.subs.values(), lambda s: s.name)}
        return collation.groups(self.entries.values(), lambda e: e.name)


def _squash(name: str) -> str:
    """A name without case, spaces or punctuation: spellings that differ only so need no "see" entry."""
    return "".join(c for c in entry_key(name) if c.isalnum())


def related_pages(page_terms: dict[str, set[str]], limit: int = 3) -> dict[str, list[tuple[str, list[str]]]]:
    """For each page, the pages that share the most terms with it, most first (ties: page order).

    page_terms maps page keys, in navigation order, to the term ids each page uses. Shared
    counts come from an inverted index (term -> pages), so pages without a common term cost nothing.
    """
    order = {page: i for i, page in enumerate(page_terms)}
    pages_with: dict[str, list[str]] = {}
    for page, terms in page_terms.items():
        for term in terms:
            pages_with.setdefault(term, []).append(page)
    result = {}
    for page, terms in page_terms.items():
        shared = Counter(chain.from_iterable(pages_with[term] for term in terms))
        del shared[page]
        best = heapq.nsmallest(limit, shared, key=lambda other: (-shared[other], order[other]))
        result[page] = [(other, sorted(terms & page_terms[other])) for other in best]
    return result


def entry_json(entry: Entry) -> dict[str, object]:
    return {
        "name": entry.name,
        "term": entry.term,
        "see": entry.see,
        "see_also": entry.see_also,
        "places": [{"url": p.url, "page": p.page, "heading": p.label, "main": p.main} for p in entry.places],
        "subs": [entry_json(sub) for sub in entry.subs.values()],
    }


def page_json(
    url: str, title: str, terms: list[str], related: Iterable[tuple[str, str, list[str]]]
) -> dict[str, object]:
    """A page in xref.json: its terms, and its related pages (url, title, shared term ids)."""
    return {
        "url": url,
        "title": title,
        "terms": terms,
        "related": [{"url": other, "title": name, "shared": shared} for other, name, shared in related],
    }


def write_index_json(
    out: TextIO, groups: Iterable[tuple[str, list[Entry]]], pages: Iterable[Mapping[str, object]]
) -> None:
    """Write the machine-readable map: entries in index order, pages in navigation order.

    Written piece by piece, so a large site's map is never held in memory twice.
    """
    out.write('{"entries":[')
    for i, entry in enumerate(e for _, entries in groups for e in entries):
        out.write(("," if i else "") + _json(entry_json(entry)))
    out.write('],"pages":[')
    out.write(",".join(_json(page) for page in pages))
    out.write("]}")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

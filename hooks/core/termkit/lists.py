"""HTML of the generated lists: the book-style index and each glossary entry's "Used on" list.

Plain string building rather than templates: these lists hold a link for every page a term
occurs on, and they are the same for any site generator. The index, like a book's, lists every
place: each page once, then each of its sections that the entry points to. "Used on" stays short:
each page once, with a link to its most relevant section; the count of its other sections links
to the term's entry in the index, and above `cap` pages it ends with a link to all of them there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from html import escape
from typing import NamedTuple

from .model import slugify
from .render import letter_id
from .xref import Entry, Place, entry_key

MAIN_NOTE_ID = "xref-main-note"  # the one element that says "main entry" to screen readers


class UsedOn(NamedTuple):
    """One page in a glossary entry's "Used on" list."""

    title: str
    url: str  # of the page's most relevant section (or the page), relative to the glossary page
    more: int = 0  # how many further sections of the page use the term


def most_relevant(anchors: Sequence[str], main: Sequence[str] = ()) -> tuple[str, int]:
    """The section to link for a page, and how many others use the term.

    anchors: the page's sections that use the term, in document order ("" for the text before
    the first heading); main: sections holding the term's main index entry. The first main
    section wins, else the first section that uses the term.
    """
    chosen = main[0] if main else anchors[0]
    return chosen, len(set(anchors) - {chosen})


def more_text(count: int, strings: dict[str, str]) -> str:
    """ "and 2 more sections" (empty for none)."""
    if count <= 0:
        return ""
    return strings["more_section" if count == 1 else "more_sections"].format(n=count)


def entry_ids(groups: Iterable[tuple[str, list[Entry]]]) -> dict[str, str]:
    """A stable, unique anchor for every index entry, by entry key.

    A glossary term's entry is "entry-<term id>" (so the glossary can link to it); any other
    entry "entry-<slug of its name>", with "-2", "-3"... if two names share a slug.
    """
    entries = [entry for _, group in groups for entry in group]
    ids: dict[str, str] = {entry_key(e.name): f"entry-{e.term}" for e in entries if e.term}
    taken = set(ids.values())
    for entry in entries:
        key = entry_key(entry.name)
        if key in ids:
            continue
        base = anchor = f"entry-{slugify(entry.name)}"
        n = 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        ids[key] = anchor
        taken.add(anchor)
    return ids


def index_html(groups: list[tuple[str, list[Entry]]], strings: dict[str, str], url: Callable[[str], str]) -> str:
    """The index page's body: a bar of letters, then the entries under each letter.

    url turns a site-relative place URL into a link from the index page. Each entry names every
    page it occurs on once, then links each of its places on that page, the main ones in bold.
    """
    groups = list(groups)
    ids = entry_ids(groups)
    letters = "".join(f' <a href="#index-{letter_id(letter)}">{escape(letter)}</a>' for letter, _ in groups)
    see, see_also = escape(strings["see"]), escape(strings["see_also"])  # plain words: every element counts

    def link(place: Place, text: str) -> str:
        main = f' class="xref-main" aria-describedby="{MAIN_NOTE_ID}"' if place.main else ""
        return f'<a href="{escape(url(place.url))}"{main}>{escape(text)}</a>'

    def places(entry: Entry) -> str:
        return _places(entry, strings, link)

    def ref(name: str) -> str:
        return f'<a href="#{ids.get(entry_key(name), "entry-" + slugify(name))}">{escape(name)}</a>'

    def item(entry: Entry) -> str:
        body = f", {see} {ref(entry.see)}" if entry.see else ": " + places(entry)
        if entry.see_also:
            body += f". {see_also} " + ", ".join(ref(other) for other in entry.see_also)
        if entry.subs:
            body += (
                "\n<ul>\n"
                + "\n".join(f"<li>{escape(sub.name)}: {places(sub)}</li>" for sub in entry.subs.values())
                + "\n</ul>"
            )
        return f'<li id="{ids[entry_key(entry.name)]}">{escape(entry.name)}{body}</li>\n'

    out = [
        f'<nav class="glossary-letters" aria-label="{escape(strings["letters_label"])}">{letters}</nav>\n',
        f'<span id="{MAIN_NOTE_ID}" hidden>{escape(strings["main_entry"])}</span>\n',
    ]
    for letter, entries in groups:
        # --entries: for the space the group takes before it is first rendered (extra.css)
        out.append(
            f'<h2 id="index-{letter_id(letter)}">{escape(letter)}</h2>\n'
            f'<ul class="xref-index" style="--entries: {len(entries)}">\n'
        )
        out.extend(item(entry) for entry in entries)
        out.append("</ul>\n")
    return "".join(out)


def _places(entry: Entry, strings: dict[str, str], link: Callable[[Place, str], str]) -> str:
    """An index entry's places: each page once, then every place on it ("Page: A, B"; the page's own
    title as the link when the entry points to the page itself)."""
    out = []
    for page, top, sections in entry.by_page():
        head = link(top, page) if top else escape(page)
        out.append(f"{head}: " + ", ".join(link(s, s.label) for s in sections) if sections else head)
    return "; ".join(out)


def used_on_html(pages: Sequence[UsedOn], strings: dict[str, str], cap: int = 0, all_url: str = "") -> str:
    """One glossary entry's "Used on" line: its pages, each once, linking its most relevant section.

    Above cap pages (0: no cap) the first cap pages are listed, then a link to all of them
    (all_url: the term's entry in the index; without one every page is listed). A page's count of
    further sections links to that entry too, which lists them all. Inline HTML: the glossary page
    puts it at the end of the entry's last paragraph.
    """
    label = f"{escape(strings['used_on'])}:"
    if not pages:
        return f"{label} {escape(strings['not_used'])}"
    shown = pages[:cap] if cap and all_url and len(pages) > cap else pages
    items = []
    for page in shown:
        more = escape(more_text(page.more, strings))
        if more and all_url:
            more = f'<a href="{escape(all_url)}">{more}</a>'
        items.append(f'<a href="{escape(page.url)}">{escape(page.title)}</a>' + (f" {more}" if more else ""))
    if len(shown) < len(pages):
        items.append(f'<a href="{escape(all_url)}">{escape(strings["all_pages"].format(n=len(pages)))}</a>')
    return f"{label} " + "; ".join(items)

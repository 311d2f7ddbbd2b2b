"""HTML of the generated lists: the book-style index and each glossary entry's "Used on" list.

Plain string building rather than templates: on a large site these lists hold a link for
every page and section a term occurs in, and they are the same for any site generator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from typing import NamedTuple

from .model import slugify
from .render import letter_id
from .xref import Entry, Place


class UsedOn(NamedTuple):
    """One page in a glossary entry's "Used on" list."""

    title: str
    url: str  # relative to the glossary page
    sections: dict[str, str]  # anchor -> heading, in document order


def index_html(groups: list[tuple[str, list[Entry]]], strings: dict[str, str], url: Callable[[str], str]) -> str:
    """The index page's body: a bar of letters, then the entries under each letter.

    url turns a site-relative place URL into a link from the index page.
    """
    letters = "".join(f' <a href="#index-{letter_id(letter)}">{escape(letter)}</a>' for letter, _ in groups)
    main = f'<span class="xref-sr"> ({escape(strings["main_entry"])})</span>'
    see, see_also = escape(strings["see"]), escape(strings["see_also"])

    links: dict[tuple[str, str, bool], str] = {}  # a section is listed under every term it uses: build its link once

    def link(place: Place, text: str) -> str:
        key = (place.url, text, place.main)
        html = links.get(key)
        if html is None:
            cls = ' class="xref-main"' if place.main else ""
            html = links[key] = f'<a href="{escape(url(place.url))}"{cls}>{escape(text)}{main if place.main else ""}</a>'
        return html

    def places(entry: Entry) -> str:
        out = []
        for page, top, sections in entry.by_page():
            text = link(top, page) if top else escape(page)
            if sections:
                text += ": " + ", ".join(link(place, place.heading) for place in sections)
            out.append(text)
        return "; ".join(out)

    def item(entry: Entry) -> str:
        name = f'<span class="xref-name">{escape(entry.name)}</span>'
        if entry.see:
            body = f', <em>{see}</em> <a href="#entry-{slugify(entry.see)}">{escape(entry.see)}</a>'
        else:
            body = ": " + places(entry)
        if entry.see_also:
            body += f". <em>{see_also}</em> " + ", ".join(
                f'<a href="#entry-{slugify(other)}">{escape(other)}</a>' for other in entry.see_also)
        if entry.subs:
            body += "\n<ul>\n" + "\n".join(
                f'<li><span class="xref-name">{escape(sub.name)}</span>: {places(sub)}</li>'
                for sub in entry.subs.values()) + "\n</ul>"
        return f'<li id="entry-{slugify(entry.name)}">{name}{body}</li>\n'

    out = [f'<nav class="glossary-letters" aria-label="{escape(strings["letters_label"])}">{letters}</nav>\n']
    for letter, entries in groups:
        out.append(f'<h2 id="index-{letter_id(letter)}">{escape(letter)}</h2>\n<ul class="xref-index">\n')
        out.extend(item(entry) for entry in entries)
        out.append("</ul>\n")
    return "".join(out)


def used_on_html(pages: Iterable[UsedOn], strings: dict[str, str]) -> str:
    """One glossary entry's "Used on" list: its pages, each with the sections that use the term."""
    items = []
    for page in pages:
        url = escape(page.url)
        sections = ", ".join(f'<a href="{url}#{escape(anchor)}">{escape(title)}</a>'
                             for anchor, title in page.sections.items())
        items.append(f'<li><a href="{url}">{escape(page.title)}</a>{": " + sections if sections else ""}</li>')
    label = f'<strong>{escape(strings["used_on"])}:</strong>'
    if not items:
        return f'<div class="glossary-used-on"><p>{label} {escape(strings["not_used"])}</p></div>'
    return f'<div class="glossary-used-on"><p>{label}</p>\n<ul>\n' + "\n".join(items) + "\n</ul></div>"

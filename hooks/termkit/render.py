"""The glossary page as Markdown, so any Markdown-based site generator can render it."""

from __future__ import annotations

import re

from .collate import Collation
from .model import Glossary, Term

USED_ON_MARKER = "<!-- glossary-used-on:{id} -->"
USED_ON_PATTERN = re.compile(r"<!-- glossary-used-on:([^ ]+) -->")  # group 1: the term id
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def escape_md(text: str) -> str:
    """Backslash-escape characters that Markdown would read as markup in a heading or line."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def heading(term: Term) -> str:
    abbr = f" ({', '.join(term.abbr)})" if term.abbr else ""
    return escape_md(term.name + abbr)


def glossary_markdown(glossary: Glossary, collation: Collation, strings: dict[str, str],
                      unindexed: str = "", front_matter: tuple[str, ...] = ()) -> str:
    """Terms sorted by collation under letter headings, with a bar of letters to jump to.

    Each entry ends with a marker where the adapter puts the "Used on" list once every
    page has been converted. unindexed is an attribute (`name="value"`) that the site search
    honours to leave an element out: it goes on what only navigates (the letter bar, letter
    headings, "See also" and "Source" lines), so a search finds an entry by its names and
    definition. front_matter: extra YAML lines for the page's front matter.
    """
    groups = collation.groups(glossary.terms.values(), lambda t: t.name)
    letters = " ".join(f'<a href="#letter-{letter_id(letter)}">{letter}</a>' for letter, _ in groups)
    nav_attr = f" {unindexed}" if unindexed else ""
    out = [
        "---",
        f"description: {_yaml_str(strings['glossary_description'])}",
        "glossary: off",
        *front_matter,
        "---",
        "",
        f"# {strings['glossary_title']}",
        "",
        strings["glossary_intro"],
        "",
        f'<nav class="glossary-letters" aria-label="{strings["letters_label"]}"{nav_attr}>{letters}</nav>',
        "",
    ]
    for letter, terms in groups:
        out += [f"## {escape_md(letter)} {{#letter-{letter_id(letter)}{nav_attr}}}", ""]
        for term in terms:
            out += _entry(term, glossary, strings, unindexed)
    return "\n".join(out) + "\n"


def index_markdown(strings: dict[str, str], marker: str) -> str:
    """The index page: a title and intro; the entries replace `marker` once every page is read."""
    return "\n".join([
        "---",
        "search:",
        "  exclude: true",
        f"description: {_yaml_str(strings['index_description'])}",
        "glossary: off",
        "---",
        "",
        f"# {strings['index_title']}",
        "",
        strings["index_intro"],
        "",
        marker,
        "",
    ])


def _entry(term: Term, glossary: Glossary, strings: dict[str, str], unindexed: str = "") -> list[str]:
    lines = [f"### {heading(term)} {{#{term.id} .glossary-entry}}", ""]
    if term.aliases:
        lines += [f"*{strings['also']}:* {escape_md(', '.join(term.aliases))}", ""]
    lines += [escape_md(term.short), ""]
    if term.long:
        lines += [term.long, ""]
    skip = [f"{{: {unindexed} }}"] if unindexed else []  # attr_list: attributes of the paragraph above
    if term.see_also:
        links = ", ".join(f"[{escape_md(glossary.terms[i].name)}](#{i})" for i in term.see_also)
        lines += [f"**{strings['see_also']}:** {links}", *skip, ""]
    lines += [f"**{strings['source']}:** {term.source}", *skip, ""]
    lines += [USED_ON_MARKER.format(id=term.id), ""]
    return lines


def letter_id(letter: str) -> str:
    """The anchor part for a letter group ("#" groups digits and symbols)."""
    return "other" if letter == "#" else letter.lower()


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

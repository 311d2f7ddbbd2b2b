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


def glossary_markdown(glossary: Glossary, collation: Collation, strings: dict[str, str]) -> str:
    """Terms sorted by collation under letter headings, with a bar of letters to jump to.

    Each entry ends with a marker where the adapter puts the "Used on" line (starting with a
    line break) once every page has been converted.
    """
    groups = collation.groups(glossary.terms.values(), lambda t: t.name)
    letters = " ".join(f'<a href="#letter-{letter_id(letter)}">{letter}</a>' for letter, _ in groups)
    out = [
        "---",
        f"description: {_yaml_str(strings['glossary_description'])}",
        "glossary: off",
        "---",
        "",
        f"# {strings['glossary_title']}",
        "",
        strings["glossary_intro"],
        "",
        f'<nav class="glossary-letters" aria-label="{strings["letters_label"]}">{letters}</nav>',
        "",
    ]
    for letter, terms in groups:
        out += [f"## {escape_md(letter)} {{#letter-{letter_id(letter)}}}", ""]
        for term in terms:
            out += _entry(term, glossary, strings)
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


def _entry(term: Term, glossary: Glossary, strings: dict[str, str]) -> list[str]:
    lines = [f"### {heading(term)} {{#{term.id} .glossary-entry}}", ""]
    # Two paragraphs per entry, for a light page: the definition (the short one first), then a
    # line each for other names, related entries, sources and, where the marker is, "Used on"
    # (one paragraph; extra.css shows its line breaks).
    lines += [f"{escape_md(term.short)} {term.long}" if term.long else escape_md(term.short), ""]
    refs = []
    if term.aliases:
        refs.append(f"{strings['also']}: {escape_md(', '.join(term.aliases))}")
    if term.see_also:
        links = ", ".join(f"[{escape_md(glossary.terms[i].name)}](#{i})" for i in term.see_also)
        refs.append(f"{strings['see_also']}: {links}")
    refs.append(f"{strings['source']}: {term.source}{USED_ON_MARKER.format(id=term.id)}")
    return [*lines, *refs, "{: .glossary-refs }", ""]


def letter_id(letter: str) -> str:
    """The anchor part for a letter group ("#" groups digits and symbols)."""
    return "other" if letter == "#" else letter.lower()


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

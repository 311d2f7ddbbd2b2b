"""The glossary page as Markdown, so any Markdown-based site generator can render it.

Each heading carries its id and class in an attribute list (`### Name {: .glossary-entry #id }`),
which the engine's attr_list extension reads once. A heading's text is put into the element from
the glossary itself (termkit.markdown_ext, by id), so no Markdown extension (magic links, smart
symbols) can change a name. The `short:` definitions are written with literal(); only `long:`
and `source:` are Markdown, rendered as written.
"""

from __future__ import annotations

import re
from html import escape

from .collate import Collation
from .model import Glossary, Term

USED_ON_MARKER = "<!-- glossary-used-on -->"  # where each entry's "Used on" line goes, in entry order


def heading(term: Term) -> str:
    """A term's heading as text: its name and abbreviations."""
    abbr = f" ({', '.join(term.abbr)})" if term.abbr else ""
    return term.name + abbr


# The characters Markdown's inline patterns start from: escapes, code, emphasis, links, raw HTML and
# entities, attribute lists, magic links (URLs, @mentions, #issues), smart symbols ("(c)", "+/-",
# "-->"), keys, critic marks and maths. ".", ",", "/", "-" and quotes stay as they are.
_MARKUP = re.compile(r"[\\`*_\[\]<>&{}~^=+#@!|:()$]")


def literal(text: str) -> str:
    """Text that Markdown shows exactly as written, inside a Markdown paragraph: each character an
    inline pattern could start from becomes a numeric character reference, which none matches."""
    return _MARKUP.sub(lambda m: f"&#{ord(m.group())};", text)


def glossary_markdown(
    glossary: Glossary,
    collation: Collation,
    strings: dict[str, str],
    unindexed: str = "",
    front_matter: tuple[str, ...] = (),
) -> str:
    """Terms sorted by collation under letter headings (entry_groups), with a bar of letters to jump to.

    Each entry ends with a marker where the "Used on" line goes (starting with a line break) once
    every page has been converted (termkit.resolution.fill_glossary). unindexed is an attribute
    (`name="value"`) that the site search honours to leave an element out: it goes on what only
    navigates (the letter bar, letter headings and each entry's line of references), so a search
    finds an entry by its names and definition (the search fields add its aliases back).
    front_matter: extra YAML lines for the page's front matter.
    """
    groups = entry_groups(glossary, collation)
    letters = " ".join(f'<a href="#letter-{letter_id(letter)}">{escape(letter)}</a>' for letter, _ in groups)
    extra = f" {unindexed}" if unindexed else ""
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
        f'<nav class="glossary-letters" aria-label="{strings["letters_label"]}"{extra}>{letters}</nav>',
        "",
    ]
    for letter, terms in groups:
        out += [f"## {letter} {{: #letter-{letter_id(letter)}{extra} }}", ""]
        for term in terms:
            out += _entry(term, glossary, strings, unindexed)
    return "\n".join(out) + "\n"


def index_markdown(strings: dict[str, str], marker: str) -> str:
    """The index page: a title and intro; the entries replace `marker` once every page is read."""
    return "\n".join(
        [
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
        ]
    )


def entry_groups(glossary: Glossary, collation: Collation) -> list[tuple[str, list[Term]]]:
    """The glossary's terms by initial letter, in collation order: the order of the page's entries."""
    return collation.groups(glossary.terms.values(), lambda t: t.name)


def glossary_headings(groups: list[tuple[str, list[Term]]]) -> dict[str, str]:
    """The text of every heading the glossary page has under its title, by id: letters and entries."""
    headings = {}
    for letter, terms in groups:
        headings[f"letter-{letter_id(letter)}"] = letter
        headings.update((term.id, heading(term)) for term in terms)
    return headings


def _entry(term: Term, glossary: Glossary, strings: dict[str, str], unindexed: str = "") -> list[str]:
    """Two paragraphs per entry, for a light page: the definition (the short one first), then a line
    each for other names, related entries, sources and, where the marker is, "Used on" (one
    paragraph; extra.css shows its line breaks). Names and `short:` are text (see literal())."""
    lines = [f"### {heading(term)} {{: .glossary-entry #{term.id} }}", ""]
    lines += [f"{literal(term.short)} {term.long}" if term.long else literal(term.short), ""]
    refs = []
    if term.aliases:
        refs.append(f"{literal(strings['also'])}: {literal(', '.join(term.aliases))}")
    if term.see_also:
        links = ", ".join(f'<a href="#{i}">{escape(glossary.terms[i].name, quote=False)}</a>' for i in term.see_also)
        refs.append(f"{literal(strings['see_also'])}: {links}")
    refs.append(f"{literal(strings['source'])}: {term.source}{USED_ON_MARKER}")
    attrs = f"{{: .glossary-refs {unindexed} }}" if unindexed else "{: .glossary-refs }"
    return [*lines, *refs, attrs, ""]


def letter_id(letter: str) -> str:
    """The anchor part for a letter group ("#" groups digits and symbols)."""
    return "other" if letter == "#" else letter.lower()


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

"""The glossary page as Markdown, so any Markdown-based site generator can render it.

The headings (with their ids) and the "See also" links are raw HTML, and the names and `short:`
definitions are written with literal(), so no Markdown extension (magic links, smart symbols,
attribute lists) can change an anchor or the text of the YAML; only `long:` and `source:` are
Markdown, rendered as written. termkit.markdown_ext turns the raw headings back into headings of
Python-Markdown's tree, so MkDocs knows their anchors.
"""

from __future__ import annotations

import re
from html import escape

from .collate import Collation
from .model import Glossary, Term

USED_ON_MARKER = "<!-- glossary-used-on:{id} -->"
USED_ON_PATTERN = re.compile(r"<!-- glossary-used-on:([^ ]+) -->")  # group 1: the term id


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


def raw_heading(level: int, anchor: str, text: str, cls: str = "", attrs: str = "") -> str:
    """A heading as a raw HTML block (termkit.markdown_ext.RAW_HEADING reads it back); attrs: more
    attributes, written `name="value"`."""
    classes = f' class="{escape(cls)}"' if cls else ""
    extra = f" {attrs}" if attrs else ""
    return f'<h{level}{classes} id="{escape(anchor)}"{extra}>{escape(text, quote=False)}</h{level}>'


def glossary_markdown(
    glossary: Glossary,
    collation: Collation,
    strings: dict[str, str],
    unindexed: str = "",
    front_matter: tuple[str, ...] = (),
    attr_list: bool = True,
) -> str:
    """Terms sorted by collation under letter headings, with a bar of letters to jump to.

    Each entry ends with a marker where the adapter puts the "Used on" line (starting with a
    line break) once every page has been converted. unindexed is an attribute (`name="value"`)
    that the site search honours to leave an element out: it goes on what only navigates (the
    letter bar, letter headings and each entry's line of references), so a search finds an entry by
    its names and definition (the search hook adds its aliases back).
    front_matter: extra YAML lines for the page's front matter. attr_list: whether the site has
    Markdown's attr_list extension, which gives each entry's second paragraph its class.
    """
    groups = collation.groups(glossary.terms.values(), lambda t: t.name)
    letters = " ".join(f'<a href="#letter-{letter_id(letter)}">{escape(letter)}</a>' for letter, _ in groups)
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
        out += [raw_heading(2, f"letter-{letter_id(letter)}", letter, attrs=unindexed), ""]
        for term in terms:
            out += _entry(term, glossary, strings, attr_list, unindexed)
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


def _entry(
    term: Term, glossary: Glossary, strings: dict[str, str], attr_list: bool = True, unindexed: str = ""
) -> list[str]:
    """Two paragraphs per entry, for a light page: the definition (the short one first), then a line
    each for other names, related entries, sources and, where the marker is, "Used on" (one
    paragraph; extra.css shows its line breaks). Names and `short:` are text (see literal())."""
    lines = [raw_heading(3, term.id, heading(term), "glossary-entry"), ""]
    lines += [f"{literal(term.short)} {term.long}" if term.long else literal(term.short), ""]
    refs = []
    if term.aliases:
        refs.append(f"{literal(strings['also'])}: {literal(', '.join(term.aliases))}")
    if term.see_also:
        links = ", ".join(f'<a href="#{i}">{escape(glossary.terms[i].name, quote=False)}</a>' for i in term.see_also)
        refs.append(f"{literal(strings['see_also'])}: {links}")
    refs.append(f"{literal(strings['source'])}: {term.source}{USED_ON_MARKER.format(id=term.id)}")
    attrs = f"{{: .glossary-refs {unindexed} }}" if unindexed else "{: .glossary-refs }"
    return [*lines, *refs, *([attrs] if attr_list else []), ""]


def letter_id(letter: str) -> str:
    """The anchor part for a letter group ("#" groups digits and symbols)."""
    return "other" if letter == "#" else letter.lower()


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

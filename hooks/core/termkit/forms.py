"""Inflected forms that a glossary term lacks: a note for the editor, never a link.

German inflects its nouns ("Skalierungsgesetz", "Skalierungsgesetze", "Skalierungsgesetzes"), and a term
links only the names its entry lists (`term`, `aliases`, `forms`). With `extra: glossary: suggest_forms:
german` (a Snowball stemmer's language) the build stems each word of the pages and each one-word name of
every term, and notes, per term, the words that share a name's stem but are none of the term's names,
with a page where each occurs. A stemmer over- and under-stems ("Experte" and "Experten" share a stem,
and so may words that mean something else), so it only suggests: the editor decides, and what links stays
what the glossary lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .model import Glossary, Term

WORD = re.compile(r"(?<![\w-])[^\W\d_]{4,}(?![\w-])")  # a plain word of letters, not part of a compound or a path


def suggestions(
    glossary: Glossary, sources: Mapping[str, str], language: str, where: Callable[[str, str], str]
) -> list[str]:
    """One note per term whose stem the pages also write in another form: "<glossary>:<line>: ..."; sources:
    each page's Markdown by its path; where(src, word): "<page file>:<line>" of the word in the page."""
    import snowballstemmer  # type: ignore[import-untyped]  # only the edition that asks for notes needs it

    stem = snowballstemmer.stemmer(language).stemWord
    names = {n.casefold() for term in glossary.terms.values() for n in (term.name, *term.aliases, *term.forms)}
    by_stem: dict[str, Term] = {}
    for term in glossary.terms.values():
        for name in (term.name, *term.forms):
            if WORD.fullmatch(name):
                by_stem.setdefault(stem(name.casefold()), term)
    found: dict[str, dict[str, str]] = {}  # term id -> word -> the first page that writes it
    owners: dict[str, Term | None] = {}  # each word seen, folded -> the term whose stem it shares (stemmed once)
    for src, text in sources.items():
        for word in dict.fromkeys(WORD.findall(text)):
            folded = word.casefold()
            if folded not in owners:
                owners[folded] = None if folded in names else by_stem.get(stem(folded))
            if (owner := owners[folded]) is not None:
                found.setdefault(owner.id, {}).setdefault(word, src)
    notes = []
    for term in glossary.terms.values():
        if words := found.get(term.id):
            listed = ", ".join(f"{word!r} ({where(src, word)})" for word, src in sorted(words.items()))
            notes.append(
                f"{glossary.path}:{term.line}: term {term.name!r}: the pages also write {listed}; if a word means "
                f"this term, add it to the entry's `forms`, and it links"
            )
    return notes

"""Search keywords per page section: what a site search should know about a section but not show.

A section that explains a concept should rank first when a reader searches for it, also under
another name: "MoE" should find the section that only writes "mixture of experts". The linker
already knows which glossary terms each section uses, and the index markers say which section
is the main treatment of an entry. From these, every section gets three lists of words:

- topics: the entries an `index!:` marker calls the section's main treatment, with the names,
  abbreviations and aliases of the glossary terms among them;
- entries: the entries and sub-entries of the section's other index markers, likewise;
- aliases: the names, abbreviations and aliases of the glossary terms used in the section.

The aliases leave out the names the section's text already contains; topics and entries keep
them, since they are there to rank the section first for its subject. Each list becomes a
field of distinct words, without the words found in more than a quarter of all documents, and
topics and entries also without the other words such a common word begins ("LlamaCon" after
"Llama", but not its own forms, "Llamas"): the search matches word beginnings, so every "Llama"
typed would reach them.
The fields are added to search documents in the {"location", "title", "text"} form of
lunr-based site searches (MkDocs, Material for MkDocs), which weigh them but never display them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .linker import Occurrence
from .model import Glossary, Term
from .records import IndexMarker

FIELDS = ("topics", "entries", "aliases")
COMMON_SHARE = 0.25  # a word in more than this share of all search documents is left out of the fields
MIN_TYPED = 3  # a common word this long or longer, typed, reaches the longer words it begins
INFLECTIONS = ("", "s", "es", "ed", "ing", "'s", "’s")  # what may follow a word in its own inflected forms
_MARKUP = re.compile(r"<[^>]+>|&\w+;")
# A footnote marker as a search document's text keeps it (Material's indexer drops the link, keeps <sup>),
# with the comma that separates adjacent ones (pagework.extension).
_FOOTNOTE_MARKER = re.compile(r"<sup>,?\d+</sup>")
_NON_WORD = re.compile(r"[\W_]+")
JOINED = re.compile(r"(?<=[A-Za-z])-(?=\d)")  # the hyphen of "GPT-4", which readers often leave out


@dataclass
class SectionKeywords:
    """Names for one section, in order of first appearance, without repeats."""

    topics: list[str] = field(default_factory=list)
    entries: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    def add(self, kind: str, names: Iterable[str]) -> None:
        target = getattr(self, kind)
        target.extend(name for name in names if name not in target)


def page_keywords(
    glossary: Glossary, occurrences: Iterable[Occurrence], markers: Iterable[IndexMarker]
) -> dict[str, SectionKeywords]:
    """Section anchor ("" before the first heading) -> its keywords, for one page.

    occurrences and markers are what termkit.linker found on the page (the markers as TermSite.record
    parsed them); markers that point elsewhere (`-> page.md#anchor`) are left to the index.
    """
    sections: dict[str, SectionKeywords] = {}
    for marker, section, _ in markers:
        if marker.target:
            continue
        term = glossary.resolve(marker.entry)
        names = names_of(term) if term else [marker.entry]
        keywords = sections.setdefault(section.anchor, SectionKeywords())
        keywords.add("topics" if marker.main else "entries", names)
        if marker.sub:
            keywords.add("entries", [marker.sub])
    for occurrence in occurrences:
        term = glossary.terms[occurrence.term]
        sections.setdefault(occurrence.section.anchor, SectionKeywords()).add("aliases", names_of(term))
    return sections


def names_of(term: Term) -> list[str]:
    """What a reader may type for a term: its name, abbreviations, aliases and inflected forms (a search
    that matches word beginnings and does not stem finds "overtraining" for "overtrain" but not for
    "overtrained"), and a name with a hyphen before a digit also without it ("GPT-4", "GPT4")."""
    names = [term.name, *term.abbr, *term.aliases, *term.forms]
    return list(dict.fromkeys([*names, *(JOINED.sub("", name) for name in names)]))


def add_search_fields(
    docs: Sequence[dict[str, Any]],
    keywords: Mapping[str, Mapping[str, SectionKeywords]],
    common_share: float = COMMON_SHARE,
    separator: str | None = None,
) -> int:
    """Add the FIELDS to search documents in place; return how many documents got any.

    docs are the JSON objects of a search index: "location", "title" and "text" are strings, other
    keys (such as Material's "tags" or "boost") hold any JSON value and are left as they are.

    keywords maps a page URL, as in the documents' locations ("architecture/"), to its
    sections' keywords. Each field is a list of distinct words. Left out: an alias whose words
    the document's title and text already have, and words found in more than common_share of
    all documents ("Llama", "model"), which say nothing about what a section is about; weighted
    as strongly as a title, they would outrank the one rare word a reader typed.

    separator: the search's own (Material's `separator`, a regular expression that JavaScript and
    Python read alike), so that the fields hold words as the search splits them: "3.2" stays one
    word where the search keeps it one, and stop words go. Without it, words are split at every
    non-word character. Whether a word is already in a document, or common, is judged by words
    alone (the search matches word beginnings, so "attention." in the text is found as "attention").
    """
    split = re.compile(separator) if separator is not None else _NON_WORD
    present = [_words(doc.get("title", "") + " " + doc.get("text", "")) for doc in docs]
    counts = Counter(word for words in present for word in words)
    common = {word for word, count in counts.items() if count > common_share * len(docs)}
    typed = _typed(common, split)
    changed = 0
    for doc, words in zip(docs, present, strict=False):
        page, _, anchor = doc.get("location", "").partition("#")
        section = keywords.get(page, {}).get(anchor)
        if section is None:
            continue
        added = False
        for kind in FIELDS:
            names = getattr(section, kind)
            if kind == "aliases":  # only what the text lacks; a topic or entry needs no second mention
                names = [
                    name
                    for name in names
                    if _words(name) - words and name not in section.topics and name not in section.entries
                ]
            field_words = [
                word
                for word in dict.fromkeys(_word_list(" ".join(names), split))
                if word not in common and (kind == "aliases" or not _begun_by(word, typed))
            ]
            if field_words:
                doc[kind] = " ".join(field_words)
                added = True
        changed += added
    return changed


def _typed(common: set[str], split: re.Pattern[str]) -> tuple[str, ...]:
    """The common words a reader types as words of their own ("llama", "model"): not the stop words the
    search's separator drops, numbers or words under MIN_TYPED letters, whose beginnings say nothing."""
    return tuple(
        sorted(
            word for word in common if len(word) >= MIN_TYPED and word.isalpha() and _word_list(word, split) == [word]
        )
    )


def _begun_by(word: str, typed: tuple[str, ...]) -> bool:
    """Whether a common word the reader types would reach this other, longer word as its beginning ("llama":
    "llamacon"); its own inflected forms ("mixture": "mixtures") are the same word, and stay."""
    return any(word.startswith(common) and word[len(common) :] not in INFLECTIONS for common in typed)


def _word_list(text: str, split: re.Pattern[str] = _NON_WORD) -> list[str]:
    """Lower-cased words of a text without markup, in order; split before lower-casing, as the search does."""
    return [word.lower() for word in split.split(_MARKUP.sub(" ", text)) if word]


def _words(text: str, split: re.Pattern[str] = _NON_WORD) -> set[str]:
    """The distinct words of a text: enough to tell whether a name is already there."""
    return set(_word_list(text, split))


def drop_footnote_markers(documents: Iterable[dict[str, Any]]) -> int:
    """Remove footnote markers from each search document's text; how many documents changed.

    A result's snippet cannot follow a marker, and without its link the number runs into the text
    around it ("point.68" for a sentence that ends with notes 6 and 8).
    """
    changed = 0
    for doc in documents:
        text = doc.get("text")
        if isinstance(text, str) and "<sup>" in text:
            doc["text"], count = _FOOTNOTE_MARKER.subn("", text)
            changed += bool(count)
    return changed

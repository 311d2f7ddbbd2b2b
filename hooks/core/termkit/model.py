"""Glossary terms: load the YAML source (sourcefile.parse_yaml), validate it, report errors with file and line."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from core.sourcefile import ENGLISH, LineDict, LineList, Num, SourceError, Yaml, parse_yaml

CASE_RULES = ("insensitive", "sensitive", "any")
ID_PREFIX = "term-"  # before an anchor that would start with a digit
TEXT_KEYS = ("term", "id", "short", "long", "source")  # keys whose value is one piece of text
LIST_KEYS = ("abbr", "aliases", "forms", "see_also")  # keys whose value is a list of names
KNOWN_KEYS = {"term", "id", "abbr", "aliases", "forms", "case", "short", "long", "see_also", "source"}
# An entry's words in another language: a block named by the language's code ("de:") with these keys. Its
# id (anchor), abbreviations, case rule, see-also and source stay the English entry's, in every language.
LANGUAGE_KEY = re.compile(r"^[a-z]{2}$")
VIEW_KEYS = ("term", "aliases", "forms", "short", "long")


@dataclass(frozen=True)
class Term:
    id: str
    name: str
    short: str
    source: str
    long: str = ""
    abbr: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    case_sensitive: bool = False
    any_case: bool = False  # case: any, also in all-caps text
    see_also: tuple[str, ...] = ()  # ids of other terms, resolved at load time
    line: int = 0

    def surfaces(self) -> list[tuple[str, bool]]:
        """Every written form that refers to this term, with whether it matches case-sensitively."""
        named = [(s, self.case_sensitive) for s in (self.name, *self.aliases, *self.forms)]
        return named + [(a, True) for a in self.abbr]


@dataclass
class Glossary:
    path: str
    terms: dict[str, Term] = field(default_factory=dict)  # id -> term, in source order
    _names: dict[str, Term] | None = field(default=None, repr=False)  # looked-up form -> term, built on first use

    def resolve(self, ref: str) -> Term | None:
        """Find a term by id/slug, abbreviation (exact) or any name, alias or form (any case)."""
        if self._names is None:
            self._names = {}
            for term in self.terms.values():
                for surface in (term.name, *term.aliases, *term.forms):
                    self._names.setdefault(surface.casefold(), term)
                for abbr in term.abbr:
                    self._names.setdefault("\0" + abbr, term)
        ref = normalize(ref)
        return (
            self.terms.get(ref)
            or self._names.get("\0" + ref)
            or self._names.get(ref.casefold())
            or self.terms.get(anchor(ref))
        )

    def closest(self, ref: str) -> str | None:
        """The anchor, name, abbreviation or alias of a term that is closest to ref, as the glossary writes it
        (what a misspelled reference most likely meant), or None if none is close."""
        spellings: dict[str, str] = {}
        for term in self.terms.values():
            for written in (term.id, term.name, *term.abbr, *term.aliases):
                spellings.setdefault(written.casefold(), written)
        close = difflib.get_close_matches(normalize(ref).casefold(), list(spellings), n=1, cutoff=0.6)
        return spellings[close[0]] if close else None


def normalize(text: str) -> str:
    """NFC-normalise and collapse white space, the form in which terms are compared."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def slugify(text: str) -> str:
    """A stable, readable anchor: lower case, accents dropped, runs of other characters -> '-'."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    ascii_text = ascii_text.replace("+", "-plus")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "term"


def anchor(text: str) -> str:
    """A term's anchor: its slug, with a prefix if it would start with a digit ("404" -> "term-404").

    Such an id is not a valid CSS selector, and "#404" reads as an issue number to some extensions.
    """
    slug = slugify(text)
    return ID_PREFIX + slug if slug[0].isdigit() else slug


def load_glossary(path: str | Path, display_path: str | None = None, language: str = ENGLISH) -> Glossary:
    """Read and validate a glossary file, in a language's view (see parse_glossary); raise SourceError listing
    every problem found."""
    display_path = display_path or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        problem = (
            f"{display_path}: the glossary file does not exist; fix: create it (the format is in "
            f"CONTRIBUTING.md), or set extra.glossary.source in mkdocs.yml to its path relative to docs/"
        )
        raise SourceError([problem]) from None
    return parse_glossary(text, display_path, language)


def parse_glossary(text: str, path: str, language: str = ENGLISH) -> Glossary:
    """The glossary as a language's edition reads it. In English, each entry as written; in another
    language, each entry's `<language>:` block gives its name, aliases, forms and texts, and everything
    else (its anchor, abbreviations, case rule, see-also, source) is the English entry's, so anchors,
    links and xref.json ids are the same in every language. An entry without the block is a problem."""
    data = parse_yaml(text, path)
    terms = data.get("terms") if isinstance(data, LineDict) else None
    if not isinstance(terms, LineList):
        raise SourceError([f"{path}:1: expected a mapping with a 'terms:' list"])
    problems: list[str] = []
    english = Glossary(path)  # see-also names English names, in every language
    glossary = english if language == ENGLISH else Glossary(path)
    claimed: dict[str, tuple[str, int]] = {}  # folded surface -> (term name, line)
    see_also: list[tuple[str, tuple[str, ...], int]] = []  # (term id, names it refers to, line)
    for item, line in zip(terms, terms.item_lines, strict=True):
        if not isinstance(item, LineDict):
            problems.append(
                f"{path}:{line}: every entry under 'terms:' must be a mapping of keys, but this one is "
                f"{_kind(item)} ({item!r}); fix: start the entry with '- term: NAME' and indent its other keys "
                f"under 'term:'"
            )
            continue
        entry = _entry(item, path, item.line, problems)
        if entry is None:
            continue
        term, refs = entry
        if term.id in english.terms:
            problems.append(_same_anchor(term, english.terms[term.id], path))
            continue
        english.terms[term.id] = term
        see_also.append((term.id, refs, term.line))
        if language != ENGLISH:
            view = _view(item, term, language, path, problems)
            if view is None:
                continue
            glossary.terms[term.id] = term = view
        _claim(term, claimed, f"{path}:{term.line}", problems)
    _resolve_see_also(english, see_also, path, problems)
    if glossary is not english:
        for term in glossary.terms.values():
            object.__setattr__(
                term, "see_also", tuple(i for i in english.terms[term.id].see_also if i in glossary.terms)
            )
    if problems:
        raise SourceError(problems)
    return glossary


def _view(item: LineDict, english: Term, language: str, path: str, problems: list[str]) -> Term | None:
    """The entry in a language's words: its `<language>:` block over the English entry (see parse_glossary)."""
    block = item.get(language)
    needs = "term, short" + (", long" if english.long else "")
    if not isinstance(block, LineDict):
        problems.append(
            f"{path}:{english.line}: term {english.name!r} has no '{language}:' block, so the {language} edition "
            f"has no words for it; fix: add one under the entry with {needs} (aliases and forms where needed)"
        )
        return None
    where = f"{path}:{block.line}"
    for key in sorted(set(block) - set(VIEW_KEYS)):
        problems.append(
            f"{path}:{block.key_lines[key]}: term {english.name!r}: '{key}:' has no place in the '{language}:' "
            f"block; fix: keep {', '.join(VIEW_KEYS)} there (the rest is shared with the English entry)"
        )
    texts = {key: _text_value(block, key, where, problems) for key in ("term", "short")}
    long = block.get("long")
    missing = [key for key, value in (*texts.items(), ("long", long)) if not value and (key != "long" or english.long)]
    if missing:
        problems.append(f"{where}: term {english.name!r}: the '{language}:' block has no {', '.join(missing)}")
        return None
    lists = {
        key: _names(block, key, f"{where}: term {english.name!r}: '{language}.{key}'", problems)
        for key in VIEW_KEYS[1:3]
    }
    return Term(
        id=english.id,
        name=texts["term"],
        short=texts["short"],
        source=english.source,
        long=str(long).strip() if isinstance(long, str) else "",
        abbr=english.abbr,
        aliases=lists["aliases"],
        forms=lists["forms"],
        case_sensitive=english.case_sensitive,
        any_case=english.any_case,
        line=block.line,
    )


def _same_anchor(term: Term, other: Term, path: str) -> str:
    """The problem of a term whose anchor another term has already, and the two ways out. Either entry may be
    the one an editor just added (a new entry can go above an old one), so the fix names neither as wrong."""
    same = "if both are one term, delete the entry you added"
    if term.name.casefold() != other.name.casefold():
        same += " and add its name to the other's aliases:"
    return (
        f"{path}:{term.line}: term {term.name!r} has the same anchor {term.id!r} as {other.name!r} (line "
        f"{other.line}); fix: {same}; if they are different terms, give the entry you added an anchor of its "
        f"own with a line 'id: <new anchor>' under its term:"
    )


def _entry(item: LineDict, path: str, line: int, problems: list[str]) -> tuple[Term, tuple[str, ...]] | None:
    """One entry's term and the names in its see_also; its problems go to `problems`."""
    where = f"{path}:{line}"
    unknown = {key for key in item if key not in KNOWN_KEYS and not LANGUAGE_KEY.match(key)}
    if unknown:
        problems.append(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(KNOWN_KEYS))}")
    texts = {key: _text_value(item, key, where, problems) for key in TEXT_KEYS}
    name = texts["term"]
    if not name:
        if item.get("term") is None or isinstance(item["term"], str):  # (anything else is reported above)
            problems.append(f"{where}: entry without a 'term' name")
        return None
    if not texts["short"]:
        problems.append(f"{where}: term {name!r} has no definition ('short:' is required)")
    if not texts["source"]:
        problems.append(f"{where}: term {name!r} has no primary source ('source:' is required)")
    case = item.get("case", "insensitive")
    if case not in CASE_RULES:
        problems.append(
            f"{where}: term {name!r}: case must be insensitive (the default), sensitive or any, not {case!r}"
        )
    lists = {key: _names(item, key, f"{where}: term {name!r}: '{key}'", problems) for key in LIST_KEYS}
    term = Term(
        id=anchor(texts["id"] or name),
        name=name,
        short=texts["short"],
        source=texts["source"],
        long=str(item.get("long") or "").strip() if isinstance(item.get("long"), str) else "",
        abbr=lists["abbr"],
        aliases=lists["aliases"],
        forms=lists["forms"],
        case_sensitive=case == "sensitive",
        any_case=case == "any",
        line=line,
    )
    return term, lists["see_also"]


def _names(item: LineDict, key: str, what: str, problems: list[str]) -> tuple[str, ...]:
    """The names under `key` (one name or a list), normalised; anything else is a problem (what: where it is)."""
    if key not in item:
        return ()
    value = item[key]
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        problems.append(
            f"{what} must be a list of non-empty strings; "
            f"fix: write it as [name, other name], and put a number in quotes: ['404']"
        )
        return ()
    return tuple(normalize(v) for v in items if isinstance(v, str))


def _text_value(item: LineDict, key: str, where: str, problems: list[str]) -> str:
    """The text under `key` (normalised, "" if absent); anything but a string is a problem."""
    value = item.get(key)
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        problems.append(
            f"{where}: '{key}:' must be text, but it is {_kind(value)} ({value!r}); fix: write one name or "
            f"sentence, in quotes if it is a number or starts with [ {{ or -"
            + ("; other names go under aliases:, abbreviations under abbr:" if key == "term" else "")
        )
        return ""
    return normalize(value)


def _kind(value: Yaml) -> str:
    names = {
        LineDict: "a mapping",
        LineList: "a list",
        str: "a string",
        bool: "true or false",
        Num: "a number",
        type(None): "empty",
    }
    return names.get(type(value), f"a {type(value).__name__}")


def _claim(term: Term, claimed: dict[str, tuple[str, int]], where: str, problems: list[str]) -> None:
    """Every name of a term belongs to it alone: report names that another term (or this one) has already."""
    for surface, _ in term.surfaces():
        key = surface.casefold()
        if key in claimed and claimed[key][0] != term.name:
            other_name, other_line = claimed[key]
            problems.append(
                f"{where}: {surface!r} is claimed by two terms: {other_name!r} (line {other_line}) "
                f"and {term.name!r} (line {term.line}); fix: keep it under the term it names, delete it from the other"
            )
        elif key in claimed:
            problems.append(f"{where}: term {term.name!r} lists {surface!r} twice; fix: delete one of them")
        else:
            claimed[key] = (term.name, term.line)


def _resolve_see_also(
    glossary: Glossary, pending: list[tuple[str, tuple[str, ...], int]], path: str, problems: list[str]
) -> None:
    for term_id, refs, line in pending:
        resolved: list[str] = []
        for ref in refs:
            target = glossary.resolve(ref)
            if target is None:
                close = glossary.closest(ref)
                problems.append(
                    f"{path}:{line}: term {glossary.terms[term_id].name!r}: see-also {ref!r} is not a known term"
                    + (f"; fix: did you mean {close!r}?" if close else "")
                )
            elif target.id != term_id and target.id not in resolved:
                resolved.append(target.id)
        object.__setattr__(glossary.terms[term_id], "see_also", tuple(resolved))

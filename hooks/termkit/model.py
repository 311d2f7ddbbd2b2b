"""Glossary terms: load the YAML source, validate it, report errors with file and line."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CASE_RULES = ("insensitive", "sensitive")
KNOWN_KEYS = {"term", "id", "abbr", "aliases", "forms", "case", "short", "long", "see_also", "source"}


class GlossaryError(Exception):
    """One or more problems in the glossary source; each line names the file and line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


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
        return (self.terms.get(ref) or self._names.get("\0" + ref) or self._names.get(ref.casefold())
                or self.terms.get(slugify(ref)))


def normalize(text: str) -> str:
    """NFC-normalise and collapse white space, the form in which terms are compared."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def line_of(source: str, needle: str) -> int:
    """The 1-based line where needle first appears in source (0 if it does not)."""
    index = source.find(needle)
    return source.count("\n", 0, index) + 1 if index >= 0 else 0


def slugify(text: str) -> str:
    """A stable, readable anchor: lower case, accents dropped, runs of other characters -> '-'."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    ascii_text = ascii_text.replace("+", "-plus")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "term"


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it
    """A safe loader that remembers each mapping's line and refuses duplicate keys."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first on line {seen[key]})", key_node.start_mark
                )
            seen[key] = key_node.start_mark.line + 1
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def parse_yaml(text: str, path: str):
    """Parse YAML with line numbers on mappings; a syntax error names the file and line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise GlossaryError([f"{path}:{line}: malformed YAML: {exc.problem or exc}"]) from None


def load_glossary(path: str | Path, display_path: str | None = None) -> Glossary:
    """Read and validate a glossary file; raise GlossaryError listing every problem found."""
    text = Path(path).read_text(encoding="utf-8")
    return parse_glossary(text, display_path or str(path))


def parse_glossary(text: str, path: str) -> Glossary:
    data = parse_yaml(text, path)
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError([f"{path}:1: expected a mapping with a 'terms:' list"])
    problems: list[str] = []
    raw_terms = []
    for item in data["terms"]:
        if not isinstance(item, dict):
            problems.append(f"{path}: every entry under 'terms:' must be a mapping, got {item!r}")
            continue
        raw_terms.append(item)

    claimed: dict[str, tuple[str, int]] = {}  # folded surface -> (term name, line)
    glossary = Glossary(path)
    pending_see_also: list[tuple[str, list[str], int]] = []
    for item in raw_terms:
        line = item.get("__line__", 0)
        where = f"{path}:{line}"
        unknown = set(item) - KNOWN_KEYS - {"__line__"}
        if unknown:
            problems.append(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(KNOWN_KEYS))}")
        name = _text(item.get("term"))
        if not name:
            problems.append(f"{where}: entry without a 'term' name")
            continue
        short = _text(item.get("short"))
        if not short:
            problems.append(f"{where}: term {name!r} has no definition ('short:' is required)")
        source = _text(item.get("source"))
        if not source:
            problems.append(f"{where}: term {name!r} has no primary source ('source:' is required)")
        case = item.get("case", "insensitive")
        if case not in CASE_RULES:
            problems.append(f"{where}: term {name!r}: case must be one of {', '.join(CASE_RULES)}, not {case!r}")
        lists = {}
        for key in ("abbr", "aliases", "forms", "see_also"):
            value = item.get(key, [])
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problems.append(f"{where}: term {name!r}: '{key}' must be a list of non-empty strings")
                value = []
            lists[key] = tuple(normalize(v) for v in value)
        term_id = slugify(_text(item.get("id")) or name)
        if term_id in glossary.terms:
            other = glossary.terms[term_id]
            problems.append(f"{where}: term {name!r} has the same anchor {term_id!r} as {other.name!r} (line {other.line})")
            continue
        term = Term(
            id=term_id, name=name, short=short, source=source, long=str(item.get("long") or "").strip(),
            abbr=lists["abbr"], aliases=lists["aliases"], forms=lists["forms"],
            case_sensitive=case == "sensitive", line=line,
        )
        for surface, _ in term.surfaces():
            key = surface.casefold()
            if key in claimed and claimed[key][0] != name:
                other_name, other_line = claimed[key]
                problems.append(
                    f"{where}: {surface!r} is claimed by two terms: {other_name!r} (line {other_line}) and {name!r} (line {line})"
                )
            elif key in claimed:
                problems.append(f"{where}: term {name!r} lists {surface!r} twice")
            else:
                claimed[key] = (name, line)
        glossary.terms[term_id] = term
        pending_see_also.append((term_id, list(lists["see_also"]), line))

    for term_id, refs, line in pending_see_also:
        resolved = []
        for ref in refs:
            target = glossary.resolve(ref)
            if target is None:
                problems.append(f"{path}:{line}: term {glossary.terms[term_id].name!r}: see-also {ref!r} is not a known term")
            elif target.id != term_id and target.id not in resolved:
                resolved.append(target.id)
        object.__setattr__(glossary.terms[term_id], "see_also", tuple(resolved))

    if problems:
        raise GlossaryError(problems)
    return glossary


def _text(value) -> str:
    return normalize(str(value)) if value not in (None, "") else ""

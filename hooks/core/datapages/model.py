"""What the key-numbers data file holds, once read: sources, subjects (models, projections, laws,
facts) with their figures, and tables; a figure's display text, and the citations of a set of figures.

data.py reads and validates the file into these classes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from core.sourcefile import say

from .units import format_ratio, format_value, qualify

REFERENCE = re.compile(r"\{([^{}]*)\}")  # {subject.field} in a template


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    link: str  # "sources.md#anchor" (relative to docs/) or an https:// address
    line: int = 0  # where the data file defines it


@dataclass(frozen=True)
class Ref:
    """One citation: a source and where in it (section, table, figure)."""

    key: str
    locator: str = ""


@dataclass(frozen=True)
class Figure:
    subject: str
    field: str
    value: float | None
    unit: str
    literal: str = ""
    text: str = ""
    qualifier: str | None = None
    refs: tuple[Ref, ...] = ()
    note: str = ""
    line: int = 0
    derived: bool = False
    lower_bound: bool = False  # derived: the true value is at least this
    approximate: bool = False  # derived: the result is rounded or its inputs were approximate
    # the site's words (strings.yml), for "not stated"; `field` here is the attribute above, hence dataclasses.field
    words: Mapping[str, str] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    @property
    def stated(self) -> bool:
        return self.unit == "text" or self.value is not None

    @property
    def number(self) -> float:
        """The value of a figure known to be a stated number (charts draw only those); ValueError otherwise."""
        if self.value is None:
            raise ValueError(f"{self.subject}.{self.field} has no value")
        return self.value

    def display(
        self, *, in_text: bool = False, unit_word: bool = True, scale: str | None = None, qualified: bool = True
    ) -> str:
        """How the value reads in a table or chart: "405B", "15T+", "~40T", "≥1,875", "not stated".

        in_text: as running text writes it, qualifiers in words ("more than 15T", "at least 1,875");
        unit_word False: without the unit's word ("3.8 × 10²⁵"); scale: in K, M, B or T (units.format_value);
        qualified False: without its qualifier or a ratio's mark ("15T" for "more than 15T"), for arithmetic.
        """
        if self.unit == "text":
            return self.text
        if self.value is None:
            return say(self.words, "not_stated")
        if self.derived:
            return format_ratio(
                self.value, self.lower_bound, self.approximate, self.words, in_text=in_text, marked=qualified
            )
        shown = format_value(self.value, self.unit, self.literal, self.words, unit_word=unit_word, scale=scale)
        return qualify(shown, self.qualifier, self.words, in_text=in_text) if qualified else shown


@dataclass
class Subject:
    id: str
    kind: str  # model | projection | law | fact
    name: str
    figures: dict[str, Figure]
    line: int
    short: str = ""
    family: str = ""
    type: str = ""
    law: str = ""


@dataclass(frozen=True)
class Row:
    label: str  # a template, like the value
    value: str  # a template (rows tables) or a field name (matrix tables)
    line: int


@dataclass
class Table:
    name: str
    rows: list[Row]
    line: int
    header: str | None = None  # None: the default of strings.yml (table_what, or table_setting for a matrix)
    columns: tuple[str, ...] = ()  # subject ids: a matrix table, one column per subject

    @property
    def is_matrix(self) -> bool:
        return bool(self.columns)


@dataclass
class KeyNumbers:
    path: str
    sources: dict[str, Source]
    subjects: dict[str, Subject]
    tables: dict[str, Table]
    words: dict[str, str] = field(default_factory=dict)  # the site's words (strings.yml), in its language

    def say(self, key: str, **fields: object) -> str:
        """The site's words for key, with {fields} filled in (sourcefile.say)."""
        return say(self.words, key, **fields)

    def figure(self, subject: str, name: str) -> Figure:
        """A figure by subject id and field, including derived fields (KeyError if unknown)."""
        owner = self.subjects[subject]
        if name in owner.figures:
            return owner.figures[name]
        if name == "tokens_per_param":
            return tokens_per_param(owner, self.words)
        if name == "active_params" and owner.type == "dense" and "params" in owner.figures:
            return owner.figures["params"]  # a dense model uses every parameter for every token
        raise KeyError(f"{subject}.{name}")

    def resolve(self, reference: str) -> Figure:
        subject, _, name = reference.strip().partition(".")
        return self.figure(subject, name)

    def models(self, *, family: str | None = None) -> list[Subject]:
        return [s for s in self.subjects.values() if s.kind == "model" and (family is None or s.family == family)]


def tokens_per_param(subject: Subject, words: Mapping[str, str]) -> Figure:
    """Training tokens per (total) parameter; marked ≥ when tokens are a lower bound, ≈ when rounded."""
    tokens, params = subject.figures.get("tokens"), subject.figures.get("params")
    if not tokens or not params or tokens.value is None or params.value is None:
        return Figure(subject.id, "tokens_per_param", None, "ratio", derived=True, words=words)
    value = tokens.value / params.value
    lower = tokens.qualifier in ("more than", "at least") or params.qualifier in ("nearly", "up to")
    approx = "about" in (tokens.qualifier, params.qualifier) or abs(value - round(value)) > 1e-9 * value
    return Figure(
        subject.id,
        "tokens_per_param",
        value,
        "ratio",
        refs=tokens.refs + params.refs,
        derived=True,
        lower_bound=lower,
        approximate=approx,
        note="computed here: training tokens ÷ parameters",
        words=words,
    )


def fill(template: str, data: KeyNumbers) -> tuple[str, list[Figure]]:
    """Replace each {subject.field} with its display text; also return the figures used, in order."""
    used: list[Figure] = []

    def one(match: re.Match[str]) -> str:
        figure = data.resolve(match.group(1))
        used.append(figure)
        return figure.display()

    return REFERENCE.sub(one, template), used


@dataclass
class Citation:
    """The sources behind some figures, grouped by source in first-use order."""

    groups: dict[str, list[str]] = field(default_factory=dict)  # source key -> locators
    computed: bool = False

    @classmethod
    def of(cls, figures: Iterable[Figure]) -> Citation:
        cite = cls()
        for figure in figures:
            cite.computed |= figure.derived
            for ref in figure.refs:
                locators = cite.groups.setdefault(ref.key, [])
                if ref.locator and ref.locator not in locators:
                    locators.append(ref.locator)
        return cite

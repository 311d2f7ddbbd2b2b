"""The inline figure marker: a figure of the data file written in running text.

    Llama 3.1 405B was trained on [[fig: llama31-405b.tokens]] tokens.   ->  "... on 15.6T tokens."

A marker names one figure as SUBJECT.FIELD: any id under `models:`, `facts:`, `laws:` or
`projections:` in docs/data/models.yml, and any of its fields (a model's computed
`tokens_per_param` too). It writes the figure as the key-number tables write it, in the site's
language and number format (units.py), except that a qualifier reads as words ("more than 15T",
"about 40T", "at least 1,875"; tables write "15T+", "~40T", "≥1,875"). Options follow the figure,
each after a comma:

    [[fig: llama31-8b.tokens, short]]        "15T+": the qualifier as tables write it
    [[fig: llama31-405b.compute, number]]    "3.8 × 10²⁵": without the unit's word (FLOPs, %)
    [[fig: llama31-8b.tokens, bare]]         "15T": the number alone, without qualifier or unit word, for
                                             arithmetic ("15T ÷ 2.0T"); never in a sentence that states it
    [[fig: llama31-405b.vocab, K]]           "128K": in thousands (also M, B, T), exactly, never rounded
    [[fig: llama3-70b.tokens, not-stated]]   "not stated", for a figure the sources do not give

A figure with `value: null` fails without `not-stated`, so that no sentence says "not stated" by
accident; so does an unknown subject, field or option, each with the page's line and a
suggestion. Markers in code (fenced blocks, `code spans`) are left as they are.

`MARKER`, `figure_like` and `starts_with_figure` are what other checks need to recognise the
marker (a line that starts with one is running text; `write` reports its problems); `write`
expands the markers of one line of Markdown.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from .model import Figure, KeyNumbers, Subject
from .units import SCALES, UNITS

KIND = "fig"  # the marker's name: [[fig: ...]]
# A figure marker, well formed or not: "[[fig:" up to the next "]]" on the line (body: what follows the colon).
MARKER = re.compile(r"\[\[\s*fig\s*:(?P<body>[^\[\]\n]*)\]\]")
# Anything in double brackets on a line of running text, to catch a misspelt marker: [[figure: ...]], [[fig x.y]].
BRACKETS = re.compile(r"\[\[\s*(?P<kind>[^\s:\[\]]+)\s*(?::[^\[\]\n]*|\s[^\[\]\n]*)?\]\]")
CODE_SPAN = re.compile(r"(`+).+?\1")
REFERENCE = re.compile(r"^(?P<subject>[A-Za-z0-9][\w-]*)(?:\.(?P<field>[A-Za-z_]\w*))?$")
SHORT, NUMBER, BARE, NOT_STATED = "short", "number", "bare", "not-stated"
WORDS = (SHORT, NUMBER, BARE, NOT_STATED)  # the options that are not a scale
OPTIONS = (*WORDS, *(letter for letter, _factor, _key in SCALES))
EXAMPLE = "[[fig: llama31-405b.tokens]]"
Replace = Callable[[re.Match[str]], str]


def figure_like(kind: str) -> bool:
    """Whether the name in "[[NAME: ...]]" is the figure marker's or a misspelling of it ("figure", "Fig", "fgi")."""
    kind = kind.lower().rstrip(".")
    return kind in (KIND, "figure", "figures") or bool(difflib.get_close_matches(kind, [KIND], n=1, cutoff=0.6))


def starts_with_figure(line: str) -> bool:
    """Whether a line of Markdown starts with a figure marker, well formed or not ("[[fig: ...]] tokens",
    "[[figure: ...]]"): running text, whose problems `write` reports, not a block marker."""
    text = line.lstrip()
    found = MARKER.match(text) or BRACKETS.match(text)
    return found is not None and (found.re is MARKER or figure_like(found["kind"]))


class FigureError(Exception):
    """A figure marker that cannot be written; the message says why and how to fix it."""


@dataclass(frozen=True)
class Marker:
    subject: str
    field: str
    options: frozenset[str]

    @property
    def scale(self) -> str | None:
        return next((option for option in self.options if option not in WORDS), None)


def parse(body: str) -> Marker:
    """The text after "[[fig:" as a Marker; FigureError if it is not SUBJECT.FIELD[, OPTION ...]."""
    reference, *given = (part.strip() for part in body.split(","))
    match = REFERENCE.match(reference)
    if not match:
        raise FigureError(
            f"[[fig:{body}]] does not name a figure as SUBJECT.FIELD; fix: write it like {EXAMPLE}"
            + (", options after a comma" if " " in reference else "")
        )
    options = []
    for option in given:
        if option not in OPTIONS:
            close = difflib.get_close_matches(option, OPTIONS, n=1, cutoff=0.5)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise FigureError(f"[[fig:{body}]]: unknown option {option!r}; fix: {hint}options: {', '.join(OPTIONS)}")
        options.append(option)
    scales = [option for option in options if option not in WORDS]
    if len(scales) > 1:
        raise FigureError(f"[[fig:{body}]]: more than one scale ({', '.join(scales)}); fix: keep one")
    return Marker(match["subject"], match["field"] or "", frozenset(options))


def figure_of(marker: Marker, data: KeyNumbers) -> Figure:
    """The figure a marker names; FigureError with the closest names if there is none."""
    where = f"[[fig: {marker.subject}{'.' if marker.field else ''}{marker.field}]]"
    subject = data.subjects.get(marker.subject)
    if subject is None:
        close = difflib.get_close_matches(marker.subject, list(data.subjects), n=1, cutoff=0.6)
        fix = (
            f"did you mean {close[0]!r}?"
            if close
            else f"use an id under models:, facts:, laws: or projections: in {data.path}"
        )
        raise FigureError(f"{where}: no subject {marker.subject!r} in {data.path}; fix: {fix}")
    fields = [*subject.figures, *computed_fields(subject)]
    if not marker.field:
        raise FigureError(
            f"{where} names no field of {marker.subject}; fix: add one after a dot, like "
            f"[[fig: {marker.subject}.{fields[0] if fields else 'FIELD'}]]; its figures: {', '.join(fields) or 'none'}"
        )
    if marker.field not in fields:
        close = difflib.get_close_matches(marker.field, fields, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise FigureError(
            f"{where}: {marker.subject} has no figure {marker.field!r} in {data.path}; "
            f"fix: {hint}its figures: {', '.join(fields)}"
        )
    return data.figure(marker.subject, marker.field)


def computed_fields(subject: Subject) -> list[str]:
    """The fields of a subject that KeyNumbers.figure computes rather than reads: a model's or projection's
    tokens per parameter, and a dense model's active parameters (all of them)."""
    found = []
    if subject.kind in ("model", "projection") and "tokens_per_param" not in subject.figures:
        found.append("tokens_per_param")
    if subject.type == "dense" and "params" in subject.figures and "active_params" not in subject.figures:
        found.append("active_params")
    return found


def text_of(marker: Marker, data: KeyNumbers) -> str:
    """What a marker writes; FigureError if its figure is unknown, has no value, or does not take an option."""
    figure = figure_of(marker, data)
    name = f"{marker.subject}.{marker.field}"
    where = f"[[fig: {name}{''.join(f', {o}' for o in sorted(marker.options))}]]"
    if not figure.stated and NOT_STATED not in marker.options:
        line = f", line {figure.line}" if figure.line else ""
        raise FigureError(
            f"{where}: {data.path} gives no value for {name} (value: null{line}), so the text would say "
            f'"{data.say("not_stated")}"; fix: add the value with its source, write the sentence without it, '
            f"or write [[fig: {name}, {NOT_STATED}]] to say so on purpose"
        )
    if figure.stated and NOT_STATED in marker.options:
        raise FigureError(f"{where}: {name} has a value; fix: remove the option {NOT_STATED!r}")
    if figure.unit == "text" and marker.options - {NOT_STATED}:
        raise FigureError(f"{where}: {name} is words, not a number; fix: remove the option(s)")
    if marker.scale and (figure.derived or UNITS[figure.unit].style != "scaled"):
        scaled = ", ".join(name for name, unit in UNITS.items() if unit.style == "scaled" and name != "ratio")
        raise FigureError(
            f"{where}: {name} is not written with K, M, B or T; fix: remove {marker.scale!r} "
            f"(scales apply to figures in {scaled})"
        )
    if not figure.stated:
        return figure.display()
    return figure.display(
        in_text=SHORT not in marker.options,
        unit_word=not marker.options & {NUMBER, BARE},
        scale=marker.scale,
        qualified=BARE not in marker.options,
    )


def write(line: str, data: KeyNumbers, block_kinds: Collection[str] = ()) -> tuple[str, list[str]]:
    """A line of running text with its figure markers written out, and the problems found (messages).

    Code spans are left alone. A misspelt marker ([[figure: ...]], [[fig x.y]]) and a block marker
    (one of block_kinds) in the middle of a line are problems; other text in double brackets is not.
    """
    if "[[" not in line:
        return line, []
    problems: list[str] = []

    def one(match: re.Match[str]) -> str:
        try:
            return text_of(parse(match["body"]), data)
        except FigureError as exc:
            problems.append(str(exc))
            return match[0]

    def near_miss(match: re.Match[str]) -> str:
        kind = match["kind"]
        if kind in block_kinds:
            problems.append(f"{match[0]}: a [[{kind}: ...]] marker stands on a line of its own; fix: move it there")
        elif figure_like(kind):
            problems.append(f"{match[0]} is not a figure marker; fix: write it like {EXAMPLE}")
        return match[0]

    parts, start = [], 0
    for code in CODE_SPAN.finditer(line):
        parts.append(_text(line[start : code.start()], one, near_miss))
        parts.append(code[0])
        start = code.end()
    parts.append(_text(line[start:], one, near_miss))
    return "".join(parts), problems


def _text(text: str, one: Replace, near_miss: Replace) -> str:
    """Markers written out in a piece of a line outside code; then what is left in brackets checked."""
    written = MARKER.sub(one, text)
    BRACKETS.sub(near_miss, MARKER.sub("", text))
    return written

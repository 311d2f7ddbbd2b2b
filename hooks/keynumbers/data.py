"""The key-numbers data file: load it, validate it, report every problem with file and line.

Shape of the file (docs/data/models.yml):

    sources:      key -> {title, link}; a figure cites "key locator", e.g. "llama3-paper §3.2.1"
    models:       id -> {name, short, family, type: dense|moe, and the MODEL_FIELDS below}
    projections:  id -> {name, law, params, tokens[, compute]}: points that a scaling law predicts
    laws:         id -> {name, and any figures}: scaling-law results
    facts:        id -> {name, and any figures}: other key numbers, grouped by topic
    tables:       name -> {rows: [[label, template], ...]}
                  or {header, columns: [subject ids], rows: [[label, field], ...]}

A figure is {value, unit, source[, qualifier][, note]}, or {text, source[, note]} for words,
or {value: null[, note]} for a number that the sources do not give. A template is text with
{subject.field} references, such as "{llama31-405b.params} parameters".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Self, TypeAlias

import yaml

from .units import QUALIFIERS, UNITS, format_ratio, format_value, known_units, qualify

# Fields every model has (value: null when the sources do not give it), and the unit each must use.
MODEL_FIELDS = {
    "params": "params",
    "active_params": "params",
    "tokens": "tokens",
    "compute": "flops",
    "gpu_hours": "gpu_hours",
    "hardware": "text",
    "context": "tokens_ctx",
    "layers": "count",
    "model_dim": "count",
    "ffn_dim": "count",
    "heads": "count",
    "kv_heads": "count",
    "experts": "count",
    "shared_experts": "count",
    "peak_lr": "lr",
    "vocab": "count",
    "rope_theta": "count",
    "gqa": "text",
    "deployment": "text",
    "released": "text",
    "design": "text",
}
REQUIRED_MODEL_FIELDS = ("params", "tokens", "compute", "gpu_hours", "context")
MODEL_KEYS = {"name", "short", "family", "type"}
PROJECTION_FIELDS = {"params": "params", "tokens": "tokens", "compute": "flops"}
FIGURE_KEYS = {"value", "unit", "source", "qualifier", "note", "text"}
DERIVED = ("tokens_per_param",)  # computed from other fields, never written in the file
REFERENCE = re.compile(r"\{([^{}]*)\}")
NOT_STATED = "not stated"


class DataError(Exception):
    """Problems in the data file; each message starts with file:line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    link: str  # "sources.md#anchor" (relative to docs/) or an https:// address


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

    @property
    def stated(self) -> bool:
        return self.unit == "text" or self.value is not None

    @property
    def number(self) -> float:
        """The value of a figure known to be a stated number (charts draw only those); ValueError otherwise."""
        if self.value is None:
            raise ValueError(f"{self.subject}.{self.field} has no value")
        return self.value

    def display(self) -> str:
        """How the value reads on a page: "405B", "15T+", "~40T", "≥1,875", "not stated"."""
        if self.unit == "text":
            return self.text
        if self.value is None:
            return NOT_STATED
        if self.derived:
            return format_ratio(self.value, self.lower_bound, self.approximate)
        return qualify(format_value(self.value, self.unit, self.literal), self.qualifier)


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
    header: str = "What"
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

    def figure(self, subject: str, name: str) -> Figure:
        """A figure by subject id and field, including derived fields (KeyError if unknown)."""
        owner = self.subjects[subject]
        if name in owner.figures:
            return owner.figures[name]
        if name == "tokens_per_param":
            return tokens_per_param(owner)
        if name == "active_params" and owner.type == "dense" and "params" in owner.figures:
            return owner.figures["params"]  # a dense model uses every parameter for every token
        raise KeyError(f"{subject}.{name}")

    def resolve(self, reference: str) -> Figure:
        subject, _, name = reference.strip().partition(".")
        return self.figure(subject, name)

    def models(self, *, family: str | None = None) -> list[Subject]:
        return [s for s in self.subjects.values() if s.kind == "model" and (family is None or s.family == family)]


def tokens_per_param(subject: Subject) -> Figure:
    """Training tokens per (total) parameter; marked ≥ when tokens are a lower bound, ≈ when rounded."""
    tokens, params = subject.figures.get("tokens"), subject.figures.get("params")
    if not tokens or not params or tokens.value is None or params.value is None:
        return Figure(subject.id, "tokens_per_param", None, "ratio", derived=True)
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
    )


# --- Loading YAML with line numbers -------------------------------------------------------------


class Num(float):
    """A number from the data file that remembers how it was written ("15.6e12")."""

    literal: str

    def __new__(cls, value: float, literal: str) -> Self:
        obj = super().__new__(cls, value)
        obj.literal = literal
        return obj


# What parse_yaml gives: mappings and lists that know their lines, numbers, words, and null.
Yaml: TypeAlias = "LineDict | LineList | Num | str | None"


class LineDict(dict[str, Yaml]):
    """A YAML mapping that knows the (1-based) line it starts on and the line of each key."""

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class LineList(list[Yaml]):
    """A YAML list that knows the (1-based) line it starts on and the line of each item."""

    def __init__(self, items: Iterable[Yaml] = (), line: int = 0, item_lines: Iterable[int] = ()) -> None:
        super().__init__(items)
        self.line = line
        self.item_lines = list(item_lines)


if TYPE_CHECKING:  # mypy needs a static base; CSafeLoader and SafeLoader have the same interface
    _SafeLoader = yaml.SafeLoader
else:  # libyaml's parser when PyYAML has it: about 10x faster than the pure-Python one
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """SafeLoader that also reads 70e9 and 1e-4 as numbers (YAML 1.2 style)."""


_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:\d[\d_]*)?(?:\.\d*)?[eE][-+]?\d+$"), list("-+.0123456789")
)


def parse_yaml(text: str, path: str) -> Yaml:
    """Parse YAML into LineDict/LineList/Num/str/None; syntax errors name the file and line."""
    try:
        node = yaml.compose(text, Loader=_Loader)  # a SafeLoader subclass: builds no Python objects
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise DataError([f"{path}:{mark.line + 1 if mark else 0}: malformed YAML: {exc.problem or exc}"]) from None
    if node is None:
        raise DataError([f"{path}:1: the file is empty"])
    return _convert(node, path)


def _convert(node: yaml.Node, path: str) -> Yaml:
    if isinstance(node, yaml.MappingNode):
        mapping = LineDict(node.start_mark.line + 1)
        pairs: list[tuple[yaml.Node, yaml.Node]] = node.value
        for key_node, value_node in pairs:
            key = str(key_node.value)
            if key in mapping:
                raise DataError(
                    [
                        f"{path}:{key_node.start_mark.line + 1}: duplicate key {key!r} "
                        f"(first on line {mapping.key_lines[key]})"
                    ]
                )
            mapping.key_lines[key] = key_node.start_mark.line + 1
            mapping[key] = _convert(value_node, path)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items: list[yaml.Node] = node.value
        return LineList(
            (_convert(item, path) for item in items),
            node.start_mark.line + 1,
            (item.start_mark.line + 1 for item in items),
        )
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return None
    if tag in ("int", "float"):
        try:
            return Num(float(node.value.replace("_", "")), node.value)
        except ValueError:
            raise DataError([f"{path}:{node.start_mark.line + 1}: cannot read {node.value!r} as a number"]) from None
    if tag == "bool":
        return str(node.value)  # "yes"/"no" stay words: a figure's text is never a boolean
    return str(node.value)


# --- Validation -----------------------------------------------------------------------------------


def load(path: str | Path, display_path: str | None = None) -> KeyNumbers:
    return parse(Path(path).read_text(encoding="utf-8"), display_path or str(path))


def parse(text: str, path: str) -> KeyNumbers:
    raw = parse_yaml(text, path)
    if not isinstance(raw, LineDict):
        raise DataError([f"{path}:1: expected a mapping with sources, models, projections, laws, facts, tables"])
    problems: list[str] = []
    unknown = set(raw) - {"sources", "models", "projections", "laws", "facts", "tables"}
    for key in sorted(unknown):
        problems.append(f"{path}:{raw.key_lines[key]}: unknown section {key!r}")
    sources = _sources(raw.get("sources"), path, problems)
    data = KeyNumbers(path, sources, {}, {})
    for section, kind in (("models", "model"), ("projections", "projection"), ("laws", "law"), ("facts", "fact")):
        block = raw.get(section)
        if block is None:
            continue
        if not isinstance(block, LineDict):
            problems.append(f"{path}:{raw.key_lines[section]}: '{section}' must be a mapping of id -> entry")
            continue
        for sid, entry in block.items():
            line = block.key_lines[sid]
            if sid in data.subjects:
                problems.append(f"{path}:{line}: id {sid!r} is used twice (also line {data.subjects[sid].line})")
            elif not isinstance(entry, LineDict):
                problems.append(f"{path}:{line}: {sid!r} must be a mapping")
            else:
                data.subjects[sid] = _subject(sid, kind, entry, line, data, problems)
    for subject in data.subjects.values():
        if subject.kind == "projection" and subject.law not in data.subjects:
            problems.append(f"{path}:{subject.line}: {subject.id}: law {subject.law!r} is not an id under 'laws'")
    data.tables = _tables(raw.get("tables"), raw, data, problems)
    if problems:
        raise DataError(problems)
    return data


def _sources(block: Yaml, path: str, problems: list[str]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    if not isinstance(block, LineDict) or not block:
        problems.append(f"{path}:1: a 'sources' mapping (key -> title, link) is required")
        return sources
    for key, entry in block.items():
        line = block.key_lines[key]
        if not isinstance(entry, LineDict) or not entry.get("title") or not entry.get("link"):
            problems.append(f"{path}:{line}: source {key!r} needs a title and a link")
            continue
        link = str(entry["link"])
        if not (link.startswith("https://") or re.match(r"^[\w./-]+\.md(#[\w-]+)?$", link)):
            problems.append(
                f"{path}:{line}: source {key!r}: link must be a page of the site (sources.md#anchor) "
                f"or an https:// address, not {link!r}"
            )
        sources[key] = Source(key, str(entry["title"]), link)
    return sources


def _subject(sid: str, kind: str, entry: LineDict, line: int, data: KeyNumbers, problems: list[str]) -> Subject:
    path = data.path
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(f"{path}:{line}: {sid!r} needs a name")
    subject = Subject(sid, kind, str(name or sid), {}, line)
    meta_keys = {"name", "short"}  # short: the column header in a matrix table
    subject.short = str(entry.get("short") or "")
    expected: dict[str, str] | None = None  # field -> unit, for the kinds whose fields are fixed
    if kind == "model":
        meta_keys, expected = MODEL_KEYS, MODEL_FIELDS
        _model_meta(subject, entry, path, problems)
    elif kind == "projection":
        meta_keys, expected = {"name", "short", "law"}, PROJECTION_FIELDS
        subject.law = str(entry.get("law") or "")
        for req in ("params", "tokens"):
            if req not in entry:
                problems.append(f"{path}:{line}: projection {sid!r} has no {req!r}")
    for key, value in entry.items():
        if key in meta_keys:
            continue
        key_line = entry.key_lines[key]
        if key in DERIVED and kind in ("model", "projection"):
            problems.append(f"{path}:{key_line}: {sid}.{key} is computed from other fields; do not write it")
            continue
        if expected is not None and key not in expected:
            problems.append(f"{path}:{key_line}: {sid}: unknown field {key!r}; known: {', '.join(expected)}")
            continue
        figure = _figure(sid, key, value, key_line, data, problems)
        if figure is None:
            continue
        if expected is not None and figure.stated and figure.unit != expected[key]:
            problems.append(f"{path}:{figure.line}: {sid}.{key} must be in unit {expected[key]!r}, not {figure.unit!r}")
        subject.figures[key] = figure
    return subject


def _model_meta(subject: Subject, entry: LineDict, path: str, problems: list[str]) -> None:
    """A model's short name, family and type, and the fields every model of its type must have."""
    sid, line = subject.id, subject.line
    subject.short = str(entry.get("short") or subject.name)
    subject.family = str(entry.get("family") or "")
    subject.type = str(entry.get("type") or "")
    if not subject.family:
        problems.append(f"{path}:{line}: model {sid!r} needs a family")
    if subject.type not in ("dense", "moe"):
        problems.append(f"{path}:{line}: model {sid!r}: type must be dense or moe, not {subject.type!r}")
    required = REQUIRED_MODEL_FIELDS + (("active_params", "experts") if subject.type == "moe" else ())
    for req in required:
        if req not in entry:
            problems.append(
                f"{path}:{line}: model {sid!r} has no {req!r} "
                f"(write `{req}: {{value: null}}` if the sources do not give it)"
            )


def _figure(sid: str, key: str, raw: Yaml, line: int, data: KeyNumbers, problems: list[str]) -> Figure | None:
    path, where = data.path, f"{data.path}:{line}: {sid}.{key}"
    if not isinstance(raw, LineDict):
        problems.append(f"{where}: expected {{value, unit, source}} or {{text, source}}, got {raw!r}")
        return None
    line = raw.line
    where = f"{path}:{line}: {sid}.{key}"
    unknown = set(raw) - FIGURE_KEYS
    if unknown:
        problems.append(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(FIGURE_KEYS))}"
        )
    note = str(raw.get("note") or "")
    qualifier = raw.get("qualifier")
    if qualifier is not None and (not isinstance(qualifier, str) or qualifier not in QUALIFIERS):
        problems.append(f"{where}: unknown qualifier {qualifier!r}; known: {', '.join(QUALIFIERS)}")
        qualifier = None
    if "text" in raw:
        if "value" in raw:
            problems.append(f"{where}: give either text or value, not both")
        text = raw["text"]
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: text must be non-empty words (quote it if YAML reads it otherwise)")
            text = str(text)
        refs = _refs(raw, where, data, problems, required=True)
        return Figure(sid, key, None, "text", text=text.strip(), refs=refs, note=note, line=line)
    if "value" not in raw:
        problems.append(f"{where}: no value (write `value: null` if the sources do not give it)")
        return None
    return _number(sid, key, raw, qualifier, note, where, data, problems)


def _number(
    sid: str,
    key: str,
    raw: LineDict,
    qualifier: str | None,
    note: str,
    where: str,
    data: KeyNumbers,
    problems: list[str],
) -> Figure | None:
    """A figure written as {value, unit, source}, or {value: null}; None if the value or unit is wrong."""
    value, unit = raw["value"], raw.get("unit")
    if value is None:
        refs = _refs(raw, where, data, problems, required=False)
        return Figure(sid, key, None, str(unit or ""), refs=refs, note=note, line=raw.line)
    if not isinstance(value, Num):
        problems.append(f"{where}: value {value!r} is not a number (use text: for words)")
        return None
    if unit is None:
        problems.append(f"{where}: no unit; known units: {known_units()}")
        return None
    if not isinstance(unit, str) or unit not in UNITS or unit == "text":
        problems.append(f"{where}: unknown unit {unit!r}; known units: {known_units()}")
        return None
    refs = _refs(raw, where, data, problems, required=True)
    return Figure(
        sid, key, float(value), unit, literal=value.literal, qualifier=qualifier, refs=refs, note=note, line=raw.line
    )


def _refs(raw: LineDict, where: str, data: KeyNumbers, problems: list[str], required: bool) -> tuple[Ref, ...]:
    given = raw.get("source")
    if given is None or given in ("", []):
        if required:
            problems.append(f"{where}: no source; every value needs one (e.g. 'llama3-paper §3.2.1')")
        return ()
    items = given if isinstance(given, list) else [given]
    refs = []
    for item in items:
        key, _, locator = str(item).strip().partition(" ")
        if key not in data.sources:
            problems.append(f"{where}: unknown source {key!r}; known: {', '.join(data.sources)}")
            continue
        refs.append(Ref(key, locator.strip()))
    return tuple(refs)


def _strings(value: Yaml) -> list[str] | None:
    """The items of a YAML list if every one is a string, else None."""
    if not isinstance(value, LineList):
        return None
    strings = [item for item in value if isinstance(item, str)]
    return strings if len(strings) == len(value) else None


def _tables(block: Yaml, raw: LineDict, data: KeyNumbers, problems: list[str]) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    if block is None:
        return tables
    if not isinstance(block, LineDict):
        problems.append(f"{data.path}:{raw.key_lines['tables']}: 'tables' must be a mapping of name -> table")
        return tables
    for name, entry in block.items():
        table = _table(name, entry, block.key_lines[name], data, problems)
        if table is not None:
            tables[name] = table
    return tables


def _table(name: str, entry: Yaml, line: int, data: KeyNumbers, problems: list[str]) -> Table | None:
    path = data.path
    rows = entry.get("rows") if isinstance(entry, LineDict) else None
    if not isinstance(entry, LineDict) or not isinstance(rows, LineList) or not rows:
        problems.append(f"{path}:{line}: table {name!r} needs a non-empty 'rows' list")
        return None
    unknown = set(entry) - {"rows", "columns", "header"}
    if unknown:
        problems.append(f"{path}:{line}: table {name!r}: unknown key(s) {', '.join(sorted(unknown))}")
    columns: tuple[str, ...] = ()
    if given := entry.get("columns"):
        ids = _strings(given)
        if ids is None:
            problems.append(
                f"{path}:{entry.key_lines['columns']}: table {name!r}: columns must be a list of "
                f"subject ids, got {given!r}"
            )
        columns = tuple(ids or ())
    for sid in columns:
        if sid not in data.subjects:
            problems.append(f"{path}:{entry.key_lines['columns']}: table {name!r}: column {sid!r} is not a known id")
    table = Table(name, [], line, str(entry.get("header", "Setting" if columns else "What") or ""), columns)
    for item, item_line in zip(rows, rows.item_lines, strict=True):
        row = _row(name, item, item_line, columns, data, problems)
        if row is not None:
            table.rows.append(row)
    return table


def _row(
    table: str, item: Yaml, line: int, columns: tuple[str, ...], data: KeyNumbers, problems: list[str]
) -> Row | None:
    """One row of a table: [label, template], or [label, field] in a matrix table (one with columns)."""
    where = f"{data.path}:{line}: table {table!r}"
    pair = _strings(item)
    if pair is None or len(pair) != 2:
        problems.append(f"{where}: each row is [label, {'field' if columns else 'template'}], got {item!r}")
        return None
    row = Row(pair[0], pair[1], line)
    for template in (row.label, *(() if columns else (row.value,))):
        for ref in REFERENCE.findall(template):
            try:
                data.resolve(ref)
            except KeyError:
                problems.append(f"{where}: {{{ref}}} is not a known subject.field")
    for sid in columns:
        if sid in data.subjects:
            try:
                data.figure(sid, row.value)
            except KeyError:
                problems.append(f"{where}: {sid} has no field {row.value!r}")
    return row


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

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
from pathlib import Path

from core.sourcefile import STRINGS, LineDict, Num, SourceError, Yaml, load_strings, parse_yaml

from .model import Figure, KeyNumbers, Ref, Source, Subject
from .tabledata import tables
from .units import QUALIFIERS, UNITS, known_units

# What callers import from here; the classes themselves live in model.py, the YAML tree in sourcefile.
__all__ = ["KeyNumbers", "load", "parse"]

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


def load(path: str | Path, display_path: str | None = None, words: dict[str, str] | None = None) -> KeyNumbers:
    """Read and validate the data file; display_path names it in messages (docs/data/models.yml).

    words: what the site's tables and charts say, from strings.yml in the site's language; by
    default the English block of the strings.yml beside the data file.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")  # first: a missing data file is FileNotFoundError, whatever else is
    if words is None:
        name = Path(STRINGS).name
        words = load_strings(path.with_name(name), str(Path(display_path or path).with_name(name)), "en")
    return parse(text, display_path or str(path), words)


def parse(text: str, path: str, words: dict[str, str] | None = None) -> KeyNumbers:
    """The data file's text as KeyNumbers; SourceError listing every problem, each with file:line.

    words: the site's words (strings.yml); only what is shown needs them, not the checks.
    """
    raw = parse_yaml(text, path)
    if raw is None:
        raise SourceError([f"{path}:1: the file is empty"])
    if not isinstance(raw, LineDict):
        raise SourceError([f"{path}:1: expected a mapping with sources, models, projections, laws, facts, tables"])
    problems: list[str] = []
    unknown = set(raw) - {"sources", "models", "projections", "laws", "facts", "tables"}
    for key in sorted(unknown):
        problems.append(f"{path}:{raw.key_lines[key]}: unknown section {key!r}")
    data = KeyNumbers(path, _sources(raw.get("sources"), path, problems), {}, {}, dict(words or {}))
    _subjects(raw, data, problems)
    data.tables = tables(raw.get("tables"), raw, data, problems)
    if problems:
        raise SourceError(problems)
    return data


def _subjects(raw: LineDict, data: KeyNumbers, problems: list[str]) -> None:
    """Every model, projection, law and fact, into data.subjects; a projection must name a known law."""
    path = data.path
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
        sources[key] = Source(key, str(entry["title"]), link, line)
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
        return Figure(sid, key, None, "text", text=text.strip(), refs=refs, note=note, line=line, words=data.words)
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
        return Figure(sid, key, None, str(unit or ""), refs=refs, note=note, line=raw.line, words=data.words)
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
        sid,
        key,
        float(value),
        unit,
        literal=value.literal,
        qualifier=qualifier,
        refs=refs,
        note=note,
        line=raw.line,
        words=data.words,
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

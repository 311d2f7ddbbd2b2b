"""The `tables:` section of the key-numbers data file: each table's columns and rows, checked against
the subjects and fields the file defines (see data.py for the file's shape)."""

from __future__ import annotations

import difflib

from core.sourcefile import LineDict, LineList, Yaml

from .model import REFERENCE, KeyNumbers, Row, Table


def _strings(value: Yaml) -> list[str] | None:
    """The items of a YAML list if every one is a string, else None."""
    if not isinstance(value, LineList):
        return None
    strings = [item for item in value if isinstance(item, str)]
    return strings if len(strings) == len(value) else None


def tables(block: Yaml, raw: LineDict, data: KeyNumbers, problems: list[str]) -> dict[str, Table]:
    """The tables under `tables:` (block) of the file's mapping raw; problems go to `problems`."""
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
    table = Table(name, [], line, str(entry["header"] or "") if "header" in entry else None, columns)
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
        problems.append(
            f"{where}: each row is [label, {'field' if columns else 'template'}], got {item!r}{_quote_hint(item)}"
        )
        return None
    row = Row(pair[0], pair[1], line)
    for template in (row.label, *(() if columns else (row.value,))):
        if REFERENCE.sub("", template).count("{") or REFERENCE.sub("", template).count("}"):
            problems.append(
                f"{where}: {template!r} has a '{{' or '}}' that is not part of a {{subject.field}}; fix: close it"
            )
        for ref in REFERENCE.findall(template):
            try:
                data.resolve(ref)
            except KeyError:
                problems.append(f"{where}: {{{ref}}} is not a known subject.field{_closest_reference(ref, data)}")
    for sid in columns:
        if sid in data.subjects:
            try:
                data.figure(sid, row.value)
            except KeyError:
                close = difflib.get_close_matches(row.value, list(data.subjects[sid].figures), n=1)
                hint = f"; fix: did you mean {close[0]!r}?" if close else ""
                problems.append(f"{where}: {sid} has no field {row.value!r}{hint}")
    return row


def _quote_hint(item: Yaml) -> str:
    """A row whose template YAML read as a mapping ({a.b} unquoted): how to write it."""
    if not isinstance(item, LineList) or not any(isinstance(value, LineDict) for value in item):
        return ""
    cells = ", ".join(
        f'"{{{next(iter(value))}}}"' if isinstance(value, LineDict) and len(value) == 1 else str(value)
        for value in item
    )
    return f"; fix: put a template that starts with {{ in double quotes: - [{cells}]"


def _closest_reference(ref: str, data: KeyNumbers) -> str:
    """'; fix: did you mean {subject.field}?' for a reference with a misspelled subject or field, else ''."""
    subject, _, name = ref.strip().partition(".")
    if subject not in data.subjects:
        close = difflib.get_close_matches(subject, list(data.subjects), n=1)
        subject = close[0] if close else ""
    if not subject:
        return ""
    fields = list(data.subjects[subject].figures)
    if name not in fields:
        close = difflib.get_close_matches(name, fields, n=1)
        name = close[0] if close else ""
    return f"; fix: did you mean {{{subject}.{name}}}?" if name else ""

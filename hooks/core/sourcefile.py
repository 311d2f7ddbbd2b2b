"""The site's source files, shared by every core: YAML with line numbers, one error class for problems
in a file, finding a line in a page's source, the fence rule and the front matter of a page. No
site-generator import.

Every data file (glossary.yml, models.yml, claims.yml, timeline.yml, strings.yml) is read by
parse_yaml, so each problem an editor sees starts with file:line, and a syntax error says where a
quote was left open, or what the usual mistakes mean and how to fix them (a tab, indentation, a
missing dash, ': ' or a bracket in an unquoted value, an open {…} or […]). The tree it gives:
LineDict (a mapping that knows its line and each key's line), LineList (a list that knows each
item's line), Num (a number that remembers how it was written, "15.6e12"), bool, str and None. Dates
stay text ("2024-07-23"), and 70e9 is a number (YAML 1.2 style, which PyYAML's 1.1 rules read as
text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeAlias

import yaml

STRINGS = "data/strings.yml"  # the words the hooks put on the site, per language; relative to the docs folder
TIMESTAMP = "tag:yaml.org,2002:timestamp"
BOOLS = yaml.constructor.SafeConstructor.bool_values  # "yes" -> True, "off" -> False, ...
# A page's front matter block, as MkDocs (mkdocs.utils.meta) and Zensical find it.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


class SourceError(Exception):
    """One or more problems in a source file; each message starts with file:line and says how to fix it."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class Num(float):
    """A number from a source file that remembers how it was written ("15.6e12"), and shows itself so."""

    literal: str

    def __new__(cls, value: float, literal: str) -> Self:
        obj = super().__new__(cls, value)
        obj.literal = literal
        return obj

    def __repr__(self) -> str:
        return self.literal


# What parse_yaml gives: mappings and lists that know their lines, numbers, true/false, words, and null.
Yaml: TypeAlias = "LineDict | LineList | Num | bool | str | None"


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
else:
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it


class _Loader(_SafeLoader):
    """Composes nodes only (no Python objects): libyaml parses, the walk in _convert keeps the lines."""


# Dates stay text (a timeline date, a model's `released`); 70e9 and 1e-4 are numbers, as in YAML 1.2.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?(?:\d[\d_]*)?(?:\.\d*)?[eE][-+]?\d+$"), list("-+.0123456789")
)


def load_plain_yaml(text: str) -> object:
    """YAML as plain Python data (front matter): read by libyaml when PyYAML has it (several times
    faster); PyYAML's own parser runs only when libyaml refuses the text, so an error keeps its wording."""
    try:
        return yaml.load(text, Loader=_SafeLoader)  # a safe loader: SafeLoader or libyaml's CSafeLoader
    except yaml.YAMLError:
        return yaml.safe_load(text)


def parse_yaml(text: str, path: str) -> Yaml:
    """Parse YAML into LineDict/LineList/Num/bool/str (None for an empty file); SourceError naming file and line."""
    try:
        node = yaml.compose(text, Loader=_Loader)  # safe: composes nodes, constructs no Python objects
    except yaml.MarkedYAMLError as exc:
        raise SourceError([_yaml_problem(text, path, exc)]) from None
    return None if node is None else _convert(node, path)


def _convert(node: yaml.Node, path: str) -> Yaml:
    """A node and everything under it as the tree parse_yaml gives; duplicate keys are an error."""
    if isinstance(node, yaml.MappingNode):
        mapping = LineDict(node.start_mark.line + 1)
        pairs: list[tuple[yaml.Node, yaml.Node]] = node.value
        for key_node, value_node in pairs:
            key, line = str(key_node.value), key_node.start_mark.line + 1
            if key in mapping:
                raise SourceError([_duplicate_key(mapping, key, line, path)])
            mapping.key_lines[key] = line
            mapping[key] = _convert(value_node, path)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items: list[yaml.Node] = node.value
        lines = (item.start_mark.line + 1 for item in items)
        return LineList((_convert(item, path) for item in items), node.start_mark.line + 1, lines)
    return _scalar(node, path)


def _duplicate_key(mapping: LineDict, key: str, line: int, path: str) -> str:
    """A key written twice in one mapping: a repeated line, or (when it is the mapping's first key) a new
    entry of a list whose dash was left out."""
    first = mapping.key_lines[key]
    fix = "delete one of the two"
    if key == next(iter(mapping.key_lines)):
        fix = f"if this line starts a new entry, begin it with '- ' as on line {first}; otherwise {fix}"
    return f"{path}:{line}: malformed YAML: duplicate key {key!r} (first on line {first}); fix: {fix}"


def _scalar(node: yaml.Node, path: str) -> Yaml:
    value: str = node.value
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return None
    if tag == "bool":
        return BOOLS[value.lower()]
    if tag in ("int", "float"):
        try:
            return Num(float(value.replace("_", "")), value)
        except ValueError:
            raise SourceError([f"{path}:{node.start_mark.line + 1}: cannot read {value!r} as a number"]) from None
    return value


# A value that opens a quote: after "key:" or "- " (group 1: the quote).
_OPENS_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#'"][^:#]*:\s+|-\s+)?(["'])""")
# A quoted value that is complete on its line, with nothing after it but a comment.
_CLOSED = {'"': re.compile(r'"(?:[^"\\]|\\.)*"\s*(?:#.*)?$'), "'": re.compile(r"'(?:[^']|'')*'\s*(?:#.*)?$")}


def _yaml_problem(text: str, path: str, exc: yaml.MarkedYAMLError) -> str:
    """The message for a YAML syntax error: where a quote was left open if one was, else where parsing stopped."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    problem = exc.problem or str(exc)
    if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
        problem += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
    opened = _open_quote(text, line)
    if opened is None:
        explained = _explained(text.split("\n"), exc)
        if explained is not None:
            return f"{path}:{explained[0]}: malformed YAML: {explained[1]}"
        return f"{path}:{line}: malformed YAML: {problem}"
    number, quote = opened
    inner = "write '' for each ' inside it" if quote == "'" else 'write \\" for each " inside it'
    return (
        f"{path}:{number}: malformed YAML: the value quoted with {quote} on this line is not closed on it "
        f"(the parser gave up on line {line}: {problem}); fix: end the value with {quote} and {inner}, "
        f"or write it without quotes"
    )


# A line of YAML: its indentation, an optional list dash, and a key with its colon, then the value.
_LINE = re.compile(r"^(?P<indent> *)(?P<dash>-\s+)?(?:(?P<key>[^\s:#'\"\[{][^:#]*?):(?:\s+|$))?(?P<value>.*)$")
_FLOW_END = re.compile(r"expected ',' or '([\]}])'")
Explained: TypeAlias = "tuple[int, str] | None"  # (line, what is wrong; fix: how), for a YAML syntax error


def _explained(lines: list[str], exc: yaml.MarkedYAMLError) -> Explained:
    """(line, what is wrong and how to fix it) for the syntax errors editors make most: a tab, bad
    indentation, a missing dash, a colon or bracket in an unquoted value, a {…} or […] left open."""
    mark, context = exc.problem_mark, exc.context_mark
    if mark is None or mark.line >= len(lines):
        return None
    row, problem = mark.line, exc.problem or ""
    if "\t" in lines[row][: len(lines[row]) - len(lines[row].lstrip())]:
        return row + 1, (
            "this line is indented with a tab, and YAML allows only spaces there; fix: replace the tab with "
            "spaces, as many as the lines around it use"
        )
    if "mapping values are not allowed" in problem:
        return _colon_in_value(lines, row, mark.column) or _indented_too_far(lines, row)
    return _in_context(lines, problem, row, mark.column, context.line, context.column) if context else None


def _in_context(lines: list[str], problem: str, row: int, column: int, start: int, start_column: int) -> Explained:
    """The errors that libyaml reports with the place where what it was reading started (start)."""
    if "expected '-' indicator" in problem:
        return _not_a_list_item(lines, row, start, start_column)
    if "could not find expected ':'" in problem:
        return _no_key(lines, start)
    if "did not find expected key" in problem or "cannot start any token" in problem:
        return _value_starts_like_yaml(lines, row, column) or _not_a_key(lines, row, start)
    flow = _FLOW_END.search(problem)
    return _flow_not_closed(lines, start, flow.group(1), row) if flow else None


def _colon_in_value(lines: list[str], row: int, column: int) -> Explained:
    """A plain value that holds ': ' (YAML reads a second key), as in 'title: Why dense: stability'."""
    parts = _LINE.match(lines[row])
    if parts is None or not parts["key"] or column <= parts.start("value"):
        return None
    key, value = parts["key"].strip(), parts["value"].rstrip()
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    return row + 1, (
        f"the value of '{key}' holds ': ', which YAML reads as the start of another key; "
        f'fix: put the whole value in double quotes: {key}: "{quoted}"'
    )


def _indented_too_far(lines: list[str], row: int) -> Explained:
    """A key indented further than the key above it, which YAML then reads as part of that key's value."""
    above = _line_above(lines, row)
    parts, over = _LINE.match(lines[row]), _LINE.match(lines[above]) if above is not None else None
    if above is None or parts is None or over is None or not parts["key"] or not over["key"]:
        return None
    column, over_column = _key_column(parts), _key_column(over)
    if column <= over_column:
        return None
    return row + 1, (
        f"'{parts['key'].strip()}:' is indented further than '{over['key'].strip()}:' on line {above + 1}, so YAML "
        f"reads it as part of that value; fix: indent it as far as '{over['key'].strip()}:' ({over_column} spaces)"
    )


def _not_a_list_item(lines: list[str], row: int, start: int, dash: int) -> tuple[int, str]:
    """A line inside a list (its items start at column `dash`) that starts no item: a new entry without
    its dash, or a key of the entry above that is not indented as its other keys."""
    item, parts = _LINE.match(lines[start]), _LINE.match(lines[row])
    keys = _key_column(item) if item is not None and item["dash"] else dash + 2
    first_key = item["key"].strip() if item is not None and item["key"] else None
    what = f"this line is inside the list that starts on line {start + 1} but does not start with '- '"
    if parts is not None and parts["key"] and parts["key"].strip() == first_key:
        return row + 1, f"{what}; fix: to start a new entry, write it as '{' ' * dash}- {lines[row].strip()}'"
    return row + 1, (
        f"{what}; fix: if it belongs to the entry above, indent it by {keys} spaces, as that entry's other keys; "
        f"if it starts a new entry, begin it with '- ' at {dash} spaces"
    )


def _no_key(lines: list[str], row: int) -> tuple[int, str]:
    """A line with no 'key:' where a key was expected: usually a value continued without enough indentation."""
    above = _line_above(lines, row)
    over = _LINE.match(lines[above]) if above is not None else None
    if above is None or over is None or not over["key"]:
        return row + 1, "this line has no 'key:'; fix: add the key and a colon, or put a value's text on its key's line"
    return row + 1, (
        f"this line has no 'key:'; fix: if it continues the value of '{over['key'].strip()}' (line {above + 1}), "
        f"indent it further than '{over['key'].strip()}:'; if it is a key of its own, add ':' after it"
    )


def _value_starts_like_yaml(lines: list[str], row: int, column: int) -> Explained:
    """A plain value that starts with [ { " or ' and goes on after the bracket or quote closes."""
    parts = _LINE.match(lines[row])
    if parts is None or not parts["key"] or not parts["value"].strip():
        return None
    key, value, at = parts["key"].strip(), parts["value"].rstrip(), parts.start("value")
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    fix = f'fix: put the whole value in double quotes: {key}: "{quoted}"'
    if value[0] in "@`" and column == at:
        return row + 1, f"the value of '{key}' starts with {value[0]}, which YAML does not allow there; {fix}"
    if value[0] in "[{\"'" and column > at:
        return row + 1, (
            f"the value of '{key}' starts with {value[0]}, so YAML reads only up to its closing bracket or quote "
            f"and stops at the text after it; {fix}"
        )
    return None


def _not_a_key(lines: list[str], row: int, start: int) -> tuple[int, str]:
    """A line in a mapping that is neither one of its keys nor indented as one."""
    first = _LINE.match(lines[start])
    column = _key_column(first) if first is not None else 0
    if lines[row].strip().startswith("- "):
        what = "is a list item ('- ') among the keys of the mapping"
        fix = "write it as 'key: value', or indent it further under the key it belongs to"
    else:
        what = "is not indented as the keys of the mapping"
        fix = f"indent it by {column} spaces, as those keys, or further if it belongs under the key above it"
    return row + 1, f"this line {what} that starts on line {start + 1}; fix: {fix}"


def _flow_not_closed(lines: list[str], start: int, closer: str, row: int) -> tuple[int, str]:
    """A {…} or […] that is not closed where YAML expected it, or holds a value with ': ', ',' or '#'."""
    opener, example = ("{", '{title: "Foo: a, b", ...}') if closer == "}" else ("[", '["Foo: a, b", ...]')
    gave_up = f" (YAML gave up on line {row + 1})" if row != start else ""
    return start + 1, (
        f"the {opener}…{closer} on this line is not closed, or a value in it holds ': ', ',' or ' #'{gave_up}; "
        f"fix: end it with {closer} on this line, and put such a value in double quotes: {example}"
    )


def _line_above(lines: list[str], row: int) -> int | None:
    """The index of the nearest line above row with something on it (not blank, not a comment)."""
    for index in range(row - 1, -1, -1):
        if lines[index].strip() and not lines[index].lstrip().startswith("#"):
            return index
    return None


def _key_column(parts: re.Match[str]) -> int:
    """The column where a line's key (or, for an item with no key, its value) starts."""
    return parts.start("key") if parts["key"] else parts.start("value")


def _open_quote(text: str, last: int) -> tuple[int, str] | None:
    """(line, quote) of the last value up to line `last` that opens a quote and does not close it on its line."""
    found = None
    for number, line in enumerate(text.splitlines()[:last], start=1):
        opening = _OPENS_QUOTE.match(line)
        if opening and not _CLOSED[opening.group(1)].match(line, opening.start(1)):
            found = (number, opening.group(1))
    return found


def load_strings(path: Path, display_path: str, language: str) -> dict[str, str]:
    """The words the hooks put on the site, in the site's language (strings.yml); SourceError saying what is wrong."""
    if not path.is_file():
        raise SourceError(
            [
                f"{display_path}: the file of the words the hooks put on the site does not exist; "
                f"fix: restore it from the project's repository (one block per language, e.g. 'en:')"
            ]
        )
    try:
        table = parse_yaml(path.read_text(encoding="utf-8"), display_path)
    except SourceError as exc:
        raise SourceError([f"{display_path} has errors:", *exc.problems]) from None
    block = table.get(language) if isinstance(table, LineDict) else None
    if not isinstance(block, LineDict):
        raise SourceError([f"{display_path}: no strings for the site language {language!r}"])
    strings = {key: value for key, value in block.items() if isinstance(value, str)}
    wrong = [key for key in block if key not in strings]
    if wrong:
        raise SourceError(
            [
                f"{display_path}:{block.key_lines[key]}: {language}.{key} must be text; fix: put it in quotes"
                for key in wrong
            ]
        )
    return strings


def say(words: Mapping[str, str], key: str, **fields: object) -> str:
    """The site's words for key (strings.yml, in the site language), with {fields} filled in."""
    if key not in words:
        raise KeyError(f"strings.yml has no {key!r} for the site language; fix: add it (see the 'en:' block)")
    return words[key].format(**fields) if fields else words[key]


def line_of(source: str, needle: str) -> int:
    """The 1-based line where needle first appears in source (0 if it does not)."""
    index = source.find(needle)
    return line_at(source, index) if index >= 0 else 0


def line_at(source: str, offset: int) -> int:
    """The 1-based line of the character at offset in source."""
    return source.count("\n", 0, offset) + 1


def source_line(source: str, markdown: str, line: int) -> int:
    """Line `line` of a page's Markdown as a generator hands it on (without front matter, perhaps
    changed by another extension) as a line of the page's source file."""
    first = line_of(source, markdown[:200]) if markdown else 0
    if first:
        return first + line - 1
    wanted = markdown.split("\n")[line - 1].strip()  # the text was changed before us: find the line itself
    lines = [text.strip() for text in source.split("\n")]
    return lines.index(wanted) + 1 if wanted in lines else line


def fenced(lines: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each line of a page, with whether it belongs to a fenced code block (its opening and closing lines
    included): the one fence rule of every reader of page sources. A block opens with three or more
    backticks or tildes and closes, as in CommonMark, at a line of the same character, at least as long,
    with nothing else on it."""
    fence: str | None = None
    for line in lines:
        if fence is None:
            opening = FENCE.match(line)
            if opening:
                fence = opening.group(1)
            yield line, opening is not None
            continue
        closing = line.strip()
        if closing.startswith(fence) and not closing.strip(fence[0]):
            fence = None
        yield line, True


def split_front_matter(source: str) -> tuple[str, dict[str, Any], int]:
    """The page's Markdown without its front matter, the front matter (empty unless a YAML mapping),
    as MkDocs splits them, and how many lines come before the Markdown."""
    block = FRONT_MATTER.match(source)
    try:
        data = load_plain_yaml(block.group(1)) if block else None
    except yaml.YAMLError:
        data = None
    if block is None or not isinstance(data, dict):
        return source, {}, 0
    body = source[block.end() :].lstrip("\n")
    return body, data, source.count("\n", 0, len(source) - len(body))

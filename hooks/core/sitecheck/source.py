"""Checks on one page's Markdown source: footnotes and front matter.

Each problem is "<line>: <what is wrong>; fix: <what to do>"; the caller puts "docs/<file>:" in front.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

import yaml

from core.sourcefile import FRONT_MATTER, fenced, load_plain_yaml

CODE_SPAN = re.compile(r"(`+).+?\1")
FOOTNOTE_DEF = re.compile(r"^\s*\[\^([^\]\s]+)\]:")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
FRONT_MATTER_START = re.compile(r"^-{3}[ \t]*\n")
LOOKS_LIKE_KEY = re.compile(r"^-{3}[ \t]*\n[ \t]*[A-Za-z_][\w-]*[ \t]*:")

Labelled = list[tuple[str, str]]  # (footnote label, problem)


def front_matter_problem(source: str) -> str | None:
    """A leading --- block that MkDocs would ignore: not closed, not YAML, or not a mapping."""
    if not FRONT_MATTER_START.match(source):
        return None
    block = FRONT_MATTER.match(source)
    if block is None:
        if LOOKS_LIKE_KEY.match(source):
            return (
                "1: front matter opened with --- is never closed, so the page shows it as text; "
                "fix: add a line --- after its last key"
            )
        return None
    return _front_matter_yaml_problem(block.group(1))


def _front_matter_yaml_problem(text: str) -> str | None:
    """What is wrong with a closed front matter block's YAML (its first line is line 2), if anything."""
    try:
        data = load_plain_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2  # the YAML starts on line 2, after the opening ---
        return (
            f"{line}: front matter is not valid YAML ({exc.problem or exc.context}), so MkDocs ignores all of it; "
            f"fix: write one 'key: value' per line, and put a value that contains ': ' or starts with "
            f"a character such as [ {{ * & ! | > ' \" % @ ` in double quotes"
        )
    except yaml.YAMLError as exc:
        return (
            f"2: front matter is not valid YAML ({exc}), so MkDocs ignores all of it; "
            f"fix: write one 'key: value' per line"
        )
    if not isinstance(data, dict):
        kind = "nothing" if data is None else f"a {type(data).__name__}"
        return (
            f"2: front matter must be 'key: value' lines, but it holds {kind}, so MkDocs ignores it; "
            f"fix: write one 'key: value' per line between the two --- lines"
        )
    return None


def footnote_problems(source: str) -> tuple[Labelled, Labelled]:
    """(label, problem) of footnotes used but not defined, and of those defined but not used."""
    used: dict[str, int] = {}  # label -> first line
    defined: dict[str, int] = {}
    for number, line in _prose_lines(source):
        definition = FOOTNOTE_DEF.match(line)
        text = line
        if definition:
            defined.setdefault(definition.group(1), number)
            text = line[definition.end() :]
        for ref in FOOTNOTE_REF.finditer(CODE_SPAN.sub("", text)):
            used.setdefault(ref.group(1), number)
    undefined = []
    for label, number in used.items():
        if label in defined:
            continue
        close = difflib.get_close_matches(label, list(defined), n=1, cutoff=0.6)
        hint = f", or correct the label: did you mean [^{close[0]}]?" if close else ""
        problem = (
            f"{number}: footnote [^{label}] is used but never defined; "
            f"fix: add its definition, a line '[^{label}]: <primary source>' at the end of the page{hint}"
        )
        undefined.append((label, problem))
    unused = [(label, f"{number}: {unused_footnote(label)}") for label, number in defined.items() if label not in used]
    return undefined, unused


def unused_footnote(label: str) -> str:
    """The problem of a footnote defined but never cited (without its line)."""
    return (
        f"footnote [^{label}] is defined but never used; "
        f"fix: cite it with [^{label}] after the claim it supports, or delete the definition"
    )


def page_problems(src: str, source: str) -> tuple[list[str], set[str]]:
    """Every problem of a page's source as "docs/<src>:<line>: ...", and the labels of its unused footnotes
    (MkDocs' warning about their missing "#fnref:" anchor says the same: see messages.anchor_missing)."""
    where = f"docs/{src}"
    problems = []
    if problem := front_matter_problem(source):
        problems.append(f"{where}:{problem}")
    undefined, unused = footnote_problems(source)
    problems += [f"{where}:{message}" for _, message in undefined + unused]
    return problems, {label for label, _ in unused}


def _prose_lines(source: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of every line outside front matter and fenced code blocks."""
    lines = source.split("\n")
    block = FRONT_MATTER.match(source)
    start = block.group(0).count("\n") if block else 0
    for index, (line, code) in enumerate(fenced(lines[start:]), start=start):
        if not code:
            yield index + 1, line

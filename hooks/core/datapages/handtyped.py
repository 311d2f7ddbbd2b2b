"""Figures typed by hand: numbers in a page's running text that docs/data/models.yml holds, and that
a figure marker (`[[fig: SUBJECT.FIELD]]`, inline.py) should write instead, so that a correction in
the data file reaches the sentence too. The glossary's `long:` texts (docs/data/glossary.yml) are
running text on the glossary page and are read the same way; its `short:` texts are plain text (the
tooltip), where no marker is written, and are not read.

The rule, kept simple enough to predict:

- A number counts when it is written exactly as the site writes a figure of models.yml (models,
  facts, laws, projections, and the computed tokens per parameter), or as a marker's scale option
  would ("128K" for a vocabulary of 128,000): "15.6T", "405B", "16,384", "3.8 × 10²⁵", "87.3", "43%".
- ... and when the same line (a paragraph: the pages write one per line; a table row with its
  header) names the figure: a word of its field ("tokens", "GPU-hours", "MMLU", "heads") or of its
  subject ("Scout", "405B", "Chinchilla", "GAIA"), words that nearly every line has ("Llama",
  "model", "training") left out. A number that merely equals a figure ("8,192-token sequences" and
  the 70B's model dimension of 8,192) is not one.
- A small bare integer (below 100, without separator, decimal point, scale, power of ten or %)
  counts only when its field is named next to it, within four words ("8 key/value heads", "47
  planned"), or in its table's header: prose counts things all the time ("80 GB" per GPU).
- A model's size used as its name is not a figure: a number that is a model's short name ("405B",
  "70B") counts only when "parameter" follows it ("405B parameters"), and one right after a
  family name ("Llama 3.1 405B", "Llama 3.2 1B") never counts; nor does a version or a place
  ("Llama 2", "GPT-4", "Table 2", "§6.2", "level 1").
- A glossary `long:` text is one paragraph of the glossary page, so its lines are read as one line
  (blank lines in it part paragraphs), and a number is reported on the line of glossary.yml where
  it stands (for a `long: |` block; at the `long:` key for any other style of YAML string).
- Only running text is read: not the front matter (no marker is expanded there), headings (an
  anchor must not move when a figure is corrected), the titles of boxes, footnote definitions (they
  cite sources: sections, tables, dates), HTML comments (index markers), code, link targets, or
  the lines of block markers. Tables written in a page and the "In short" boxes are running text.
- Words in double quotation marks are a source's, quoted as it wrote them (the model card's "over
  25M synthetically generated examples"): a figure there is not the site's, and stays as quoted.
- A word of a figure's name that holds the number itself names a format or a model, not the figure:
  "BF16" next to "16-bit" does not name the 16 GPUs of BF16 inference, as "1B" does not name the 1B
  projection.

The figures a number can stand for are listed, the likeliest first (the line names their field).
A number that equals a figure by coincidence in a line that names it ("around 1B requests", in a
line about tokens per parameter, equals the 1B Chinchilla projection) is reported too: write it
in words ("a billion requests"), or reword the line.

`python -m core.datapages.handtyped [PAGE.md ...]` (with hooks/ on sys.path) lists them for the pages
of docs/ and the glossary's `long:` texts (or for the files named), one per line:
"docs/<file>:<line>: <number> ... [[fig: ...]]".
"""

from __future__ import annotations

import itertools
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from core.sourcefile import LineDict, fenced, parse_yaml

from .inline import CODE_SPAN, MARKER, computed_fields
from .model import KeyNumbers
from .pages import DIRECTIVE
from .units import SCALES, UNITS, format_value, scale_number

# A number as the site writes one: a mantissa with thousands separators or a decimal point, then a
# power of ten, a scale letter or a percent sign; or a bare power of ten ("10²²").
NUMBER = re.compile(
    r"(?<![\w.,])(?:"
    r"10(?P<bare_power>[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)"
    r"|(?P<mantissa>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?P<power> × 10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)|(?P<scale>[KMBT])(?![A-Za-z])|(?P<percent>\s?%))?)"
    r"(?![\d,]\d)(?![A-Za-z])"
)
HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
BOX_TITLE = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s")
FOOTNOTE_DEFINITION = re.compile(r"^\s*\[\^[^\]]+\]:")
HTML_COMMENT = re.compile(r"<!--.*?-->")
LINK_TARGET = re.compile(r"\]\([^)]*\)|\[\^[^\]]*\]|\{[#.][^}]*\}|<[^>]+>")
QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')  # a source's words, as it wrote them
PARAMETER = re.compile(r"[\s-]parameters?\b")
LLAMA = r"Llama \d(?:\.\d)?"  # any release of Llama, with or without a model in the data file
# What makes the number after it a name, version or place, not a figure: "Llama 2", "GPT-4", "Table 2", "§6.2".
REFERENCE = re.compile(r"(?<![A-Za-z])(?:Llama |GPT-|Table |Figure |§|[Ll]evel |[Ss]tage |[Rr]ound )$")
SMALL = 100  # a bare integer below this counts only with its figure's field named next to it (a count in prose)
NEAR = 4  # "next to": this many words before or after it (in a table row, its header and row)
WORD_SPAN = re.compile(r"[A-Za-z0-9'’/-]+")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)
TABLE_ROW = re.compile(r"^\s*\|")
WORD = re.compile(r"[a-z0-9]+(?:\.\d+)?")
# Words of subjects' and fields' names that nearly every line has, so they tell nothing about a figure.
COMMON = {"llama", "model", "models", "training", "pre", "post", "data", "card", "the", "and", "with", "all"}
COMMON |= {"min", "max", "per", "results", "release", "base", "in", "for", "meta"}
STEM = 5  # a name's word matches a line's words that start with its first STEM letters ("param": "parameters")
GLOSSARY = "data/glossary.yml"  # relative to the docs folder
LITERAL_BLOCK = re.compile(r"^\s*(?:-\s+)?long:\s*\|")  # a `long: |` block: its text's lines are the file's next lines


@dataclass(frozen=True)
class HandTyped:
    """A number typed in a page although models.yml holds it."""

    line: int
    typed: str  # as the page writes it: "15.6T", "16,384", "43%"
    figures: tuple[str, ...]  # the figures of the same value, "llama31-405b.tokens", likeliest first
    column: int = 0  # where the number starts in its line (0 for the first character)

    def message(self, src: str) -> str:
        marker = f"[[fig: {self.figures[0]}]]"
        others = f" (or {', '.join(self.figures[1:])})" if len(self.figures) > 1 else ""
        return (
            f"docs/{src}:{self.line}: {self.typed} is typed by hand, and models.yml holds it as "
            f"{self.figures[0]}{others}; fix: write {marker}"
        )


@dataclass(frozen=True)
class Known:
    """A stated numeric figure of the data file, as the check compares it."""

    ref: str  # SUBJECT.FIELD
    forms: frozenset[str]  # the number as the site writes it, without qualifier or unit word: "15.6T", "3.8 × 10²⁵",
    # "43"; a number of a scaled unit also as a marker's scale option writes it ("128K" for 128,000)
    percent: bool
    field_words: frozenset[str]
    subject_words: frozenset[str]


def figures(data: KeyNumbers) -> list[Known]:
    """Every stated numeric figure of the data file."""
    found = []
    for sid, subject in data.subjects.items():
        subject_words = _name_words(" ".join({subject.name, subject.short, sid.replace("-", " ")}))
        for name in [*subject.figures, *computed_fields(subject)]:
            figure = data.figure(sid, name)
            if figure.value is None or figure.unit == "text":
                continue
            if name == "active_params" and name not in subject.figures:
                continue  # a dense model's active parameters are its parameters, already listed
            if figure.derived:  # a computed ratio: its number without the mark ("≥1,875" -> "1,875")
                forms = {re.sub(r"^\D+", "", figure.display())}
            else:
                forms = {format_value(figure.value, figure.unit, figure.literal, data.words, unit_word=False)}
                if UNITS[figure.unit].style == "scaled":
                    forms |= {scale_number(figure.value, figure.literal, letter, data.words) for letter, *_ in SCALES}
            fields = _name_words(name.replace("_", " "))
            found.append(Known(f"{sid}.{name}", frozenset(forms), figure.unit == "percent", fields, subject_words))
    return found


def _name_words(name: str) -> frozenset[str]:
    """The telling words of a name: words cut to their first STEM letters, and names with digits ("405b") whole."""
    words = WORD.findall(name.lower())
    return frozenset(
        word if any(c.isdigit() for c in word) else word[:STEM]
        for word in words
        if word not in COMMON and len(word) > 1 and not re.fullmatch(r"[\d.]+", word)
    )


def _line_words(line: str) -> set[str]:
    """Every word of a line, whole and cut to its first STEM letters, so that a name's words can be looked up."""
    words = WORD.findall(line.lower())
    return {*words, *(word[:STEM] for word in words)}


def hand_typed(markdown: str, data: KeyNumbers) -> list[HandTyped]:
    """The numbers of a page's Markdown (its source, front matter included) that models.yml holds, in order."""
    known = figures(data)
    sizes = {s.short for s in data.models() if re.fullmatch(r"\d+(?:\.\d+)?[KMBT]", s.short)}
    families = sorted({re.escape(s.family) for s in data.models() if s.family}, key=len, reverse=True)
    family = re.compile(rf"(?:{'|'.join([*families, LLAMA])}) $")
    skipped = FRONT_MATTER.match(markdown)
    offset = markdown[: skipped.end()].count("\n") if skipped else 0
    body = markdown[skipped.end() :] if skipped else markdown
    found, header = [], ""
    for number, (line, code) in enumerate(fenced(body.split("\n")), start=offset + 1):
        header = (header or line) if TABLE_ROW.match(line) else ""  # a table's rows are read with its header
        if code or HEADING.match(line) or BOX_TITLE.match(line) or FOOTNOTE_DEFINITION.match(line):
            continue
        if DIRECTIVE.match(line):
            continue
        text = _running_text(line)
        in_table = header not in ("", line)
        line_words = _line_words(f"{_running_text(header)} {text}" if in_table else text)
        for match in NUMBER.finditer(text):
            if _is_name(match, text, sizes, family) or REFERENCE.search(text[: match.start()]):
                continue
            small = not _distinctive(match)  # a small bare integer: only with its field's name next to it
            words = _line_words(_around(text, match)) if small and not in_table else line_words
            written, percent = _as_written(match), bool(match["percent"])
            ranked = []
            for figure in known:
                if written not in figure.forms or figure.percent != percent:
                    continue
                field, subject = _naming(figure.field_words, written), _naming(figure.subject_words, written)
                named = 2 * bool(field & words) + bool(subject & words)
                if named >= (2 if small else 1):
                    ranked.append((-named, figure.ref))
            if ranked:
                refs = tuple(ref for _, ref in sorted(ranked))
                found.append(HandTyped(number, match[0].strip(), refs, match.start()))
    return found


def glossary_hand_typed(source: str, data: KeyNumbers, path: str = f"docs/{GLOSSARY}") -> list[HandTyped]:
    """The numbers of the glossary's `long:` texts (glossary.yml's source) that models.yml holds, each with the
    line of the file where it stands, in order."""
    tree = parse_yaml(source, path)
    terms = tree.get("terms") if isinstance(tree, LineDict) else None
    source_lines = source.split("\n")
    found = []
    for entry in terms if isinstance(terms, list) else []:
        if not isinstance(entry, LineDict) or not isinstance(entry.get("long"), str):
            continue
        text, key_line = str(entry["long"]), entry.key_lines["long"]
        literal = bool(LITERAL_BLOCK.match(source_lines[key_line - 1]))
        read = _paragraphs(text)  # the same characters, a paragraph's line breaks made spaces
        starts = [0]  # where each line of `read` starts in the text
        for row in read.split("\n"):
            starts.append(starts[-1] + len(row) + 1)
        for typed in hand_typed(read, data):
            offset = starts[typed.line - 1] + typed.column
            line = key_line + 1 + text.count("\n", 0, offset) if literal else key_line
            found.append(HandTyped(line, typed.typed, typed.figures))
    return found


def _paragraphs(text: str) -> str:
    """Markdown text with each paragraph on one line: a line break between two lines that are not blank becomes a
    space (so every character keeps its place)."""
    lines = text.split("\n")
    joined = [lines[0]]
    for above, line in itertools.pairwise(lines):
        joined.append((" " if above.strip() and line.strip() else "\n") + line)
    return "".join(joined)


def _naming(name_words: frozenset[str], written: str) -> frozenset[str]:
    """The words of a name that can name a figure written as `written`: not those that hold the number itself
    ("1b" for "1B", the 1B projection; "bf16" for "16", the GPUs of BF16 inference)."""
    number = re.compile(rf"(?<![\d.]){re.escape(written.lower())}(?![\d.])")
    return frozenset(word for word in name_words if not number.search(word))


def _around(text: str, match: re.Match[str], count: int = NEAR) -> str:
    """The words next to a number: count before it and count after it."""
    before = WORD_SPAN.findall(text[: match.start()])[-count:]
    after = WORD_SPAN.findall(text[match.end() :])[:count]
    return " ".join([*before, *after])


def _running_text(line: str) -> str:
    """A line without what is not running text in it: code spans, markers, comments, link targets, attributes,
    quotations, each made as many spaces (so every number keeps its place in the line)."""
    text = line
    for pattern in (CODE_SPAN, HTML_COMMENT, MARKER, LINK_TARGET, QUOTED):
        text = pattern.sub(_blank, text)
    return text


def _blank(match: re.Match[str]) -> str:
    return " " * len(match[0])


def _distinctive(match: re.Match[str]) -> bool:
    """Whether a number looks like a figure rather than a count in prose (see the module docstring)."""
    if match["bare_power"] or match["power"] or match["scale"] or match["percent"]:
        return True
    mantissa = match["mantissa"]
    return "," in mantissa or "." in mantissa or int(mantissa) >= SMALL


def _is_name(match: re.Match[str], text: str, sizes: set[str], family: re.Pattern[str]) -> bool:
    """Whether a size is a model's name: after a family name, or a model's short name with no "parameters" after it."""
    if not match["scale"]:
        return False
    if family.search(text[: match.start()]):
        return True
    return match[0] in sizes and not PARAMETER.match(text, match.end())


def _as_written(match: re.Match[str]) -> str:
    """The number as format_value writes a figure's, without a unit word: "15.6T", "3.8 × 10²⁵", "43"."""
    if match["bare_power"]:
        return f"10{match['bare_power']}"
    return match["mantissa"] + (match["power"] or match["scale"] or "")


def main(argv: list[str]) -> int:
    """List the hand-typed figures of the pages named (default: every page of docs/); 1 if there is any."""
    from core.sourcefile import STRINGS, load_strings

    from .data import load

    docs = Path("docs")
    words = load_strings(docs / STRINGS, f"docs/{STRINGS}", "en")
    data = load(docs / "data/models.yml", "docs/data/models.yml", words)
    files = [Path(arg) for arg in argv] or [*sorted(docs.glob("*.md")), docs / GLOSSARY]
    count = 0
    for file in files:
        src = file.relative_to(docs).as_posix() if file.is_relative_to(docs) else file.name
        source = file.read_text(encoding="utf-8")
        typed = hand_typed(source, data) if file.suffix == ".md" else glossary_hand_typed(source, data, f"docs/{src}")
        for found in typed:
            print(found.message(src))
            count += 1
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

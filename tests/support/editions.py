"""What tests/project/test_editions.py compares between the English and the German edition: the things a
page's source must keep in translation (figure and block markers, footnotes, links, index markers), the
figures a built page shows in either number format, and how far each translation lags behind its English
page in git.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import lxml.html

from core.datapages.inline import MARKER, FigureError, parse
from core.datapages.pages import DIRECTIVE
from core.sourcefile import fenced, line_of, split_front_matter
from core.termkit.model import Glossary
from core.termkit.xref import MarkerError, parse_marker

Item = tuple[str, int]  # what was found, and the line of the page's source it is on


@dataclass
class Source:
    """A page's Markdown as the tests read it: its front matter, and its lines outside fenced code."""

    path: str  # as messages name it: docs/agents.md, docs/de/agents.md
    front: dict
    lines: list[Item] = field(default_factory=list)

    @classmethod
    def read(cls, root: Path, path: str) -> Source:
        body, front, before = split_front_matter((root / path).read_text(encoding="utf-8"))
        numbered = enumerate(fenced(body.split("\n")), start=before + 1)
        return cls(path, front, [(line, number) for number, (line, code) in numbered if not code])


FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:")
FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\](?!:)")
URL = re.compile(r"https?://[^\s)\]>]+")
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<(https?://[^>\s]+)>")
INDEX_COMMENT = re.compile(r"<!--(\s*index!?\s*:.*?)-->")


def figure_markers(source: Source, glossary: Glossary) -> list[Item]:
    """Each [[fig: SUBJECT.FIELD, ...]] as SUBJECT.FIELD (its options may differ with the sentence)."""
    found = []
    for line, number in source.lines:
        for match in MARKER.finditer(line):
            try:
                marker = parse(match["body"])
                found.append((f"[[fig: {marker.subject}.{marker.field}]]", number))
            except FigureError:
                found.append((match[0], number))  # the build says what is wrong with it
    return found


def block_markers(source: Source, glossary: Glossary) -> list[Item]:
    """Each line that is a block marker ([[numbers: ...]], [[claims]], [[chart: ...]], ...), as written."""
    return [(" ".join(line.split()), number) for line, number in source.lines if DIRECTIVE.match(line)]


def footnotes(source: Source, glossary: Glossary) -> list[Item]:
    """Each footnote reference [^label], each definition [^label]:, and each URL a definition cites."""
    found, label = [], ""
    for line, number in source.lines:
        definition = FOOTNOTE_DEFINITION.match(line)
        if definition:
            label = definition[1]
            found.append((f"[^{label}]:", number))
        elif label and not line.startswith(("    ", "\t")):
            label = ""  # the definition ended
        if label:
            found += [(f"[^{label}]: {url}", number) for url in URL.findall(line)]
        text = line[definition.end() :] if definition else line
        found += [(f"[^{ref}]", number) for ref in FOOTNOTE_REFERENCE.findall(text)]
    return found


def links(source: Source, glossary: Glossary) -> list[Item]:
    """Each link's target outside footnote definitions (page.md#anchor, #anchor, URL); a term link
    [words](term:NAME) as the term it names, in any of its names in the page's language."""
    found, in_definition = [], False
    for line, number in source.lines:
        if FOOTNOTE_DEFINITION.match(line) or (in_definition and line.startswith(("    ", "\t"))):
            in_definition = True
            continue
        in_definition = False
        for match in LINK.finditer(line):
            target = match[1] or match[2]
            if target.startswith("term:"):
                term = glossary.resolve(target.removeprefix("term:"))
                target = f"term:{term.id}" if term else target
            found.append((target, number))
    return found


def index_markers(source: Source, glossary: Glossary) -> list[Item]:
    """Each index marker as what stays in translation: main or not, the glossary term its entry names (a
    free entry's words are translated), whether it has a sub-entry, and its target."""
    found = []
    for line, number in source.lines:
        for comment in INDEX_COMMENT.findall(line):
            try:
                marker = parse_marker(comment)
            except MarkerError:
                found.append((comment.strip(), number))
                continue
            term = glossary.resolve(marker.entry)
            entry = f"term {term.id}" if term else "a free entry"
            sub = "; a sub-entry" if marker.sub else ""
            target = f" -> {marker.target}" if marker.target else ""
            found.append((f"<!-- index{'!' if marker.main else ''}: {entry}{sub}{target} -->", number))
    return found


def differences(english: Source, german: Source, items: list[Item], translated: list[Item]) -> list[str]:
    """What one page has more often than the other, each with the file and line it is on."""
    found = []
    for source, mine, theirs, other in ((english, items, translated, german), (german, translated, items, english)):
        mine_count, theirs_count = Counter(item for item, _ in mine), Counter(item for item, _ in theirs)
        extra = mine_count - theirs_count
        for item, number in mine:
            if extra[item] > 0:
                extra[item] -= 1
                found.append(
                    f"{source.path}:{number}: {item} ({mine_count[item]}x here, {theirs_count[item]}x in {other.path})"
                )
    return found


# --- Figures on a built page, in either language's number format ---------------------------------------------

# A number with what may follow it: a scale (15.6T, 15,6 Bio., 14.3 billion), a per cent sign (90%, 90 %).
NUMBER = re.compile(
    r"(?<![\w.,:/])(?P<digits>\d[\d.,]*(?<![.,]))"  # not after ":" or "/": an identifier (arXiv:2001.08361)
    r"(?:\s?(?P<word>Tsd\.|Mio\.|Mrd\.|Bio\.|(?:million|billion|trillion|Millionen|Milliarden|Billionen)\b)"
    r"|(?P<letter>[KMBT])\b|\s?(?P<percent>%))?"
)
POWERS = {"K": 3, "M": 6, "B": 9, "T": 12, "Tsd.": 3, "Mio.": 6, "Mrd.": 9, "Bio.": 12}
POWERS |= {"million": 6, "billion": 9, "trillion": 12, "Millionen": 6, "Milliarden": 9, "Billionen": 12}
SEPARATORS = {"en": (",", "."), "de": (".", ",")}  # (thousands, decimal): strings.yml number_thousands, number_decimal
# What a page shows besides its text: charts (their axes write numbers in each language's way), the heading
# links and the footnotes' numbers and back links (they count footnotes, not figures).
NOT_TEXT = (
    ".//*[local-name()='svg'] | .//a[contains(@class,'headerlink')] | .//a[contains(@class,'footnote-backref')]"
    " | .//sup[a[contains(@class,'footnote-ref')]]"
)


def figures_shown(page: Path, language: str) -> dict[str, str]:
    """The figures a built page's article shows, each as one value whatever the language writes: "15.6T" and
    "15,6 Bio." are 15600000000000, "16,384" and "16.384" 16384, "90%" and "90 %" 90%. Only numbers that
    carry a scale, a per cent sign or a separator count; a version or section number that is not a figure
    in the language's format (Llama 3.1, §3.2, arXiv:2407.21783) counts as written. Plain integers (dates,
    counts, years) do not count: the languages write dates and counts in words differently. Returns each
    figure's value with how the page writes it first."""
    article = lxml.html.fromstring(page.read_bytes()).find(".//article")
    for element in article.xpath(NOT_TEXT):
        element.drop_tree()
    text = " ".join(article.text_content().split())  # no-break and narrow spaces too
    thousands, decimal = SEPARATORS[language]
    shown: dict[str, str] = {}  # each figure's value -> how the page writes it first
    for match in NUMBER.finditer(text):
        digits, scale, percent = match["digits"], match["word"] or match["letter"], match["percent"] or ""
        if not (scale or percent or thousands in digits or decimal in digits):
            continue
        whole, _, fraction = digits.partition(decimal)
        grouped = re.fullmatch(rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})*", whole)
        if grouped and (fraction.isdigit() or not fraction):
            value = Decimal(whole.replace(thousands, "") + (f".{fraction}" if fraction else ""))
            shown.setdefault(format(value.scaleb(POWERS.get(scale or "", 0)).normalize(), "f") + percent, match[0])
        else:
            shown.setdefault(match[0], match[0])
    return shown


# --- Drift: English pages changed after their translation ----------------------------------------------------


class TranslationDrift(UserWarning):
    """An English page changed after the commit its German translation names (pyproject.toml shows it,
    never turns it into an error: an English fix must not wait for a translator)."""


@dataclass
class Drift:
    wrong: list[str] = field(default_factory=list)  # pages whose translated_from names no commit: errors
    changed: dict[str, list[str]] = field(default_factory=dict)  # page -> English commits after translated_from
    unknown: list[str] = field(default_factory=list)  # why the history cannot tell, page by page


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """git in root, whatever repository a hook that runs the tests names in GIT_DIR and the like."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("GIT_")}
    return subprocess.run(["git", "-C", str(root), *args], check=False, capture_output=True, text=True, env=environment)


def drift(root: Path, pages: list[str]) -> Drift:
    """For each page (agents.md), whether docs/page changed in git after the commit that docs/de/page
    names in its front matter (translated_from); on a clone without that history, that it cannot tell."""
    found = Drift()
    repository = git(root, "rev-parse", "--is-shallow-repository")
    if repository.returncode != 0:
        found.unknown.append(f"{root} is not a git repository, so the English pages' history is not here")
        return found
    shallow = repository.stdout.strip() == "true"
    for page in pages:
        source = Source.read(root, f"docs/de/{page}")
        commit = str(source.front.get("translated_from") or "")
        line = line_of((root / source.path).read_text(encoding="utf-8"), "translated_from:") or 1
        if not re.fullmatch(r"[0-9a-f]{7,40}", commit):
            found.wrong.append(
                f"{source.path}:{line}: the front matter has no translated_from: <commit> (it has {commit!r}); fix: "
                f"add the English commit the translation follows, e.g. `git log -1 --format=%H -- docs/{page}`"
            )
        elif git(root, "cat-file", "-e", f"{commit}^{{commit}}").returncode != 0:
            if shallow:
                found.unknown.append(f"{source.path}: {commit[:12]} is not in this shallow clone's history")
            else:
                found.wrong.append(
                    f"{source.path}:{line}: translated_from {commit} is not a commit of this repository; fix: "
                    f"name the English commit the translation follows (`git log --format='%H %s' -- docs/{page}`)"
                )
        else:
            log = git(root, "log", "--format=%h %s", f"{commit}..HEAD", "--", f"docs/{page}").stdout.split("\n")
            if commits := [line for line in log if line]:
                found.changed[page] = commits
    return found

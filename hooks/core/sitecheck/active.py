"""Active markup in what editors write: anything that would run script in a reader's browser, embed
another document, send a form, redirect the page or load a file from a style. No engine import.

Anyone can open a pull request, so the content is checked as a browser will read it, and the site's
Content Security Policy (core.pagework.csp) is the second line. What is checked, each with an HTML5
parser (lexbor, through selectolax), which reads markup the way browsers do:

- every page as converted, with the site's Markdown extensions and PageWork: the page's own text and
  everything the `[[...]]` markers and the glossary bring in from the data files (a glossary entry's
  `long:`, a claim's box, the timeline's text, models.yml's notes, the words of strings.yml);
- every value of a page's front matter, as text and as an attribute value (Material's templates
  print `title:` and `description:` into the page unescaped); `template:` is refused, since it
  picks a template, which is code;
- every word of strings.yml in the same two ways (some are put into a page after it is converted).

Each problem is one line, "<where>: <what is wrong>; fix: <what to do>". The line is found back in
the source: for a page, the line of its Markdown that holds the markup; for text from a data file,
the line of its key (core.sourcefile's line-keeping YAML). Templates (overrides/) and the site's own
JavaScript are the project's code, reviewed as code, and are not checked here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from core.sourcefile import (
    FRONT_MATTER,
    STRINGS,
    LineDict,
    LineList,
    SourceError,
    Yaml,
    fenced,
    parse_yaml,
    split_front_matter,
)

from .source import CODE_SPAN

RUNS_SCRIPT = "it would run script in every reader's browser"
OWN_SCRIPTS = "the site's own scripts are in docs/javascripts/ and overrides/, reviewed as code"
# Elements an editor may not write: why, and the fix.
ELEMENTS = {
    "script": (RUNS_SCRIPT, f"remove it ({OWN_SCRIPTS})"),
    "iframe": ("it embeds another page, which can run script", "remove it and link to the page instead"),
    "object": ("it embeds a plugin or another document, which can run script", "remove it and link to the file"),
    "embed": ("it embeds a plugin or another document, which can run script", "remove it and link to the file"),
    "form": ("it would send what readers type to another address", "remove it"),
    "base": ("it changes where every relative link and image of the page points", "remove it"),
    "link": (
        "it loads a style sheet or another file into the page, perhaps from another site",
        "remove it (the site's own styles are in docs/stylesheets/extra.css)",
    ),
    "noscript": ("browsers read what is inside it differently from this check, so it can hide script", "remove it"),
    "template": ("what is inside it is hidden from this check", "remove it"),
}
META_REFRESH = ("it would redirect the page or change the browser's rules for it", "remove it")
# URL schemes an editor may not use, why, and the fix. The site needs no data: URL in content (Material's
# icons are data: images in its own style sheet, which the policy allows).
SCHEMES = {
    "javascript": (RUNS_SCRIPT, "link to a page of the site (its .md file) or to an https:// address"),
    "vbscript": (RUNS_SCRIPT, "link to a page of the site (its .md file) or to an https:// address"),
    "data": (
        "it can carry a whole document or a script written into the page",
        "put the file in docs/ and link to it by its path",
    ),
}
# Attributes that hold one URL, and those that hold a list of them (split on spaces, commas, semicolons).
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite", "background", "longdesc",
    "lowsrc", "dynsrc", "manifest", "codebase", "classid", "usemap", "icon", "profile", "xml:base",
}  # fmt: skip
URL_LIST_ATTRIBUTES = {"srcset", "imagesrcset", "ping", "archive"}
# An SVG animation can set a link's href: its target values are URLs too.
ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform"}
ANIMATION_VALUES = {"to", "from", "values", "by"}
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
URL_NOISE = re.compile(r"[\t\n\r]")  # what a browser drops from anywhere in a URL
C0_AND_SPACE = "".join(map(chr, range(0x21)))  # ... and from its ends
LIST_SEPARATOR = re.compile(r"[\s,;]+")
# CSS that loads a file: url(...) (unless it names an element of the page: url(#id)), the other
# functions that take a file, and @import.
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.DOTALL)
CSS_LOADS = re.compile(r"(?<![\w-])(url|src|image|image-set|-webkit-image-set|cross-fade)\(\s*(['\"]?)\s*(.?)|@import")
CSS_FIX = "remove it (a style that needs a file belongs in docs/stylesheets/extra.css)"
SHOWN = 60  # characters of a value quoted in a message
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True)
class Finding:
    """One piece of active markup: what is wrong, the fix, and patterns that find it in the source
    (most precise first)."""

    what: str
    fix: str
    needles: tuple[re.Pattern[str], ...]

    def message(self, where: str, context: str = "") -> str:
        return f"{where}: {context}{self.what}; fix: {self.fix}"


def findings(html: str) -> list[Finding]:
    """Every piece of active markup in a page's HTML (its content: read as the body of a page), in
    document order."""
    tree = LexborHTMLParser("<!DOCTYPE html><body>" + html)
    found: list[Finding] = []
    root = tree.root
    for node in root.traverse() if root is not None else ():
        tag = (node.tag or "").lower()
        if tag.startswith(("-", "_")) or tag in ("html", "head", "body"):
            continue
        found += _element(node, tag)
    return found


def _element(node: LexborNode, tag: str) -> Iterator[Finding]:
    attributes = node.attributes
    if tag in ELEMENTS:
        why, fix = ELEMENTS[tag]
        yield Finding(f"<{tag}> is not allowed in content: {why}", fix, (_word(f"<{tag}"),))
    elif tag == "meta" and any(name.lower() == "http-equiv" for name in attributes):
        why, fix = META_REFRESH
        yield Finding(f"<meta http-equiv> is not allowed in content: {why}", fix, (_word("http-equiv"), _word("<meta")))
    for name, value in attributes.items():
        lower = name.lower()
        if lower.startswith("on"):
            yield Finding(
                f"the event attribute {lower}= on <{tag}> is not allowed in content: {RUNS_SCRIPT}",
                f"remove the attribute ({OWN_SCRIPTS})",
                (_word(lower),),
            )
        elif lower == "style" and (loads := css_loads(value or "")):
            yield Finding(
                f"the style attribute of <{tag}> loads a file ({loads}), which could come from another site",
                CSS_FIX,
                (_literal(value or ""), _literal(loads.removesuffix("...)"))),
            )
        else:
            yield from _urls(tag, name, lower, value or "")
    if tag == "style" and (loads := css_loads(node.text(deep=True))):
        yield Finding(
            f"<style> loads a file ({loads}), which could come from another site",
            CSS_FIX,
            (_literal(loads.removesuffix("...)")), _word("<style")),
        )


def _urls(tag: str, name: str, lower: str, value: str) -> Iterator[Finding]:
    """The URLs of an attribute that a browser follows or loads, with a scheme an editor may not use."""
    if lower in URL_ATTRIBUTES:
        urls = [value]
    elif lower in URL_LIST_ATTRIBUTES or (tag in ANIMATIONS and lower in ANIMATION_VALUES):
        urls = LIST_SEPARATOR.split(value)
    else:
        return
    for url in urls:
        scheme = url_scheme(url)
        if scheme in SCHEMES:
            why, fix = SCHEMES[scheme]
            yield Finding(
                f'the {scheme}: URL in <{tag} {name}="{_shown(value)}"> is not allowed in content: {why}',
                fix,
                (_literal(value), _written(value), _word(scheme + ":")),
            )


def _shown(value: str) -> str:
    """A value as a message quotes it: control characters visible, cut short if long."""
    value = CONTROL.sub(lambda m: repr(m.group(0))[1:-1], value)
    return value if len(value) <= SHOWN else value[: SHOWN - 1] + "…"


def url_scheme(url: str) -> str:
    """The scheme of a URL as a browser reads it (lower case), "" for a relative URL."""
    found = SCHEME.match(URL_NOISE.sub("", url.strip(C0_AND_SPACE)))
    return found.group(1).lower() if found else ""


def css_loads(css: str) -> str:
    """What in a piece of CSS loads a file ("url(...)", "@import", ...), "" if nothing does."""
    # As a browser reads it: comments end a name (and are found before escapes), escapes are characters.
    text = CSS_ESCAPE.sub(_unescape, CSS_COMMENT.sub(" ", css)).lower()
    for match in CSS_LOADS.finditer(text):
        function, first = match.group(1), match.group(3)
        if function is None:
            return "@import"
        if not (function == "url" and first == "#"):  # url(#id) names an element of the page
            return f"{function}(...)"
    return ""


def _unescape(match: re.Match[str]) -> str:
    if match.group(1):
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return "" if match.group(2) == "\n" else match.group(2)


def _word(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text) + (r"\b" if text[-1].isalnum() else ""), re.IGNORECASE)


def _literal(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text), re.IGNORECASE)


def _written(value: str) -> re.Pattern[str]:
    """The start of a value as it may be written in HTML: each character as itself or as a character
    reference (`jav&#x09;ascript:`)."""
    return re.compile(
        "".join(rf"(?:{re.escape(c)}|&#[xX]0*{ord(c):x};?|&#0*{ord(c)};?|&[a-zA-Z]+;)" for c in value[:SHOWN]),
        re.IGNORECASE,
    )


@dataclass
class _Text:
    """A text an editor wrote, where it is shown in a message, and the line of each offset."""

    where: str  # "docs/<file>"
    text: str
    line: int = 0  # the line of a data file's key (0: count the lines of text, a page's source)


@dataclass
class _Cursor:
    """Where the search for a needle continues, so that the second finding lands on the second place."""

    text: int = 0
    offset: int = 0


@dataclass
class ActiveMarkup:
    """The check for one build: pages, their front matter and strings.yml. Each message is given once
    (a data file's text can reach several pages)."""

    docs: Path
    reported: set[str] = field(default_factory=set)
    _data: list[_Text] | None = None  # the strings of the data files, read at the first problem

    def page(self, src: str, source: str, html: str, generated: bool = False) -> list[str]:
        """The problems of one page: its front matter (unless a hook wrote the page) and its HTML as
        converted; source is the page's Markdown with its front matter."""
        problems = [] if generated else front_matter_problems(src, source)
        found = findings(html)
        if found:
            texts = [] if generated else [_Text(f"docs/{src}", _searchable(source))]
            texts += self._data_texts()
            cursors: dict[str, _Cursor] = {}
            display = f"{src} (a page that a hook generates)" if generated else f"docs/{src}"
            problems += [finding.message(_locate(finding, texts, cursors) or display) for finding in found]
        return self._new(problems)

    def words(self) -> list[str]:
        """The problems of strings.yml's words, as text and as attribute values."""
        path = self.docs / STRINGS
        try:
            texts = list(_strings_of(parse_yaml(path.read_text(encoding="utf-8"), f"docs/{STRINGS}")))
        except (OSError, SourceError):  # reading the words reports what is wrong with the file
            return []
        return self._new([f"docs/{STRINGS}:{line}: {message}" for line, message in _value_problems(texts)])

    def _new(self, problems: list[str]) -> list[str]:
        new = [p for p in dict.fromkeys(problems) if p not in self.reported]
        self.reported.update(new)
        return new

    def _data_texts(self) -> list[_Text]:
        """Every string of every YAML file in the docs folder, with the line of its key."""
        if self._data is None:
            self._data = []
            for path in sorted([*self.docs.rglob("*.yml"), *self.docs.rglob("*.yaml")]):
                shown = f"docs/{path.relative_to(self.docs).as_posix()}"
                try:
                    tree = parse_yaml(path.read_text(encoding="utf-8"), shown)
                except (OSError, UnicodeDecodeError, SourceError):
                    continue
                self._data += [_Text(shown, text, line) for line, text in _strings_of(tree)]
        return self._data


def front_matter_problems(src: str, source: str) -> list[str]:
    """Active markup in a page's front matter, and a `template:` key, with the line of the key."""
    block = FRONT_MATTER.match(source)
    if block is None:
        return []
    try:
        tree = parse_yaml(block.group(1), f"docs/{src}")
    except SourceError:  # the check of the front matter says what is wrong with it
        return []
    if not isinstance(tree, LineDict):
        return []
    problems = []
    for key, value in tree.items():
        line = tree.key_lines[key] + 1  # the YAML starts on the page's line 2
        if key == "template":
            problems.append(
                f"docs/{src}:{line}: front matter 'template' is not allowed: it picks the page's template, which "
                f"is code; fix: remove it (templates are in overrides/, reviewed as code)"
            )
            continue
        texts = [(line, text) for _, text in _strings_of(value)] if not isinstance(value, str) else [(line, value)]
        problems += [f"docs/{src}:{n}: front matter '{key}': {message}" for n, message in _value_problems(texts)]
    return problems


def _value_problems(texts: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """(line, problem) of values that a template may print as text or into a double-quoted attribute."""
    for line, text in texts:
        if "<" not in text and '"' not in text:
            continue
        found = findings(text) + findings(f'<meta content="{text}">')
        for finding in dict.fromkeys(found):
            yield line, f"{finding.what}; fix: {finding.fix}"


def _strings_of(node: Yaml, line: int = 0) -> Iterator[tuple[int, str]]:
    """(line of its key or list item, text) of every string in a YAML tree, in file order."""
    if isinstance(node, LineDict):
        for key, value in node.items():
            yield from _strings_of(value, node.key_lines[key])
    elif isinstance(node, LineList):
        for item, item_line in zip(node, node.item_lines, strict=True):
            yield from _strings_of(item, item_line)
    elif isinstance(node, str):
        yield line, node


def _searchable(source: str) -> str:
    """A page's source with what cannot hold markup blanked out, line for line: the front matter
    (checked on its own), fenced code, code spans and HTML comments."""
    _, _, before = split_front_matter(source)
    lines = source.split("\n")
    kept = [""] * min(before, len(lines))
    for line, code in fenced(lines[before:]):
        kept.append("" if code else CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), "\n".join(kept))


def _locate(finding: Finding, texts: list[_Text], cursors: dict[str, _Cursor]) -> str:
    """docs/<file>:<line> of the finding's next place in texts (the page first, then the data files),
    or "" if no needle is found."""
    for needle in finding.needles:
        cursor = cursors.setdefault(needle.pattern, _Cursor())
        for index in range(cursor.text, len(texts)):
            text = texts[index]
            match = needle.search(text.text, cursor.offset if index == cursor.text else 0)
            if match:
                cursor.text, cursor.offset = index, match.end()
                line = text.line or text.text.count("\n", 0, match.start()) + 1
                return f"{text.where}:{line}"
    return ""

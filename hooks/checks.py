"""Friendly errors: the mistakes an editor typically makes, each as ONE warning that names the
file, the line where there is one, and the fix.

    docs/<file>:<line>: <what is wrong>; fix: <what to do>

Checked here:
- footnotes used but never defined (Python-Markdown would print "[^x]" as text), and footnotes
  defined but never cited;
- front matter that is not valid YAML, or not "key: value" pairs (MkDocs silently renders it
  as text).

Rewritten here: MkDocs' own warnings for a misspelled page link, a missing anchor, a page left
out of `nav:` and a `nav:` entry that names no page. A logging filter on the MkDocs loggers that
report them rewrites each record in place, so it still counts for `--strict`. The filter is
installed in on_config and removed when the build ends, so it never outlives its build.

Unknown and duplicate glossary terms are reported by hooks/terms.py.
"""

from __future__ import annotations

import difflib
import logging
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.utils.meta import YAML_RE

from keynumbers.fences import fenced
from termkit.model import line_of

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger("checks")

# The MkDocs loggers whose messages the filter rewrites.
MKDOCS_LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")

CODE_SPAN = re.compile(r"(`+).+?\1")
FOOTNOTE_DEF = re.compile(r"^\s*\[\^([^\]\s]+)\]:")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
FRONT_MATTER_START = re.compile(r"^-{3}[ \t]*\n")
LOOKS_LIKE_KEY = re.compile(r"^-{3}[ \t]*\n[ \t]*[A-Za-z_][\w-]*[ \t]*:")
H1 = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)

# MkDocs' messages (mkdocs/structure/pages.py and nav.py, MkDocs 1.6).
LINK_NOT_FOUND = re.compile(
    r"^Doc file '(?P<src>.+?)' contains (?:a link|an (?P<unrecognized>unrecognized) relative link) '(?P<url>.+?)', "
    r"(?:but the target(?: '(?P<target>.+?)')? is not found among documentation files|it was left as is)\."
    r"(?: Did you mean '(?P<guess>.*?)'\?)?$"
)
ANCHOR_MISSING = re.compile(
    r"^Doc file '(?P<src>.+?)' contains a link '(?P<url>.+?)', but "
    r"(?:the doc '(?P<target>.+?)' does not contain an anchor '#(?P<anchor>.+?)'"
    r"|there is no such anchor on this page)\."
)
NAV_OMITTED = re.compile(
    r"^The following pages exist in the docs directory, but are not included in the \"nav\" configuration:"
    r"\n(?P<pages>.*)$",
    re.DOTALL,
)
NAV_NOT_FOUND = re.compile(
    r"^A reference to '(?P<path>.+?)' is included in the 'nav' configuration, "
    r"which is not found in the documentation files\.$"
)


@dataclass
class Build:
    """What one build knows; made anew in on_config so nothing leaks between builds."""

    docs_dir: Path
    config_file: Path | None
    files: Files | None = None
    unused_footnotes: set[tuple[str, str]] = field(default_factory=set)  # (src_uri, label) already reported
    links_seen: Counter = field(default_factory=Counter)  # (src_uri, url) -> warnings rewritten so far


build: Build  # this build's state, set in on_config (MkDocs runs it before every other event)


# ---------------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> None:
    global build
    config_file = Path(config.config_file_path) if config.config_file_path else None
    build = Build(Path(config.docs_dir), config_file)
    _install_filter()


@event_priority(-100)  # last, so files that other hooks add are known too
def on_files(files: Files, config: MkDocsConfig) -> None:
    build.files = files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    build.files = files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    source = page.file.content_string.replace("\r\n", "\n")
    where = f"docs/{page.file.src_uri}"
    problem = front_matter_problem(source)
    if problem:
        log.warning(f"{where}:{problem}")
    undefined, unused = footnote_problems(source)
    for _, message in undefined + unused:
        log.warning(f"{where}:{message}")
    build.unused_footnotes |= {(page.file.src_uri, label) for label, _ in unused}


def on_post_build(config: MkDocsConfig) -> None:
    _remove_filter()


def on_build_error(error: Exception) -> None:
    _remove_filter()


# ---------------------------------------------------------------------------------------------
# Checks on the page source: each returns "<line>: <problem>; fix: <fix>"
# ---------------------------------------------------------------------------------------------


def front_matter_problem(source: str) -> str | None:
    """A leading --- block that MkDocs would ignore: not closed, not YAML, or not a mapping."""
    if not FRONT_MATTER_START.match(source):
        return None
    block = YAML_RE.match(source)
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
        data = _load_yaml(text)
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


def _load_yaml(text: str) -> object:
    """The YAML's data: read by libyaml when PyYAML has it (several times faster), and by PyYAML's
    own parser when libyaml refuses it, since the messages above quote that parser's wording."""
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # a safe loader
    except yaml.YAMLError:
        return yaml.safe_load(text)


def footnote_problems(source: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(label, message) of footnotes used but not defined, and of those defined but not used."""
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
        undefined.append(
            (
                label,
                (
                    f"{number}: footnote [^{label}] is used but never defined; "
                    f"fix: add its definition, a line '[^{label}]: <primary source>' at the end of the page{hint}"
                ),
            )
        )
    unused = [(label, f"{number}: {unused_footnote(label)}") for label, number in defined.items() if label not in used]
    return undefined, unused


def unused_footnote(label: str) -> str:
    return (
        f"footnote [^{label}] is defined but never used; "
        f"fix: cite it with [^{label}] after the claim it supports, or delete the definition"
    )


def _prose_lines(source: str):
    """(line number, text) of every line outside front matter and fenced code blocks."""
    lines = source.split("\n")
    block = YAML_RE.match(source)
    start = block.group(0).count("\n") if block else 0
    for index, (line, code) in enumerate(fenced(lines[start:]), start=start):
        if not code:
            yield index + 1, line


# ---------------------------------------------------------------------------------------------
# Rewriting MkDocs' own warnings
# ---------------------------------------------------------------------------------------------


class FriendlyMessages(logging.Filter):
    """Rewrites MkDocs' link, anchor and navigation warnings into one friendly message each."""

    friendly_errors = True  # how on_config recognises a filter left by an earlier copy of this hook

    def filter(self, record: logging.LogRecord) -> bool:
        if build is None or record.levelno < logging.INFO:
            return True
        message = record.getMessage()
        for pattern, rewrite in REWRITES:
            match = pattern.match(message)
            if match:
                try:
                    friendly = rewrite(match)
                except Exception:
                    return True
                if friendly is None:  # this hook has already said it
                    return False
                record.msg, record.args = friendly, ()
                break
        return True


def _install_filter() -> None:
    _remove_filter()
    for name in MKDOCS_LOGGERS:
        logging.getLogger(name).addFilter(FriendlyMessages())


def _remove_filter() -> None:
    for name in MKDOCS_LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if getattr(f, "friendly_errors", False)]:
            logger.removeFilter(old)


def link_not_found(match: re.Match) -> str:
    src, url = match["src"], match["url"]
    path = url.split("#", 1)[0].split("?", 1)[0]
    target = match["target"] or posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
    guess = match["guess"] or _closest_file(src, target)
    if guess:
        fix = f"did you mean '{guess}'?"
    else:
        fix = f"correct the path (it is relative to docs/{src}), or create docs/{target}"
    if match["unrecognized"]:
        problem = f"link '{url}' does not name a file of the site (link to the page's .md file)"
    else:
        problem = f"link '{url}' points to docs/{target}, which does not exist"
    return f"{_where_link(src, url)}: {problem}; fix: {fix}"


def anchor_missing(match: re.Match) -> str | None:
    src, url = match["src"], match["url"]
    anchor = match["anchor"] or url.split("#", 1)[1]
    target = match["target"] or src
    footnote = re.match(r"fnref\d*:(.+)$", anchor)
    if footnote and target == src:
        label = footnote.group(1)
        if (src, label) in build.unused_footnotes:
            return None
        return f"{_where_link(src, '[^' + label + ']:')}: {unused_footnote(label)}"
    anchors = _anchors_of(target)
    close = difflib.get_close_matches(anchor, anchors, n=1, cutoff=0.5)
    page = "this page" if target == src else f"docs/{target}"
    fix = f"did you mean '#{close[0]}'?" if close else "link to one of its headings"
    listed = ", ".join(f"#{a}" for a in anchors[:12]) + (", ..." if len(anchors) > 12 else "")
    if listed:
        fix += f"{'' if close else '.'} The anchors of {page}: {listed}"
    problem = f"link '{url}' points to the anchor '#{anchor}', which {page} does not have"
    return f"{_where_link(src, url)}: {problem}; fix: {fix}"


def nav_omitted(match: re.Match) -> str:
    pages = [line.strip()[2:].strip() for line in match["pages"].splitlines() if line.strip().startswith("- ")]
    nav = f"nav: in {_config_name()} (line {line_of(_config_text(), 'nav:') or 1})"
    other = "or list it under not_in_nav: if readers reach it only through links"
    if len(pages) == 1:
        page = pages[0]
        fix = f"add a line '- {_title_of(page)}: {page}' under {nav}, {other}"
        return f"{_display(page)}: this page is not in the navigation; fix: {fix}"
    lines = [f"  {_display(page)}: add '- {_title_of(page)}: {page}'" for page in pages]
    return f"{len(pages)} pages are not in the navigation; fix: add each under {nav}, {other}:\n" + "\n".join(lines)


def nav_not_found(match: re.Match) -> str:
    path = match["path"]
    guess = _closest_file("", path)
    fix = f"did you mean '{guess}'?" if guess else "write the path of a page relative to docs/"
    line = line_of(_config_text(), path) or 1
    return f"{_config_name()}:{line}: the nav: entry '{path}' names no page in docs/; fix: {fix}"


REWRITES = [
    (LINK_NOT_FOUND, link_not_found),
    (ANCHOR_MISSING, anchor_missing),
    (NAV_OMITTED, nav_omitted),
    (NAV_NOT_FOUND, nav_not_found),
]


# ---------------------------------------------------------------------------------------------
# Helpers for the rewrites
# ---------------------------------------------------------------------------------------------


def _source_of(src: str) -> str:
    file = build.files.get_file_from_path(src) if build.files else None
    if file is not None:
        return file.content_string.replace("\r\n", "\n")
    path = build.docs_dir / src
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _where_link(src: str, needle: str) -> str:
    """docs/<src>:<line> of the link; the nth warning about the same link gets its nth occurrence."""
    source = _source_of(src)
    nth = build.links_seen[(src, needle)]
    build.links_seen[(src, needle)] += 1
    as_link = re.compile(r"(?:\]\(\s*<?|\]:\s*<?|href=[\"'])" + re.escape(needle) + r"(?=[\s)>\"'])")
    places = [m.start() for m in as_link.finditer(source)]
    places = places or [m.start() for m in re.finditer(re.escape(needle), source)]
    if not places:
        return f"docs/{src}"
    index = places[min(nth, len(places) - 1)]
    return f"docs/{src}:{source.count(chr(10), 0, index) + 1}"


def _closest_file(src: str, target: str) -> str:
    """The existing file whose path is closest to target, relative to the page at src."""
    if build.files is None:
        return ""
    if target.endswith(".md"):
        candidates = [f.src_uri for f in build.files.documentation_pages()]
    else:
        candidates = [f.src_uri for f in build.files if not f.src_uri.startswith("assets/")]
    close = difflib.get_close_matches(target, candidates, n=1, cutoff=0.6)
    if not close:
        return ""
    return posixpath.relpath(close[0], posixpath.dirname(src) or ".") if src else close[0]


def _anchors_of(src: str) -> list[str]:
    """The ids a link can point to in a page: its headings first, then other ids set in the source."""
    file = build.files.get_file_from_path(src) if build.files else None
    page = file.page if file else None
    if page is None:
        return []
    headings, stack = [], list(page.toc or [])
    while stack:
        item = stack.pop(0)
        headings.append(item.id)
        stack[:0] = item.children
    present = page.present_anchor_ids or ()
    others = sorted(a for a in present if a not in headings and not a.startswith(("fn:", "fnref", "__")))
    return headings + others


def _display(src: str) -> str:
    """docs/<src> for a file in docs/, or a note that a hook makes the page."""
    file = build.files.get_file_from_path(src) if build.files else None
    if file is not None and file.generated_by:
        return f"{src} (a page that a hook generates)"
    return f"docs/{src}"


def _title_of(src: str) -> str:
    heading = H1.search(_source_of(src))
    if heading:
        title = heading.group(1)
    else:
        title = posixpath.splitext(posixpath.basename(src))[0].replace("-", " ").capitalize()
    return f'"{title}"' if ":" in title else title


def _config_name() -> str:
    return build.config_file.name if build.config_file else "mkdocs.yml"


def _config_text() -> str:
    return build.config_file.read_text(encoding="utf-8") if build.config_file and build.config_file.is_file() else ""

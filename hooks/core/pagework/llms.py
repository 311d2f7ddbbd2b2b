"""/llms.txt and /llms-full.txt (the llms.txt convention, https://llmstxt.org/); no MkDocs import.

llms.txt is a short Markdown map of the site: its name, a one-paragraph summary, one line per
page with its description, and the machine-readable files. llms-full.txt is every page's text
in reading order as Markdown, with tables and boxes already expanded, links made absolute, and
no navigation, HTML or authoring comments.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from core.sourcefile import fenced, say

COMMENT = re.compile(r"<!--.*?-->|<nav\b.*?</nav>", re.DOTALL)  # comments, and link bars such as letters
ATTR_LIST = re.compile(r"[ \t]*\{[#.:][^{}\n]*\}[ \t]*$")  # "## Sources {#sources}" -> "## Sources"
LINK_ATTRS = re.compile(r"(?<=\))\{:[^{}\n]*\}")  # "[Wrong](a.md#x){: .kn-verdict }" -> "[Wrong](a.md#x)"
TAG = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>\n]*)?/?>")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
LINK = re.compile(r"(\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")
BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class PageText:
    """A page in navigation order, as the site-wide text files list it."""

    title: str
    src: str  # docs-relative path of the Markdown source, e.g. "scaling-laws.md"
    url: str  # site-relative, e.g. "scaling-laws/"
    description: str
    markdown: str  # without front matter, the `[[...]]` lines expanded
    section: str = ""  # nav section it sits in ("Themes", "Reference"); "" at the top level


def llms_txt(
    name: str,
    summary: str,
    pages: list[PageText],
    files: list[tuple[str, str, str]],
    base: str,
    words: Mapping[str, str],
) -> str:
    """The map: pages grouped by their nav section, then files as (title, url, what it holds).

    base: the site's absolute URL, ending in "/". words: the site's words (strings.yml); "Optional"
    stays, a heading the llms.txt format defines.
    """
    out = [f"# {name}", "", f"> {' '.join(summary.split())}", ""]
    sections: dict[str, list[PageText]] = {}
    for page in pages:
        sections.setdefault(page.section or say(words, "llms_pages"), []).append(page)
    for section, members in sections.items():
        out += [f"## {section}", ""]
        out += [f"- [{p.title}]({base + p.url}): {' '.join(p.description.split())}" for p in members]
        out.append("")
    out += [f"## {say(words, 'llms_data')}", ""]
    out += [f"- [{title}]({url}): {what}" for title, url, what in files]
    full = f"- [{say(words, 'llms_full_text')}]({base}llms-full.txt): {say(words, 'llms_full_text_what')}"
    out += ["", "## Optional", "", full, ""]
    return "\n".join(out)


def llms_full(
    name: str,
    summary: str,
    pages: list[PageText],
    url_of: Callable[[str], str | None],
    base: str,
    notes: dict[str, str] | None = None,
) -> str:
    """Every page's text in reading order; url_of maps a docs-relative 'page.md#anchor' to an absolute URL,
    base is the site's absolute URL. notes: page src -> a line added after its text (for a page whose
    content is not Markdown).
    """
    parts = [f"# {name}\n\n> {' '.join(summary.split())}\n"]
    for page in pages:
        body = clean(page.markdown, page.src, url_of).strip()
        if notes and page.src in notes:
            body += f"\n\n{notes[page.src]}"
        parts.append(f"---\n\nURL: {base + page.url}\n\n{body}\n")
    return "\n".join(parts)


def clean(markdown: str, src: str, url_of: Callable[[str], str | None]) -> str:
    """Page Markdown without front matter, comments and HTML tags, with site links made absolute."""
    text = COMMENT.sub("", FRONT_MATTER.sub("", markdown))
    out = []
    for line, code in fenced(text.split("\n")):
        shown = line
        if not code:
            shown = LINK_ATTRS.sub("", TAG.sub("", line))
            shown = LINK.sub(lambda m: m.group(1) + _absolute(m.group(2), src, url_of) + m.group(3), shown)
            shown = ATTR_LIST.sub("", shown) if shown.startswith("#") else shown
        out.append(shown.rstrip())
    return BLANKS.sub("\n\n", "\n".join(out))


def _absolute(target: str, src: str, url_of: Callable[[str], str | None]) -> str:
    if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:, term: and the like
        return target
    if target.startswith("#"):
        return (url_of(src) or "") + target
    path, _, anchor = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
    url = url_of(resolved)
    return (url + (f"#{anchor}" if anchor else "")) if url else target

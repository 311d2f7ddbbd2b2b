"""MkDocs' own link, anchor and navigation warnings, read back and worded by adapters.mkdocs_messages.
Plain text in, text out: the MkDocs adapter applies it to the log records of a MkDocs build.
"""

from __future__ import annotations

import re

from . import mkdocs_messages as messages

# The MkDocs loggers that report these problems, and their messages (MkDocs 1.6).
LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav")
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


def rewrite(site: messages.SiteView, message: str) -> str | None:
    """MkDocs' message in the friendly wording, None if it repeats what a page check said, or the
    message itself if it is none of these."""
    if match := LINK_NOT_FOUND.match(message):
        src, url, target, guess = match["src"], match["url"], match["target"] or "", match["guess"] or ""
        return messages.link_not_found(site, src, url, target, guess, unrecognized=bool(match["unrecognized"]))
    if match := ANCHOR_MISSING.match(message):
        return messages.anchor_missing(site, match["src"], match["url"], match["target"] or "", match["anchor"] or "")
    if match := NAV_OMITTED.match(message):
        lines = [line.strip() for line in match["pages"].splitlines()]
        return messages.nav_omitted(site, [line[2:].strip() for line in lines if line.startswith("- ")])
    if match := NAV_NOT_FOUND.match(message):
        return messages.nav_not_found(site, match["path"])
    return message

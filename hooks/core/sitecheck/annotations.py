"""The site's messages as GitHub Actions annotations, so that a pull request shows each one on the line
it is about, in the diff. A message

    docs/<file>:<line>: <what is wrong>; fix: <what to do>

becomes the workflow command

    ::error file=docs/<file>,line=<line>,title=<what is wrong>::docs/<file>:<line>: <what is wrong>; fix: ...

(https://docs.github.com/actions/reference/workflow-commands-for-github-actions). Plain text in,
text out: no engine, no GitHub.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A message's place: a file of the project (a page, a data file, the config), and its line if it has one.
PLACE = re.compile(r"^(?P<file>[\w./-]+\.(?:md|ya?ml))(?::(?P<line>\d+))?: (?P<text>\S.*)$")
TITLE_LIMIT = 120  # characters of "what is wrong" in the title; the whole message is the annotation's text


def github_annotations(messages: Iterable[str]) -> list[str]:
    """One `::error` command per problem. A line that names no file and ends with ':' is the heading of
    the lines after it that do ("glossary source has errors:", "2 pages are not in the navigation; ...:"),
    and goes in front of each; any other line that names no file is a problem of its own, shown without
    a file."""
    commands: list[str] = []
    heading, led = "", True  # led: the heading has gone in front of a line already
    for line in (line.strip() for message in messages for line in message.split("\n")):
        place = PLACE.match(line)
        if place is None and line:
            if not led:
                commands.append(_command(heading, {}))
            heading, led = (line, False) if line.endswith(":") else ("", True)
            if not heading:
                commands.append(_command(line, {}))
        elif place is not None:
            where = {"file": place["file"], "line": place["line"]}
            commands.append(_command(f"{heading} {line}" if heading else line, where, title=place["text"]))
            led = True
    if not led:
        commands.append(_command(heading, {}))
    return commands


def _command(text: str, where: dict[str, str | None], title: str = "") -> str:
    """The workflow command: properties escaped as GitHub's toolkit escapes them, then the message."""
    problem = (title or text).split("; fix: ", 1)[0]
    if len(problem) > TITLE_LIMIT:
        problem = problem[: TITLE_LIMIT - 1].rstrip() + "…"
    properties = [f"{key}={_property(value)}" for key, value in where.items() if value]
    properties.append(f"title={_property(problem)}")
    return f"::error {','.join(properties)}::{_data(text)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")

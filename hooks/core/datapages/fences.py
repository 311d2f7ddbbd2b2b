"""Which lines of a page's Markdown are fenced code: the one rule every reader of page sources uses.

A block opens with three or more backticks or tildes and closes, as in CommonMark, at a line of
the same character, at least as long, with nothing else on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def fenced(lines: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each line, with whether it belongs to a fenced code block (its opening and closing lines included)."""
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

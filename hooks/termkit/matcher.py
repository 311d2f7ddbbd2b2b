"""Find glossary terms in running text: longest match, whole words, per-term case rules.

The matcher is built once per build. It splits text into word and punctuation tokens with
one compiled regular expression and looks spans of tokens up in dictionaries, so its cost
grows with the length of the text and hardly at all with the number of terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Glossary, Term, normalize

# A token is a run of word characters or a single other visible character.
TOKEN = re.compile(r"\w+|[^\w\s]")
WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    term: Term


class Matcher:
    def __init__(self, glossary: Glossary):
        self._exact: dict[str, Term] = {}  # case-sensitive surfaces
        self._folded: dict[str, Term] = {}  # case-insensitive surfaces, casefolded
        self._starts: set[str] = set()  # casefolded first tokens of every surface
        self._longest = 1  # most tokens in one surface
        for term in glossary.terms.values():
            for surface, sensitive in term.surfaces():
                tokens = TOKEN.findall(surface)
                if not tokens:
                    continue
                key = normalize(surface)
                if sensitive:
                    self._exact[key] = term
                else:
                    self._folded[key.casefold()] = term
                self._starts.add(tokens[0].casefold())
                self._longest = max(self._longest, len(tokens))

    def find(self, text: str, before: str = "", after: str = "") -> Iterator[Match]:
        """Yield non-overlapping matches left to right, the longest one at each position.

        `before` and `after` are the visible characters around `text` (when it is one piece of
        a larger text), so that a term is never matched glued to a neighbouring word.
        """
        text_in_context = before[-1:] + text + after[:1]
        offset = len(before[-1:])
        tokens = list(TOKEN.finditer(text))
        starts, n, i = self._starts, len(tokens), 0
        while i < n:
            if tokens[i].group().casefold() not in starts:
                i += 1
                continue
            found = self._longest_at(text_in_context, offset, tokens, i)
            if found is None:
                i += 1
                continue
            j, term = found
            yield Match(tokens[i].start(), tokens[j].end(), term)
            i = j + 1

    def _longest_at(self, text: str, offset: int, tokens: list[re.Match], i: int) -> tuple[int, Term] | None:
        for j in range(min(len(tokens), i + self._longest) - 1, i - 1, -1):
            start, end = tokens[i].start() + offset, tokens[j].end() + offset
            key = normalize(text[start:end])
            term = self._exact.get(key) or self._folded.get(key.casefold())
            if term is not None and not _glued(text, start, end):
                return j, term
        return None


def _glued(text: str, start: int, end: int) -> bool:
    """Whether the span touches a word character outside it ("C++" in "C++17")."""
    return bool((start > 0 and WORD.match(text, start - 1)) or (end < len(text) and WORD.match(text, end)))

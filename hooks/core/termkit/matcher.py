"""Find glossary terms in running text: longest match, whole words, per-term case rules.

A term never matches as part of a longer name: right after a dot (".html"), right before a dot
and a word character ("404.html", "search.html", "GPT-3.5"), or right after a hyphen
("example-versioning", "self-attention") unless a number comes before it ("128K-token",
"4,096-token", "8-GPU"). Before a hyphen it matches only as the first word of a two-word compound
whose second word is letters only ("URL-compatible", "JavaScript-based"), not in "GPT-4" or
"search-plugin-v2".
All-caps text ("IN NO EVENT") matches only a name written in capitals, unless the term's case
rule is "any".

The matcher is built once per build. It splits text into word and punctuation tokens with
one compiled regular expression and looks spans of tokens up in dictionaries, so its cost
grows with the length of the text and hardly at all with the number of terms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from typing import TypeAlias

from .model import Glossary, Term, normalize

# A token is a run of word characters (with any combining accents: "i̇", the lower case of "İ", has
# no composed form) or a single other visible character.
TOKEN = re.compile(r"\w[\w\u0300-\u036f]*|[^\w\s]")
WORD = re.compile(r"\w")
# Characters that join a term to a neighbouring word into a longer name.
HYPHENS = "-\u2010\u2011"
JOINERS = "." + HYPHENS
# After a term: a hyphen and a word of letters that ends the compound ("-compatible", "-based").
COMPOUND_TAIL = re.compile(r"[-\u2010\u2011][^\W\d_]+(?![\w\u2010\u2011-]|\.\w)")
# Before a term: a number, perhaps with a unit letter, and a hyphen ("128K-", "4,096-", "8-").
NUMBER_HYPHEN = re.compile(r"(?:^|[^\w.,\u2010\u2011-])\d(?:[\d,.]*\d)?[^\W\d_]?[-\u2010\u2011]$")
# After a term at the end of a piece of text, what only the next piece can decide: nothing, or a
# hyphen and letters. (A dot that ends a piece ends a sentence: "distillation.<sup>1</sup>".)
OPEN_END = re.compile(r"(?:[-\u2010\u2011][^\W\d_]*)?")
LOOK_AHEAD = 40  # characters looked at on either side of a match

# A trie of words: one level per character; the key "" marks the end of a word.
_Trie: TypeAlias = "dict[str, _Trie]"


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    term: Term


class Matcher:
    def __init__(self, glossary: Glossary):
        self._exact: dict[str, Term] = {}  # case-sensitive surfaces
        self._folded: dict[str, tuple[Term, bool]] = {}  # casefolded -> (term, may match all-caps text)
        lengths: dict[str, set[int]] = {}  # casefolded (and lower-cased) first token -> token counts of its surfaces
        # First token (as in lengths) -> the second tokens of its longer surfaces, casefolded and lower-cased.
        self._seconds: dict[str, set[str]] = {}
        for term in glossary.terms.values():
            for surface, sensitive in term.surfaces():
                tokens = TOKEN.findall(surface)
                if not tokens:
                    continue
                key = normalize(surface)
                if sensitive:
                    self._exact[key] = term
                else:
                    self._folded[key.casefold()] = (term, term.any_case or key.isupper())
                seconds = {f(t) for t in TOKEN.findall(key)[1:2] for f in (str.casefold, str.lower)}
                # As written too: re's IGNORECASE folds one character at a time, and "İ" folds to two.
                for first in {tokens[0], tokens[0].casefold(), tokens[0].lower()}:
                    lengths.setdefault(first, set()).add(len(tokens))
                    self._seconds.setdefault(first, set()).update(seconds)
        # For each first token, the token counts to try, longest first.
        self._counts = {first: sorted(counts, reverse=True) for first, counts in lengths.items()}
        # One compiled pattern finds where a term may start, so Python only looks at those places.
        # ASCII text is searched lower-cased with a case-sensitive pattern: the same places, twice as fast.
        self._start = _start_pattern(set(lengths), re.IGNORECASE)
        self._start_lower = _start_pattern(set(lengths), 0)

    def may_match(self, text: str) -> re.Match[str] | None:
        """The first place a term may start, or None: one search in C (most text holds no term,
        and then find() would yield nothing)."""
        # (Both patterns are None when no term has a surface, and then nothing matches.)
        if text.isascii():
            return None if self._start_lower is None else self._start_lower.search(text.lower())
        return None if self._start is None else self._start.search(text)

    def find(self, text: str, around: Callable[[], tuple[str, str]] = lambda: ("", "")) -> Iterator[Match]:
        """Yield non-overlapping matches left to right, the longest one at each position.

        When `text` is one piece of a larger text, `around()` gives the visible characters just
        before and after it (up to LOOK_AHEAD of each), so that a term is never matched glued to a
        neighbouring word or name. It is called only when a match starts at the edge of `text`, or
        only a hyphen and letters follow it there.
        """
        edges: list[tuple[str, str]] = []

        def glued(start: int, end: int) -> bool:
            if start and end < len(text):  # most matches: a space or plain punctuation on both sides
                left, right = text[start - 1], text[end]
                if left not in JOINERS and right not in JOINERS and not WORD.match(left) and not WORD.match(right):
                    return False
            before = text[max(0, start - LOOK_AHEAD) : start]
            after = text[end : end + LOOK_AHEAD]
            open_end = end + len(after) == len(text) and OPEN_END.fullmatch(after)
            if not start or open_end:  # the neighbouring text decides
                if not edges:
                    edges.append(around())
                if not start:
                    before = edges[0][0]
                if open_end:
                    after += edges[0][1]
            return _joined(before, after)

        first = self.may_match(text)
        if first is None:  # most pieces of a page: one scan in C and done
            return
        resume = 0
        # The pattern may_match searched with, in the text it searched (lower-cased if ASCII).
        for candidate in chain((first,), first.re.finditer(first.string, first.end())):
            if candidate.start() < resume:
                continue
            word = candidate.group()
            first_key = word.casefold() if word.casefold() in self._counts else word.lower()
            counts = self._counts.get(first_key)
            if not counts:
                continue
            tokens = self._tokens(text, candidate.start(), first_key, counts)
            found = self._longest_at(text, tokens, counts, glued) if tokens else None
            if found is not None:
                yield found
                resume = found.end

    def _tokens(self, text: str, start: int, first_key: str, counts: list[int]) -> list[re.Match[str]]:
        """The tokens of text from start that a surface starting there may span: up to counts[0] of
        them, or only the first when the next one is the second token of no surface that starts
        with this first token (most candidates: "Llama" starts many names, and mostly stands alone);
        [] when then no surface fits."""
        first = TOKEN.match(text, start)
        if first is None:  # (a candidate always starts a token)
            return []
        if counts[0] > 1 and (following := TOKEN.search(text, first.end())):
            second = following.group() if following.group().isascii() else normalize(following.group())
            if second.casefold() in self._seconds[first_key] or second.lower() in self._seconds[first_key]:
                return [first, following, *islice(TOKEN.finditer(text, following.end()), counts[0] - 2)]
        return [first] if counts[-1] == 1 else []

    def _longest_at(
        self, text: str, tokens: list[re.Match[str]], counts: list[int], glued: Callable[[int, int], bool]
    ) -> Match | None:
        """The longest term made of tokens[0], tokens[1], ... that stands as whole words.

        counts: how many tokens the surfaces starting with tokens[0] have, most first.
        """
        for count in counts:
            if count > len(tokens):
                continue
            start, end = tokens[0].start(), tokens[count - 1].end()
            key = normalize(text[start:end])
            term = self._exact.get(key)
            if term is None:
                term, any_case = self._folded.get(key.casefold(), (None, False))
                if term is not None and not any_case and key.isupper():
                    term = None  # all-caps text such as "IN NO EVENT": only names written in capitals
            if term is not None and not glued(start, end):
                return Match(start, end, term)
        return None


def _joined(before: str, after: str) -> bool:
    """Whether a match with these characters just before and after it is part of a longer word or name."""
    if before and (before[-1] == "." or WORD.match(before, len(before) - 1)):
        return True
    if before and before[-1] in HYPHENS and not NUMBER_HYPHEN.search(before):
        return True
    if not after or WORD.match(after):
        return bool(after)
    if after[0] == ".":
        return WORD.match(after, 1) is not None
    return after[0] in HYPHENS and COMPOUND_TAIL.match(after) is None


def _start_pattern(starts: set[str], flags: int) -> re.Pattern[str] | None:
    """Where a term may start: one of the first tokens (lower-cased and case-folded), as a whole token."""
    words = {s for s in starts if WORD.match(s)}
    alternatives = [rf"(?<!\w)(?:{_trie_pattern(words)})(?!\w)"] if words else []
    alternatives += [re.escape(s) for s in sorted(starts - words)]  # a term that starts with a symbol
    return re.compile("|".join(alternatives), flags) if alternatives else None


def _trie_pattern(words: set[str]) -> str:
    """A regular expression matching any of the words, shaped as a trie so matching stays fast."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)

"""Sort and group entries the way a reader expects: Unicode collation, first-letter groups."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import icu

T = TypeVar("T")
NORMAL, UNDERFLOW = 0, 1  # ICU's AlphabeticIndex label types (inflow 2 and overflow 3: other scripts)


class Collation:
    """ICU collation for one locale ("Ä" sorts with "A"; case and accents break ties only)."""

    def __init__(self, locale: str = "en"):
        self._collator = icu.Collator.createInstance(icu.Locale(locale))
        # ICU's own letter groups for indexes of this locale (English: "Ä" under "A"; Swedish: its own "Ä")
        self._letters = icu.AlphabeticIndex(icu.Locale(locale)).buildImmutableIndex()

    def key(self, text: str) -> bytes:
        key: bytes = self._collator.getSortKey(text)  # PyICU is untyped: its sort keys are bytes
        return key

    def sort(self, items: Iterable[T], text: Callable[[T], str]) -> list[T]:
        return sorted(items, key=lambda item: (self.key(text(item)), text(item)))

    def groups(self, items: Iterable[T], text: Callable[[T], str]) -> list[tuple[str, list[T]]]:
        """Sorted items grouped under their initial letter ("#" for digits and symbols)."""
        groups: dict[str, list[T]] = {}
        for item in self.sort(items, text):
            groups.setdefault(self.initial(text(item)), []).append(item)
        return list(groups.items())

    def initial(self, text: str) -> str:
        """The group letter of a heading: ICU's index letter for the locale ("Ä", "Œ" -> "A", "O").

        A letter of a script the locale's alphabet does not cover is its own group; digits and
        symbols group under "#".
        """
        text = text.strip()
        label: str  # PyICU is untyped: a bucket is (label, label type)
        kind: int
        label, kind = self._letters.getBucket(self._letters.getBucketIndex(text))
        if kind == NORMAL:
            return label
        return text[0].upper() if kind != UNDERFLOW and text[0].isalpha() else "#"

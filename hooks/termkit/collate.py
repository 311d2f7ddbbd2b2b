"""Sort and group entries the way a reader expects: Unicode collation, first-letter groups."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import icu

T = TypeVar("T")


class Collation:
    """ICU collation for one locale ("Ä" sorts with "A"; case and accents break ties only)."""

    def __init__(self, locale: str = "en"):
        self._collator = icu.Collator.createInstance(icu.Locale(locale))

    def key(self, text: str) -> bytes:
        return self._collator.getSortKey(text)

    def sort(self, items: Iterable[T], text: Callable[[T], str]) -> list[T]:
        return sorted(items, key=lambda item: (self.key(text(item)), text(item)))

    def groups(self, items: Iterable[T], text: Callable[[T], str]) -> list[tuple[str, list[T]]]:
        """Sorted items grouped under their initial letter ("#" for digits and symbols)."""
        groups: dict[str, list[T]] = {}
        for item in self.sort(items, text):
            groups.setdefault(initial(text(item)), []).append(item)
        return list(groups.items())


_TO_ASCII = icu.Transliterator.createInstance("Latin-ASCII")


def initial(text: str) -> str:
    """The group letter of a heading: its first letter as a plain capital ("Ä", "Œ" -> "A", "O").

    Letters of other scripts stay as they are; digits and symbols group under "#".
    """
    for char in text:
        if char.isalpha():
            return _TO_ASCII.transliterate(char)[0].upper()
        if not char.isspace():
            return "#"
    return "#"

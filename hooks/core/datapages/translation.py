"""A language's words for the texts of docs/data/models.yml, and for the places in a source that every
data file cites (locators): its `<language>:` section, one mapping for the whole file.

    de:
      words:                           # each English text of the file, as written, and its German
        Behemoth (preview): Behemoth (Vorschau)
        "{chinchilla.params} parameters, {chinchilla.tokens} tokens": "{chinchilla.params} Parameter, ..."
      unchanged: [H100, MoE]           # texts that stay as they are (names of products, benchmarks, metrics)
      locators:                        # places in a source, as the data files cite them
        Table 3: Tabelle 3

Every text a build of that language shows needs its words: a subject's name (models' names, and the short
names that head table columns, stay as written unless the section gives words for them), a figure's `text:`
and `note:`, a table's header, row labels and row templates (a template of {subject.field} references alone
needs none), and every locator. A locator that is a section sign
(§3.2.1), a timestamp (09:57–12:15) or other digits and punctuation stays; one that is a date (2025-05-15,
"May 15, 2025") is written as the language writes dates (dates.show_date), and so is a figure's `text:`
that is a date. A text without its words is a problem at its line; so is an entry of the section that no
text of the file (or locator of any data file) uses any more, which is what an English edit leaves behind.

In English (the language the file is written in) every text is shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from core.sourcefile import ENGLISH, LineDict, LineList, Yaml

from .dates import WRITTEN_DATE, iso_date, show_date

REFERENCE = re.compile(r"\{([^{}]*)\}")  # {subject.field} in a template (as model.REFERENCE)
PLAIN_LOCATOR = re.compile(r"^(?:§.*|[\d\W_]*)$")  # a section sign, or digits and punctuation (a timestamp)


@dataclass
class Translation:
    """A language's words for the data file (see the module docstring); problems go to the caller's list."""

    language: str = ENGLISH
    path: str = ""
    words: dict[str, str] = field(default_factory=dict)
    unchanged: set[str] = field(default_factory=set)
    locators: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # "words:TEXT", "unchanged:TEXT", "locators:TEXT" -> line
    section_line: int = 0  # of the `<language>:` section's key (0: none)
    used: set[str] = field(default_factory=set)  # the entries that some text used, as in `lines`
    show_date: Mapping[str, str] | None = None  # the site's words, for dates (strings.yml); set by the loader

    @property
    def english(self) -> bool:
        return self.language == ENGLISH

    @classmethod
    def read(cls, raw: Mapping[str, Yaml], language: str, path: str, key_lines: Mapping[str, int]) -> Translation:
        """The `<language>:` section of the data file's mapping (an empty Translation in English), and its
        problems: a translation with no section at all is usable, and every text then reports what it lacks."""
        found = cls(language, path)
        block = raw.get(language) if not found.english else None
        if not isinstance(block, LineDict):
            return found
        found.section_line = key_lines.get(language, 0)
        for name in ("words", "locators"):
            entries = block.get(name)
            if isinstance(entries, LineDict):
                for english, german in entries.items():
                    getattr(found, name)[english] = str(german).strip() if german is not None else ""
                    found.lines[f"{name}:{english}"] = entries.key_lines[english]
        unchanged = block.get("unchanged")
        if isinstance(unchanged, LineList):
            for item, line in zip(unchanged, unchanged.item_lines, strict=False):
                found.unchanged.add(str(item))
                found.lines[f"unchanged:{item}"] = line
        return found

    def text(self, english: str, where: str, problems: list[str]) -> str:
        """A text of the file in this language; where: "file:line" of the text, for its problem."""
        if self.english or not english or not re.search(r"[^\W\d_]", REFERENCE.sub("", english)):
            return english
        if english in self.words:
            self.used.add(f"words:{english}")
            return self.words[english] or english
        if english in self.unchanged:
            self.used.add(f"unchanged:{english}")
            return english
        if (date := self._date(english)) is not None:
            return date
        problems.append(
            f"{where}: {english!r} has no {self.language} words; fix: add it under '{self.language}: words:'"
            f"{self._at()} as {_yaml_key(english)}: ..., or under '{self.language}: unchanged:' if it stays as it is"
        )
        return english

    def name(self, english: str) -> str:
        """A model's name or a column's short name: as written (Meta's names stay), unless the section gives
        words for it ("Behemoth (preview)")."""
        if self.english or english not in self.words:
            return english
        self.used.add(f"words:{english}")
        return self.words[english] or english

    def locator(self, english: str, where: str, problems: list[str]) -> str:
        """A place in a source ("Table 3", "§3.2.1", "2025-05-15") in this language; where: "file:line"."""
        if self.english or not english or (PLAIN_LOCATOR.match(english) and not self._iso(english)):
            return english
        if english in self.locators:
            self.used.add(f"locators:{english}")
            return self.locators[english]
        if english in self.unchanged:  # a heading of a source, named as it writes it
            self.used.add(f"unchanged:{english}")
            return english
        if (date := self._date(english)) is not None:
            return date
        problems.append(
            f"{where}: the place {english!r} in a source has no {self.language} words; fix: add it under "
            f"'{self.language}: locators:'{self._at()} as {_yaml_key(english)}: ..."
        )
        return english

    def unused(self) -> list[str]:
        """The entries of the section that no text used: each a problem at its line."""
        if self.english:
            return []
        return [
            f"{self.path}:{line}: {self.language}: {entry.partition(':')[0]}: {entry.partition(':')[2]!r} is no "
            f"text of this file any more (nor a place that a data file cites); fix: delete it, or write the "
            f"English text it translates as the file now has it"
            for entry, line in self.lines.items()
            if entry not in self.used
        ]

    def _date(self, text: str) -> str | None:
        """A text that is a date, as this language writes dates (None if it is none)."""
        if self.show_date is None or not (self._iso(text) or (WRITTEN_DATE.fullmatch(text) and text[0].isupper())):
            return None
        iso = iso_date(text)
        return show_date(iso, self.show_date) if iso else None

    @staticmethod
    def _iso(text: str) -> bool:
        return re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", text) is not None

    def _at(self) -> str:
        return f" (line {self.section_line})" if self.section_line else f" (a section '{self.language}:' at the end)"


def _yaml_key(text: str) -> str:
    """A text as it would be written as a key of the section."""
    plain = re.fullmatch(r"[A-Za-z][\w ()/.'-]*", text) and ": " not in text
    return text if plain else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

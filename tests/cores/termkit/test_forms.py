"""The German edition's notes on inflected forms a term lacks (core.termkit.forms): a suggestion with the
glossary's line and a page's line, and never a link."""

from __future__ import annotations

from core.termkit.forms import suggestions
from core.termkit.matcher import Matcher
from core.termkit.model import parse_glossary
from support.sites import MINI_GLOSSARY_DE

WITHOUT_FORMS = MINI_GLOSSARY_DE.replace("forms: [Skalierungsgesetze, Skalierungsgesetzes]", "forms: []")
PAGES = {"a.md": "# A\n\nZwei Skalierungsgesetze und ein Skalierungsgesetz.\n", "b.md": "# B\n\nKein Begriff hier.\n"}


def where(src: str, word: str) -> str:
    return f"docs/de/{src}:{next(n for n, line in enumerate(PAGES[src].splitlines(), 1) if word in line)}"


def test_a_form_the_pages_write_but_the_term_lacks_is_suggested_at_the_entrys_line():
    glossary = parse_glossary(WITHOUT_FORMS, "glossary.yml", "de")
    notes = suggestions(glossary, PAGES, "german", where)
    line = next(
        n for n, text in enumerate(MINI_GLOSSARY_DE.splitlines(), 1) if "term: Skalierungsgesetz" in text
    )  # its de: block
    assert notes == [
        f"glossary.yml:{line}: term 'Skalierungsgesetz': the pages also write 'Skalierungsgesetze' (docs/de/a.md:3); "
        "if a word means this term, add it to the entry's `forms`, and it links"
    ]


def test_a_form_the_entry_lists_is_no_suggestion():
    glossary = parse_glossary(MINI_GLOSSARY_DE, "glossary.yml", "de")
    assert suggestions(glossary, PAGES, "german", where) == []


def test_the_stemmer_never_decides_a_link():
    """The form it suggested links only once the entry lists it."""
    lacking = parse_glossary(WITHOUT_FORMS, "glossary.yml", "de")
    assert list(Matcher(lacking).find("Zwei Skalierungsgesetze.")) == []
    assert (
        len(list(Matcher(parse_glossary(MINI_GLOSSARY_DE, "glossary.yml", "de")).find("Zwei Skalierungsgesetze."))) == 1
    )

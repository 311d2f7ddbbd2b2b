"""The site's pages write every figure that docs/data/models.yml holds with a figure marker
(`[[fig: SUBJECT.FIELD]]`), none by hand, so that a correction in the data file reaches every
sentence that states the figure (core.datapages.handtyped says which numbers count); so do the
glossary's `long:` texts, which are running text on the glossary page.
"""

from __future__ import annotations

import pytest

from core.datapages.data import load
from core.datapages.handtyped import GLOSSARY, glossary_hand_typed, hand_typed
from core.sourcefile import STRINGS, load_strings
from support import ROOT

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def data():
    words = load_strings(DOCS / STRINGS, f"docs/{STRINGS}", "en")
    return load(DOCS / "data/models.yml", "docs/data/models.yml", words)


def test_no_page_types_a_figure_that_models_yml_holds(data):
    found = [
        typed.message(page.relative_to(DOCS).as_posix())
        for page in sorted(DOCS.glob("*.md"))
        for typed in hand_typed(page.read_text(encoding="utf-8"), data)
    ]
    assert not found, f"{len(found)} figures typed by hand:\n" + "\n".join(found)


def test_no_glossary_long_text_types_a_figure_that_models_yml_holds(data):
    source = (DOCS / GLOSSARY).read_text(encoding="utf-8")
    found = [typed.message(GLOSSARY) for typed in glossary_hand_typed(source, data, f"docs/{GLOSSARY}")]
    assert not found, f"{len(found)} figures typed by hand:\n" + "\n".join(found)

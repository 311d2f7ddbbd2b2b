"""The site's pages write every figure that docs/data/models.yml holds with a figure marker
(`[[fig: SUBJECT.FIELD]]`), none by hand, so that a correction in the data file reaches every
sentence that states the figure (keynumbers.handtyped says which numbers count).
"""

from __future__ import annotations

from keynumbers.data import load
from keynumbers.handtyped import hand_typed
from sourcefile import STRINGS, load_strings
from support import ROOT

DOCS = ROOT / "docs"


def test_no_page_types_a_figure_that_models_yml_holds():
    words = load_strings(DOCS / STRINGS, f"docs/{STRINGS}", "en")
    data = load(DOCS / "data/models.yml", "docs/data/models.yml", words)
    found = [
        typed.message(page.relative_to(DOCS).as_posix())
        for page in sorted(DOCS.glob("*.md"))
        for typed in hand_typed(page.read_text(encoding="utf-8"), data)
    ]
    assert not found, f"{len(found)} figures typed by hand:\n" + "\n".join(found)

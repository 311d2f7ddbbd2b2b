"""Sample glossaries and pages that several test modules share."""

from __future__ import annotations

import textwrap

from core.termkit.matcher import Matcher
from core.termkit.model import parse_glossary
from core.termkit.xref import Index

# --- A glossary with awkward names, for the matcher and linker -----------------------------------

LINKER_GLOSSARY = parse_glossary(
    """\
terms:
  - term: Scaling law
    forms: [scaling laws]
    short: A fitted relation between compute and loss.
    source: x
  - term: Chinchilla scaling law
    short: Parameters and tokens should grow together.
    source: x
  - term: Rotary position embedding
    abbr: [RoPE]
    short: Encodes positions by rotating query and key vectors.
    source: x
  - term: C++
    short: A programming language.
    source: x
  - term: k-NN
    short: k nearest neighbours.
    source: x
  - term: FP8 (E4M3)
    short: An 8-bit float with 4 exponent and 3 mantissa bits.
    source: x
  - term: Überanpassung
    aliases: [Ähnlichkeitssuche]
    short: German for overfitting.
    source: x
  - term: Behemoth
    case: sensitive
    short: The largest Llama 4 model.
    source: x
  - term: Evil
    short: 'Quotes " and '' and <script>alert(1)</script> & more.'
    source: x
""",
    "g.yml",
)
LINKER_MATCHER = Matcher(LINKER_GLOSSARY)


# --- Pages for the hooks in small builds (with conftest.MINI_GLOSSARY) -----------------------------

HOOK_PAGES = {
    "index.md": """\
        # Home

        Grouped-query attention (GQA) saves memory. GQA again.

        ## Scaling {#scaling}

        The Chinchilla scaling law refines a scaling law. See [experts](term:MoE).
        """,
    "topics/deep.md": """\
        ---
        glossary: section
        ---
        # Deep page

        GQA first.

        ## One

        GQA in one, and `GQA` in code.

        ## Two

        Mixtures of experts, then GQA.
        """,
    "quiet.md": """\
        ---
        glossary: off
        ---
        # Quiet

        GQA is not linked here.
        """,
}

XREF_PAGES = {
    **HOOK_PAGES,
    "index.md": textwrap.dedent(HOOK_PAGES["index.md"])
    + "\n<!-- index!: Chinchilla scaling law -->\n<!-- index: Compute; budgets -->\n",
    "zz-last.md": """\
        # Last page

        ## Late section

        A late topic. <!-- index: Late topic -->
        <!-- index: Pointer -> topics/deep.md#two -->
        Mixture of experts.
        """,
}


# --- A two-term glossary for the index core ----------------------------------------------------

INDEX_GLOSSARY = parse_glossary(
    """\
terms:
  - term: Grouped-query attention
    abbr: [GQA]
    see_also: [KV cache]
    short: s
    source: x
  - term: KV cache
    short: s
    source: x
""",
    "g.yml",
)


def make_index():
    return Index(INDEX_GLOSSARY, lambda term_id: f"glossary/#{term_id}", "Glossary")

"""The glossary source: loading, validation and the messages an editor sees."""

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.sourcefile import SourceError
from core.termkit.model import parse_glossary, slugify

GOOD = """\
terms:
  - term: Grouped-query attention
    abbr: [GQA]
    aliases: [grouped query attention]
    forms: [grouped-query attentions]
    short: Several query heads share one key/value head.
    long: |
      A longer explanation in *Markdown*.
    see_also: [MoE]
    source: Llama 3 paper, §3.2
  - term: Mixture of experts
    abbr: [MoE]
    short: Each token goes to a few expert networks.
    source: Llama 4 blog post
"""


def problems(text: str) -> str:
    with pytest.raises(SourceError) as info:
        parse_glossary(text, "docs/data/glossary.yml")
    return str(info.value)


def test_loads_every_field():
    glossary = parse_glossary(GOOD, "g.yml")
    gqa = glossary.terms["grouped-query-attention"]
    assert gqa.name == "Grouped-query attention"
    assert gqa.abbr == ("GQA",)
    assert gqa.aliases == ("grouped query attention",)
    assert gqa.forms == ("grouped-query attentions",)
    assert gqa.long.startswith("A longer explanation in *Markdown*.")
    assert gqa.see_also == ("mixture-of-experts",)
    assert gqa.line == 2
    assert glossary.terms["mixture-of-experts"].line == 11


def test_resolve_by_slug_abbreviation_and_any_case_name():
    glossary = parse_glossary(GOOD, "g.yml")
    for ref in ("GQA", "grouped-query-attention", "Grouped-Query Attention", "grouped query  attention"):
        assert glossary.resolve(ref).id == "grouped-query-attention", ref
    assert glossary.resolve("gqa") is None  # abbreviations are exact
    assert glossary.resolve("nothing") is None


def test_malformed_yaml_names_file_and_line():
    message = problems("terms:\n  - term: A\n    short: [unclosed\n    source: x\n")
    assert message.startswith("docs/data/glossary.yml:3: malformed YAML: the […] on this line is not closed")


def test_duplicate_key_in_one_entry_names_both_lines():
    message = problems("terms:\n  - term: A\n    short: one\n    short: two\n    source: x\n")
    assert "docs/data/glossary.yml:4: malformed YAML: duplicate key 'short' (first on line 3)" in message


def test_missing_top_level_list():
    assert problems("- term: A\n") == "docs/data/glossary.yml:1: expected a mapping with a 'terms:' list"


def test_term_without_definition():
    message = problems("terms:\n  - term: Lonely\n    source: x\n")
    assert message == "docs/data/glossary.yml:2: term 'Lonely' has no definition ('short:' is required)"


def test_term_without_source():
    message = problems("terms:\n  - term: Lonely\n    short: A word.\n")
    assert message == "docs/data/glossary.yml:2: term 'Lonely' has no primary source ('source:' is required)"


def test_duplicate_term_names_both():
    text = GOOD + "  - term: grouped-query attention\n    short: again\n    source: x\n"
    message = problems(text)
    assert (
        "'grouped-query attention' has the same anchor 'grouped-query-attention' as 'Grouped-query attention' (line 2)"
        in message
    )
    assert message.startswith("docs/data/glossary.yml:15:")


def test_alias_claimed_by_two_terms_names_both():
    text = GOOD + "  - term: Generalised queries\n    abbr: [GQA]\n    short: other\n    source: x\n"
    message = problems(text)
    assert message == (
        "docs/data/glossary.yml:15: 'GQA' is claimed by two terms: "
        "'Grouped-query attention' (line 2) and 'Generalised queries' (line 15); fix: keep it under the term it "
        "names, delete it from the other"
    )


def test_alias_clash_is_case_insensitive():
    text = GOOD + "  - term: Moe\n    short: other\n    source: x\n"
    assert "'Moe' is claimed by two terms: 'Mixture of experts' (line 11) and 'Moe' (line 15)" in problems(text)


def test_see_also_unknown_term():
    text = GOOD.replace("see_also: [MoE]", "see_also: [Dense model]")
    assert (
        problems(text)
        == "docs/data/glossary.yml:2: term 'Grouped-query attention': see-also 'Dense model' is not a known term"
    )


def test_unknown_key_and_bad_case_rule():
    text = GOOD.replace("    abbr: [GQA]\n", "    abrv: [GQA]\n    case: upper\n")
    message = problems(text)
    assert "docs/data/glossary.yml:2: unknown key(s) abrv;" in message
    assert (
        "docs/data/glossary.yml:2: term 'Grouped-query attention': case must be insensitive (the default), "
        "sensitive or any, not 'upper'"
    ) in message


def test_every_problem_is_reported_at_once():
    text = "terms:\n  - term: A\n    source: x\n  - term: B\n    source: y\n"
    assert problems(text).count("has no definition") == 2


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Grouped-query attention", "grouped-query-attention"),
        ("C++", "c-plus-plus"),
        ("FP8 (E4M3)", "fp8-e4m3"),
        ("Über-Modell", "uber-modell"),
        ("k-NN", "k-nn"),
        ("Model-as-a-judge", "model-as-a-judge"),
    ],
)
def test_slugs_are_stable_and_readable(name, slug):
    assert slugify(name) == slug


@given(st.text(max_size=40))
def test_any_name_gets_a_well_formed_stable_slug(name):
    slug = slugify(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), f"{name!r} -> {slug!r}"
    assert slugify(slug) == slug, "a slug is its own slug"
    assert slugify(name.upper() if name.isascii() else name) == slug, "ASCII case does not change the anchor"
    assert slugify(unicodedata.normalize("NFD", name)) == slugify(unicodedata.normalize("NFC", name))


# --- issue #16: clearer messages, safe anchors ---------------------------------------------------


def test_entry_that_is_not_a_mapping_names_its_line():
    message = problems(GOOD + "  - Dense model\n  - [a, b]\n")
    assert message.splitlines() == [
        "docs/data/glossary.yml:15: every entry under 'terms:' must be a mapping of keys, but this one is a string "
        "('Dense model'); fix: start the entry with '- term: NAME' and indent its other keys under 'term:'",
        "docs/data/glossary.yml:16: every entry under 'terms:' must be a mapping of keys, but this one is a list "
        "(['a', 'b']); fix: start the entry with '- term: NAME' and indent its other keys under 'term:'",
    ]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("[a, b]", "a list (['a', 'b'])"),
        ("404", "a number (404)"),
        ("{x: 1}", "a mapping"),
        ("yes", "true or false (True)"),
    ],
)
def test_term_that_is_not_text(value, kind):
    message = problems(GOOD + f"  - term: {value}\n    short: x\n    source: y\n")
    assert message.startswith(f"docs/data/glossary.yml:15: 'term:' must be text, but it is {kind}")
    assert "fix: write one name or sentence, in quotes if it is a number" in message
    assert len(message.splitlines()) == 1


def test_short_that_is_not_text():
    message = problems(GOOD.replace("short: Each token goes to a few expert networks.", "short: [a, b]"))
    assert message.startswith("docs/data/glossary.yml:11: 'short:' must be text, but it is a list")


def test_quoted_number_is_a_name():
    glossary = parse_glossary('terms:\n  - term: "404"\n    abbr: ["500"]\n    short: x\n    source: y\n', "g.yml")
    assert list(glossary.terms) == ["term-404"]


def test_unclosed_quote_names_the_line_where_it_opened():
    text = GOOD.replace("short: Several query heads share one key/value head.", 'short: "Several query heads')
    text = text.replace("short: Each token goes to a few expert networks.", 'short: "Each token."')
    message = problems(text)
    assert message.startswith(
        'docs/data/glossary.yml:6: malformed YAML: the value quoted with " on this line is not '
        "closed on it (the parser gave up on line 13:"
    )
    assert message.endswith('fix: end the value with " and write \\" for each " inside it, or write it without quotes')


def test_apostrophe_in_single_quotes_names_its_line():
    message = problems(GOOD.replace("short: Each token goes to a few expert networks.", "short: 'It's a token'"))
    assert message.startswith(
        "docs/data/glossary.yml:13: malformed YAML: the value quoted with ' on this line is not closed on it"
    )
    assert "write '' for each ' inside it" in message


def test_missing_file_is_a_glossary_error(tmp_path):
    from core.termkit.model import load_glossary

    with pytest.raises(SourceError) as info:
        load_glossary(tmp_path / "nope.yml", "docs/data/glossary.yml")
    assert str(info.value).startswith("docs/data/glossary.yml: the glossary file does not exist; fix: create it")


@pytest.mark.parametrize(
    ("name", "anchor"),
    [
        ("404", "term-404"),
        ("8-bit floating point", "term-8-bit-floating-point"),
        ("3D printing", "term-3d-printing"),
        ("Grouped-query attention", "grouped-query-attention"),
    ],
)
def test_anchors_never_start_with_a_digit(name, anchor):
    glossary = parse_glossary(f'terms:\n  - term: "{name}"\n    short: x\n    source: y\n', "g.yml")
    assert list(glossary.terms) == [anchor]
    assert glossary.resolve(anchor) is glossary.resolve(name) is glossary.resolve(slugify(name)) is not None


def test_explicit_id_that_starts_with_a_digit_gets_the_prefix_too():
    glossary = parse_glossary("terms:\n  - term: Not found\n    id: '404'\n    short: x\n    source: y\n", "g.yml")
    assert list(glossary.terms) == ["term-404"]


def test_case_any_is_a_case_rule():
    glossary = parse_glossary("terms:\n  - term: Event\n    case: any\n    short: x\n    source: y\n", "g.yml")
    assert glossary.terms["event"].any_case
    assert not glossary.terms["event"].case_sensitive

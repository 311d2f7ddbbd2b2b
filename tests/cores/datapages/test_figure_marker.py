"""The inline figure marker `[[fig: SUBJECT.FIELD]]` (core.datapages.inline) and numbers in the page's
language (core.datapages.units): what a marker writes, what it refuses with the page's line, and that a
build and `python -m adapters.check` expand it as they expand the block markers.

The expected texts are written out here, not computed with the renderer's own formatting.
"""

from __future__ import annotations

import pytest

from core.datapages import data as kndata
from core.datapages.chart import Chart, number_words, si
from core.datapages.handtyped import HandTyped, glossary_hand_typed, hand_typed
from core.datapages.inline import MARKER, starts_with_figure, write
from core.datapages.units import NUMBER_WORDS, format_ratio, format_value, qualify
from core.sourcefile import STRINGS, load_strings
from support import ROOT
from support.sites import check_project, make_site, run_build

WORDS = load_strings(ROOT / "docs" / STRINGS, f"docs/{STRINGS}", "en")
# What a German block of strings.yml would say (the edition comes later): separators, scales, qualifiers.
GERMAN = {
    **WORDS,
    "number_decimal": ",",
    "number_thousands": ".",
    "scale_thousand": "{value} Tsd.",
    "scale_million": "{value} Mio.",
    "scale_billion": "{value} Mrd.",
    "scale_trillion": "{value} Bio.",
    "unit_percent": "{value} %",
    "qualifier_nearly": "fast {value}",
    "text_more_than": "mehr als {value}",
    "text_about": "etwa {value}",
    "text_at_least": "mindestens {value}",
    "not_stated": "nicht angegeben",
}
DATA = """\
sources:
  paper: {title: A paper, link: sources.md#paper}
models:
  big:
    name: Big Model 405B
    short: 405B
    family: Big
    type: dense
    params: {value: 405e9, unit: params, source: paper §1}
    tokens: {value: 15.6e12, unit: tokens, source: paper §1}
    compute: {value: 3.8e25, unit: flops, source: paper §1}
    gpu_hours: {value: 30.84e6, unit: gpu_hours, source: paper}
    context: {value: 128e3, unit: tokens_ctx, source: paper}
    vocab: {value: 128000, unit: count, source: paper}
    peak_lr: {value: 8e-5, unit: lr, source: paper}
    released: {text: "July 23, 2024", source: paper}
  small:
    name: Small Model 8B
    short: 8B
    family: Small
    type: dense
    params: {value: 8e9, unit: params, source: paper §1}
    tokens: {value: 15e12, unit: tokens, qualifier: more than, source: paper §2}
    compute: {value: null}
    gpu_hours: {value: null}
    context: {value: 128e3, unit: tokens_ctx, source: paper}
facts:
  run:
    name: The run
    gpus: {value: 16384, unit: count, qualifier: up to, source: paper}
    mfu: {value: 38, unit: percent, source: paper}
    share: {value: 58.7, unit: percent, source: paper}
    alpha: {value: 0.537, unit: number, source: paper}
    kv_heads: {value: 8, unit: count, source: paper}
    bf16_gpus: {value: 16, unit: count, source: paper}
  fit:
    name: Meta's scaling law for Big
    params_min: {value: 40e6, unit: params, source: paper}
tables:
  t:
    rows:
      - [Tokens, "{big.tokens}, {small.tokens}"]
      - [GPUs, "{run.gpus}"]
      - [Compute, "{big.compute}"]
"""


@pytest.fixture(scope="module")
def numbers():
    return kndata.parse(DATA, "docs/data/models.yml", WORDS)


def written(line: str, numbers) -> str:
    text, problems = write(line, numbers, {"numbers", "chart"})
    assert problems == [], problems
    return text


# --- What a marker writes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marker", "shown"),
    [
        ("[[fig: big.tokens]]", "15.6T"),
        ("[[fig: big.params]]", "405B"),
        ("[[fig: small.tokens]]", "more than 15T"),  # a qualifier reads as words in a sentence
        ("[[fig: small.tokens, short]]", "15T+"),  # ... and as the tables write it on request
        ("[[fig: big.compute]]", "3.8 × 10²⁵ FLOPs"),
        ("[[fig: big.compute, number]]", "3.8 × 10²⁵"),
        ("[[fig: small.tokens, bare]]", "15T"),  # for arithmetic: no qualifier, no unit word
        ("[[fig: big.compute, bare]]", "3.8 × 10²⁵"),
        ("[[fig: small.tokens_per_param, bare]]", "1,875"),
        ("[[fig: big.gpu_hours]]", "30.84M"),
        ("[[fig: big.context]]", "128K"),
        ("[[fig: big.vocab]]", "128,000"),
        ("[[fig: big.vocab, K]]", "128K"),
        ("[[fig: run.gpus, K]]", "up to 16.384K"),  # a scale never rounds
        ("[[fig: big.gpu_hours, K]]", "30,840K"),
        ("[[fig: big.peak_lr]]", "8 × 10⁻⁵"),
        ("[[fig: run.gpus]]", "up to 16,384"),
        ("[[fig: run.mfu]]", "38%"),
        ("[[fig: run.mfu, number]]", "38"),
        ("[[fig: run.alpha]]", "0.537"),
        ("[[fig: big.released]]", "July 23, 2024"),
        ("[[fig: small.tokens_per_param]]", "at least 1,875"),  # computed: tokens ÷ parameters
        ("[[fig: small.tokens_per_param, short]]", "≥1,875"),
        ("[[fig: big.tokens_per_param]]", "about 39"),
        ("[[fig: big.active_params]]", "405B"),  # a dense model uses all of them
        ("[[fig: small.compute, not-stated]]", "not stated"),
        ("[[ fig : big.tokens ,short ]]", "15.6T"),  # spaces are free
    ],
)
def test_a_marker_writes_the_figure(numbers, marker, shown):
    assert written(f"On {marker} tokens.", numbers) == f"On {shown} tokens."


def test_markers_in_a_line_of_running_text_but_not_in_code(numbers):
    line = "The [[fig: big.params]] model saw [[fig: big.tokens]] tokens; write `[[fig: big.tokens]]` to say so."
    assert written(line, numbers) == "The 405B model saw 15.6T tokens; write `[[fig: big.tokens]]` to say so."
    assert written("[[fig: big.tokens]] tokens.", numbers) == "15.6T tokens."
    assert written("No marker [[here]] or [link][ref].", numbers) == "No marker [[here]] or [link][ref]."


def test_short_form_is_what_the_table_shows(numbers):
    """`short` gives exactly the key-number table's text of every figure; the default differs only in the qualifier."""
    for sid, subject in numbers.subjects.items():
        for name, figure in subject.figures.items():
            if figure.stated and figure.unit != "text":
                assert written(f"[[fig: {sid}.{name}, short]]", numbers) == figure.display()


@pytest.mark.parametrize(
    ("marker", "problem"),
    [
        (
            "[[fig: bog.tokens]]",
            "[[fig: bog.tokens]]: no subject 'bog' in docs/data/models.yml; fix: did you mean 'big'?",
        ),
        (
            "[[fig: big.token]]",
            "[[fig: big.token]]: big has no figure 'token' in docs/data/models.yml; fix: did you mean 'tokens'? "
            "its figures: params, tokens, compute, gpu_hours, context, vocab, peak_lr, released, tokens_per_param, "
            "active_params",
        ),
        ("[[fig: big]]", "[[fig: big]] names no field of big; fix: add one after a dot, like [[fig: big.params]]"),
        (
            "[[fig: big.tokens, shrot]]",
            "[[fig: big.tokens, shrot]]: unknown option 'shrot'; fix: did you mean 'short'?",
        ),
        (
            "[[fig: big.tokens short]]",
            "[[fig: big.tokens short]] does not name a figure as SUBJECT.FIELD; "
            "fix: write it like [[fig: llama31-405b.tokens]], options after a comma",
        ),
        ("[[fig: big.tokens, K, M]]", "[[fig: big.tokens, K, M]]: more than one scale (K, M); fix: keep one"),
        ("[[fig: big.compute, K]]", "[[fig: big.compute, K]]: big.compute is not written with K, M, B or T"),
        (
            "[[fig: big.released, number]]",
            "[[fig: big.released, number]]: big.released is words, not a number; fix: remove the option(s)",
        ),
        (
            "[[fig: small.compute]]",
            "[[fig: small.compute]]: docs/data/models.yml gives no value for small.compute (value: null, line 24), so "
            'the text would say "not stated"; fix: add the value with its source, write the sentence without it, '
            "or write [[fig: small.compute, not-stated]] to say so on purpose",
        ),
        (
            "[[fig: big.tokens, not-stated]]",
            "[[fig: big.tokens, not-stated]]: big.tokens has a value; fix: remove the option 'not-stated'",
        ),
        ("[[figure: big.tokens]]", "[[figure: big.tokens]] is not a figure marker; fix: write it like [[fig: "),
        ("[[Fig: big.tokens]]", "[[Fig: big.tokens]] is not a figure marker"),
        ("[[fig big.tokens]]", "[[fig big.tokens]] is not a figure marker"),
        ("[[numbers: t]]", "[[numbers: t]]: a [[numbers: ...]] marker stands on a line of its own; fix: move it there"),
    ],
)
def test_a_marker_that_cannot_be_written_is_a_problem_and_stays(numbers, marker, problem):
    line = f"On {marker} tokens."
    text, problems = write(line, numbers, {"numbers", "chart"})
    assert text == line
    assert len(problems) == 1, problems
    assert problems[0].startswith(problem), problems[0]


def test_the_marker_is_recognised_by_other_checks():
    assert starts_with_figure("[[fig: big.tokens]] tokens were used.")
    assert starts_with_figure("  [[fig: nope]]")  # malformed, but a figure marker: its own check says why
    assert starts_with_figure("[[figure: big.tokens]] tokens.")  # misspelt: `write` reports it
    assert starts_with_figure("[[fig big.tokens]]")
    assert not starts_with_figure("[[numbers: t]]")
    assert not starts_with_figure("[[numbrs: t]]")  # a block marker's misspelling is the line check's
    assert not starts_with_figure("Text [[fig: big.tokens]]")
    assert [m["body"] for m in MARKER.finditer("a [[fig: x.y]] b [[fig:z.w, short]]")] == [" x.y", "z.w, short"]


# --- Numbers in the site's language --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("literal", "unit", "qualifier", "english", "german"),
    [
        ("15.6e12", "tokens", None, "15.6T", "15,6 Bio."),
        ("15e12", "tokens", "more than", "more than 15T", "mehr als 15 Bio."),
        ("40e12", "tokens", "about", "about 40T", "etwa 40 Bio."),
        ("405e9", "params", None, "405B", "405 Mrd."),
        ("30.84e6", "gpu_hours", None, "30.84M", "30,84 Mio."),
        ("128e3", "tokens_ctx", None, "128K", "128 Tsd."),
        ("16384", "count", None, "16,384", "16.384"),
        ("184320", "gpu_hours", None, "184,320", "184.320"),
        ("3.8e25", "flops", None, "3.8 × 10²⁵ FLOPs", "3,8 × 10²⁵ FLOPs"),
        ("1e22", "flops", None, "10²² FLOPs", "10²² FLOPs"),
        ("58.7", "percent", None, "58.7%", "58,7 %"),
        ("0.537", "number", None, "0.537", "0,537"),
        ("1.5e-4", "lr", None, "1.5 × 10⁻⁴", "1,5 × 10⁻⁴"),
    ],
)
def test_numbers_follow_the_language_of_the_site(literal, unit, qualifier, english, german):
    for words, shown in ((WORDS, english), (GERMAN, german)):
        assert qualify(format_value(float(literal), unit, literal, words), qualifier, words, in_text=True) == shown


def test_tables_keep_their_short_qualifiers_and_ratios_their_marks_in_any_language():
    assert qualify(format_value(2e12, "params", "2e12", GERMAN), "nearly", GERMAN) == "fast 2 Bio."
    assert format_ratio(1875.0, True, False, GERMAN) == "≥1.875"
    assert format_ratio(1875.0, True, False, GERMAN, in_text=True) == "mindestens 1.875"
    assert format_ratio(38.52, False, True, WORDS) == "≈39"
    assert format_ratio(2.5, False, True, GERMAN) == "≈2,5"


def test_chart_ticks_follow_the_language_of_the_site():
    german = {key: GERMAN[key] for key in NUMBER_WORDS}
    english = {key: WORDS[key] for key in NUMBER_WORDS}
    assert [si(v, english) for v in (1e12, 2.5e9, 1e6, 1e3, 0.5)] == ["1T", "2.5B", "1M", "1K", "0.5"]
    assert [si(v, german) for v in (1e12, 2.5e9, 1e6, 1e3, 0.5)] == ["1 Bio.", "2,5 Mrd.", "1 Mio.", "1 Tsd.", "0,5"]
    chart = number_words(Chart("c", "Title", "Text", [], [], []), kndata.parse(DATA, "docs/data/models.yml", GERMAN))
    assert chart.numbers == german


def test_a_language_without_the_number_words_is_told_which_to_add():
    english_only = {key: value for key, value in WORDS.items() if key != "number_thousands"}
    with pytest.raises(KeyError, match=r"strings\.yml has no 'number_thousands' for the site language"):
        format_value(16384.0, "count", "16384", english_only)


# --- In a build and in sitecheck ------------------------------------------------------------------------

PAGE = """\
# Home

The big model saw [[fig: big.tokens]] tokens, the small one [[fig: small.tokens]] ([[fig: small.tokens, short]]).

[[numbers: t]]
"""
SOURCES = "# Sources\n\n## Paper {#paper}\n\nText.\n"


def project_with(tmp_path, page: str):
    project = make_site(
        tmp_path,
        {"index.md": page, "sources.md": SOURCES},
        markdown_extensions=["tables", "attr_list", "md_in_html", "toc"],
    )
    (project / "docs/data/models.yml").write_text(DATA, encoding="utf-8")
    return project


def test_a_build_writes_the_marker_as_the_table_writes_the_figure(tmp_path):
    built = run_build(project_with(tmp_path, PAGE))
    assert built.ok, built.log
    home = built.page("index.html")
    assert "The big model saw 15.6T tokens, the small one more than 15T (15T+)." in home
    assert "<td>15.6T, 15T+</td>" in home
    assert "[[fig" not in home


def test_a_wrong_marker_fails_the_build_and_sitecheck_with_its_line(tmp_path):
    page = PAGE.replace("[[fig: small.tokens]]", "[[fig: smal.tokens]]").replace(
        "[[fig: big.tokens]]", "[[fig: big.compute, K]]"
    )
    project = project_with(tmp_path, "---\ndescription: a page\n---\n" + page)
    expected = [
        "docs/index.md:6: [[fig: big.compute, K]]: big.compute is not written with K, M, B or T; fix: remove 'K' "
        "(scales apply to figures in params, tokens, tokens_ctx, gpu_hours, count)",
        "docs/index.md:6: [[fig: smal.tokens]]: no subject 'smal' in docs/data/models.yml; fix: did you mean 'small'?",
    ]
    assert check_project(project / "mkdocs.yml") == expected
    built = run_build(project)
    assert not built.ok
    for problem in expected:
        assert f"WARNING: charts: {problem}" in built.log


# --- Figures typed by hand (core.datapages.handtyped) ------------------------------------------------------


def typed(page: str, numbers) -> list[tuple[int, str, tuple[str, ...]]]:
    return [(found.line, found.typed, found.figures) for found in hand_typed(page, numbers)]


def test_a_planted_hand_typed_figure_is_found_at_its_line(numbers):
    page = "---\ndescription: A page.\n---\n# Title\n\nIntro.\n\nThe Big Model saw 15.6T tokens.\n"
    assert typed(page, numbers) == [(8, "15.6T", ("big.tokens",))]
    assert typed(page.replace("15.6T", "[[fig: big.tokens]]"), numbers) == []


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Trained on 3.8 × 10²⁵ FLOPs of compute.", [("3.8 × 10²⁵", ("big.compute",))]),
        ("It took 30.84M GPU-hours.", [("30.84M", ("big.gpu_hours",))]),
        ("A run on up to 16,384 GPUs.", [("16,384", ("run.gpus",))]),
        ("The run reached 38% MFU.", [("38%", ("run.mfu",))]),
        ("A 128K-token vocabulary.", [("128K", ("big.vocab",))]),  # as [[fig: big.vocab, K]] writes it
        ("It saw 1,875 tokens per parameter.", [("1,875", ("small.tokens_per_param",))]),
        ("GQA with 8 key/value heads.", [("8", ("run.kv_heads",))]),  # small, but its field is named
        ("The Big Model has 405B parameters.", [("405B", ("big.params",))]),
        ("All three saw more than 15T tokens.", [("15T", ("small.tokens",))]),
        ("In BF16 it is served on 16 GPUs.", [("16", ("run.bf16_gpus",))]),
        ('The card\'s "words", and 15.6T tokens.', [("15.6T", ("big.tokens",))]),  # a quotation hides only itself
    ],
)
def test_figures_typed_in_running_text_are_found(numbers, line, found):
    assert typed(f"# T\n\n{line}\n", numbers) == [(3, *item) for item in found]


@pytest.mark.parametrize(
    "page",
    [
        "# Why 405B parameters and 15.6T tokens\n",  # a heading: its anchor must not move
        '# T\n\n!!! note "On 15.6T tokens"\n',  # a box's title
        "# T\n\nText.[^a]\n\n[^a]: Paper, Table 2: 15.6T tokens.\n",  # a footnote cites
        "# T\n\nRun `train --tokens 15.6T` here.\n",
        "# T\n\n```\ntokens = 15.6T\n```\n",
        "# T\n\n<!-- index: Tokens; 15.6T -->\n",
        "# T\n\nSee [the tokens](page.md#on-15.6T).\n",
        "---\ndescription: Trained on 15.6T tokens.\n---\n# T\n",  # no marker is expanded in front matter
        "# T\n\nThe 405B saw many tokens, as did the Big 405B.\n",  # a model's size as its name
        "# T\n\nSequences of 16,384 tokens.\n",  # equals run.gpus, but the line is not about GPUs
        "# T\n\nIt has 8 layers and 38 tokens.\n",  # small numbers whose field the line does not name
        "# T\n\nEach of the 8 GPUs has its memory, and the model has key/value heads.\n",  # "heads" is too far
        "# T\n\nLlama 2 and GPT-4 in Table 8, at level 8 heads.\n",  # versions and places
        "# T\n\n[[numbers: t]]\n",
        '# T\n\nThe card lists "over 15.6T tokens" of text, and “15.6T tokens” too.\n',  # a source's own words
        "# T\n\nIn BF16, the 16-bit number format, each weight takes two bytes.\n",  # "BF16" names no count of 16
        "# T\n\nFor Meta, the rate fell to zero over the last 40M tokens.\n",  # "Meta", "for" name no subject
    ],
)
def test_what_is_not_running_text_or_not_a_figure_is_left_alone(numbers, page):
    assert typed(page, numbers) == []


def test_a_table_row_is_read_with_its_header(numbers):
    page = "# T\n\n| GPUs | MFU |\n|---|---|\n| 16,384 | 38% |\n\nAfter the table, 16,384 tokens.\n"
    assert typed(page, numbers) == [(5, "16,384", ("run.gpus",)), (5, "38%", ("run.mfu",))]


def test_the_message_names_the_line_the_figure_and_the_marker():
    found = HandTyped(12, "16,384", ("run.gpus", "big.model_dim"))
    assert found.message("a.md") == (
        "docs/a.md:12: 16,384 is typed by hand, and models.yml holds it as run.gpus (or big.model_dim); "
        "fix: write [[fig: run.gpus]]"
    )


# --- ... in the glossary's `long:` texts (core.datapages.handtyped.glossary_hand_typed) ---------------------

GLOSSARY = """\
terms:
  - term: Pre-training
    short: >-
      Training on 15.6T tokens, in the tooltip's plain text.
    long: |
      The Big Model read its [data](data.md) once, and the tokens it saw came to
      15.6T in all; the run took 30.84M GPU-hours.
    source: paper
  - term: Vocabulary
    long: |
      The words of its vocabulary.

      All of 128,000 entries, and 15.6T tokens.
    short: The words.
    source: paper
  - term: Vocabulary size
    short: Its size.
    long: "A vocabulary of 128,000 entries."
    source: paper
"""


def glossary_typed(source: str, numbers) -> list[tuple[int, str, tuple[str, ...]]]:
    return [(found.line, found.typed, found.figures) for found in glossary_hand_typed(source, numbers)]


def test_a_planted_figure_in_a_glossary_long_text_is_found_at_the_line_of_the_file(numbers):
    # "tokens" on the line above names 15.6T on line 7: a `long:` text is one paragraph of the glossary page (and
    # the link target before it, left out of the words, keeps its place in the text).
    # The `short:` is not read (the tooltip is plain text, where no marker is written).
    assert glossary_typed(GLOSSARY, numbers) == [
        (7, "15.6T", ("big.tokens",)),
        (7, "30.84M", ("big.gpu_hours",)),
        (13, "15.6T", ("big.tokens",)),  # after a blank line of the text
        (18, "128,000", ("big.vocab",)),  # a `long:` that is no `|` block: at its key's line
    ]
    fixed = GLOSSARY.replace("15.6T in", "[[fig: big.tokens]] in").replace("and 15.6T", "and [[fig: big.tokens]]")
    fixed = fixed.replace("30.84M", "[[fig: big.gpu_hours]]")
    assert glossary_typed(fixed, numbers) == [(18, "128,000", ("big.vocab",))]


def test_a_blank_line_parts_the_paragraphs_of_a_glossary_long_text(numbers):
    # Parted from "vocabulary" by a blank line, 128,000 on line 13 is not found (above); in one paragraph it is.
    joined = GLOSSARY.replace("vocabulary.\n\n", "vocabulary.\n")
    assert glossary_typed(joined, numbers)[2:] == [
        (12, "128,000", ("big.vocab",)),
        (12, "15.6T", ("big.tokens",)),
        (17, "128,000", ("big.vocab",)),
    ]

"""The mistakes an editor typically makes: each fails the strict build with ONE clear message
that names the file, the line where there is one, and the fix (adapters.mkdocs_plugin)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from core.datapages.cite import check_source_links
from core.datapages.data import parse
from core.sourcefile import SourceError
from support.sites import HOOK, MINI_GLOSSARY, make_site, run_build

HOOKS = [HOOK]
NAV = ["index.md", "other.md", "bad.md", "glossary.md", "book-index.md"]
GOOD = {
    "index.md": "# Home\n\nA [good link](other.md#present).\n",
    "other.md": "# Other page\n\n## Present\n\nText.\n\n## Second part {#second}\n\nMore text.\n",
}


def build_with(bad_page: str | None, glossary: str = MINI_GLOSSARY, tmp_path=None, **config):
    pages = dict(GOOD, **({"bad.md": bad_page} if bad_page is not None else {}))
    config.setdefault("nav", NAV if bad_page is not None else NAV[:2] + NAV[3:])
    return run_build(make_site(tmp_path, pages, glossary, hooks=HOOKS, **config))


def line_in(path: Path, text: str) -> int:
    """The line of a file the test generated (mkdocs.yml, glossary.yml) that holds text: asked, not hard-coded."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def mkdocs_yml(tmp_path: Path) -> Path:
    return tmp_path / "project/mkdocs.yml"


def warnings(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR", "ABORT"))]


def test_a_correct_site_builds_without_a_word(tmp_path):
    built = build_with("# Bad\n\nA claim.[^a]\n\n[^a]: A source.\n", tmp_path=tmp_path)
    assert built.ok, built.log
    assert warnings(built.log) == []


def test_misspelled_page_link(tmp_path):
    built = build_with("# Bad\n\nIntro.\n\nSee the [other page](othr.md).\n", tmp_path=tmp_path)
    assert not built.ok
    assert warnings(built.log)[:-1] == [
        "WARNING: docs/bad.md:5: link 'othr.md' points to docs/othr.md, which does not exist; "
        "fix: did you mean 'other.md'?"
    ]


def test_missing_anchor(tmp_path):
    built = build_with("# Bad\n\nText.\n\nA [link](other.md#presnt).\n", tmp_path=tmp_path)
    assert not built.ok
    assert warnings(built.log)[:-1] == [
        "WARNING: docs/bad.md:5: link 'other.md#presnt' points to the anchor '#presnt', which docs/other.md "
        "does not have; fix: did you mean '#present'? The anchors of docs/other.md: #other-page, #present, #second"
    ]


def test_unknown_term(tmp_path):
    built = build_with("# Bad\n\nSome text.\n\nSee [this](term:Nonexistent).\n", tmp_path=tmp_path)
    assert not built.ok
    assert warnings(built.log)[:-1] == [
        "WARNING: glossary: docs/bad.md:5: unknown glossary term 'Nonexistent'; "
        "add it to docs/data/glossary.yml or fix the spelling"
    ]


def test_footnote_used_but_not_defined(tmp_path):
    page = "# Bad\n\nClaim one.[^mc31]\n\nClaim two.[^mc3]\n\n[^mc31]: Llama 3.1 model card.\n"
    built = build_with(page, tmp_path=tmp_path)
    assert not built.ok
    assert warnings(built.log)[:-1] == [
        "WARNING: checks: docs/bad.md:5: footnote [^mc3] is used but never defined; fix: add its definition, "
        "a line '[^mc3]: <primary source>' at the end of the page, or correct the label: did you mean [^mc31]?"
    ]


def test_footnote_defined_but_not_used(tmp_path):
    page = "# Bad\n\nClaim one.[^a]\n\n[^a]: Source A.\n[^b]: Source B.\n"
    built = build_with(page, tmp_path=tmp_path)
    assert not built.ok
    assert warnings(built.log)[:-1] == [  # MkDocs' own "#fnref:b" anchor warning is not repeated
        "WARNING: checks: docs/bad.md:6: footnote [^b] is defined but never used; "
        "fix: cite it with [^b] after the claim it supports, or delete the definition"
    ]


def test_footnotes_in_code_are_not_footnotes(tmp_path):
    page = "# Bad\n\nWrite `[^x]` to cite.\n\n```markdown\nA claim.[^y]\n[^z]: A source.\n```\n"
    built = build_with(page, tmp_path=tmp_path)
    assert built.ok, built.log


def test_invalid_front_matter(tmp_path):
    page = "---\nglossary: section\ndescription: Why dense: stability\n---\n# Bad\n\nText.\n"
    built = build_with(page, tmp_path=tmp_path)
    assert not built.ok
    assert warnings(built.log)[:-1] == [
        "WARNING: checks: docs/bad.md:3: front matter is not valid YAML (mapping values are not allowed here), "
        "so MkDocs ignores all of it; fix: write one 'key: value' per line, and put a value that contains ': ' "
        "or starts with a character such as [ { * & ! | > ' \" % @ ` in double quotes"
    ]


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            "---\n- glossary\n- off\n---\n# Bad\n",
            "WARNING: checks: docs/bad.md:2: front matter must be 'key: value' lines, but it holds a list, so MkDocs "
            "ignores it; fix: write one 'key: value' per line between the two --- lines",
        ),
        (
            "---\ndescription: A page.\n# Bad\n\nText.\n",
            "WARNING: checks: docs/bad.md:1: front matter opened with --- is never closed, so the page shows it as "
            "text; fix: add a line --- after its last key",
        ),
    ],
)
def test_front_matter_that_is_not_a_mapping_or_not_closed(tmp_path, page, message):
    built = build_with(page, tmp_path=tmp_path)
    assert not built.ok
    assert warnings(built.log)[:-1] == [message]


def test_duplicate_term(tmp_path):
    glossary = MINI_GLOSSARY + "  - term: grouped-query attention\n    short: Again.\n    source: Llama 3 paper\n"
    built = build_with(None, glossary=glossary, tmp_path=tmp_path)
    assert not built.ok
    line = line_in(tmp_path / "project/docs/data/glossary.yml", "- term: grouped-query attention")
    assert built.log.splitlines()[-3:] == [
        "ERROR: glossary source has errors:",
        f"docs/data/glossary.yml:{line}: term 'grouped-query attention' has the same anchor 'grouped-query-attention' "
        "as 'Grouped-query attention' (line 2); fix: if both are one term, delete the entry you added; if they are "
        "different terms, give the entry you added an anchor of its own with a line 'id: <new anchor>' under its term:",
        "ABORT: Aborted with a BuildError!",
    ]


def test_page_missing_from_navigation(tmp_path):
    built = build_with(
        "# Bad page: a draft\n\nText.\n",
        tmp_path=tmp_path,
        nav=["index.md", "other.md", "glossary.md", "book-index.md"],
    )
    assert not built.ok
    assert warnings(built.log)[:-1] == [
        "WARNING: docs/bad.md: this page is not in the navigation; fix: add a line '- \"Bad page: a draft\": bad.md' "
        f"under nav: in mkdocs.yml (line {line_in(mkdocs_yml(tmp_path), 'nav:')}), or list it under not_in_nav: "
        "if readers reach it only through links"
    ]


def test_nav_entry_that_names_no_page(tmp_path):
    built = build_with(None, tmp_path=tmp_path, nav=["index.md", "othr.md", "glossary.md", "book-index.md"])
    assert not built.ok
    assert warnings(built.log)[:-1] == [
        "WARNING: docs/other.md: this page is not in the navigation; fix: add a line '- Other page: other.md' "
        f"under nav: in mkdocs.yml (line {line_in(mkdocs_yml(tmp_path), 'nav:')}), or list it under not_in_nav: "
        "if readers reach it only through links",
        f"WARNING: mkdocs.yml:{line_in(mkdocs_yml(tmp_path), '- othr.md')}: the nav: entry 'othr.md' names no page "
        "in docs/; fix: did you mean 'other.md'?",
    ]


def test_the_same_broken_link_twice_names_each_line(tmp_path):
    built = build_with("# Bad\n\nOne [a](othr.md).\n\nTwo [b](othr.md).\n", tmp_path=tmp_path)
    lines = [w.split(": link")[0] for w in warnings(built.log)[:-1]]
    assert lines == ["WARNING: docs/bad.md:3", "WARNING: docs/bad.md:5"]


def test_rewriting_ends_with_its_build(tmp_path):
    """Two builds with the hook say each thing once; a build without it gets MkDocs' own words."""
    for run in ("first", "second"):
        built = build_with("# Bad\n\nSee [x](othr.md).\n", tmp_path=tmp_path / run)
        assert len(warnings(built.log)) == 2, built.log  # the message, then the abort
    assert not any(getattr(f, "friendly_errors", False) for f in logging.getLogger("mkdocs.structure.pages").filters)
    plain = run_build(make_site(tmp_path / "plain", dict(GOOD, **{"bad.md": "# Bad\n\nSee [x](othr.md).\n"}), hooks=[]))
    assert (
        "WARNING: Doc file 'bad.md' contains a link 'othr.md', but the target is not found among documentation files."
    ) in plain.log


# --- issue #16: the weaker messages --------------------------------------------------------------


def glossary_errors(built) -> list[str]:
    """The lines of a build aborted by the glossary source, after 'ERROR: glossary source has errors:'."""
    assert not built.ok
    assert "Traceback" not in built.log
    lines = built.log.splitlines()
    return lines[lines.index("ERROR: glossary source has errors:") + 1 : -1]


def test_entry_that_is_not_a_mapping_names_its_line(tmp_path):
    built = build_with(None, glossary=MINI_GLOSSARY + "  - Lonely term\n", tmp_path=tmp_path)
    assert glossary_errors(built) == [
        "docs/data/glossary.yml:19: every entry under 'terms:' must be a mapping of keys, but this one is a string "
        "('Lonely term'); fix: start the entry with '- term: NAME' and indent its other keys under 'term:'"
    ]


def test_term_name_that_is_not_text(tmp_path):
    glossary = MINI_GLOSSARY + "  - term: [Alpha, Beta]\n    short: Two names.\n    source: A paper\n"
    built = build_with(None, glossary=glossary, tmp_path=tmp_path)
    assert glossary_errors(built) == [
        "docs/data/glossary.yml:19: 'term:' must be text, but it is a list (['Alpha', 'Beta']); fix: write one name "
        "or sentence, in quotes if it is a number or starts with [ { or -; other names go under aliases:, "
        "abbreviations under abbr:"
    ]


def test_unclosed_quote_names_the_line_where_it_opened(tmp_path):
    glossary = MINI_GLOSSARY.replace("short: A layer that routes", 'short: "A layer that routes')
    built = build_with(None, glossary=glossary, tmp_path=tmp_path)
    assert glossary_errors(built) == [
        'docs/data/glossary.yml:10: malformed YAML: the value quoted with " on this line is not closed on it '
        "(the parser gave up on line 19: found unexpected end of stream (while scanning a quoted scalar that starts "
        'on line 10)); fix: end the value with " and write \\" for each " inside it, or write it without quotes'
    ]


def test_missing_glossary_file(tmp_path):
    project = make_site(tmp_path, GOOD, hooks=HOOKS, nav=NAV[:2] + NAV[3:])
    (project / "docs/data/glossary.yml").unlink()
    assert glossary_errors(run_build(project)) == [
        "docs/data/glossary.yml: the glossary file does not exist; fix: create it (the format is in CONTRIBUTING.md), "
        "or set extra.glossary.source in mkdocs.yml to its path relative to docs/"
    ]


def test_missing_strings_file(tmp_path):
    project = make_site(tmp_path, GOOD, hooks=HOOKS, nav=NAV[:2] + NAV[3:])
    (project / "docs/data/strings.yml").unlink()
    built = run_build(project)
    assert not built.ok
    assert "Traceback" not in built.log
    assert built.log.splitlines()[-2:] == [
        "ERROR: docs/data/strings.yml: the file of the words the hooks put on the site does not exist; fix: restore "
        "it from the project's repository (one block per language, e.g. 'en:')",
        "ABORT: Aborted with a BuildError!",
    ]


def test_malformed_strings_file(tmp_path):
    project = make_site(tmp_path, GOOD, hooks=HOOKS, nav=NAV[:2] + NAV[3:])
    strings = project / "docs/data/strings.yml"
    strings.write_text(strings.read_text().replace("also: Also", "also: 'Also"))
    built = run_build(project)
    assert not built.ok
    assert "Traceback" not in built.log
    assert (
        "ERROR: docs/data/strings.yml has errors:\ndocs/data/strings.yml:14: malformed YAML: the value quoted "
        "with ' on this line is not closed on it" in built.log
    )


def test_unknown_front_matter_mode_names_its_line(tmp_path):
    built = build_with("---\ndescription: A page.\nglossary: yes\n---\n# Bad\n\nText.\n", tmp_path=tmp_path)
    assert not built.ok
    assert warnings(built.log)[:-1] == [
        "WARNING: glossary: docs/bad.md:3: front matter 'glossary: yes' must be one of page, section, off; fix: write "
        "'glossary: page' (link each term once per page), 'glossary: section' (once per section) or "
        "'glossary: off' (no links)"
    ]


def test_unknown_url_encoded_term_shows_the_decoded_name(tmp_path):
    built = build_with("# Bad\n\nSome text.\n\nSee [this](term:No%20Such%20Term).\n", tmp_path=tmp_path)
    assert not built.ok
    assert warnings(built.log)[:-1] == [
        "WARNING: glossary: docs/bad.md:5: unknown glossary term 'No Such Term'; "
        "add it to docs/data/glossary.yml or fix the spelling"
    ]


def test_missing_anchor_without_a_close_match(tmp_path):
    built = build_with("# Bad\n\nText.\n\nA [link](other.md#zzzz).\n", tmp_path=tmp_path)
    assert not built.ok
    assert warnings(built.log)[:-1] == [
        "WARNING: docs/bad.md:5: link 'other.md#zzzz' points to the anchor '#zzzz', which docs/other.md does not "
        "have; fix: link to one of its headings. The anchors of docs/other.md: #other-page, #present, #second"
    ]


# --- issue #28: a fix in every message -------------------------------------------------------------


def test_misspelled_term_link_gets_a_did_you_mean(tmp_path):
    built = build_with("# Bad\n\nSome text.\n\nSee [this](term:grouped-query-atention).\n", tmp_path=tmp_path)
    assert not built.ok
    assert warnings(built.log)[:-1] == [
        "WARNING: glossary: docs/bad.md:5: unknown glossary term 'grouped-query-atention'; fix: did you mean "
        "'term:grouped-query-attention'? (a new term goes into docs/data/glossary.yml)"
    ]


def test_misspelled_abbreviation_in_a_term_link_suggests_the_abbreviation(tmp_path):
    built = build_with("# Bad\n\nSee [this](term:MeE).\n", tmp_path=tmp_path)
    assert warnings(built.log)[:-1] == [
        "WARNING: glossary: docs/bad.md:3: unknown glossary term 'MeE'; fix: did you mean 'term:MoE'? "
        "(a new term goes into docs/data/glossary.yml)"
    ]


ENTRY = "  - term: Rotary embedding\n    short: Positions as rotations.\n    source: RoFormer paper\n"


@pytest.mark.parametrize(
    ("entry", "planted", "message"),
    [
        (
            ENTRY.replace("    source:", "     source:"),
            "     source: RoFormer",
            "'source:' is indented further than 'short:' on line {above}, so YAML reads it as part of that value; "
            "fix: indent it as far as 'short:' (4 spaces)",
        ),
        (
            ENTRY.replace("    source:", "   source:"),
            "   source: RoFormer",
            "this line is inside the list that starts on line 2 but does not start with '- '; fix: if it belongs to "
            "the entry above, indent it by 4 spaces, as that entry's other keys; if it starts a new entry, begin it "
            "with '- ' at 2 spaces",
        ),
        (
            ENTRY.replace("  - term:", "  term:"),
            "  term: Rotary",
            "this line is inside the list that starts on line 2 but does not start with '- '; fix: to start a new "
            "entry, write it as '  - term: Rotary embedding'",
        ),
        (
            ENTRY.replace("Positions as rotations.", "Positions: as rotations."),
            "Positions: as",
            "the value of 'short' holds ': ', which YAML reads as the start of another key; fix: put the whole value "
            'in double quotes: short: "Positions: as rotations."',
        ),
        (
            ENTRY.replace("    short:", "\tshort:"),
            "\tshort:",
            "this line is indented with a tab, and YAML allows only spaces there; fix: replace the tab with spaces, "
            "as many as the lines around it use",
        ),
        (
            ENTRY.replace("Positions as rotations.", "[RoPE] encodes positions as rotations."),
            "[RoPE]",
            "the value of 'short' starts with [, so YAML reads only up to its closing bracket or quote and stops at "
            'the text after it; fix: put the whole value in double quotes: short: "[RoPE] encodes positions as '
            'rotations."',
        ),
        (
            ENTRY.replace("Positions as rotations.", "Positions as\n  rotations."),
            "  rotations.",
            "this line has no 'key:'; fix: if it continues the value of 'short' (line {above}), indent it further "
            "than 'short:'; if it is a key of its own, add ':' after it",
        ),
        (
            ENTRY + "    abbr: [RoPE, RE\n",
            "abbr: [RoPE",
            "the […] on this line is not closed, or a value in it holds ': ', ',' or ' #' (YAML gave up on line "
            '{below}); fix: end it with ] on this line, and put such a value in double quotes: ["Foo: a, b", ...]',
        ),
    ],
    ids=[
        "indented-too-far",
        "indented-too-little",
        "missing-dash",
        "colon-in-value",
        "tab",
        "bracket",
        "continued",
        "unclosed-list",
    ],
)
def test_yaml_syntax_errors_say_what_to_do(tmp_path, entry, planted, message):
    built = build_with(None, glossary=MINI_GLOSSARY + entry, tmp_path=tmp_path)
    line = line_in(tmp_path / "project/docs/data/glossary.yml", planted)
    expected = message.format(above=line - 1, below=line + 1)
    assert glossary_errors(built) == [f"docs/data/glossary.yml:{line}: malformed YAML: {expected}"]


def test_a_typo_in_a_sources_link_names_its_line_in_models_yml(tmp_path):
    """Before, only the pages that cite the source said so, with no line and no word of models.yml."""
    models = (
        "sources:\n"
        "  paper: {title: A paper, link: sources.md#paper}\n"
        "  wsj: {title: The Wall Street Journal, link: sources.md#press-reprots}\n"
        "facts:\n"
        "  news:\n"
        "    name: News\n"
        "    delay: {value: 2, unit: count, source: wsj May 15}\n"
        "tables:\n"
        "  news:\n"
        "    rows:\n"
        '      - [Delay, "{news.delay}"]\n'
    )
    pages = {
        "index.md": "# Home\n\n[[numbers: news]]\n",
        "sources.md": "# Sources\n\n## A paper {#paper}\n\nText.\n\n## Press reports\n\nText.\n",
    }
    project = make_site(tmp_path, pages, hooks=HOOKS, nav=["index.md", "sources.md", "glossary.md", "book-index.md"])
    (project / "docs/data/models.yml").write_text(models, encoding="utf-8")
    built = run_build(project)
    assert not built.ok
    assert warnings(built.log)[:-1] == [
        "WARNING: charts: docs/data/models.yml:3: source 'wsj': link 'sources.md#press-reprots': docs/sources.md "
        "has no anchor '#press-reprots'; fix: did you mean 'press-reports'?",
        "WARNING: docs/index.md: link 'sources.md#press-reprots' (not in the page's text: a [[…]] marker or a hook "
        "writes it from a file in docs/data/) points to the anchor '#press-reprots', which docs/sources.md does "
        "not have; fix: did you mean '#press-reports'? The anchors of docs/sources.md: #sources, #paper, "
        "#press-reports",
    ]


def test_a_see_also_that_names_no_term_gets_a_did_you_mean(tmp_path):
    glossary = MINI_GLOSSARY.replace("see_also: [Mixture of experts]", "see_also: [Mixture of expert]")
    built = build_with(None, glossary=glossary, tmp_path=tmp_path)
    assert glossary_errors(built) == [
        "docs/data/glossary.yml:2: term 'Grouped-query attention': see-also 'Mixture of expert' is not a known term; "
        "fix: did you mean 'Mixture of experts'?"
    ]


def test_a_sources_link_to_a_near_miss_page_or_a_written_id():
    """A page name one letter off is a typo; an id given by an attribute list or HTML is an anchor too; a
    page the site does not have at all is left to the pages that show the link."""
    models = (
        "sources:\n"
        "  a: {title: A, link: sorces.md#paper}\n"
        "  b: {title: B, link: sources.md#box}\n"
        "  c: {title: C, link: sources.md#note}\n"
        "  d: {title: D, link: elsewhere.md#x}\n"
    )
    data = parse(models, "docs/data/models.yml")
    text = '# Sources\n\n## Paper\n\nA box.\n{: #box }\n\n<p id="note">A note.</p>\n'
    anchors = {"sources.md": {"sources": "Sources", "paper": "Paper"}}  # its headings' ids, as the toc makes them
    assert check_source_links(data, anchors, {"sources.md": text}) == [
        "docs/data/models.yml:2: source 'a': link 'sorces.md#paper': there is no page docs/sorces.md; fix: did you "
        "mean 'sources.md'?"
    ]


MODELS = (
    "sources:\n"
    "  paper: {title: A paper, link: https://example.org/paper}\n"
    "facts:\n"
    "  run:\n"
    "    name: The run\n"
    "    gpus: {value: 16384, unit: count, source: paper §3}\n"
    "tables:\n"
    "  run:\n"
    "    rows:\n"
    '      - [GPUs, "{run.gpus} H100"]\n'
)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "[GPUs, {run.gpus}]",
            "each row is [label, template], got ['GPUs', {'run.gpus': None}]; fix: put a template that starts with { "
            'in double quotes: - [GPUs, "{run.gpus}"]',
        ),
        ('[GPUs, "{run.gpu} H100"]', "{run.gpu} is not a known subject.field; fix: did you mean {run.gpus}?"),
        ('[GPUs, "{rum.gpus} H100"]', "{rum.gpus} is not a known subject.field; fix: did you mean {run.gpus}?"),
        (
            '[GPUs, "{run.gpus H100"]',
            "'{run.gpus H100' has a '{' or '}' that is not part of a {subject.field}; fix: close it",
        ),
    ],
    ids=["unquoted", "field", "subject", "unclosed"],
)
def test_a_table_row_says_how_to_write_its_template(row, message):
    with pytest.raises(SourceError) as failed:
        parse(MODELS.replace('[GPUs, "{run.gpus} H100"]', row), "docs/data/models.yml")
    assert failed.value.problems == [f"docs/data/models.yml:10: table 'run': {message}"]

"""The site's messages as GitHub Actions annotations (core.sitecheck.annotations): the workflow command that
puts each one on its file and line in a pull request's diff. The format, not GitHub, is tested."""

from __future__ import annotations

from core.sitecheck.annotations import github_annotations


def test_a_message_with_file_and_line_becomes_one_error_on_that_line():
    message = (
        "docs/agents.md:12: unknown glossary term 'grouped-query-atention'; fix: did you mean "
        "'term:grouped-query-attention'? (a new term goes into docs/data/glossary.yml)"
    )
    assert github_annotations([message]) == [
        "::error file=docs/agents.md,line=12,title=unknown glossary term 'grouped-query-atention'::" + message
    ]


def test_properties_and_text_are_escaped_as_github_reads_them():
    message = "docs/data/models.yml:3: value 100% of 'a, b: c'\r\nnext; fix: write it again"
    assert github_annotations([message]) == [
        "::error file=docs/data/models.yml,line=3,title=value 100%25 of 'a%2C b%3A c'::docs/data/models.yml:3: "
        "value 100%25 of 'a, b: c'",
        "::error title=next::next; fix: write it again",
    ]


def test_a_message_without_a_line_marks_the_file():
    message = "docs/draft.md: this page is not in the navigation; fix: add a line '- Draft: draft.md' under nav:"
    assert github_annotations([message]) == [
        "::error file=docs/draft.md,title=this page is not in the navigation::" + message
    ]


def test_a_heading_goes_in_front_of_each_line_it_leads():
    message = (
        "glossary source has errors:\ndocs/data/glossary.yml:4: malformed YAML: duplicate key 'term' (first on "
        "line 2); fix: delete one of the two\ndocs/data/glossary.yml:9: term 'X' has no definition"
    )
    assert github_annotations([message]) == [
        "::error file=docs/data/glossary.yml,line=4,title=malformed YAML%3A duplicate key 'term' (first on line 2)"
        "::glossary source has errors: docs/data/glossary.yml:4: malformed YAML: duplicate key 'term' (first on "
        "line 2); fix: delete one of the two",
        "::error file=docs/data/glossary.yml,line=9,title=term 'X' has no definition::glossary source has errors: "
        "docs/data/glossary.yml:9: term 'X' has no definition",
    ]


def test_a_message_that_names_no_file_is_shown_without_one():
    assert github_annotations(["extra.glossary: autolink must be one of page, section, off; got 'x'"]) == [
        "::error title=extra.glossary%3A autolink must be one of page%2C section%2C off; got 'x'::extra.glossary: "
        "autolink must be one of page, section, off; got 'x'"
    ]
    assert github_annotations(["nothing follows this heading:"]) == [
        "::error title=nothing follows this heading%3A::nothing follows this heading:"
    ]


def test_a_long_title_is_cut_but_the_text_is_whole():
    message = "docs/a.md:1: " + "word " * 40 + "; fix: shorter"
    (command,) = github_annotations([message])
    title = command.split("title=", 1)[1].split("::", 1)[0]
    assert len(title) == 120
    assert title.endswith("…")
    assert command.endswith("::" + message)

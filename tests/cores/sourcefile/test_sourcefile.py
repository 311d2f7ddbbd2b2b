"""The one YAML loader, error class and source-line finder that the glossary and the key numbers share."""

from pathlib import Path

import pytest
import yaml

from core.datapages import data as kndata
from core.sourcefile import (
    LineDict,
    LineList,
    Num,
    SourceError,
    line_at,
    line_of,
    load_strings,
    parse_yaml,
    source_line,
)
from core.termkit import model
from support import ROOT

TEXT = """\
# a comment
title: Key numbers
sizes:
  - 405e9
  - 1_000
  - 0.53
flags: [yes, off, true]
released: 2024-07-23
nothing:
quoted: "70e9"
nested:
  inner: {a: 1}
"""


def test_tree_knows_the_line_of_every_mapping_key_and_item():
    tree = parse_yaml(TEXT, "f.yml")
    assert isinstance(tree, LineDict)
    assert tree.line == 2
    assert tree.key_lines == {
        "title": 2,
        "sizes": 3,
        "flags": 7,
        "released": 8,
        "nothing": 9,
        "quoted": 10,
        "nested": 11,
    }
    sizes = tree["sizes"]
    assert isinstance(sizes, LineList)
    assert sizes.item_lines == [4, 5, 6]
    nested = tree["nested"]
    assert isinstance(nested, LineDict)
    assert nested.key_lines == {"inner": 12}
    inner = nested["inner"]
    assert isinstance(inner, LineDict)
    assert inner.line == 12


def test_scalars_numbers_keep_their_literal_dates_stay_text():
    tree = parse_yaml(TEXT, "f.yml")
    assert isinstance(tree, LineDict)
    sizes = tree["sizes"]
    assert sizes == [405e9, 1000.0, 0.53]
    assert all(isinstance(n, Num) for n in sizes)
    assert [repr(n) for n in sizes] == ["405e9", "1_000", "0.53"]
    assert tree["flags"] == [True, False, True]
    assert tree["released"] == "2024-07-23"
    assert tree["nothing"] is None
    assert tree["quoted"] == "70e9"
    assert type(tree["title"]) is str


def test_the_tree_equals_what_pyyaml_reads_apart_from_dates_and_exponents():
    """The loader reads the project's data files as PyYAML's safe loader does (dates aside)."""
    for name in ("glossary.yml", "strings.yml", "claims.yml"):
        text = (ROOT / "docs/data" / name).read_text(encoding="utf-8")
        assert parse_yaml(text, name) == yaml.safe_load(text), name


def test_empty_file_is_none():
    assert parse_yaml("# nothing here\n", "f.yml") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\nb: 2\na: 3\n", "f.yml:3: malformed YAML: duplicate key 'a' (first on line 1)"),
        ("a: [1, 2\nb: 3\n", "f.yml:1: malformed YAML: the […] on this line is not closed"),  # where it opens
        ("a: 0x1G\n", None),
        ('a: "open\nb: 2\nc: 3\n', 'f.yml:1: malformed YAML: the value quoted with " on this line is not closed on it'),
    ],
)
def test_problems_name_the_file_and_line(text, message):
    if message is None:  # not a number by YAML's rules: text
        assert parse_yaml(text, "f.yml") == {"a": "0x1G"}
        return
    with pytest.raises(SourceError) as info:
        parse_yaml(text, "f.yml")
    assert str(info.value).startswith(message)
    assert info.value.problems == [str(info.value)]


def test_one_error_class_for_every_source_file():
    with pytest.raises(SourceError, match=r"^g\.yml:1: expected a mapping"):
        model.parse_glossary("- term: A\n", "g.yml")
    with pytest.raises(SourceError, match=r"^m\.yml:1: the file is empty"):
        kndata.parse("\n", "m.yml")


def test_line_of_finds_the_first_occurrence():
    source = "one\ntwo\nthree two\n"
    assert line_of(source, "two") == 2
    assert line_of(source, "three") == 3
    assert line_of(source, "four") == 0
    assert [line_at(source, offset) for offset in (0, 3, 4, 8, 13)] == [1, 1, 2, 3, 3]


def test_source_line_counts_the_front_matter_that_the_markdown_lacks():
    source = "---\ntitle: T\n---\n# Heading\n\ntext\n[[chart: x]]\n"
    markdown = source.split("---\n", 2)[2]  # what a generator hands to extensions
    assert markdown.split("\n")[3] == "[[chart: x]]"
    assert source_line(source, markdown, 4) == 7


def test_source_line_finds_a_changed_pages_line_by_its_text():
    source = "---\ntitle: T\n---\n# Heading\n\ntext\n[[chart: x]]\n"
    changed = "# Heading\n\nother text\n  [[chart: x]]\n"  # another extension rewrote the page
    assert source_line(source, changed, 4) == 7
    assert source_line(source, changed, 3) == 3  # a line the source does not have: the line as given


def test_load_strings_reads_a_language_and_names_a_value_that_is_not_text(tmp_path: Path):
    strings = tmp_path / "strings.yml"
    strings.write_text("en:\n  yes_word: Yes\n  no_word: no\n  count: 3\n", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_strings(strings, "docs/data/strings.yml", "en")
    assert info.value.problems == [  # YAML reads Yes and no as true and false
        "docs/data/strings.yml:2: en.yes_word must be text; fix: put it in quotes",
        "docs/data/strings.yml:3: en.no_word must be text; fix: put it in quotes",
        "docs/data/strings.yml:4: en.count must be text; fix: put it in quotes",
    ]
    strings.write_text('en:\n  a: A\n  b: "no"\n', encoding="utf-8")
    assert load_strings(strings, "s.yml", "en") == {"a": "A", "b": "no"}
    with pytest.raises(SourceError, match=r"^s\.yml: no strings for the site language 'de'"):
        load_strings(strings, "s.yml", "de")

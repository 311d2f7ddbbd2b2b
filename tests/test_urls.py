"""Relative links between page URLs in both MkDocs URL styles."""

import pytest

from termkit.urls import relative_url


@pytest.mark.parametrize(
    ("target", "source", "expected"),
    [
        ("glossary/#gqa", "", "glossary/#gqa"),
        ("glossary/#gqa", "architecture/", "../glossary/#gqa"),
        ("glossary/#gqa", "topics/deep/", "../../glossary/#gqa"),
        ("", "glossary/", "../"),
        ("glossary/#gqa", "glossary/", "#gqa"),
        ("glossary/", "glossary/", "./"),
        ("glossary.html#gqa", "index.html", "glossary.html#gqa"),
        ("glossary.html#gqa", "topics/deep.html", "../glossary.html#gqa"),
        ("index.html", "glossary.html", "index.html"),
        ("glossary.html#gqa", "glossary.html", "#gqa"),
        ("topics/deep/#one", "glossary/", "../topics/deep/#one"),
    ],
)
def test_relative_url(target, source, expected):
    assert relative_url(target, source) == expected

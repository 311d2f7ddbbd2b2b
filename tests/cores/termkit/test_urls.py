"""Relative links between page URLs in both MkDocs URL styles."""

from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.termkit.urls import relative_url


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
        ("glossary.html", "glossary.html", "glossary.html"),
        ("topics/deep/#one", "glossary/", "../topics/deep/#one"),
    ],
)
def test_relative_url(target, source, expected):
    assert relative_url(target, source) == expected


# Page paths as MkDocs makes them: nested folders of simple names.
SEGMENTS = st.lists(st.sampled_from(["a", "b", "deep", "glossary", "x-y", "index"]), min_size=1, max_size=4)
FRAGMENT = st.sampled_from(["", "gqa", "moe-1", "2024"])


def directory_url(parts: list[str]) -> str:
    """MkDocs' URL with use_directory_urls: "a/b/" for a/b.md and a/b/index.md, "" for index.md."""
    folders = parts[:-1] if parts[-1] == "index" else parts
    return "/".join(folders) + "/" if folders else ""


def file_url(parts: list[str]) -> str:
    """MkDocs' URL without directory URLs: "a/b.html"."""
    return "/".join(parts) + ".html"


@given(
    target=SEGMENTS,
    source=SEGMENTS,
    fragment=FRAGMENT,
    style=st.sampled_from([directory_url, file_url]),
    base=st.sampled_from(["https://example.org/", "https://example.org/sub/path/", "file:///tmp/site/"]),
)
def test_relative_url_leads_from_any_page_to_any_page_in_both_url_styles(target, source, fragment, style, base):
    target_url, source_url = style(target), style(source)
    link = relative_url(f"{target_url}#{fragment}" if fragment else target_url, source_url)
    assert not link.startswith("/"), "relative, so the site works under any host and path"
    assert "://" not in link, "relative, so the site works under any host and path"
    resolved = urlsplit(urljoin(base + source_url, link))
    expected = urlsplit(base + target_url)
    assert (resolved.netloc, resolved.path) == (expected.netloc, expected.path)
    assert resolved.fragment == fragment

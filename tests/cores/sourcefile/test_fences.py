"""One rule for fenced code, shared by the checks, the key-number markers, the anchors and llms.txt."""

from core.sourcefile import fenced


def code_lines(text: str) -> list[int]:
    return [n for n, (_, code) in enumerate(fenced(text.split("\n")), 1) if code]


def test_a_fence_closes_at_the_same_character_at_least_as_long_with_nothing_after():
    text = "a\n````python\n```\n~~~\n```` x\n`````\nb"
    assert code_lines(text) == [2, 3, 4, 5, 6]


def test_tildes_and_indented_fences():
    assert code_lines("  ~~~\n[[chart: x]]\n  ~~~\n[[chart: y]]") == [1, 2, 3]


def test_an_unclosed_fence_runs_to_the_end():
    assert code_lines("a\n```\nb\nc") == [2, 3, 4]


def test_headings_in_code_do_not_count_before_a_marker():
    from core.datapages.cite import headings_before

    text = "## Real\n\n```md\n## In code\n[[claims]]\n```python\n```\n\n[[claims]]\n"
    assert headings_before(text, "[[claims]]") == 1
    assert headings_before("# Title\n\nNo marker.\n", "[[claims]]") is None

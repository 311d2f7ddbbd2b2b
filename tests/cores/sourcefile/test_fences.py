"""One rule for fenced code, shared by the checks, the key-number markers, the anchors and llms.txt."""

from keynumbers.fences import fenced


def code_lines(text: str) -> list[int]:
    return [n for n, (_, code) in enumerate(fenced(text.split("\n")), 1) if code]


def test_a_fence_closes_at_the_same_character_at_least_as_long_with_nothing_after():
    text = "a\n````python\n```\n~~~\n```` x\n`````\nb"
    assert code_lines(text) == [2, 3, 4, 5, 6]


def test_tildes_and_indented_fences():
    assert code_lines("  ~~~\n[[chart: x]]\n  ~~~\n[[chart: y]]") == [1, 2, 3]


def test_an_unclosed_fence_runs_to_the_end():
    assert code_lines("a\n```\nb\nc") == [2, 3, 4]


def test_markers_inside_code_are_not_expanded_and_headings_are_not_anchors():
    from keynumbers.cite import page_anchors

    anchors = page_anchors(
        "## Real\n\n```md\n## In code\n```python\n```\n", lambda text, sep: text.lower().replace(" ", sep)
    )
    assert anchors == {"real": "Real"}

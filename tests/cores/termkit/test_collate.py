"""Sorting and grouping by Unicode collation."""

from core.termkit.collate import Collation


def test_umlauts_sort_with_their_base_letter():
    words = ["Zeta", "Öl", "apple", "Äpfel", "Oil", "beta", "Über", "under"]
    assert Collation("en").sort(words, str) == ["Äpfel", "apple", "beta", "Oil", "Öl", "Über", "under", "Zeta"]


def test_groups_by_plain_initial():
    groups = Collation("en").groups(["Ähnlich", "abc", "Œuvre", "Oil", "3D", "Юла", "ürig"], str)
    assert groups == [
        ("#", ["3D"]),
        ("A", ["abc", "Ähnlich"]),
        ("O", ["Œuvre", "Oil"]),
        ("U", ["ürig"]),
        ("Ю", ["Юла"]),
    ]


def test_initial_skips_leading_punctuation_only_for_letters():
    collation = Collation("en")
    assert collation.initial("(k-NN)") == "#"
    assert collation.initial(" émigré") == "E"
    assert collation.initial("ßx") == "S"


def test_letter_groups_follow_the_locale():
    assert [letter for letter, _ in Collation("sv").groups(["Öl", "Oil", "Zeta"], str)] == ["O", "Z", "Ö"]


def test_case_breaks_ties_deterministically():
    assert Collation("en").sort(["moe", "MoE", "Moe"], str) == Collation("en").sort(["MoE", "Moe", "moe"], str)

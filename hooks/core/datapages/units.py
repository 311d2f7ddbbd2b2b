"""Units the renderer knows, and how a value in each is written on the page, in the site's language.

A value keeps the text it was written with in the data file (its literal), and the page shows
no more precision than that: `7.0e6` GPU-hours reads "7.0M", `184320` reads "184,320". Everything
else about the writing comes from strings.yml, in the site's language: the decimal and thousands
separators (`number_decimal`, `number_thousands`: "15.6T" and "16,384" in English, "15,6 Bio." and
"16.384" in German), the scale words (`scale_thousand` ... `scale_trillion`: "{value}T"), the unit
words (`unit_flops`, `unit_percent`) and the qualifiers: short in tables and charts ("15T+",
`qualifier_*`), in words in running text ("more than 15T", `text_*`).

Numbers are first written the English way, then their separators are swapped (`localize`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from core.sourcefile import say

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
LITERAL = re.compile(r"^(?P<sign>[-+]?)(?P<int>\d*)(?:\.(?P<frac>\d*))?(?:[eE](?P<exp>[-+]?\d+))?$")
# The scales of large numbers: letter (the name a [[fig: ...]] marker uses), factor, key in strings.yml.
SCALES = (
    ("T", 1e12, "scale_trillion"),
    ("B", 1e9, "scale_billion"),
    ("M", 1e6, "scale_million"),
    ("K", 1e3, "scale_thousand"),
)
DECIMAL, THOUSANDS = "number_decimal", "number_thousands"  # the separators' keys in strings.yml
NUMBER_WORDS = (DECIMAL, THOUSANDS, *(key for _letter, _factor, key in SCALES))  # all a bare number needs

# The qualifiers a figure may have, each with the keys in strings.yml of how it is written: in a table
# or chart ("15T+"), and in running text ("more than 15T").
QUALIFIERS = {
    "more than": "qualifier_more_than",
    "about": "qualifier_about",
    "nearly": "qualifier_nearly",
    "at least": "qualifier_at_least",
    "up to": "qualifier_up_to",
}
TEXT_QUALIFIERS = {
    "more than": "text_more_than",
    "about": "text_about",
    "nearly": "text_nearly",
    "at least": "text_at_least",
    "up to": "text_up_to",
}


@dataclass(frozen=True)
class Unit:
    name: str
    meaning: str
    style: str  # scaled | scientific | percent | plain | text
    words: str = ""  # the key in strings.yml of how a value in this unit is written ("{value} FLOPs"), if not bare


UNITS = {
    u.name: u
    for u in (
        Unit("params", "model parameters", "scaled"),
        Unit("tokens", "training tokens", "scaled"),
        Unit("tokens_ctx", "context length in tokens", "scaled"),
        Unit("flops", "floating-point operations", "scientific", "unit_flops"),
        Unit("gpu_hours", "GPU-hours", "scaled"),
        Unit("count", "a count of things", "scaled"),
        Unit("ratio", "a ratio, such as tokens per parameter", "scaled"),
        Unit("percent", "a percentage", "percent", "unit_percent"),
        Unit("lr", "a learning rate", "scientific"),
        Unit("number", "a plain number, written as in the source", "plain"),
        Unit("text", "words, not a number", "text"),
    )
}


def known_units() -> str:
    return ", ".join(name for name in UNITS if name != "text")


def digits_after_point(literal: str) -> int | None:
    """Decimal places of the least significant digit written, as a power of ten (None for plain integers).

    "15.6e12" -> 11 (the last digit is worth 10^11), "405e9" -> 9, "0.53" -> -2, "184320" -> None.
    """
    match = LITERAL.match(literal.replace("_", ""))
    if not match:
        return 0
    frac = match.group("frac") or ""
    exp = int(match.group("exp") or 0)
    if not frac and match.group("exp") is None:
        return None
    return exp - len(frac)


def format_value(
    value: float,
    unit: str,
    literal: str,
    words: Mapping[str, str],
    *,
    unit_word: bool = True,
    scale: str | None = None,
) -> str:
    """The value as the page shows it, with no more precision than its literal; words: the site's (strings.yml).

    unit_word False: without the unit's word ("3.8 × 10²⁵" for FLOPs, "43" for a percentage).
    scale: a letter of SCALES to write a scaled value in ("128K" for 128000), exactly: never rounded.
    """
    style = UNITS[unit].style
    if scale is not None and style != "scaled":
        raise ValueError(f"a value in {unit} has no scale")
    if style == "scaled":
        shown = _scaled(value, literal, words, scale)
    elif style == "scientific":
        shown = _scientific(value, literal, words)
    else:
        shown = localize(_plain(value, literal), words)
    return say(words, UNITS[unit].words, value=shown) if UNITS[unit].words and unit_word else shown


def qualify(text: str, qualifier: str | None, words: Mapping[str, str], *, in_text: bool = False) -> str:
    """A value with its qualifier, as strings.yml writes it: "15T+" (tables), "more than 15T" (in_text)."""
    if not qualifier:
        return text
    return say(words, (TEXT_QUALIFIERS if in_text else QUALIFIERS)[qualifier], value=text)


def format_ratio(
    value: float,
    lower_bound: bool,
    approximate: bool,
    words: Mapping[str, str],
    *,
    in_text: bool = False,
    marked: bool = True,
) -> str:
    """A computed ratio: exact ones as integers, others rounded and marked ≈ (or ≥ for lower bounds);
    in_text: the marks in words ("about 94", "at least 1,875"); marked False: the number alone."""
    exact = abs(value - round(value)) < 1e-9 * max(1.0, abs(value))
    if lower_bound:
        shown = math.floor(value + 1e-9) if value >= 10 else math.floor(value * 10 + 1e-9) / 10
        key = "text_at_least" if in_text else "ratio_at_least"
    elif exact and not approximate:
        return localize(_group(round(value)), words)
    else:
        shown = round(value) if value >= 10 else round(value, 1)
        key = "text_about" if in_text else "ratio_about"
    number = localize(_group(shown), words)
    return say(words, key, value=number) if marked else number


def localize(english: str, words: Mapping[str, str]) -> str:
    """A number written the English way ("16,384.5") with the separators of the site's language."""
    if "," not in english and "." not in english:
        return english
    separators = {",": say(words, THOUSANDS), ".": say(words, DECIMAL)}
    return "".join(separators.get(char, char) for char in english)


def scale_number(value: float, literal: str, letter: str, words: Mapping[str, str]) -> str:
    """A value written in the scale of letter ("128K"), exactly: as many decimals as its literal's precision
    needs (a literal written as a plain integer keeps every digit that is not a trailing zero)."""
    factor, key = next((factor, key) for name, factor, key in SCALES if name == letter)
    place = digits_after_point(literal)
    if place is None:  # a plain integer: every digit counts, trailing zeros do not
        digits = str(round(value)).rstrip("0") or "0"
        place = len(str(round(value))) - len(digits)
    decimals = max(0, int(math.log10(factor)) - place)
    return say(words, key, value=localize(f"{value / factor:,.{decimals}f}", words))


def _group(number: float) -> str:
    if float(number).is_integer():
        return f"{int(number):,}"
    return f"{number:,}"


def _scaled(value: float, literal: str, words: Mapping[str, str], scale: str | None = None) -> str:
    if scale is not None:
        return scale_number(value, literal, scale, words)
    place = digits_after_point(literal)
    if place is None:  # written as a plain integer: show it exactly, digits grouped
        return localize(_group(value), words)
    for _letter, factor, key in SCALES:
        if abs(value) >= factor:
            decimals = max(0, int(math.log10(factor)) - place)
            return say(words, key, value=localize(f"{value / factor:.{decimals}f}", words))
    return localize(f"{value:,.{max(0, -place)}f}", words)


def _scientific(value: float, literal: str, words: Mapping[str, str]) -> str:
    """3.8e25 -> "3.8 × 10²⁵", 1e22 -> "10²²"."""
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)) + 1e-12)
    place = digits_after_point(literal)
    decimals = max(0, exponent - place) if place is not None else 0
    mantissa = f"{value / 10**exponent:.{decimals}f}"
    power = f"10{str(exponent).translate(SUPERSCRIPT)}"
    return power if mantissa == "1" else f"{localize(mantissa, words)} × {power}"


def _plain(value: float, literal: str) -> str:
    place = digits_after_point(literal)
    if place is None or place >= 0:
        return _group(round(value))
    return f"{value:,.{-place}f}"

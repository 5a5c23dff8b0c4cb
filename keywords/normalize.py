"""Text normalisation: one table over all code points plus a map back to the input.

Every character maps to at most one character, or is deleted (separators,
invisible characters). So normalised positions map back to the original
string through the positions of the kept characters alone.
"""

from __future__ import annotations

import codecs
import functools
import unicodedata
from pathlib import Path

import numpy as np
import opencc

# Ranges worth mapping: the BMP plus the astral blocks sellers decorate with
# (mathematical letters, enclosed alphanumerics, emoji, tag characters).
_RANGES = ((0, 0xD800), (0xE000, 0x10000), (0x1D400, 0x1D800), (0x1F100, 0x1FB00), (0xE0000, 0xE01F0))
_CJK = ((0x3400, 0x4DC0), (0x4E00, 0xA000))
_SEPARATOR_CATEGORIES = {"Pc", "Pd", "Sm", "So", "Sk"}
# Ascii/CJK punctuation used as noise between characters. Sentence punctuation
# (，。！？；：) stays: it is a real boundary, and deleting it would join words.
_SEPARATOR_PUNCT = set("*/\\.·•‧・'\"#@&%`…‥〃")
_DELETED = 0xFFFFFFFF
_decode = codecs.utf_32_le_decode
_INVISIBLE = {0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800}

# When several rules changed characters of one hit, the hit reports the most
# telling one.
RULE_PRIORITY = ("lookalike", "digit", "traditional", "invisible", "separator", "width", "case")


@functools.cache
def _t2s() -> dict[str, str]:
    converter = opencc.OpenCC("t2s")
    table = {}
    for low, high in _CJK:
        for cp in range(low, high):
            char = chr(cp)
            simple = converter.convert(char)
            if simple != char and len(simple) == 1:
                table[char] = simple
    return table


def read_char_table(path: Path) -> dict[str, str]:
    """Read a two-column tab-separated data table, skipping # comments."""
    table = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("\t")
            table[key] = value
    return table


class Normalizer:
    """Maps text to the form keywords are matched in, and spans back."""

    def __init__(self, lookalikes: dict[str, str]):
        t2s = _t2s()
        self.table: dict[int, str | None] = {}
        self.char_rule: dict[str, str] = {}
        for low, high in _RANGES:
            for cp in range(low, high):
                char = chr(cp)
                target, rule = _map_char(char, t2s, lookalikes)
                if target != char:
                    self.table[cp] = target
                    self.char_rule[char] = rule
        # The same table as an array over all code points: numpy looks a whole text up at once.
        self._lookup = np.arange(0x110000, dtype=np.uint32)
        for cp, target in self.table.items():
            self._lookup[cp] = _DELETED if target is None else ord(target)

    def normalize(self, text: str) -> str:
        return text.translate(self.table)

    def normalize_located(self, text: str) -> tuple[str, np.ndarray | None]:
        """Same result as `normalize` (several times faster but on the shortest texts), and where in
        `text` each of its characters was (None when nothing was deleted)."""
        # take() gathers faster than indexing.
        codes = self._lookup.take(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32))
        # Positions wanted anyway: they select faster than a boolean mask. nonzero() and the codec's
        # own decoder skip the Python layers of np.flatnonzero and bytes.decode: small pages are many.
        kept_at = (codes != _DELETED).nonzero()[0]
        if len(kept_at) == len(codes):
            return _decode(codes.tobytes(), "surrogatepass", True)[0], None
        return _decode(codes.take(kept_at).tobytes(), "surrogatepass", True)[0], kept_at

    def normalize_char(self, char: str) -> str:
        """The normalised form of one character, "" if it is deleted."""
        return self.table.get(ord(char), char) or ""

    def rule_for(self, span: str) -> str | None:
        """The most telling normalisation rule applied inside an original span."""
        rules = {self.char_rule[c] for c in span if c in self.char_rule}
        for rule in RULE_PRIORITY:
            if rule in rules:
                return rule
        return None


def _map_char(char: str, t2s: dict[str, str], lookalikes: dict[str, str]) -> tuple[str | None, str | None]:
    category = unicodedata.category(char)
    if category in ("Cf", "Mn", "Me") or ord(char) in _INVISIBLE or 0xFE00 <= ord(char) <= 0xFE0F:
        return None, "invisible"
    rule = None
    target = char
    if category in ("Nd", "No") and not char.isascii():
        return "0", "digit"  # ③ ❸ ０ ⑩: every digit stands for any digit, as in keywords
    compat = unicodedata.normalize("NFKC", char)
    if compat != char and len(compat) == 1:
        target = compat
        rule = "width" if 0xFF00 <= ord(char) <= 0xFFEF or char == "\u3000" else "lookalike"
    name = unicodedata.name(target, "")
    if name.startswith("LATIN LETTER SMALL CAPITAL ") and len(name) == 28:
        target, rule = name[-1].lower(), rule or "lookalike"  # ᴅɪᴀɴ → dian
    decomposed = unicodedata.normalize("NFKD", target)
    if len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalpha():
        target, rule = decomposed[0], rule or "lookalike"  # pinyin tone marks: mián → mian
    if target in lookalikes:
        target, rule = lookalikes[target], rule or "lookalike"
    if target in t2s:
        target, rule = t2s[target], rule or "traditional"
    lower = target.lower()
    if lower != target and len(lower) == 1:
        target, rule = lower, rule or "case"
    if target in "123456789":
        target, rule = "0", rule or "digit"
    if target.isspace() or unicodedata.category(target) in _SEPARATOR_CATEGORIES or target in _SEPARATOR_PUNCT:
        return None, "separator"
    return target, rule

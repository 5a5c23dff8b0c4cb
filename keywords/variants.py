"""Expand a keyword, ahead of time, into the forms sellers write it in.

Each variant carries the rule that produced it, so a hit can say why it
matched. Normalisation (width, case, traditional, separators) is applied to
text at match time instead; these are the rewrites a character table cannot
express one character at a time.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

# Lower rank wins when two rules produce the same pattern for one keyword.
RULE_RANK = {"exact": 0, "digit": 1, "homophone": 2, "split": 3, "pinyin": 4, "initials": 5}

_NUMERALS = "一二两三四五六七八九十"
# Mixing pinyin and characters doubles the forms per character; beyond this
# length sellers write whole pinyin or initials, not mixes.
_MAX_MIX_LENGTH = 4
_MAX_PINYIN_LENGTH = 8


@dataclass(frozen=True, eq=False)  # hashed by identity: one instance per process
class VariantTables:
    homophones: dict[str, str]  # keyword char -> substitute chars
    splits: dict[str, tuple[str, ...]]  # keyword char -> component spellings


def expand(term: str, tables: VariantTables) -> dict[str, str]:
    """Map every variant pattern of a normalised term to the rule producing it."""
    variants: dict[str, str] = {}

    def add(pattern: str, rule: str) -> None:
        if pattern and (pattern not in variants or RULE_RANK[rule] < RULE_RANK[variants[pattern]]):
            variants[pattern] = rule

    add(term, "exact")
    if term.count("0") == 1:  # keyword digits were normalised to 0
        for numeral in _NUMERALS:
            add(term.replace("0", numeral), "digit")
    for pattern in _homophones(term, tables.homophones):
        add(pattern, "homophone")
    for index, char in enumerate(term):
        for parts in tables.splits.get(char, ()):
            add(term[:index] + parts + term[index + 1 :], "split")
    if all(_is_han(c) for c in term) and 2 <= len(term) <= _MAX_PINYIN_LENGTH:
        syllables = lazy_pinyin(term, style=Style.NORMAL)
        add("".join(syllables), "pinyin")
        add("".join(s[0] for s in syllables), "initials")
        if len(term) <= _MAX_MIX_LENGTH:
            for choice in itertools.product((False, True), repeat=len(term)):
                if any(choice) and not all(choice):
                    add("".join(s if use else c for c, s, use in zip(term, syllables, choice)), "pinyin")
    return variants


def _homophones(term: str, table: dict[str, str]):
    """Terms with one substituted character, or two for short terms."""
    slots = [(i, table[c]) for i, c in enumerate(term) if c in table]
    most = 2 if len(term) <= 4 else 1
    for count in range(1, most + 1):
        for chosen in itertools.combinations(slots, count):
            for replacement in itertools.product(*(subs for _, subs in chosen)):
                chars = list(term)
                for (index, _), sub in zip(chosen, replacement):
                    chars[index] = sub
                yield "".join(chars)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"

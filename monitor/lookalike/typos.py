"""Typo permutations of one flattened name (cx-mem-gov → cx-mem-gv, cxmemgov → cxmemg0v) by
dnstwist's Fuzzer."""
from __future__ import annotations

from functools import lru_cache

# dnstwist's homoglyph fuzzer is left out: two rounds of glyph mixing give ~2,500 names per form
# (more than all other rules together) in over half a second, and registrars for .cn refuse the
# IDN ones. "subdomain" and "plural" make names no Chinese impostor registers.
FUZZERS = ("addition", "bitsquatting", "hyphenation", "insertion", "omission", "repetition",
           "replacement", "transposition", "vowel-swap")
FUZZER_LABELS = {"addition": "末尾加字符", "bitsquatting": "比特翻转", "hyphenation": "插入连字符",
                 "insertion": "键盘邻键插入", "omission": "漏字母", "repetition": "重复字母",
                 "replacement": "键盘邻键替换", "transposition": "相邻字母对调", "vowel-swap": "元音替换"}


@lru_cache(maxsize=256)
def typos(name: str) -> tuple[tuple[str, str], ...]:
    """(typo name, fuzzer) pairs for `name` (no TLD), the name itself excluded."""
    from dnstwist import Fuzzer  # heavy import (~0.5 s): only when candidates are generated

    fuzzer = Fuzzer(f"{name}.com")
    fuzzer.generate(list(FUZZERS))
    found = {}
    for permutation in fuzzer.permutations():
        typo = permutation["domain"].removesuffix(".com")
        if typo != name and "." not in typo:
            found.setdefault(typo, permutation["fuzzer"])
    return tuple(sorted(found.items()))

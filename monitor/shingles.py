"""Character shingles of a page's text, hashed as `mmh3.hash(shingle, signed=False)` would hash
each one, but all at once in numpy: a page has thousands of shingles, and hashing them one
Python call at a time cost more than parsing the page. Same values, so fingerprints enrolled
before stay comparable."""
from __future__ import annotations

import functools
import re

import mmh3
import numpy as np

SHINGLE = 3  # characters; Chinese has no spaces to cut words on
_NON_WORD = re.compile(r"[\s\W_]+", re.UNICODE)
_VECTOR_FROM = 1000  # characters; below this, numpy's per-call overhead costs more than it saves
_C1, _C2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)


@functools.cache
def _word_chars() -> np.ndarray:
    """Which BMP characters shingles keep: the regex's word characters without "_", that is
    exactly `str.isalnum()`."""
    return np.array([chr(c).isalnum() for c in range(0x10000)], dtype=bool)


_SPECIAL = 0x10000  # İ lower-cases to two characters, Σ to ς or σ by what follows it


@functools.cache
def _lower_chars() -> np.ndarray:
    """Each BMP character's lower case as `str.lower()` gives it, or _SPECIAL where that takes
    more than one character or depends on the neighbours."""
    table = np.array([ord(low) if len(low := chr(c).lower()) == 1 else _SPECIAL for c in range(0x10000)],
                     dtype=np.uint32)
    table[ord("Σ")] = _SPECIAL
    return table


def _kept(text: str) -> np.ndarray:
    """Code points of the lower-cased text that shingles keep (same as `_NON_WORD.sub`)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.max() < 0x10000:  # lower-cased by table: str.lower() looks each character's case up
        lowered = _lower_chars()[codes]
        if lowered.max() != _SPECIAL:
            return lowered[_word_chars()[lowered]]
    codes = np.frombuffer(text.lower().encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    astral = np.flatnonzero(codes >= 0x10000)
    if not len(astral):
        return codes[_word_chars()[codes]]
    keep = _word_chars()[np.minimum(codes, 0xFFFF)]
    for i in astral:  # astral characters are rare: ask Python about each
        keep[i] = chr(codes[i]).isalnum()
    return codes[keep]


def _utf8(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each code point's UTF-8 bytes packed little-endian into a uint32, and their count."""
    c = codes
    def cont(shift: int) -> np.ndarray:  # a continuation byte: 10xxxxxx
        return np.uint32(0x80) | ((c >> np.uint32(shift)) & np.uint32(0x3F))
    length = (c >= 0x80).astype(np.uint32)
    length += c >= 0x800
    length += c >= 0x10000
    length += np.uint32(1)
    packed = np.where(length == 3, (np.uint32(0xE0) | (c >> np.uint32(12))) | cont(6) << np.uint32(8)
                      | cont(0) << np.uint32(16), c)  # Chinese text is mostly three-byte characters
    two = length == 2
    if two.any():
        packed[two] = ((np.uint32(0xC0) | (c >> np.uint32(6))) | cont(0) << np.uint32(8))[two]
    four = length == 4
    if four.any():
        packed[four] = ((np.uint32(0xF0) | (c >> np.uint32(18))) | cont(12) << np.uint32(8)
                        | cont(6) << np.uint32(16) | cont(0) << np.uint32(24))[four]
    return packed, length


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return (x << np.uint32(r)) | (x >> np.uint32(32 - r))


def _murmur3(blocks: list[np.ndarray], lengths: np.ndarray) -> np.ndarray:
    """MurmurHash3_x86_32, seed 0, of byte strings given as little-endian 32-bit blocks
    (zero beyond each string's length)."""
    full = lengths >> np.uint32(2)
    h = np.zeros(len(lengths), dtype=np.uint32)
    for i, block in enumerate(blocks):
        k = _rotl(block * _C1, 15) * _C2
        h ^= k  # the last 1-3 bytes are only mixed in; past them the block is 0, and so is k
        h = np.where(full > i, _rotl(h, 13) * np.uint32(5) + np.uint32(0xE6546B64), h)
    h ^= lengths
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct hashes of the text's 3-character shingles (letters and digits only, lower
    case), sorted."""
    if len(text) < _VECTOR_FROM:
        text = _NON_WORD.sub("", text.lower())
        count = max(1, len(text) - SHINGLE + 1)
        # Sliced and hashed by map in C; mmh3's signed hash, made unsigned by numpy's cast.
        found = set(map(mmh3.hash, map(text.__getitem__, map(slice, range(count), range(SHINGLE, count + SHINGLE)))))
        return np.sort(np.array(list(found) if text else [], dtype=np.int64).astype(np.uint32))
    codes = _kept(text)
    if len(codes) <= SHINGLE:  # one shingle: the whole text, however short
        kept = codes.tobytes().decode("utf-32-le")
        return np.array([mmh3.hash(kept, 0, False)] if kept else [], dtype=np.uint32)
    packed, length = _utf8(codes)
    packed = packed.astype(np.uint64)
    first, second, third = packed[:-2], packed[1:-1], packed[2:]
    bits = length.astype(np.uint64) << np.uint64(3)
    second_at = bits[:-2]
    third_at = second_at + bits[1:-1]  # 16 to 64 bits into the shingle
    low = first | second << second_at | np.where(third_at < 64, third << (third_at & np.uint64(63)), np.uint64(0))
    high = third >> (np.uint64(64) - third_at)  # what did not fit below
    blocks = [low.astype(np.uint32), (low >> np.uint64(32)).astype(np.uint32), high.astype(np.uint32)]
    hashes = np.sort(_murmur3(blocks, length[:-2] + length[1:-1] + length[2:]))
    return hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]  # np.unique, without its hashing

"""Character shingles of a page's text, hashed as `mmh3.hash(shingle, signed=False)` would hash
each one, but a long text's all at once in numpy: a page has thousands of shingles, and hashing
them one Python call at a time cost more than parsing the page. Same values, so fingerprints
enrolled before stay comparable.

Each numpy call costs more than its arithmetic here: between two pages the parser and the
keyword engine evict numpy's code and data from the CPU caches. So the kept text goes back to
a str, Python's codec gives its UTF-8, and every shingle's bytes are read from that buffer at
once, instead of being assembled character by character."""
from __future__ import annotations

import functools
import re
from itertools import repeat
from operator import getitem

import mmh3
import numpy as np

SHINGLE = 3  # characters; Chinese has no spaces to cut words on
_KEPT_RUN = re.compile(r"[^\W_]+")  # letters and digits (`str.isalnum()`): what a shingle keeps
_VECTOR_FROM = 1000  # characters; below this, numpy's per-call overhead costs more than it saves
# A short text's shingles are cut by these, made once: making a slice object a shingle cost more
# than hashing it. Lower-casing makes at most two characters of one (İ).
_SLICES = [slice(i, i + SHINGLE) for i in range(2 * _VECTOR_FROM)]
_C1, _C2 = np.uint32(0xCC9E2D51), np.uint32(0x1B873593)
_SPECIAL = 0xFFFF  # İ lower-cases to two characters, Σ to ς or σ by what follows it
# By a shingle's length in bytes (3 to 12), which bytes of its four 32-bit blocks are its own.
_MASKS = np.array([[(1 << 8 * min(max(n - 4 * i, 0), 4)) - 1 for i in range(4)] for n in range(13)], dtype=np.uint32)


@functools.cache
def _kept_lower() -> np.ndarray:
    """Each BMP character's lower case as `str.lower()` gives it if shingles keep it (the
    regex's word characters without "_": `str.isalnum()`), 0 if they drop it, _SPECIAL where
    a lookup cannot tell: `str.lower()` gives more than one character or looks at the next
    one, or the code is half of a UTF-16 surrogate pair (a character beyond the BMP)."""
    lowered = [chr(c).lower() for c in range(0x10000)]
    table = np.array([ord(low) if len(low) == 1 and low.isalnum() else 0 for low in lowered], dtype=np.uint16)
    table[[c for c, low in enumerate(lowered) if len(low) != 1]] = _SPECIAL
    table[ord("Σ")] = _SPECIAL
    table[0xD800:0xE000] = _SPECIAL
    return table


def _kept(text: str) -> str:
    """The lower-cased text without what shingles drop (same as joining `_KEPT_RUN`'s matches)."""
    codes = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    lowered = _kept_lower().take(codes)  # one lookup a character: str.lower() looks each one's case up too
    if lowered.max() != _SPECIAL:
        return lowered[lowered != 0].tobytes().decode("utf-16-le")
    codes = np.frombuffer(text.lower().encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # Lower-cased already, and lower case is its own lower case: the table tells what is kept
    # (_SPECIAL is left only for a lone surrogate: dropped).
    looked = _kept_lower()[np.minimum(codes, 0xFFFF)]
    keep = (looked != 0) & (looked != _SPECIAL)
    for i in np.flatnonzero(codes >= 0x10000):  # astral characters are rare: ask Python about each
        keep[i] = chr(codes[i]).isalnum()
    return codes[keep].tobytes().decode("utf-32-le")


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    """`x` rotated left by `r` bits, in place: fresh arrays cost more than the arithmetic."""
    high = x >> np.uint32(32 - r)
    x <<= np.uint32(r)
    x |= high
    return x


def _murmur3(blocks: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """MurmurHash3_x86_32, seed 0, of byte strings given as rows of little-endian 32-bit blocks
    (zero beyond each string's length); the blocks are mixed in place."""
    blocks *= _C1  # each block's mix in one pass over the rows, then column by column
    _rotl(blocks, 15)
    blocks *= _C2
    k = blocks.T.copy()
    full = lengths >> np.uint32(2)
    whole = int(full.max())  # blocks that some string fills
    h = k[0]
    for i in range(3):  # a shingle has at most 12 bytes: its fourth block is 0
        if i:
            h ^= k[i]  # the last 1-3 bytes are only mixed in; past them the block is 0, and so is k
        if i < whole:
            mixed = _rotl(h.copy(), 13)
            mixed *= np.uint32(5)
            mixed += np.uint32(0xE6546B64)
            np.copyto(h, mixed, where=full > i)
    h ^= lengths
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def sketch(text: str, size: int) -> tuple[list[int], int]:
    """The `size` smallest distinct hashes of the text's 3-character shingles (letters and digits
    only, lower case), sorted, and how many distinct hashes it has."""
    if len(text) < _VECTOR_FROM:
        # No numpy: on a few hundred shingles its calls cost more than they save, sorting included.
        text = "".join(_KEPT_RUN.findall(text.lower()))  # cheaper than sub()'s deleting the rest
        shingles = map(getitem, repeat(text), _SLICES[:max(1, len(text) - SHINGLE + 1)]) if text else ()
        found = sorted(set(map(mmh3.hash, shingles, repeat(0), repeat(False))))
        return found[:size], len(found)
    hashes = shingle_hashes(text)
    return hashes[:size].tolist(), len(hashes)


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct hashes of a long text's shingles, sorted, computed in numpy."""
    kept = _kept(text)
    if len(kept) <= SHINGLE:  # one shingle: the whole text, however short
        return np.array([mmh3.hash(kept, 0, False)] if kept else [], dtype=np.uint32)
    data = np.frombuffer(kept.encode("utf-8") + bytes(16), dtype=np.uint8)
    # Where each character starts (not at a continuation byte 10xxxxxx); the padding's zeros
    # start "characters" too, so the last shingle finds its end.
    starts = np.flatnonzero((data & np.uint8(0xC0)) != np.uint8(0x80))
    count = len(kept) - SHINGLE + 1
    at = starts[:count]
    lengths = starts[SHINGLE:SHINGLE + count] - at
    # The 16 bytes from each shingle's start, as four 32-bit blocks; `take` copies them from the
    # unaligned view several times faster than indexing does.
    blocks = np.ndarray((len(data) - 15,), dtype="V16", buffer=data, strides=(1,)).take(at)
    blocks = blocks.view("<u4").reshape(count, 4)
    blocks &= _MASKS.take(lengths, axis=0)  # zero past the shingle's own bytes
    hashes = np.sort(_murmur3(blocks, lengths.astype(np.uint32)))
    return hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]  # np.unique, without its hashing

"""Character shingles of a page's text, hashed as `mmh3.hash(shingle, signed=False)` would hash
each one: the same values, so fingerprints enrolled before stay comparable. Finding the kept
characters, hashing, and keeping the bottom k are done in C (`_sketch.c`): a page has thousands
of shingles, and hashing them one Python call at a time cost more than parsing the page."""
from __future__ import annotations

import functools
import re
from array import array

from ._sketch import sketch_kept, sketch_text

_KEPT_RUN = re.compile(r"[^\W_]+")  # letters and digits (`str.isalnum()`): what a shingle keeps
_SPECIAL = 0xFFFF  # İ lower-cases to two characters, Σ to ς or σ by what follows it


@functools.cache
def _kept_lower() -> array:
    """Each BMP character's lower case as `str.lower()` gives it if shingles keep it (the
    regex's word characters without "_": `str.isalnum()`), 0 if they drop it, _SPECIAL where
    a lookup cannot tell: `str.lower()` gives more than one character or looks at the next
    one, or the code is half of a UTF-16 surrogate pair."""
    table = array("H", bytes(2 * 0x10000))
    for code in range(0x10000):
        low = chr(code).lower()
        if len(low) != 1 or code == ord("Σ") or 0xD800 <= code < 0xE000:
            table[code] = _SPECIAL
        elif low.isalnum():
            table[code] = ord(low)
    return table


def sketch(text: str, size: int) -> tuple[list[int], int]:
    """The `size` smallest distinct hashes of the text's 3-character shingles (letters and digits
    only, lower case), sorted, and how many distinct hashes it has."""
    found = sketch_text(text, _kept_lower(), size)
    if found is None:  # a character the table cannot lower-case, or one beyond the BMP
        found = sketch_kept("".join(_KEPT_RUN.findall(text.lower())), size)
    return found

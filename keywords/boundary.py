"""Word-boundary check with jieba, run only on a short window around a hit.

A hit that cuts through a word ("包过" in 包过滤, "代考" in 代考勤, "速呈"
in 迅速呈现) is not the keyword. A word containing the whole hit is fine for
the keyword itself (速成班 contains 速成) but not for a variant spelling,
which inside a longer word is just that word (面包果 is a fruit, not 包过).
"""

from __future__ import annotations

import functools
import logging
import threading

import jieba

WINDOW = 4  # characters of context on each side; jieba needs little
_lock = threading.Lock()


@functools.cache
def _tokenizer() -> jieba.Tokenizer:
    # A private tokenizer: the words we add must not change how other code in
    # the process segments text with the global jieba.
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


class BoundaryChecker:
    def __init__(self, words: set[str]):
        self._tokenizer = _tokenizer()
        with _lock:
            for word in words:
                if word not in self._tokenizer.FREQ or not self._tokenizer.FREQ[word]:
                    self._tokenizer.add_word(word)
        # Spam repeats itself: the same window around the same keyword recurs.
        self._cuts_window = functools.lru_cache(maxsize=65536)(self._cuts_window_uncached)

    def cuts_through_word(self, text: str, start: int, end: int, strict: bool) -> bool:
        """True when [start, end) of text splits a word jieba recognises, or,
        when strict, lies inside a longer word."""
        left = max(0, start - WINDOW)
        return self._cuts_window(text[left : end + WINDOW], start - left, end - left, strict)

    def _cuts_window_uncached(self, window: str, start: int, end: int, strict: bool) -> bool:
        position = 0
        for word in self._tokenizer.cut(window, HMM=False):
            a, b = position, position + len(word)
            position = b
            overlaps = a < end and b > start
            contains = a <= start and b >= end and (a, b) != (start, end)
            inside = start <= a and b <= end
            if overlaps and not inside and (strict or not contains):
                return True
        return False

"""The keyword engine: every variant of every keyword in one Aho-Corasick pass."""

from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections.abc import Container, Iterable, Iterator
from typing import NamedTuple

import ahocorasick_rs
import numpy as np

from keywords.boundary import WINDOW, BoundaryChecker
from keywords.lists import DATA_DIR
from keywords.model import CONTEXT_CATEGORIES, Hit, Keyword, KeywordList, TextAssessment
from keywords.normalize import Normalizer, read_char_table
from keywords.scoring import Evidence, assess
from keywords.variants import RULE_RANK, VariantTables, expand

_BENIGN = TextAssessment("benign", 0)


class Examination(NamedTuple):
    """A text's matches sorted into evidence, context and negated evidence, not yet scored."""

    evidence: list[Evidence]
    context: list[Evidence]
    negated: list[tuple[Hit, str]]

    def split(self, starts: Container[int]) -> tuple[Examination, Examination]:
        """The matches starting at one of `starts` (e.g. those in one part of the text), and the others."""
        inside, outside = ([], [], []), ([], [], [])
        for found, kept, other in zip(self, inside, outside):
            for item in found:  # each item's hit comes first
                (kept if item[0].start in starts else other).append(item)
        return Examination(*inside), Examination(*outside)

    def starts(self) -> set[int]:
        """Where in the text the matches start."""
        return {item[0].start for found in self for item in found}

    def assessment(self) -> TextAssessment:
        return assess(self.evidence, self.context, self.negated) if self.evidence or self.negated else _BENIGN


_NOTHING = Examination([], [], [])
_CUT = object()  # judged to cut through a word
# Short Chinese patterns collide with ordinary words; longer ones do not.
_CHECKED_LENGTH = 3
# A hit from initials alone ("mk") is weaker evidence than the word itself.
_RULE_WEIGHT = {"initials": 0.8}
# Texts are joined with NUL for batch matching; no pattern contains it, so no
# hit can span two texts.
_JOINER = "\x00"


@functools.cache
def _load_tables() -> tuple[Normalizer, VariantTables]:
    # Shared by every engine in the process: both are read-only once built.
    normalizer = Normalizer(read_char_table(DATA_DIR / "lookalikes.tsv"))
    homophones = read_char_table(DATA_DIR / "homophones.tsv")
    splits = {char: tuple(forms.split(",")) for char, forms in read_char_table(DATA_DIR / "splits.tsv").items()}
    return normalizer, VariantTables(homophones, splits)


# Engines for overlapping lists expand the same terms; pinyin lookup is slow.
_expand = functools.lru_cache(maxsize=100_000)(expand)


class Engine:
    """Build once from keyword lists, then match any number of texts.

    Matching only reads the structures built here, so one engine can serve
    many texts and threads.
    """

    def __init__(self, lists: Iterable[KeywordList]):
        self._normalizer, tables = _load_tables()
        self.keywords: list[Keyword] = []
        negations: dict[int, set[str]] = {}  # term length -> negation terms
        patterns: dict[str, dict[int, str]] = {}
        seen: set[tuple[str, str]] = set()
        for keyword_list in lists:
            for keyword in keyword_list.entries:
                term = self._normalizer.normalize(keyword.term)
                if not term or (term, keyword.category) in seen:
                    continue  # the first list naming a keyword wins
                seen.add((term, keyword.category))
                if keyword.category == "negation":
                    negations.setdefault(len(term), set()).add(term)  # checked before hits, never searched
                    continue
                index = len(self.keywords)
                self.keywords.append(keyword)
                forms = {term: "exact"} if keyword.category in CONTEXT_CATEGORIES else _expand(term, tables)
                for pattern, rule in forms.items():
                    patterns.setdefault(pattern, {})[index] = rule
        self._negations = sorted(negations.items(), reverse=True)  # longest first: 绝不 before 不
        self._negation_ends = {term[-1] for terms in negations.values() for term in terms}
        self._negation_hints = self._negation_ends | _FILLER_ENDS  # may end a negation or a filler word
        # ahocorasick-rs scans several times faster than pyahocorasick; both
        # report every overlapping match. Its DFA scans a lone page a fifth faster but is slower
        # amid the scorer's other work: its few MB of tables fall out of the CPU caches.
        self._infos = [self._pattern_info(pattern, entries) for pattern, entries in patterns.items()]
        self._automaton = ahocorasick_rs.AhoCorasick(list(patterns), matchkind=ahocorasick_rs.MatchKind.Standard)
        self.pattern_count = len(patterns)
        self._boundaries = BoundaryChecker({p for p in patterns if _needs_boundary_check(p)})
        # What a hit's fate depends on before it: a filler word, one character, a negation.
        self._lookback = max(map(len, NEGATION_FILLERS)) + 1 + max((length for length, _ in self._negations), default=0)
        # Pages repeat their lines: the same hit in the same surroundings is judged once.
        self._judge = functools.lru_cache(maxsize=65536)(self._judge_uncached)

    def _pattern_info(self, pattern: str, entries: dict[int, str]) -> tuple:
        """What matching needs to know about a pattern, worked out once."""
        # Each keyword's fields unpacked ahead: a page may have hundreds of hits.
        targets = tuple(
            (keyword, keyword.term, keyword.category, keyword.weight, keyword.weight * _RULE_WEIGHT.get(rule, 1.0),
             rule, keyword.category in CONTEXT_CATEGORIES)
            for keyword, rule in ((self.keywords[index], rule) for index, rule in _strongest_per_category(entries, self.keywords))
        )
        check_words = _needs_boundary_check(pattern)
        strict = all(target[5] != "exact" for target in targets)  # a variant spelling, not the keyword
        latin = (_is_latin(pattern[0]), _is_latin(pattern[-1]))  # None below: one test for most patterns
        return latin if any(latin) else None, check_words, strict, targets

    def match(self, text: str) -> TextAssessment:
        return self.examine(text).assessment()

    def examine(self, text: str) -> Examination:
        """What the text's matches are, before they are scored: a caller may score part of them
        (the page's main content) and keep the rest as evidence."""
        if not self.pattern_count:
            return _NOTHING
        norm, kept_at = self._normalizer.normalize_located(text)
        found = self._automaton.find_matches_as_indexes(norm, overlapping=True)  # (pattern, start, end)
        return self._examine(text, norm, found, kept_at) if found else _NOTHING

    def match_many(self, texts: Iterable[str], batch_size: int = 2000) -> Iterator[TextAssessment]:
        """Assess texts in order; faster than `match` one by one on many texts."""
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) == batch_size:
                yield from self._match_batch(batch)
                batch = []
        yield from self._match_batch(batch)

    def _match_batch(self, texts: list[str]) -> list[TextAssessment]:
        joined = _JOINER.join(texts)
        if not texts or not self.pattern_count or joined.count(_JOINER) != len(texts) - 1:
            return [self.match(text) for text in texts]  # a text holding NUL itself
        norm, kept_at = self._normalizer.normalize_located(joined)
        # Where each text starts in the normalised batch.
        starts = [0]
        position = norm.find(_JOINER)
        while position >= 0:
            starts.append(position + 1)
            position = norm.find(_JOINER, position + 1)
        found: dict[int, list] = {}
        doc, offset, next_start = -1, 0, 0
        for i, start, end in self._automaton.find_matches_as_indexes(norm, overlapping=True):
            if not offset <= start < next_start:
                doc = bisect.bisect_right(starts, start) - 1
                offset = starts[doc]
                next_start = starts[doc + 1] if doc + 1 < len(starts) else len(norm) + 1
                hits = found.setdefault(doc, [])
            hits.append((i, start - offset, end - offset))
        results = [_BENIGN] * len(texts)
        text_starts = list(itertools.accumulate((len(text) + 1 for text in texts), initial=0))
        for doc, hits in found.items():
            doc_end = starts[doc + 1] - 1 if doc + 1 < len(starts) else len(norm)
            doc_kept_at = None if kept_at is None else kept_at[starts[doc] : doc_end] - text_starts[doc]
            results[doc] = self._examine(texts[doc], norm[starts[doc] : doc_end], hits, doc_kept_at).assessment()
        return results

    def _examine(self, text: str, norm: str, found: list, kept_at: np.ndarray | None) -> Examination:
        """`found`: the automaton's matches in `norm`, in its order; `kept_at`: where in `text` each
        character of `norm` was, None when they are the same."""
        # Read one position at a time as Python ints: a memoryview indexes faster than numpy.
        at = range(len(text)) if kept_at is None else memoryview(kept_at)
        evidence, context, negated = [], [], []
        infos, judge, lookback = self._infos, self._judge, self._lookback
        negation_ends, negation_hints = self._negation_ends, self._negation_hints
        new_tuple = tuple.__new__  # Hit(...) without its Python-level __new__: a page has hundreds
        for pattern, start, end in _drop_contained(found):
            ostart, oend = at[start], at[end - 1] + 1
            latin, check_words, strict, targets = infos[pattern]
            if latin and self._inside_latin_run(text, ostart, oend, *latin):
                continue
            # The two characters before the hit rule out a negation in most cases, without a call.
            if check_words or start and (norm[start - 1] in negation_hints or (start > 1 and norm[start - 2] in negation_ends)):
                left = start - lookback if start > lookback else 0
                negation = judge(norm[left : end + WINDOW], start - left, end - left, check_words, strict)
                if negation is _CUT:
                    continue
            else:
                negation = None
            matched = text[ostart:oend]
            for keyword, term, category, weight, evidence_weight, pattern_rule, is_context in targets:
                # A rule read off the text (_rule_for) never weighs less than the keyword itself.
                rule = pattern_rule if pattern_rule != "exact" or matched == term else self._rule_for(matched, keyword)
                hit = new_tuple(Hit, (term, category, matched, ostart, oend, rule))
                if is_context:
                    context.append((hit, weight))
                elif negation:
                    negated.append((hit, negation))
                else:
                    evidence.append((hit, evidence_weight))
        return Examination(evidence, context, negated)

    def _judge_uncached(self, window: str, start: int, end: int, check_words: bool, strict: bool) -> str | None:
        """_CUT when [start, end) of `window` cuts through a word, else the negation before it (or None);
        `window` holds all the text either side the answer depends on."""
        if check_words and self._boundaries.cuts_through_word(window, start, end, strict):
            return _CUT
        return self._negation_before(window, start) if start else None

    def _inside_latin_run(self, text: str, start: int, end: int, latin_start: bool, latin_end: bool) -> bool:
        """Latin patterns (pinyin, initials, "vx") must not sit inside a longer latin or digit run:
        "mk" is not in "make", "sc" not in "sc200". Neighbours are judged in the original text, where
        a deleted separator still separates."""
        return (latin_start and start > 0 and self._latin_at(text, start - 1)
                or latin_end and end < len(text) and self._latin_at(text, end))

    def _latin_at(self, text: str, position: int) -> bool:
        return _is_latin(self._normalizer.normalize_char(text[position]))

    def _rule_for(self, matched: str, keyword: Keyword) -> str:
        # The text's own characters tell most; "加v" for 加V shows only in the keyword.
        return self._normalizer.rule_for(matched) or self._normalizer.rule_for(keyword.term) or "exact"

    def _negation_before(self, norm: str, start: int) -> str | None:
        """A negation right before the hit, one Chinese character before it
        (不搞包过, 拒绝代考), or before a filler word (不办理任何免考证书). There is none unless one
        of the two characters before the hit may end a negation or a filler word."""
        found = self._negation_at(norm, start)
        if found is None:
            for filler in _FILLERS_BY_END.get(norm[start - 1], ()):  # "的" ends many words, one filler
                if start > len(filler) and norm.startswith(filler, start - len(filler)):
                    return self._negation_at(norm, start - len(filler))
        return found

    def _negation_at(self, norm: str, start: int) -> str | None:
        for gap in (0, 1):
            end = start - gap
            if end <= 0 or (gap and not _is_han(norm[end])):
                break
            if norm[end - 1] not in self._negation_ends:
                continue  # the usual case, answered without slicing
            for length, terms in self._negations:
                if end >= length and norm[end - length : end] in terms:
                    return norm[end - length : end]
        return None


# Words that may stand between a negation and what it negates without changing its sense.
NEGATION_FILLERS = ("所谓的", "所谓", "任何", "一切", "什么")
_FILLERS_BY_END = {end: tuple(f for f in NEGATION_FILLERS if f[-1] == end) for end in {f[-1] for f in NEGATION_FILLERS}}
_FILLER_ENDS = frozenset(_FILLERS_BY_END)


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()  # "" (a deleted separator) is not


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _needs_boundary_check(pattern: str) -> bool:
    return len(pattern) <= _CHECKED_LENGTH and not pattern.isascii()


def _strongest_per_category(entries: dict[int, str], keywords: list[Keyword]) -> list[tuple[int, str]]:
    """One keyword per category for a pattern: "bao guo" is 包过 or 保过, not
    both. A keyword spelled exactly wins over a variant, then the weightier."""
    best: dict[str, tuple[int, str]] = {}
    for index, rule in entries.items():
        category = keywords[index].category
        rank = (RULE_RANK[rule], -keywords[index].weight)
        if category not in best or rank < (RULE_RANK[best[category][1]], -keywords[best[category][0]].weight):
            best[category] = (index, rule)
    return list(best.values())


def _drop_contained(found: list) -> list:
    """Drop hits lying inside a longer hit (电工证 inside 低压电工证); the rest by start.

    Aho-Corasick reports a match where it ends, so `found` comes by end: walked back from the
    last, a hit is contained in one already seen unless it starts before all of them. The one
    exception, a longer hit ending at the same place but reported earlier, replaces the hit kept."""
    kept, first = [], math.inf  # where the earliest hit seen starts
    for item in reversed(found):
        if item[1] < first:
            if kept and kept[-1][2] == item[2]:
                kept[-1] = item
            else:
                kept.append(item)
            first = item[1]
    kept.reverse()
    return kept

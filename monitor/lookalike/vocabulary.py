"""The words impostors build domain names from: TLDs, "query" words, and the portal's subject in
pinyin and pinyin initials (tezhongzuoye, tzzy), derived from the Chinese terms in the data file."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

QUERY_JOINS = ("cx", "chaxun")  # what follows a subject in a parent domain: tzsbcx, tzzychaxun
MIN_ALONE = 4  # shorter pinyin (zs, aqz) is too generic to stand as a whole domain name


@dataclass(frozen=True)
class Vocabulary:
    tlds: tuple[str, ...]
    typo_tlds: tuple[str, ...]
    query_words: tuple[str, ...]  # chaxun, cx, zhengshuchaxun, zscx, query
    subject_words: tuple[tuple[str, str], ...]  # (word, "pinyin" | "pinyin-initials")

    @property
    def parent_names(self) -> tuple[str, ...]:
        """Names of the domain a genuine host is embedded under: chaxun.top, tzsbcx.top."""
        joined = [word + q for word, _ in self.subject_words for q in QUERY_JOINS]
        return tuple(dict.fromkeys([*self.query_words, *joined]))


@lru_cache(maxsize=1)
def _data() -> dict:
    text = resources.files("monitor").joinpath("data/lookalike.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=512)
def pinyin_forms(term: str) -> tuple[str, str]:
    """("tezhongzuoye", "tzzy") for 特种作业."""
    from pypinyin import lazy_pinyin  # loads its dictionaries (~1 s): only when names are built

    syllables = [s.lower() for s in lazy_pinyin(term, errors="ignore") if s.isascii() and s.isalpha()]
    return "".join(syllables), "".join(s[0] for s in syllables)


def subject_terms(name: str, authority: str) -> list[str]:
    """Chinese subject terms for a portal: its topics (matched on name and authority) and the
    general certificate terms."""
    data = _data()
    about = f"{name} {authority}"
    terms = [t for topic in data["topic"] if any(w in about for w in topic["when"]) for t in topic["terms"]]
    return list(dict.fromkeys(terms + data["general_terms"]))


@lru_cache(maxsize=256)
def vocabulary(name: str = "", authority: str = "") -> Vocabulary:
    data = _data()
    query = [form for term in data["query_terms"] for form in pinyin_forms(term)]
    subjects: dict[str, str] = {}
    for term in subject_terms(name, authority):
        full, initials = pinyin_forms(term)
        subjects.setdefault(full, "pinyin")
        subjects.setdefault(initials, "pinyin-initials")
    return Vocabulary(tlds=tuple(data["tlds"]), typo_tlds=tuple(data["typo_tlds"]),
                      query_words=tuple(dict.fromkeys(query + data["query_words"])),
                      subject_words=tuple(subjects.items()))

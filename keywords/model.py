"""Value types shared by the keyword engine: keywords, lists, hits, assessments."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

# Category ids are stable machine names (they appear in JSON output); the
# Chinese labels are what ministry files and people use.
CATEGORY_LABELS: dict[str, str] = {
    "cert_type": "证书类型",
    "exam_evasion": "免考代考",
    "speed": "速成",
    "fake_verify": "可查可验",
    "contact": "联系引流",
    "fake_docs": "办证刻章",
    "listed": "主管部门关键词",
    "warning": "警示语境",
    "negation": "否定",
    "exam_required": "需考试",
    "legit": "正规语境",
}

# Categories that describe the surroundings of a hit rather than a sale.
CONTEXT_CATEGORIES = frozenset({"warning", "negation", "exam_required", "legit"})

_CATEGORY_ALIASES = {label: cid for cid, label in CATEGORY_LABELS.items()}
_CATEGORY_ALIASES.update({cid: cid for cid in CATEGORY_LABELS})

VERDICTS = ("illegal_sale", "suspect", "benign")


def category_id(name: str) -> str | None:
    """Canonical category id for an id or a Chinese label, None if unknown."""
    return _CATEGORY_ALIASES.get(name.strip())


@dataclass(frozen=True)
class Keyword:
    term: str
    category: str
    weight: float = 1.0

    def __post_init__(self) -> None:
        if category_id(self.category) is None:
            raise ValueError(f"未知类别“{self.category}”")
        object.__setattr__(self, "category", category_id(self.category))
        if not 0 < self.weight <= 1:
            raise ValueError(f"权重必须在 0 到 1 之间：{self.weight}")

    def to_dict(self) -> dict:
        return {"term": self.term, "category": self.category, "weight": self.weight}


@dataclass(frozen=True)
class KeywordList:
    name: str
    version: int
    entries: tuple[Keyword, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", tuple(self.entries))

    @classmethod
    def from_dicts(cls, name: str, version: int, entries: list[dict]) -> KeywordList:
        """Build a list from storage rows (dicts with term/category/weight)."""
        return cls(name, version, tuple(Keyword(e["term"], e["category"], float(e["weight"])) for e in entries))


class Hit(NamedTuple):
    """One keyword found in a text; start/end index the original input."""

    keyword: str
    category: str
    matched: str  # text[start:end], exactly as the seller wrote it
    start: int
    end: int
    rule: str

    def to_dict(self) -> dict:
        # Spelled out: several times faster than _asdict(), and a page has hundreds of hits.
        keyword, category, matched, start, end, rule = self
        return {"keyword": keyword, "category": category, "matched": matched, "start": start, "end": end, "rule": rule}


@dataclass(frozen=True, slots=True)
class TextAssessment:
    """The engine's view of one text. Reasons are built when asked for, as most
    assessed texts are only counted, never read."""

    verdict: str
    score: int
    hits: tuple[Hit, ...] = ()
    # Context terms (warnings, negations, ...) that moved the score; kept out
    # of `hits` because they are not evidence of a sale.
    context: tuple[Hit, ...] = ()
    explain: Callable[[], list[str]] = field(default=list, compare=False, repr=False)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Short Chinese sentences explaining the verdict."""
        return tuple(self.explain())

    @classmethod
    def error(cls, reason: str) -> TextAssessment:
        return cls("error", 0, explain=lambda: [reason])

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "score": self.score,
            "hits": [h.to_dict() for h in self.hits],
            "reasons": list(self.reasons),
        }

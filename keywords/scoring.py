"""Scoring policy: from hits and context to a verdict, a score and reasons.

A hit is evidence, not a verdict. A sale is a certificate (or the fake
document trade) offered together with an evasion, speed or fake-verification
claim; contact lures raise the score; warning, exam-required and official
context lower it multiplicatively, so crackdown news quoting a seller's
words stays benign.
"""

from __future__ import annotations

from keywords.model import CATEGORY_LABELS, Hit, TextAssessment

SALE_THRESHOLD = 60
SUSPECT_THRESHOLD = 30

# Points a category adds at full weight.
_POINTS = {"cert_type": 25, "exam_evasion": 35, "speed": 25, "fake_verify": 35, "fake_docs": 35, "listed": 30, "contact": 15}
_CLAIMS = ("exam_evasion", "speed", "fake_verify", "listed")
_COMBINATION_POINTS = 30
_LURE_POINTS = 10
# How much one context term at full weight scales the score down, and how
# many distinct terms of a kind count.
_DAMPING = {"warning": (0.6, 4), "exam_required": (0.5, 2), "legit": (0.25, 2)}

RULE_LABELS = {
    "exact": "原词",
    "width": "全半角",
    "case": "大小写",
    "traditional": "繁体",
    "lookalike": "形近字符",
    "separator": "分隔符",
    "invisible": "不可见字符",
    "digit": "数字变体",
    "pinyin": "拼音",
    "initials": "拼音首字母",
    "homophone": "谐音/形近字",
    "split": "拆字",
}


# A hit and its keyword's weight, scaled down for weak rules; a plain pair: a page has hundreds.
Evidence = tuple[Hit, float]


def assess(evidence: list[Evidence], context: list[Evidence], negated: list[tuple[Hit, str]]) -> TextAssessment:
    strength: dict[str, float] = {}
    for hit, weight in evidence:
        if weight > strength.get(hit.category, 0.0):
            strength[hit.category] = weight
    raw = sum(_POINTS.get(cat, 0) * w for cat, w in strength.items())
    obj = max(strength.get("cert_type", 0.0), strength.get("fake_docs", 0.0))
    claim = max([strength.get(cat, 0.0) for cat in _CLAIMS])
    if strength.get("cert_type"):
        claim = max(claim, strength.get("fake_docs", 0.0))  # certificates offered beside fake documents
    combined = min(obj, claim)
    lure = strength.get("contact", 0.0) if (claim or obj) else 0.0
    raw += _COMBINATION_POINTS * combined + _LURE_POINTS * lure

    dampers = _dampers(context) if evidence else {}
    factor = 1.0
    for kind, weights in dampers.items():
        damping, most = _DAMPING[kind]
        for weight in sorted(weights.values(), reverse=True)[:most]:
            factor *= 1 - damping * weight
    score = round(min(raw, 100.0) * factor)
    verdict = "illegal_sale" if score >= SALE_THRESHOLD else "suspect" if score >= SUSPECT_THRESHOLD else "benign"

    def explain() -> list[str]:
        reasons = _evidence_reasons(evidence, combined, lure)
        reasons += [f"含{CATEGORY_LABELS[kind]}（{_quote(terms)}），评分降低" for kind, terms in dampers.items()]
        reasons += [f"「{hit.matched}」前有否定词「{negation}」，不计为证据" for hit, negation in negated]
        return reasons

    hits = tuple(hit for hit, _ in evidence)  # found in text order
    return TextAssessment(verdict, score, hits, tuple(hit for hit, _ in context), explain)


def _dampers(context: list[Evidence]) -> dict[str, dict[str, float]]:
    """Context kind -> distinct term -> weight."""
    dampers: dict[str, dict[str, float]] = {}
    for hit, weight in context:
        if hit.category in _DAMPING:
            terms = dampers.setdefault(hit.category, {})
            if weight > terms.get(hit.keyword, 0.0):  # weights are positive: a term is kept where first seen
                terms[hit.keyword] = weight
    return dampers


def _evidence_reasons(evidence: list[Evidence], combined: float, lure: float) -> list[str]:
    by_category: dict[str, list[str]] = {}
    for hit, _ in evidence:
        by_category.setdefault(hit.category, []).append(hit.keyword)
    objects = {c: by_category[c] for c in ("cert_type", "fake_docs") if c in by_category}
    claims = {c: by_category[c] for c in _CLAIMS if c in by_category}
    reasons = []
    if combined and not claims:  # certificates offered beside fake documents
        objects, claims = {"cert_type": by_category["cert_type"]}, {"fake_docs": by_category["fake_docs"]}
    if combined:
        reasons.append(f"{_describe(objects)}与{_describe(claims)}同时出现，构成售证组合")
    elif objects:
        reasons.append(f"提及{_describe(objects)}，但没有免考、速成或可查可验话术")
    elif claims:
        reasons.append(f"出现{_describe(claims)}，但未提及证书类型或办证，不构成售证")
    if lure:
        reasons.append(f"含{_describe({'contact': by_category['contact']})}，可疑度上升")
    for hit, _ in evidence:
        if hit.rule != "exact":
            reasons.append(f"「{hit.matched}」按{RULE_LABELS[hit.rule]}规则识别为「{hit.keyword}」")
    return reasons


def _describe(groups: dict[str, list[str]]) -> str:
    return "、".join(f"{CATEGORY_LABELS[c]}（{_quote(dict.fromkeys(terms))}）" for c, terms in groups.items())


def _quote(terms) -> str:
    return "".join(f"「{t}」" for t in terms)

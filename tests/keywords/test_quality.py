"""Precision and recall of the illegal_sale verdict on the labelled set (labelled.jsonl).

Each row: label ("illegal_sale" or "other"), kind, text. Sales are seller ads
with one disguised phrase each, kind naming the disguise (separator, pinyin,
homophone, ...); they were composed from hand-written ads and hand-written
disguise tables, independently of the engine's own tables. Hard negatives are
crackdown news, campaign notices, honest training schools and unrelated uses
of the same words. Rows of kind "handwritten" were written freely as held-out
checks after the engine was built; their first-pass scores are in the README.
"""
import json
from collections import Counter
from pathlib import Path

import pytest

ROWS = [json.loads(line) for line in (Path(__file__).parent / "labelled.jsonl").read_text("utf-8").splitlines()]
HARD_NEGATIVE_KINDS = {"news", "notice", "school", "other"}


@pytest.fixture(scope="module")
def predicted(engine):
    return [a.verdict == "illegal_sale" for a in engine.match_many(row["text"] for row in ROWS)]


def test_the_set_is_large_and_covers_every_evasion_kind():
    kinds = Counter(row["kind"] for row in ROWS)
    assert len(ROWS) >= 400
    for kind in ("separator", "invisible", "pinyin", "initials", "homophone", "traditional", "width", "digit", "split"):
        assert kinds[kind] >= 8
    assert sum(kinds[k] for k in HARD_NEGATIVE_KINDS) >= 200


def test_recall_on_evasion_variants(predicted):
    sales = [p for p, row in zip(predicted, ROWS) if row["label"] == "illegal_sale"]
    assert sum(sales) / len(sales) >= 0.95


def test_recall_floor_for_each_evasion_kind(predicted):
    found, total = Counter(), Counter()
    for p, row in zip(predicted, ROWS):
        if row["label"] == "illegal_sale":
            total[row["kind"]] += 1
            found[row["kind"]] += p
    weak = {kind: f"{found[kind]}/{total[kind]}" for kind in total if found[kind] / total[kind] < 0.9}
    assert weak == {}


def test_precision_on_hard_negatives(predicted):
    flagged = [row for p, row in zip(predicted, ROWS) if p]
    true = sum(row["label"] == "illegal_sale" for row in flagged)
    assert true / len(flagged) >= 0.95
    false_on_hard = [row["text"] for row in flagged if row["kind"] in HARD_NEGATIVE_KINDS]
    assert len(false_on_hard) <= 0.02 * sum(row["kind"] in HARD_NEGATIVE_KINDS for row in ROWS)


def test_every_hit_span_is_the_original_text(engine):
    for row in ROWS:
        for hit in engine.match(row["text"]).hits:
            assert row["text"][hit.start : hit.end] == hit.matched


def test_batch_and_single_matching_agree(engine):
    texts = [row["text"] for row in ROWS]
    batch = [a.to_dict() for a in engine.match_many(texts, batch_size=97)]
    assert batch == [engine.match(text).to_dict() for text in texts]

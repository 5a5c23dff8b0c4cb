"""Every way sellers disguise a keyword is found, named, and located in the original text."""
import pytest

# (text, disguised span, keyword, rule)
VARIANTS = [
    ("电工证免考", "免考", "免考", "exact"),
    ("电工证ＭＫ拿证", "ＭＫ", "免考", "initials"),
    ("安全员Ｃ证包过", "安全员Ｃ证", "安全员C证", "width"),
    ("焊工证包过，加v详谈", "加v", "加V", "case"),
    ("電工證免考", "電工證", "电工证", "traditional"),
    ("电工证免\u200b考", "免\u200b考", "免考", "invisible"),
    ("电工证免 考", "免 考", "免考", "separator"),
    ("电工证免*考", "免*考", "免考", "separator"),
    ("电工证免-考", "免-考", "免考", "separator"),
    ("电工证免_考", "免_考", "免考", "separator"),
    ("电工证免/考", "免/考", "免考", "separator"),
    ("电工证免♥考", "免♥考", "免考", "separator"),
    ("电工证免\n考", "免\n考", "免考", "separator"),
    ("电工证 mian kao", "mian kao", "免考", "pinyin"),
    ("电工证 miankao", "miankao", "免考", "pinyin"),
    ("电工证 mk", "mk", "免考", "initials"),
    ("电工证mian考", "mian考", "免考", "pinyin"),
    ("电工证免kao", "免kao", "免考", "pinyin"),
    ("电工证免拷", "免拷", "免考", "homophone"),
    ("电工证速呈", "速呈", "速成", "homophone"),
    ("电工征免考", "电工征", "电工证", "homophone"),
    ("焊工徴免考", "焊工徴", "焊工证", "homophone"),
    ("焊工証免考", "焊工証", "焊工证", "traditional"),
    ("电工证③天下证", "③天下证", "3天下证", "digit"),
    ("电工证三天下证", "三天下证", "3天下证", "digit"),
    ("电工讠正免考", "电工讠正", "电工证", "split"),
    ("电工证免攷", "免攷", "免考", "lookalike"),
    ("电工证 ｍｉａｎ ｋǎｏ", "ｍｉａｎ ｋǎｏ", "免考", "pinyin"),
]


@pytest.mark.parametrize(("text", "span", "keyword", "rule"), VARIANTS)
def test_variant_is_found_with_its_rule_and_original_span(engine, text, span, keyword, rule):
    assessment = engine.match(text)
    hit = next(h for h in assessment.hits if h.keyword == keyword)
    assert (hit.matched, hit.rule) == (span, rule)
    assert text[hit.start : hit.end] == span
    assert assessment.verdict == "illegal_sale"


def test_spans_index_the_original_text_after_deleted_characters(engine):
    text = "★★急★★ 电\u200b工\u200b证 免 * 考，加 微"
    for hit in engine.match(text).hits:
        assert text[hit.start : hit.end] == hit.matched
    assert [h.keyword for h in engine.match(text).hits] == ["电工证", "免考", "加微"]


def test_latin_variants_do_not_match_inside_words(engine):
    assert engine.match("I am kind of busy").hits == ()
    assert engine.match("SC200施工升降机出租").hits == ()
    assert [h.matched for h in engine.match("叉车证 mk 拿证").hits] == ["叉车证", "mk"]


@pytest.mark.parametrize("tie", [False, True])
def test_a_hit_inside_a_longer_one_is_dropped_whatever_order_same_end_hits_come_in(tie):
    from keywords.engine import _drop_contained

    # (pattern, start, end) by end, as the automaton reports them; hits ending together in either order.
    first, second = ((0, 2, 4), (1, 0, 4)), ((3, 5, 7), (4, 1, 7))
    found = [*(first[::-1] if tie else first), (2, 3, 6), *(second[::-1] if tie else second)]
    assert _drop_contained(found) == [(1, 0, 4), (4, 1, 7)]  # by start; (0, 2, 4), (2, 3, 6), (3, 5, 7) inside

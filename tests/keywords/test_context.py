"""A hit is evidence, not a verdict: combinations, word boundaries, negation and warning context."""


def verdict(engine, text):
    return engine.match(text).verdict


def test_certificate_with_a_sale_claim_is_a_sale(engine):
    assert verdict(engine, "电工证包过") == "illegal_sale"
    assert verdict(engine, "焊工证，当天出证") == "illegal_sale"
    assert verdict(engine, "高处作业证 全国联网可查") == "illegal_sale"


def test_a_certificate_or_a_claim_alone_is_not(engine):
    assert verdict(engine, "招聘电工，要求持电工证上岗") == "benign"
    assert verdict(engine, "Python速成教程") == "benign"
    assert verdict(engine, "大学英语免考申请须知") == "benign"


def test_contact_lure_raises_the_score(engine):
    assert engine.match("电工证速成，加微").score > engine.match("电工证速成").score


def test_fake_document_trade_is_a_sale_when_it_offers_safety_certificates(engine):
    assert verdict(engine, "办证刻章：毕业证、电工证、焊工证，加微") == "illegal_sale"
    assert verdict(engine, "办证刻章 各类证件 加微") == "suspect"


def test_jieba_rejects_hits_that_cut_through_a_word(engine):
    assert engine.match("防火墙包过滤规则").hits == ()
    assert engine.match("免考核期间绩效不变").hits == ()
    assert engine.match("代考勤系统上线").hits == ()
    assert [h.keyword for h in engine.match("电工正在检修线路").hits] == []
    assert [h.keyword for h in engine.match("电工证速成班").hits] == ["电工证", "速成"]


def test_a_variant_spelling_inside_a_longer_word_is_that_word(engine):
    assert [h.keyword for h in engine.match("叉车证，面包果").hits] == ["叉车证"]
    assert [(h.matched, h.rule) for h in engine.match("叉车证，包果").hits][1] == ("包果", "homophone")


def test_negated_claims_are_not_evidence(engine):
    assessment = engine.match("电工证培训，不包过，拒绝代考")
    assert assessment.verdict == "benign"
    assert [h.keyword for h in assessment.hits] == ["电工证"]
    assert any("否定词「不」" in reason for reason in assessment.reasons)


def test_a_negation_before_a_filler_word_holds_wherever_the_hit_sits(engine):
    # The furthest a negation reaches back: 不办理, one character, 任何. Repeated hits are judged
    # once by what surrounds them, so the same words after any text must give the same answer.
    for before in ("", "电", "电工证培训。" * 3, "不" * 9):
        assessment = engine.match(before + "不办理某任何免考拿证")
        assert "免考拿证" not in [h.keyword for h in assessment.hits]
        assert "「免考拿证」前有否定词「不办理」，不计为证据" in assessment.reasons
    assert [h.keyword for h in engine.match("不办理某的任何免考拿证").hits] == ["免考拿证"]  # too far back


def test_warning_and_enforcement_language_lowers_the_score(engine):
    news = "警方破获一起伪造电工证案件，嫌疑人宣称包过、可查可验"
    assert verdict(engine, news) == "benign"
    assert any("警示语境" in reason for reason in engine.match(news).reasons)
    assert verdict(engine, "电工证需参加考试，考试合格后由应急管理局颁发") == "benign"


def test_reasons_explain_the_verdict_in_chinese(engine):
    assessment = engine.match("電工證 mian kao，加微")
    assert assessment.reasons[0] == "证书类型（「电工证」）与免考代考（「免考」）同时出现，构成售证组合"
    assert "「mian kao」按拼音规则识别为「免考」" in assessment.reasons


def test_to_dict_is_the_json_contract(engine):
    data = engine.match("电工证包过").to_dict()
    assert list(data) == ["verdict", "score", "hits", "reasons"]
    assert data["hits"][1] == {"keyword": "包过", "category": "exam_evasion", "matched": "包过",
                               "start": 3, "end": 5, "rule": "exact"}
    assert isinstance(data["score"], int) and 0 <= data["score"] <= 100


def test_batch_matching_gives_the_same_answers(engine):
    texts = ["电工证免 考", "", "Python速成", "焊工証\u200b包过", "普通商品"]
    assert [a.to_dict() for a in engine.match_many(texts, batch_size=2)] == [engine.match(t).to_dict() for t in texts]


def test_part_of_a_text_is_scored_on_its_own_matches(engine):
    """A page is examined in one pass; its main content is scored from the matches inside it."""
    page = "猜你喜欢：电工证包过，加微\n正文：焊工培训报名，考试合格后发证"
    found = engine.examine(page)
    assert found.assessment() == engine.match(page)
    body_start = page.index("正文")
    body, rest = found.split({start for start in found.starts() if start >= body_start})
    assert body.assessment().verdict == "benign"
    assert rest.assessment().verdict == "illegal_sale"
    assert sorted(body.starts() | rest.starts()) == sorted(found.starts()) and min(body.starts()) > max(rest.starts())


def test_long_texts_map_hits_back_to_where_they_were_written(engine):
    # Above a few hundred characters normalisation and span mapping run in numpy.
    text = "说明：" + "质量可靠，发货迅速。 " * 80 + "电 工 证 包 过，Ｖ信 zheng"
    hits = engine.match(text).hits
    assert hits and all(text[h.start:h.end] == h.matched for h in hits)
    assert {h.keyword for h in hits} >= {"电工证", "包过"}

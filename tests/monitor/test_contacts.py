"""Contact details and addresses as sellers write them to dodge filters."""
import random
import unicodedata

from monitor.contacts import _nfkc, extract_contacts, extract_urls


def test_contacts_in_their_disguises():
    text = "免考包过，V信：zheng-888，扣扣 12345678，电话 138 0013 8000，座机 023-6688 1234"
    assert extract_contacts(text) == {"wechat": ["zheng-888"], "qq": ["12345678"],
                                      "phone": ["02366881234", "13800138000"]}


def test_addresses_spelled_out_or_full_width():
    text = ("官网可查：ｗｗｗ．ｃｘｍｅｍｇｏｖ．ｔｏｐ ，备用 cx点mem-gov点cn/query ，"
            "邮箱 kefu@shop.example.com 不是网站")
    assert extract_urls(text) == ["http://www.cxmemgov.top", "http://cx.mem-gov.cn/query"]


def test_fast_normalisation_is_nfkc():
    """Full-width forms are replaced before the normaliser runs; the result must be NFKC's
    whatever follows them (combining marks, half-width kana with sound marks, Hangul jamo)."""
    pools = ["电工证免考包过查询平台", "，。：；！？（）【】「」　、〃〜", "ｗｗｗ．ＡＢＣ１２３％＠",
             "ｶｷﾞﾟﾞｳﾞ", "\u0301\u0308\u0323\u3099\u309a", "aeiouAZ09 .-/", "ᄀᄁ\u1161\u1162ᆨ", "①²ﬁ㎏"]
    rng = random.Random(4)
    for _ in range(3000):
        text = "".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(0, 24)))
        assert _nfkc(text) == unicodedata.normalize("NFKC", text), ascii(text)


def test_an_address_ends_at_the_full_stop_of_its_sentence():
    assert extract_urls("官网可查 cx点mem-gov点cn/query。欢迎咨询") == ["http://cx.mem-gov.cn/query"]
    assert extract_urls("查询 www.abc.com/查询页 或 a.example.com/x.html。") == [
        "http://www.abc.com/查询页", "http://a.example.com/x.html"]

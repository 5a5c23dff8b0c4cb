"""Fingerprints and comparison on saved HTML: no server, no browser."""
import itertools
import json
import random
import re

import mmh3
import pytest

from monitor import PortalFingerprint, assess, compare, fingerprint
from monitor._sketch import sketch_text
from monitor.compare import SKETCH_SIZE, _shared_in_bottom_of_union, best_match
from monitor.content import ParsedPage
from monitor.markers import (_IMAGE_CUE_WORDS, CONAC_RE, EMBLEM_RE, GOV_BODY_RE, GOV_BODY_WORDS, _bodies,
                             extract_markers)
from monitor.shingles import sketch

from labelled_world import saved_snapshot

ZLAQ = "https://zlaq.mohurd.gov.cn/"
CNSE = "https://cnse.e-cqs.cn/info-pub/pub/"


def enrolled_from_files():
    return {"mohurd-zlaq": fingerprint(saved_snapshot(ZLAQ)), "cnse": fingerprint(saved_snapshot(CNSE))}


def test_fingerprint_holds_title_form_markers_and_hashes():
    fp = fingerprint(saved_snapshot(ZLAQ))
    assert fp.title == "全国工程质量安全监管信息平台公共服务门户"
    assert fp.form.meanings == {"证件类型", "证件号码", "姓名", "验证码"}
    assert fp.form.action == "/gzpt/cert/query"
    assert fp.markers.site_code == ["bm43000002"]
    assert fp.markers.icp == ["京ICP备05003817号-2"]
    assert fp.markers.police == ["京公网安备11010202000113号"]
    assert fp.markers.conac == ["3B6D9A0E7C514F28"] and fp.markers.emblem
    assert fp.markers.bodies == ["中华人民共和国住房和城乡建设部"] and fp.markers.host == "zlaq.mohurd.gov.cn"
    assert fp.style_hashes and len(fp.image_phashes) == 3 and fp.favicon_hash is not None


def test_image_markers_are_read_from_alt_src_title_and_class_only():
    badge = '<a href="https://bszs.conac.cn/sitename?method=show&amp;id=AB12"><img alt="党政机关"></a>'
    page = ParsedPage(f'<html><body><img src="/i/GUOHU\u0131.png">{badge}</body></html>')
    markers = extract_markers(page.images, [], page.text, "")
    assert markers.emblem and markers.conac == ["AB12"]
    page = ParsedPage('<html><body><img data-src="/i/emblem.png" src="/i/a.png" data-alt="党政机关"></body></html>')
    markers = extract_markers(page.images, [], page.text, "")
    assert not markers.emblem and not markers.conac


def test_image_cue_words_hold_every_match_of_the_case_blind_regexes():
    """Images are searched for the cue words, lower-cased, before the regexes run: every character
    the regexes take for a letter of a cue word must lower-case to that letter."""
    everything = "".join(map(chr, itertools.chain(range(0xD800), range(0xE000, 0x110000))))
    for letter in set("".join(_IMAGE_CUE_WORDS)):
        taken = set(re.findall(re.escape(letter), everything, re.I))
        assert {c.lower() for c in taken} == {letter}, letter
    for pattern in (EMBLEM_RE, CONAC_RE):
        for word in pattern.pattern.replace("\\", "").split("|"):
            assert any(cue in word.lower() for cue in _IMAGE_CUE_WORDS), word


def test_government_bodies_are_sought_only_in_text_holding_one_of_their_words():
    texts = ["主办：中华人民共和国应急管理部", "国家市场监督管理总局特种设备安全监察局", "北京市人民政府网站",
             "江苏省住房和城乡建设厅、四川省应急管理局", "国家税务总局", "国家 管理局", "证书查询平台", ""]
    for text in texts:
        found = GOV_BODY_RE.findall(text)
        assert _bodies(text) == found, text
        assert all(any(word in body for word in GOV_BODY_WORDS) for body in found), found
    assert _bodies("国家税务总局") and not _bodies("证书查询平台")


def test_fingerprint_survives_json():
    fp = fingerprint(saved_snapshot(CNSE))
    again = PortalFingerprint.from_dict(json.loads(json.dumps(fp.to_dict())))
    assert again == fp


def test_an_exact_copy_scores_one_and_its_copied_markers_are_named():
    fps = enrolled_from_files()
    sim = compare(saved_snapshot("https://zlaq-mohurd.cn/"), fps["mohurd-zlaq"], "mohurd-zlaq")
    assert sim.score == 1.0
    assert "site_code:bm43000002" in sim.copied_markers


def test_the_genuine_page_is_not_a_copy_of_itself():
    fps = enrolled_from_files()
    a = assess(saved_snapshot(ZLAQ), fps)
    assert a.verdict == "benign" and a.codes == ["GENUINE_PORTAL"]


def test_static_clones_are_caught_from_saved_html():
    fps = enrolled_from_files()
    for url in ["https://zlaq-mohurd.cn/", "https://zlaq.mohurd-gov.net/", "https://jzsg-zscx.com/",
                "https://cnse-e-cqs.com/info-pub/pub/", "https://cnse.e-cqs.cn.tzsbcx.top/", "https://cnse-query.cn/"]:
        assert assess(saved_snapshot(url), fps).verdict == "fake_portal", url


def test_a_javascript_only_clone_shows_nothing_until_rendered():
    fps = enrolled_from_files()
    raw = assess(saved_snapshot("https://tzsb-cx.com/"), fps)
    assert raw.verdict == "benign"  # hence `assess --render` by default


def test_unrelated_pages_score_low():
    fps = enrolled_from_files()
    for url in ["https://www.aqpx-school.com/", "https://www.qingshan.gov.cn/",
                "https://news.aqsc-daily.com.cn/2026/01/10/fake-portal.html"]:
        a = assess(saved_snapshot(url), fps)
        assert a.verdict == "benign" and a.similarity < 0.3, url


def test_shingle_hashes_are_mmh3_of_each_shingle_however_computed():
    """Shingles are hashed in C, their characters lower-cased there by table or, where the table
    cannot tell, by Python; the values must stay those of mmh3, or fingerprints enrolled before
    would stop matching."""
    rng = random.Random(7)
    bmp = "ab1Z 电工证书查询平台，。-_ñΣ" + "".join(chr(rng.randrange(0x80, 0x800)) for _ in range(9))
    # Lower-cased by table, by str.lower() where a character's lower case needs more, and with
    # characters beyond the BMP (four UTF-8 bytes) or a lone surrogate.
    alphabets = [bmp.replace("Σ", ""), bmp + "İ", bmp + "\U0001F600\U00020000", bmp + "\ud800"]
    for alphabet, size in itertools.product(alphabets, (0, 2, 3, 40, 999, 1000, 1500, 4000)):
        text = "".join(rng.choice(alphabet) for _ in range(size))
        clean = re.sub(r"[\s\W_]+", "", text.lower())
        shingles = {clean[i:i + 3] for i in range(len(clean) - 2)} if len(clean) > 3 else ({clean} if clean else set())
        expected = sorted(mmh3.hash(s, signed=False) for s in shingles)
        assert sketch(text, 10) == (expected[:10], len(expected)), (alphabet, size)
        assert sketch(text, size + 1) == (expected, len(expected)), (alphabet, size)
    for kept in ("", "ab", "abc"):  # a long text that keeps at most one shingle
        assert sketch("，" * 1000 + kept, 10) == (([mmh3.hash(kept, signed=False)], 1) if kept else ([], 0))
    with pytest.raises(ValueError):  # a lookup table of the wrong size is refused, never read past
        sketch_text("电工证", bytes(100), 10)


def test_the_dom_is_compared_only_where_a_portal_could_match():
    fps = enrolled_from_files()
    for url, could_match in [("https://zlaq-mohurd.cn/", True), ("https://www.aqpx-school.com/", False)]:
        snapshot = saved_snapshot(url)
        page = ParsedPage(snapshot.html)
        fp = fingerprint(snapshot, page, with_dom=False)
        asked = []
        sim = best_match(fp, fps, add_dom=lambda: (asked.append(True), fp.add_dom(page)))
        assert bool(asked) == could_match, url
        assert ("dom" in sim.components) == could_match
        exact = best_match(fingerprint(snapshot), fps)
        assert (sim.score >= 0.35) == (exact.score >= 0.35)
        if could_match:
            assert sim == exact


def test_shared_hashes_in_the_union_bottom_k_are_counted_from_the_merged_sketches():
    rng = random.Random(3)
    for _ in range(200):
        common = rng.sample(range(10**6), rng.randrange(1, 400))
        a = sorted(set(common[:rng.randrange(len(common) + 1)] + rng.sample(range(10**6), rng.randrange(300))))
        b = sorted(set(common[rng.randrange(len(common) + 1):] + rng.sample(range(10**6), rng.randrange(300))))
        a, b = a[:SKETCH_SIZE], b[:SKETCH_SIZE]
        sa, sb = frozenset(a), frozenset(b)
        both = sa & sb
        if len(sa | sb) <= SKETCH_SIZE:
            continue
        last = sorted(sa | sb)[SKETCH_SIZE - 1]
        assert _shared_in_bottom_of_union(a, sa, b, sb, both) == sum(1 for h in both if h <= last)

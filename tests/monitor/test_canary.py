"""The canary probe in real Chromium: an invented person, a clone that
"confirms" them, and the genuine portal that does not."""
import pytest

from monitor import assess, probe
from monitor.canary import CANARY_NAME, invalid_id_number, judge_answer

from labelled_world import saved_snapshot


def run_probe(renderer, url):
    async def go():
        page, _, _ = await renderer.open(url)
        try:
            return await probe(page)
        finally:
            await page.context.close()
    return renderer.run(go())


def test_the_invented_id_number_fails_its_own_checksum():
    number = invalid_id_number()
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(number[:17], weights)) % 11]
    assert len(number) == 18 and number[17] != check


@pytest.mark.parametrize("url", ["https://cxmemgov.top/", "https://cx-mem-gov.cn/", "https://tezhongzuoye-chaxun.com/"])
def test_a_clone_confirms_a_person_who_does_not_exist(renderer, url):
    result = run_probe(renderer, url)
    assert result.verdict == "confirmed", result.answer_text
    assert result.filled["姓名"] == CANARY_NAME and result.filled["证件号码"] == invalid_id_number()
    assert result.screenshot_png.startswith(b"\x89PNG")


@pytest.mark.parametrize("url", ["https://cx.mem.gov.cn", "https://zlaq.mohurd.gov.cn", "https://cnse.e-cqs.cn/info-pub/pub/"])
def test_the_genuine_portal_finds_nobody(renderer, url):
    result = run_probe(renderer, url)
    assert result.verdict == "not_found", result.answer_text
    assert "未查询到" in result.answer_text


def test_a_page_without_an_id_field_is_not_submitted(renderer):
    result = run_probe(renderer, "https://www.aqpx-school.com/")
    assert result.verdict == "inconclusive" and result.answer_text == ""


def test_a_confirmed_canary_makes_the_page_a_fake_portal(renderer):
    canary = run_probe(renderer, "https://tezhongzuoye-chaxun.com/")
    a = assess(saved_snapshot("https://tezhongzuoye-chaxun.com/"), {}, canary=canary)
    assert a.verdict == "fake_portal" and "CANARY_CONFIRMED" in a.codes
    assert a.canary["verdict"] == "confirmed"


def test_only_new_text_is_judged():
    assert judge_answer("查询成功\n证书状态：有效", {}) == "confirmed"
    assert judge_answer("未查询到相关信息", {}) == "not_found"
    assert judge_answer("", {}) == "inconclusive"

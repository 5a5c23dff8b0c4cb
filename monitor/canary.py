"""Canary probe: ask a suspect query form about a person who does not exist.

A genuine portal finds nothing; a clone that "confirms" an invented person with
an ID number whose checksum is wrong has proved its answers are made up. The
probe uses only invented data, never a real person's."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .content import parse
from .domain import is_gov_host
from .forms import canonical, extract_form

CANARY_NAME = "测试无此人"
CONFIRM_WORDS = re.compile(r"查询成功|验证通过|证书有效|真实有效|有效期|发证机关|发证日期|持证人|核验通过|证书状态[:：]?\s*有效|已通过")
NOT_FOUND_WORDS = re.compile(r"未查询到|查无|无此|不存在|没有找到|未找到|无记录|无相关|暂无|信息有误|不正确")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def invalid_id_number(body17: str = "11010519000101999") -> str:
    """An 18-digit ID number whose checksum is deliberately wrong: it cannot
    belong to anyone (born 1900-01-01, sequence 999)."""
    right = _ID_CHECK[sum(int(d) * w for d, w in zip(body17, _ID_WEIGHTS)) % 11]
    wrong = next(c for c in "0123456789X" if c != right)
    return body17 + wrong


def canary_values() -> dict[str, str]:
    return {"姓名": CANARY_NAME, "证件号码": invalid_id_number(), "验证码": "8888"}


@dataclass
class CanaryResult:
    url: str
    filled: dict[str, str] = field(default_factory=dict)
    answer_text: str = ""
    screenshot_png: bytes | None = None
    verdict: str = "inconclusive"  # confirmed | not_found | inconclusive
    note: str = ""

    def to_dict(self) -> dict:
        """Evidence record; the screenshot is kept by the caller as a file."""
        return {"url": self.url, "filled": self.filled, "answer_text": self.answer_text,
                "verdict": self.verdict, "note": self.note, "has_screenshot": self.screenshot_png is not None}


def judge_answer(answer: str, filled: dict[str, str]) -> str:
    """What the page said after the query, new text only."""
    echoed = [v for k, v in filled.items() if k in ("姓名", "证件号码") and v in answer]
    plain = answer
    for value in echoed:  # the invented name (测试无此人) must not read as "无此"
        plain = plain.replace(value, "")
    if NOT_FOUND_WORDS.search(plain):
        return "not_found"
    if CONFIRM_WORDS.search(plain) or echoed:
        return "confirmed"
    return "inconclusive"


_DESCRIBE_FIELDS = """() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(e => !['hidden','submit','button','image','reset','checkbox','radio','file'].includes((e.type||'').toLowerCase()))
  .filter(e => e.offsetParent !== null || e.getClientRects().length)
  .map((e, i) => {
    e.setAttribute('data-canary', String(i));
    const lab = (e.id && document.querySelector('label[for="' + e.id + '"]')) || e.closest('label');
    const row = e.parentElement ? e.parentElement.innerText : '';
    return {idx: String(i), tag: e.tagName.toLowerCase(), name: e.name || e.id || '',
            placeholder: e.placeholder || '', label: lab ? lab.innerText : (row.length < 30 ? row : '')};
  })"""
_SUBMIT = ("button[type=submit], input[type=submit], button:has-text('查询'), a:has-text('查询'), "
           "button:has-text('检索'), input[type=button][value*='查询']")


async def probe(page, timeout_ms: int = 8000) -> CanaryResult:
    """Fill the certificate query form on `page` (a Playwright Page) with the
    invented person, submit it and read the answer."""
    values = canary_values()
    result = CanaryResult(url=page.url)
    before = await page.inner_text("body")
    fields = await page.evaluate(_DESCRIBE_FIELDS)
    for f in fields:
        meaning = canonical(f["label"], f["placeholder"], f["name"])
        handle = page.locator(f"[data-canary='{f['idx']}']")
        if f["tag"] == "select":
            options = await handle.locator("option").evaluate_all("os => os.map(o => o.value).filter(v => v)")
            if options:
                await handle.select_option(options[0])
                result.filled[meaning or f["name"]] = options[0]
        elif meaning in values:
            await handle.fill(values[meaning])
            result.filled[meaning] = values[meaning]
    if "证件号码" not in result.filled:
        result.note = "未找到证件号码输入框，未提交"
        return result
    submit = page.locator(_SUBMIT).first
    try:
        if await submit.count():
            await submit.click(timeout=timeout_ms)
        else:
            await page.locator("[data-canary]").last.press("Enter")
        await page.wait_for_load_state("networkidle", timeout=timeout_ms)
    except Exception as exc:  # the page may navigate or hang; read what is there
        result.note = f"提交后等待超时或出错：{type(exc).__name__}"
    await page.wait_for_timeout(300)  # let a script paint its answer
    after = await page.inner_text("body")
    result.answer_text = _new_text(before, after)
    result.screenshot_png = await page.screenshot(full_page=True)
    result.verdict = judge_answer(result.answer_text, result.filled)
    return result


def _new_text(before: str, after: str) -> str:
    """Lines the answer added: the query page's own wording (e.g. "考核合格信息
    查询平台") must not read as a confirmation."""
    old = set(line.strip() for line in before.splitlines())
    return "\n".join(line.strip() for line in after.splitlines() if line.strip() and line.strip() not in old)


def should_probe(snapshot) -> bool:
    """Probe only non-government hosts that show a certificate query form (its fields are all
    that decides, so the page is parsed but not fingerprinted)."""
    if is_gov_host(snapshot.host):
        return False
    form = extract_form(parse(snapshot.html), [])
    return bool(form and form.is_certificate_query)

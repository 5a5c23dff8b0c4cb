"""Government markers and identity claims a page shows.

Markers identify a specific site (网站标识码, ICP 备案号, 公安备案号, the conac
党政机关 badge); a clone that copies them carries another host's identity.
Identity claims (a ministry's name in the masthead, the 国徽) say "this is a
government body" — fine on .gov.cn, an impersonation anywhere else."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from itertools import chain
from urllib.parse import parse_qs, urlsplit

from lxml import etree

_PROV = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
SITE_CODE_RE = re.compile(r"网站标识码\s*[:：]?\s*([A-Za-z]{0,2}\d{6,12})")
ICP_RE = re.compile(rf"([{_PROV}]ICP[备证]\s*\d{{6,12}}\s*号(?:\s*-\s*\d+)?)")
POLICE_RE = re.compile(rf"([{_PROV}]公网安备\s*\d{{10,16}}\s*号?)")
GOV_BODY_RE = re.compile(
    r"(中华人民共和国[\u4e00-\u9fa5]{2,12}?部|国家[\u4e00-\u9fa5]{2,10}?(?:总局|管理局|委员会)|"
    r"[\u4e00-\u9fa5]{0,8}(?:应急管理部|住房和城乡建设部|市场监督管理总局|人民政府|应急管理厅|应急管理局|"
    r"住房和城乡建设厅|特种设备安全监察局))")
# Words every GOV_BODY_RE match contains: looking for them first is far cheaper than the regex
# (one scan of the text each, so shared stems like 应急管理 stand for all their endings).
GOV_BODY_WORDS = ("中华人民共和国", "国家", "应急管理", "住房和城乡建设", "市场监督管理总局", "人民政府", "特种设备安全监察局")
HOST_LINE_RE = re.compile(r"(?:主办单位|主办|承办单位)\s*[:：]\s*([\u4e00-\u9fa5（）()]{4,30})")
EMBLEM_RE = re.compile(r"国徽|guohui|emblem", re.I)
CONAC_RE = re.compile(r"conac\.cn|党政机关", re.I)
_IMAGE_ATTRS = ("alt", "src", "title", "class")  # where an image says what it shows
# What every EMBLEM_RE or CONAC_RE match holds, lower-cased ("guohu": the regex also takes a
# dotless ı for the i, which lower() keeps).
_IMAGE_CUE_WORDS = ("国徽", "guohu", "emblem", "conac.cn", "党政机关")


def _norm(value: str) -> str:
    return re.sub(r"\s+", "", value)


@dataclass
class Markers:
    site_code: list[str] = field(default_factory=list)
    icp: list[str] = field(default_factory=list)
    police: list[str] = field(default_factory=list)
    conac: list[str] = field(default_factory=list)  # badge ids (or "badge")
    bodies: list[str] = field(default_factory=list)  # government bodies the page speaks as
    emblem: bool = False
    host: str = ""  # the host the markers were seen on

    def values(self) -> set[str]:
        """Site-specific identifiers: copying any of these copies an identity."""
        return {f"site_code:{v}" for v in self.site_code} | {f"icp:{v.split('-')[0]}" for v in self.icp} | \
            {f"police:{v}" for v in self.police} | {f"conac:{v}" for v in self.conac if v != "badge"}

    def identity_claims(self) -> list[str]:
        claims = []
        if self.bodies:
            claims.append("body")
        if self.emblem:
            claims.append("emblem")
        if self.site_code:
            claims.append("site_code")
        if self.conac:
            claims.append("conac")
        return claims

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Markers":
        return cls(**d)


def _conac_id(url: str) -> str:
    query = parse_qs(urlsplit(url).query)
    for key in ("id", "sitecode", "siteCode"):
        if key in query:
            return query[key][0]
    return "badge"


def _findall_at(pattern: re.Pattern, text: str, word: str, back: int) -> list[str]:
    """`pattern.findall(text)` for a pattern whose every match has `word` `back` characters in:
    the regex is tried only there, not at every character of the text (a province's name
    starts an ICP number, and a page is full of them)."""
    found, resume = [], 0
    at = text.find(word, back)
    while at >= 0:
        match = pattern.match(text, at - back) if at - back >= resume else None
        if match:
            found.append(match.group(1))
            resume = match.end()
        at = text.find(word, at + 1)
    return found


def _bodies(text: str) -> list[str]:
    """`GOV_BODY_RE.findall(text)`, tried only on a text holding one of GOV_BODY_WORDS: the
    regex tries its alternatives at every character, and most titles name no body."""
    return GOV_BODY_RE.findall(text) if any(word in text for word in GOV_BODY_WORDS) else []


def extract_markers(images: list, links: list[str], text: str, head_text: str, host: str = "") -> Markers:
    """`images`: the page's <img> elements; `links`: the hrefs of its links; `text`: its visible
    text; `head_text`: title plus masthead text, where a page names who it speaks for (a news
    story quoting a ministry in its body does not speak for it)."""
    m = Markers(host=host)
    m.site_code = sorted({_norm(v) for v in _findall_at(SITE_CODE_RE, text, "网站标识码", 0)})
    m.icp = sorted({_norm(v) for v in _findall_at(ICP_RE, text, "ICP", 1)})
    m.police = sorted({_norm(v) for v in _findall_at(POLICE_RE, text, "公网安备", 1)})
    bodies = set(_bodies(head_text))
    if "主办" in text or "承办单位" in text:
        bodies |= {b for line in HOST_LINE_RE.findall(text) for b in _bodies(line)}
    m.bodies = sorted(bodies)
    # Most pages show neither: the cue words are first looked for in every attribute of every
    # image, read by one call an image (a `get` an attribute costs more) and lower-cased (a
    # case-blind regex is slower than both); no match spans two attributes (no pattern holds a
    # space), so the regexes then run only on the attributes that count, of pages with a cue.
    shown = "\n".join(chain.from_iterable(map(etree._Element.values, images))).lower()
    descs = [" ".join(img.get(name) or "" for name in _IMAGE_ATTRS) for img in images] \
        if any(word in shown for word in _IMAGE_CUE_WORDS) else []
    together = "\n".join(descs)
    if EMBLEM_RE.search(together):
        m.emblem = True
    if CONAC_RE.search(together):
        for img, desc in zip(images, descs):
            if CONAC_RE.search(desc):
                parent = img.getparent()
                href = parent.get("href", "") if parent is not None and parent.tag == "a" else ""
                m.conac.append(_conac_id(href) if href else "badge")
    for href in links:
        if "conac.cn" in href and _conac_id(href) not in m.conac:
            m.conac.append(_conac_id(href))
    m.conac = sorted(set(m.conac))
    return m

"""One verdict per page: clone similarity, identity, domain, canary and keyword
signals combined, with the reasons a reviewer reads."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, is_dataclass
from functools import lru_cache

from .compare import SUSPECT_SCORE, Similarity, best_match
from .content import ParsedPage
from .domain import DomainInfo, is_gov_host, registered_domain
from .fingerprint import PortalFingerprint, fingerprint
from .snapshot import PageSnapshot

CLONE_SCORE = 0.55  # at or above: a clone of the portal
FORM_SIMILAR = 0.6  # the form asks for what the portal's form asks for
FORM_CLONE = 0.7  # ... with the portal's own field names and wording
YOUNG_DAYS = 180
RISK_BANDS = {"fake_portal": (70, 100), "illegal_sale": (60, 100), "suspect": (30, 69), "benign": (0, 29)}
_CLAIM_NAMES = {"body": "政府机关名称", "emblem": "国徽图案", "site_code": "网站标识码", "conac": "党政机关网站标识"}


@dataclass
class Assessment:
    url: str
    final_url: str
    verdict: str
    risk: int
    portal: str | None
    similarity: float | None
    reasons: list[dict] = field(default_factory=list)
    components: dict[str, float] = field(default_factory=dict)
    keyword_hits: list = field(default_factory=list)
    canary: dict | None = None

    @property
    def codes(self) -> list[str]:
        return [r["code"] for r in self.reasons]

    def to_dict(self) -> dict:
        return asdict(self)


def _reason(code: str, text: str) -> dict:
    return {"code": code, "text": text}


@lru_cache(maxsize=4096)
def _lookalike(host: str, portal_host: str) -> bool:
    """Host borrows the portal's name: cx-mem-gov.cn, cx.mem.gov.cn.chaxun.top."""
    if host == portal_host:
        return False
    compact = re.sub(r"[^a-z0-9]", "", host)
    core = re.sub(r"[^a-z0-9]", "", portal_host.rsplit(".", 1)[0].removesuffix(".gov"))
    brand = registered_domain(portal_host).split(".")[0]
    return (len(core) >= 5 and core in compact) or brand in re.split(r"[.\-]", host)


def _plain(hit):
    """A keyword hit as JSON-ready data, whatever shape the engine gives it."""
    if hasattr(hit, "to_dict"):
        return hit.to_dict()
    if is_dataclass(hit):
        return asdict(hit)
    return hit if isinstance(hit, (dict, str, int, float, list)) else str(hit)


def _keyword_reasons(kw) -> list[dict]:
    out = []
    for r in getattr(kw, "reasons", None) or []:
        if isinstance(r, dict) and "code" in r:
            out.append(_reason(r["code"], r.get("text", "")))
        else:
            out.append(_reason("KEYWORD_HIT", str(r)))
    return out


def assess(snapshot: PageSnapshot, fingerprints: dict[str, PortalFingerprint], keyword_assessment=None,
           domain_info: DomainInfo | None = None, canary=None, portal_names: dict[str, str] | None = None,
           page: ParsedPage | None = None) -> Assessment:
    """`keyword_assessment`: anything with .verdict/.score/.hits/.reasons;
    `canary`: a CanaryResult (or anything with .verdict/.filled/.answer_text);
    `page`: the snapshot's HTML already parsed, when the caller has it."""
    page = page or ParsedPage(snapshot.html)
    fp = fingerprint(snapshot, page, with_dom=False)
    host = fp.host
    names = portal_names or {}
    genuine = next((pid for pid, pfp in fingerprints.items() if pfp.host == host), None)
    sim: Similarity | None = best_match(fp, {k: v for k, v in fingerprints.items() if k != genuine},
                                        add_dom=lambda: fp.add_dom(page))
    result = Assessment(url=snapshot.url, final_url=snapshot.final_url, verdict="benign", risk=0,
                        portal=genuine, similarity=None,
                        keyword_hits=[_plain(h) for h in getattr(keyword_assessment, "hits", None) or []],
                        canary=canary.to_dict() if hasattr(canary, "to_dict") else None)
    if genuine:
        result.similarity = 1.0
        result.reasons.append(_reason("GENUINE_PORTAL", f"该网址是正版门户「{names.get(genuine, genuine)}」自身的域名 {host}。"))
        return result

    reasons, points, verdict = result.reasons, 0.0, "benign"
    gov = is_gov_host(host)
    if sim:
        result.portal, result.similarity, result.components = sim.portal_id, sim.score, sim.components
        name = names.get(sim.portal_id, sim.portal_id)
        points += 60 * sim.score
        if sim.score >= SUSPECT_SCORE:
            code = "PORTAL_CLONE" if sim.score >= CLONE_SCORE else "PORTAL_SIMILAR"
            reasons.append(_reason(code, f"页面与正版门户「{name}」相似度 {sim.score:.2f}。"))
            verdict = "fake_portal" if code == "PORTAL_CLONE" and not gov else "suspect"
        form_sim = sim.components.get("form", 0)
        if form_sim >= FORM_SIMILAR and fp.form:
            reasons.append(_reason("FORM_CLONE", f"查询表单与「{name}」一致（{'、'.join(sorted(fp.form.meanings))}）。"))
            points += 10
            if form_sim >= FORM_CLONE and fp.form.is_certificate_query and not gov:
                verdict = "fake_portal"  # the portal's own query form, served by someone else
        if sim.copied_markers:
            owner = fingerprints[sim.portal_id].host
            reasons.append(_reason("MARKERS_COPIED", f"页面使用了 {owner} 的备案与标识信息（{'、'.join(sim.copied_markers)}）。"))
            points += 15
    imitated = next((pfp.host for pfp in fingerprints.values() if _lookalike(host, pfp.host)), None)
    if imitated and not gov:
        reasons.append(_reason("LOOKALIKE_HOST", f"域名 {host} 仿冒正版门户域名 {imitated}。"))
        points += 10
        verdict = max(verdict, "suspect", key=_rank)

    claims = fp.markers.identity_claims()
    cert_form = bool(fp.form and fp.form.is_certificate_query)
    if not gov and claims:
        shown = "、".join(fp.markers.bodies + [_CLAIM_NAMES[c] for c in claims if c != "body"])
        reasons.append(_reason("GOV_IDENTITY_ON_NON_GOV_HOST", f"页面以政府机关身份出现（{shown}），但域名 {host} 不属于 .gov.cn。"))
        points += 20
        verdict = "fake_portal" if cert_form or sim and sim.copied_markers else max(verdict, "suspect", key=_rank)
    if not gov and cert_form and sim and sim.copied_markers:
        verdict = "fake_portal"  # asks for certificates under another site's registration numbers
    if not gov and cert_form:
        reasons.append(_reason("CERT_QUERY_FORM", "非政府网站设有证件查询表单（要求填写证件号码、姓名或验证码）。"))
        points += 10

    if domain_info is not None:
        age = domain_info.age_days(snapshot.fetched_at)
        if age is not None and age < YOUNG_DAYS:
            reasons.append(_reason("YOUNG_DOMAIN", f"域名 {domain_info.registered_domain} 注册仅 {age} 天。"))
            points += 10
        if domain_info.registrant_hidden:
            reasons.append(_reason("WHOIS_HIDDEN", f"域名 {domain_info.registered_domain} 的注册人信息被隐藏。"))
            points += 5
        if verdict == "benign" and cert_form and (age is not None and age < YOUNG_DAYS):
            verdict = "suspect"

    canary_verdict = getattr(canary, "verdict", None)
    if canary_verdict == "confirmed" and not gov:
        filled = getattr(canary, "filled", {}) or {}
        who = "、".join(f"{k}={v}" for k, v in filled.items())
        reasons.append(_reason("CANARY_CONFIRMED", f"用虚构人员和无效证件号查询（{who}），站点却返回查询成功，证明其查询结果系伪造。"))
        points += 40
        verdict = "fake_portal"
    elif canary_verdict == "not_found":
        reasons.append(_reason("CANARY_NOT_FOUND", "用虚构人员查询，站点回答查无此人。"))

    kw_verdict = getattr(keyword_assessment, "verdict", None)
    if keyword_assessment is not None:
        reasons.extend(_keyword_reasons(keyword_assessment))
        points += min(40.0, float(getattr(keyword_assessment, "score", 0) or 0))
        if kw_verdict == "illegal_sale" and verdict != "fake_portal":
            verdict = "illegal_sale"
        elif kw_verdict == "suspect" and verdict == "benign":
            verdict = "suspect"

    low, high = RISK_BANDS[verdict]
    result.verdict, result.risk = verdict, int(min(high, max(low, round(points))))
    return result


def _rank(verdict: str) -> int:
    return ["benign", "suspect", "illegal_sale", "fake_portal"].index(verdict)

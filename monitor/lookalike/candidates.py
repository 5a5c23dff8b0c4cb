"""Candidate lookalike domains of one genuine portal host, each with the rule that made it.

dnstwist alone is not enough for government hosts: nearly all of its permutations of
cx.mem.gov.cn stay inside .gov.cn, where impostors cannot register. Impostors instead flatten
the host (cx-mem-gov.cn, cxmemgov.top), drop or move the `gov` label (mem-cx.xyz, memgov.cn),
park the whole genuine name under a domain of their own (cx.mem.gov.cn.chaxun.top), or spell
the portal's subject in pinyin (tezhongzuoye-chaxun.com, tzsb-cx.com). Typos come from
dnstwist, applied to the flattened names. Pure: no network."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..domain import host_within, is_gov_host, registered_domain
from .typos import FUZZER_LABELS, typos
from .vocabulary import MIN_ALONE, Vocabulary, vocabulary

RULE_LABELS = {
    "tld-swapped": "更换顶级域名", "dots-to-hyphens": "点改为连字符", "dots-removed": "去掉点",
    "gov-dropped": "去掉 gov", "gov-moved": "挪动 gov", "labels-swapped": "调换标签顺序",
    "label-alone": "单用一个标签", "subdomain-kept": "保留子域名、改注册域名",
    "embedded": "整个真实域名作子域名", "name-plus-word": "名称加查询词",
    "pinyin": "业务名称拼音", "pinyin-initials": "业务名称拼音首字母",
    **{f"typo-{f}": f"错拼：{label}" for f, label in FUZZER_LABELS.items()},
}
_LABEL_RE = re.compile(r"^(?!..--)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


@dataclass(frozen=True)
class Candidate:
    domain: str
    rule: str

    @property
    def rule_label(self) -> str:
        return RULE_LABELS[self.rule]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class HostShape:
    """cx.mem.gov.cn → subdomains [cx], brand mem, suffix [gov, cn]."""
    host: str
    subdomains: tuple[str, ...]
    brand: str
    suffix: tuple[str, ...]

    @classmethod
    def of(cls, host: str) -> "HostShape":
        host = host.lower().rstrip(".")
        registered = registered_domain(host)
        brand, _, suffix = registered.partition(".")
        subs = host[: -len(registered)].rstrip(".").split(".") if host != registered else []
        return cls(host, tuple(s for s in subs if s and s != "www"), brand, tuple(suffix.split(".")))

    @property
    def gov(self) -> bool:
        return "gov" in self.suffix

    @property
    def names(self) -> tuple[str, ...]:
        """The labels that name the site: subdomains and brand, no suffix."""
        return (*self.subdomains, self.brand)


class _Collector:
    """Keeps the first rule per domain, and only domains an impostor could register."""

    def __init__(self, shape: HostShape):
        self.genuine = registered_domain(shape.host)
        self.found: dict[str, str] = {}

    def add(self, rule: str, name: str, tlds) -> None:
        for tld in tlds:
            domain = f"{name}.{tld}"
            if domain in self.found or not _registrable(domain) or is_gov_host(domain):
                continue
            if not host_within(domain, self.genuine):
                self.found[domain] = rule


def _registrable(domain: str) -> bool:
    return len(domain) <= 253 and all(_LABEL_RE.match(label) for label in domain.split("."))


def _structural(shape: HostShape) -> list[tuple[str, list[str]]]:
    """Flattened and rearranged forms of the host itself, most telling first."""
    names, brand = list(shape.names), shape.brand
    full = names + list(shape.suffix[:-1])  # cx mem gov
    every = names + list(shape.suffix)  # cx mem gov cn
    forms = [] if shape.gov else [("tld-swapped", [brand])]
    own = [] if shape.gov else ["-".join(names), "".join(names)]  # tzsb.shsc.org.cn → tzsb-shsc
    forms += [("dots-to-hyphens", ["-".join(full), "-".join(every), *own[:1]]),
              ("dots-removed", ["".join(full), "".join(every), "".join(full).replace("-", ""), *own[1:]])]
    if shape.gov:
        forms += [("gov-dropped", ["-".join(names), "".join(names)]),
                  ("gov-moved", [brand + "gov", brand + "-gov", "gov" + brand, "gov-" + brand,
                                 "gov-" + "-".join(names), "gov" + "".join(names)])]
    if len(names) > 1:
        forms += [("labels-swapped", ["-".join(reversed(names)), "".join(reversed(names))]),
                  ("label-alone", [n for n in names if len(n) >= 3])]
    if shape.subdomains:  # zlaq.mohurd-gov.net: the subdomain kept, the registered part replaced
        prefix = ".".join(shape.subdomains)
        brands = [brand + "-gov", brand + "gov", brand] if shape.gov else [brand]
        forms.append(("subdomain-kept", [f"{prefix}.{b}" for b in brands]))
    return forms


def _worded(shape: HostShape, vocab: Vocabulary) -> list[tuple[str, list[str]]]:
    """The genuine host under a "query" domain, the site's labels with a query word, and the
    portal's subject in pinyin."""
    forms = [("embedded", [f"{shape.host}.{parent}" for parent in vocab.parent_names])]
    bases = dict.fromkeys([shape.brand, "-".join(shape.names), "".join(shape.names),
                           *(n for n in shape.subdomains if len(n) >= 3)])
    forms.append(("name-plus-word", [form for base in bases for word in vocab.query_words
                                     for form in (f"{base}-{word}", f"{base}{word}", f"{word}-{base}")]))
    for word, rule in vocab.subject_words:
        alone = [word] if len(word) >= MIN_ALONE else []
        forms.append((rule, alone + [form for query in vocab.query_words
                                     for form in (f"{word}-{query}", f"{word}{query}")]))
    return forms


def _flattened(shape: HostShape) -> list[str]:
    """The names typos are made of."""
    names, full = list(shape.names), [*shape.names, *shape.suffix[:-1]]
    flat = ["-".join(full), "".join(full), "-".join(names), "".join(names)]
    return list(dict.fromkeys(flat))


def lookalike_candidates(host: str, *, name: str = "", authority: str = "") -> list[Candidate]:
    """Every candidate for `host`; `name`/`authority` (the portal's Chinese name and owner)
    choose the pinyin subjects. The genuine registered domain and .gov.cn are never candidates."""
    shape = HostShape.of(host)
    vocab = vocabulary(name, authority)
    out = _Collector(shape)
    for rule, forms in [*_structural(shape), *_worded(shape, vocab)]:
        for form in forms:
            out.add(rule, form, vocab.tlds)
    for flat in _flattened(shape):
        for typo, fuzzer in typos(flat):
            out.add(f"typo-{fuzzer}", typo, vocab.typo_tlds)
    return [Candidate(domain, rule) for domain, rule in out.found.items()]


def portal_candidates(portal) -> list[Candidate]:
    """Candidates for a `monitor.Portal`: its host, with its name and authority for the pinyin."""
    return lookalike_candidates(portal.host, name=portal.name, authority=portal.authority)

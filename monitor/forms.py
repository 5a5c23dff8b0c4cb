"""The certificate query form: what it asks for and where it sends it."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from .content import LABEL_TAGS, text_of

FIELD_TAGS = ("input", "select", "textarea")
_SKIP_TYPES = {"hidden", "submit", "button", "image", "reset", "checkbox", "radio", "file"}
# Canonical field meanings, so 身份证号/证件号/certNo all read as one thing.
CANON = [
    ("证件类型", re.compile(r"证件类型|证书类型|证件种类|类别|cert_?type|zjlx|type", re.I)),
    ("证件号码", re.compile(r"证件号|身份证|证号|证书编号|证书号|id_?card|idno|cert_?no|zjhm|sfz|credential", re.I)),
    ("姓名", re.compile(r"姓名|名字|^name$|xm|real_?name|person_?name|username", re.I)),
    ("验证码", re.compile(r"验证码|校验码|captcha|yzm|verify_?code|check_?code|vcode", re.I)),
]
_PATH_WORDS = ("api", "query", "search", "cx", "cert", "check")  # one of them is in every API path
API_RE = re.compile(r"""["'`](/[A-Za-z0-9_\-./]*(?:""" + "|".join(_PATH_WORDS) + r""")[A-Za-z0-9_\-./]*)["'`]""")
QUERY_WORDS = re.compile(r"查询|检索|核验|验证|search|query", re.I)


@lru_cache(maxsize=4096)
def canonical(*texts: str) -> str | None:
    """The meaning of the first of `texts` that has one. Remembered: a site's pages repeat their
    forms, and each text costs up to four case-blind regex searches."""
    for text in texts:
        if text:
            for name, rx in CANON:
                if rx.search(text):
                    return name
    return None


@dataclass
class Field:
    name: str
    kind: str  # input type or tag
    label: str
    placeholder: str
    meaning: str | None  # canonical meaning, e.g. 证件号码


@dataclass
class QueryForm:
    action: str = ""
    method: str = ""
    fields: list[Field] = field(default_factory=list)
    api_paths: list[str] = field(default_factory=list)

    @property
    def meanings(self) -> set[str]:
        return {f.meaning for f in self.fields if f.meaning}

    @property
    def is_certificate_query(self) -> bool:
        """Asks for an ID/certificate number plus a name or a captcha."""
        m = self.meanings
        return "证件号码" in m and bool(m & {"姓名", "验证码"})

    def tokens(self) -> set[str]:
        """What a clone keeps when it copies the form, as comparable tokens."""
        toks = {f"m:{m}" for m in self.meanings}
        for f in self.fields:
            if f.name:
                toks.add(f"n:{f.name.lower()}")
            if f.placeholder:
                toks.add(f"p:{f.placeholder}")
            if f.label:
                toks.add(f"l:{f.label}")
        toks |= {f"a:{p}" for p in self.api_paths}
        if self.action:
            toks.add(f"a:{self.action.split('?')[0]}")
        return toks

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "QueryForm":
        return cls(action=d["action"], method=d["method"], fields=[Field(**f) for f in d["fields"]],
                   api_paths=list(d["api_paths"]))


def _label_for(el, labels: dict[str, str]) -> str:
    ident = el.get("id")
    if ident and ident in labels:
        return labels[ident]
    prev = el.getprevious()
    inline = (prev.tail if prev is not None else el.getparent().text) or ""
    if inline.strip():  # "证件号码：<input>"
        return inline.strip().strip("：: *")[:24]
    node = el.getparent()
    for _ in range(3):  # wrapping <label>, or the row/cell the field sits in
        if node is None:
            break
        if node.tag == "label" or sum(1 for _ in node.iter(*FIELD_TAGS)) == 1:
            own = " ".join(t.strip() for t in node.itertext() if t.strip())
            if own and len(own) <= 24:
                return own.strip("：: *")
        prev = node.getprevious()
        if prev is not None and prev.tag in ("label", "td", "th", "span", "dt"):
            return text_of(prev).strip().strip("：: *")[:24]
        node = node.getparent()
    return ""


def extract_form(tree, scripts: list[str], labels_and_forms: list | None = None) -> QueryForm | None:
    """The page's most query-like form; SPAs without <form> count their fields.
    `labels_and_forms`: the tree's <label> and <form> elements, when the caller has them."""
    labels, forms = {}, []
    for el in tree.iter(*LABEL_TAGS) if labels_and_forms is None else labels_and_forms:
        if el.tag == "form":
            forms.append(el)
        elif el.get("for"):
            labels[el.get("for")] = text_of(el).strip().strip("：: *")
    candidates = forms or [tree]
    best: QueryForm | None = None
    for container in candidates:
        fields = []
        for el in container.iter(*FIELD_TAGS):
            kind = (el.get("type") or el.tag).lower()
            if kind in _SKIP_TYPES:
                continue
            name = el.get("name") or el.get("id") or ""
            label = _label_for(el, labels)
            placeholder = el.get("placeholder") or ""
            fields.append(Field(name=name, kind=kind, label=label, placeholder=placeholder,
                                meaning=canonical(label, placeholder, name)))
        if not fields:
            continue
        form = QueryForm(action=container.get("action") or "", method=(container.get("method") or "").lower(),
                         fields=fields)
        if best is None or len(form.meanings) > len(best.meanings):
            best = form
    if best is not None:
        best.api_paths = sorted({p for s in scripts for p in _api_paths(s) if not p.endswith((".js", ".css"))})
    return best


def _api_paths(script: str) -> list[str]:
    """`API_RE.findall(script)`, on scripts that hold one of the words every match holds: a
    page's state as JSON quotes thousands of strings, and the regex stops at each quote."""
    return API_RE.findall(script) if any(word in script for word in _PATH_WORDS) else []

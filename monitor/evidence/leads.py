"""A lead (线索): one finding, or every finding of a group, with the evidence files behind it
and the facts police ask for first (domain holder, registrar, IP, seller, contacts)."""
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from storage import Store

from ..domain import registered_domain


class LeadNotFound(ValueError):
    pass


@dataclass
class EvidenceFile:
    name: str  # path inside the package
    row: dict  # the evidence row

    @property
    def kind(self) -> str:
        return self.row["kind"]


@dataclass
class Lead:
    ref: str  # F12 (a finding) or G3 (a group)
    findings: list[dict]
    captures: dict[int, list[dict]] = field(default_factory=dict)  # finding id → captures
    files: list[EvidenceFile] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"线索{self.ref}"


def resolve_leads(store: Store, refs: list[str]) -> list[Lead]:
    """`12` or `F12` names finding 12; `G3` names every finding in group 3."""
    leads = []
    for ref in refs:
        text = ref.strip().upper()
        if text.startswith("G") and text[1:].isdigit():
            ids = [r[0] for r in store.db.execute(
                "SELECT id FROM findings WHERE group_id = ? ORDER BY id", [int(text[1:])])]
            if not ids:
                raise LeadNotFound(f"没有编号为 {ref} 的线索组")
            label = text
        elif text.removeprefix("F").isdigit():
            ids = [int(text.removeprefix("F"))]
            label = f"F{ids[0]}"
        else:
            raise LeadNotFound(f"无法识别的线索编号 {ref}（发现写作 12 或 F12，线索组写作 G3）")
        findings = [store.finding(i) for i in ids]
        if None in findings:
            raise LeadNotFound(f"没有编号为 {ref} 的发现")
        leads.append(_with_evidence(store, Lead(label, findings)))
    return leads


def campaign_unit(store: Store, lead: Lead) -> str:
    """The unit(s) whose campaign found the lead's findings."""
    ids = sorted({f["campaign_id"] for f in lead.findings if f["campaign_id"]})
    if not ids:
        return ""
    rows = store.db.execute(f"SELECT DISTINCT unit FROM campaigns WHERE id IN ({','.join('?' * len(ids))}) "
                            "AND unit != '' ORDER BY unit", ids).fetchall()
    return "、".join(r[0] for r in rows)


def _with_evidence(store: Store, lead: Lead) -> Lead:
    for finding in lead.findings:
        captures = store.captures(finding["canonical_url"])
        lead.captures[finding["id"]] = captures
        by_capture = store.evidence_of_captures([c["id"] for c in captures]) if captures else []
        seen = {row["id"] for row in by_capture}
        base = f"evidence/finding-{finding['id']}"
        for row in by_capture:
            lead.files.append(EvidenceFile(f"{base}/capture-{row['capture_id']}/{_file_name(row)}", row))
        for row in store.evidence(finding["id"]):
            if row["id"] not in seen:
                lead.files.append(EvidenceFile(f"{base}/other/{row['kind']}-{row['id']}{_suffix(row)}", row))
    return lead


def _suffix(row: dict) -> str:
    return Path(row["path"]).name[len(row["sha256"]):]


def _file_name(row: dict) -> str:
    stem = {"warc": "page", "wacz": "page"}.get(row["kind"], row["kind"].replace("_", "-"))
    return stem + _suffix(row)


def lead_rows(store: Store, lead: Lead) -> list[dict]:
    """One row per finding for the lead sheet (线索清单)."""
    rows = []
    for finding in lead.findings:
        captures = lead.captures[finding["id"]]
        latest = captures[-1] if captures else None
        whois = _latest_text(store, lead, finding["id"], "whois")
        details = finding["details"] or {}
        fields = details.get("fields") or {}
        contacts = details.get("contacts") or {}
        host = (latest or {}).get("final_url") or finding["canonical_url"]
        registrant, registrar = whois_parties(registered_domain(_host(host)), whois)
        rows.append({
            "id": finding["id"], "url": finding["canonical_url"], "domain": registered_domain(_host(host)),
            "registrant": registrant, "registrar": registrar,
            "ip": (latest or {}).get("server_ip") or "",
            "seller": " ".join(filter(None, (fields.get("seller_name"), fields.get("seller_id"),
                                             fields.get("shop_url")))),
            "contacts": "；".join(f"{label}：{'、'.join(contacts[key])}" for key, label in
                                 (("phone", "电话"), ("wechat", "微信"), ("qq", "QQ")) if contacts.get(key)),
            "keywords": "、".join(dict.fromkeys(h["keyword"] for h in finding["hits"] if h["keyword"])),
            "verdict": finding["verdict"], "risk": finding["risk"],
            "reasons": "；".join(r["text"] for r in finding["reasons"] or []),
            "first_seen": finding["first_seen"], "last_seen": finding["last_seen"],
            "status": finding["status"]})
    return rows


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _latest_text(store: Store, lead: Lead, finding_id: int, kind: str) -> str:
    rows = [f.row for f in lead.files if f.kind == kind
            and f.name.startswith(f"evidence/finding-{finding_id}/")]
    return store.evidence_file(rows[-1]).read_text(encoding="utf-8") if rows else ""


def whois_parties(domain: str, text: str) -> tuple[str, str]:
    """(registrant, registrar) from a raw WHOIS answer; empty when not stated."""
    if not text.strip():
        return "", ""
    from whois.parser import WhoisEntry

    try:
        entry = WhoisEntry.load(domain, text)
    except Exception:  # python-whois raises its own types for "not found" and odd formats
        return "", ""
    def first(*keys):
        for key in keys:
            value = entry.get(key)
            if isinstance(value, list):
                value = value[0] if value else None
            if value:
                return str(value)
        return ""

    return first("registrant_name", "name", "org", "registrant_org"), first("registrar")


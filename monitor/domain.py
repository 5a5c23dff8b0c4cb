"""Who a host belongs to: registered domain, government suffix, WHOIS facts."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
import re
from functools import lru_cache

import tldextract

# Offline: the bundled public-suffix snapshot, never a download.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=())
_CREATED_RE = re.compile(r"^\s*(?:Registration Time|Creation Date|Created(?: On)?|Registered(?: On)?|注册时间)\s*[:：]\s*(\d{4}-\d{2}-\d{2})", re.I | re.M)
_HOLDER_RE = re.compile(r"^\s*Registrant(?: Name| Organization)?\s*[:：]\s*(.+)$", re.I | re.M)
_HIDDEN_WORDS = ("redacted", "privacy", "protect", "隐私", "not disclosed", "withheld", "data protected")


@lru_cache(maxsize=4096)
def registered_domain(host: str) -> str:
    ext = _EXTRACT(host)
    return ext.top_domain_under_public_suffix or host


def is_gov_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host == "gov.cn" or host.endswith(".gov.cn")


def host_within(host: str, site: str) -> bool:
    host, site = host.lower(), site.lower()
    return host == site or host.endswith("." + site)


@dataclass
class DomainInfo:
    """DNS/WHOIS facts about a host, filled by the caller's lookups."""
    host: str
    registered_domain: str = ""
    created: datetime | None = None
    registrant_hidden: bool = False
    dns_answers: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.registered_domain = self.registered_domain or registered_domain(self.host)

    def age_days(self, at: datetime | None = None) -> int | None:
        if self.created is None:
            return None
        created = self.created if self.created.tzinfo else self.created.replace(tzinfo=timezone.utc)
        at = at or datetime.now(timezone.utc)
        at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
        return (at - created).days

    def to_dict(self) -> dict:
        d = asdict(self)
        d["created"] = self.created.isoformat() if self.created else None
        return d

    @classmethod
    def from_whois_text(cls, host: str, text: str, dns_answers: list[str] | None = None) -> "DomainInfo":
        """Parse a raw WHOIS answer (python-whois parser, no network)."""
        from whois.parser import WhoisEntry

        domain = registered_domain(host)
        entry = WhoisEntry.load(domain, text)
        created = entry.get("creation_date")
        if isinstance(created, list):
            created = min(created)
        if not isinstance(created, datetime) and _CREATED_RE.search(text):
            # python-whois picks its parser by TLD; registries do not all follow it.
            created = datetime.fromisoformat(_CREATED_RE.search(text).group(1)).replace(tzinfo=timezone.utc)
        holder = " ".join(str(entry.get(k) or "") for k in ("name", "org", "registrant_name"))
        holder += " " + " ".join(_HOLDER_RE.findall(text))
        if not holder.strip():
            holder = "redacted"  # no registrant at all is as hidden as a privacy proxy
        hidden = any(w in holder.lower() for w in _HIDDEN_WORDS)
        return cls(host=host, registered_domain=domain, created=created if isinstance(created, datetime) else None,
                   registrant_hidden=hidden, dns_answers=list(dns_answers or []))

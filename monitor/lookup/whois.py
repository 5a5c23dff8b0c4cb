"""WHOIS spoken here (RFC 3912). python-whois always dials the registry's port 43, so a
configured `--whois-server HOST:PORT` (a local mirror, the fixture internet) is asked directly,
and otherwise the registry's port-43 server for the TLD. The raw text goes to python-whois's
parser through `DomainInfo.from_whois_text`."""
from __future__ import annotations

import asyncio
import re
from dataclasses import asdict, dataclass, field

from whois.exceptions import PywhoisError, WhoisDomainNotFoundError

from ..domain import DomainInfo, registered_domain
from .pool import bounded, split_host_port

WHOIS_PORT = 43
IANA_WHOIS = "whois.iana.org"
# Port-43 servers of the registries behind the TLDs impostors use most; others are asked of IANA.
REGISTRY_WHOIS = {"cn": "whois.cnnic.cn", "com": "whois.verisign-grs.com",
                  "net": "whois.verisign-grs.com", "cc": "ccwhois.verisign-grs.com",
                  "top": "whois.nic.top", "xyz": "whois.nic.xyz", "vip": "whois.nic.vip",
                  "site": "whois.nic.site", "online": "whois.nic.online", "org": "whois.pir.org"}
MAX_WHOIS_BYTES = 256 * 1024
_REFERRAL_RE = re.compile(r"^\s*Registrar WHOIS Server:\s*(\S+)", re.I | re.M)
_IANA_RE = re.compile(r"^\s*whois:\s*(\S+)", re.I | re.M)
_REGISTRAR_RE = re.compile(r"^\s*(?:Sponsoring )?Registrar\s*[:：]\s*(.+?)\s*$", re.I | re.M)
_EXPIRES_RE = re.compile(r"^\s*(?:Expiration Time|Registry Expiry Date|Registrar Registration "
                         r"Expiration Date|Expir\w* Date)\s*[:：]\s*(\S+)", re.I | re.M)
_NS_RE = re.compile(r"^\s*Name Server\s*[:：]\s*(\S+)", re.I | re.M)


@dataclass
class WhoisRecord:
    domain: str  # the registered domain asked about
    server: str
    text: str | None = None
    error: str | None = None


async def whois_query(query: str, host: str, port: int, timeout: float) -> str:
    """One RFC 3912 exchange: send the query line, read until the server closes."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        writer.write(query.encode("idna") + b"\r\n")
        await writer.drain()
        data = await asyncio.wait_for(reader.read(MAX_WHOIS_BYTES), timeout)
    finally:
        writer.close()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")  # some Chinese registrars answer in GBK


class WhoisClient:
    def __init__(self, whois_server: str | None, *, timeout: float = 15.0):
        self.fixed = split_host_port(whois_server, WHOIS_PORT) if whois_server else None
        self.timeout = timeout
        self._iana: dict[str, asyncio.Future] = {}

    async def server_for(self, domain: str) -> tuple[str, int]:
        if self.fixed:
            return self.fixed
        tld = domain.rsplit(".", 1)[-1]  # com.cn, like .cn, is CNNIC's
        if tld in REGISTRY_WHOIS:
            return REGISTRY_WHOIS[tld], WHOIS_PORT
        if tld not in self._iana:  # one IANA question per TLD, however many domains wait for it
            self._iana[tld] = asyncio.ensure_future(whois_query(tld, IANA_WHOIS, WHOIS_PORT, self.timeout))
        found = _IANA_RE.search(await self._iana[tld])
        if not found:
            raise LookupError(f"IANA 未登记 .{tld} 的 WHOIS 服务器")
        return found.group(1), WHOIS_PORT

    async def lookup(self, domain: str) -> WhoisRecord:
        server = "?"
        try:
            host, port = await self.server_for(domain)
            server = f"{host}:{port}"
            text = await whois_query(domain, host, port, self.timeout)
            referral = _REFERRAL_RE.search(text)
            if not self.fixed and referral and referral.group(1).lower() != host.lower():
                # Thin registries (.com/.net) keep the registrant at the registrar's server.
                text += "\n" + await whois_query(domain, referral.group(1), WHOIS_PORT, self.timeout)
            return WhoisRecord(domain, server, text)
        except (OSError, asyncio.TimeoutError, LookupError, UnicodeError) as exc:
            return WhoisRecord(domain, server, error=_whois_error(exc))


def _whois_error(exc: Exception) -> str:
    if isinstance(exc, asyncio.TimeoutError):
        return "WHOIS 查询超时"
    if isinstance(exc, ConnectionRefusedError):
        return "WHOIS 服务器拒绝连接"
    return f"WHOIS 查询失败：{exc}"


async def whois_all(domains: list[str], *, whois_server: str | None, concurrency: int = 8,
                    timeout: float = 15.0) -> dict[str, WhoisRecord]:
    """WHOIS of each registered domain; registries rate-limit, so fewer at once than DNS."""
    client = WhoisClient(whois_server, timeout=timeout)
    return await bounded(domains, client.lookup, concurrency)


def whois_evidence(host: str, whois_server: str | None, timeout: float = 15.0) -> dict:
    """{"domain", "server", "text", "error"} for the host's registered domain. Synchronous:
    evidence is recorded on a worker thread, outside any event loop."""
    record = asyncio.run(WhoisClient(whois_server, timeout=timeout).lookup(registered_domain(host)))
    return {**asdict(record), "text": record.text or ""}


@dataclass
class WhoisFacts:
    found: bool
    registrar: str | None = None
    created: str | None = None
    expires: str | None = None
    registrant_hidden: bool | None = None
    name_servers: list[str] = field(default_factory=list)
    server: str | None = None
    error: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def whois_facts(host: str, record: WhoisRecord, dns_answers: list[str]) -> tuple[DomainInfo, WhoisFacts]:
    """What the scorer needs (DomainInfo: age, hidden registrant) and what is stored."""
    if record.text is None:
        return (DomainInfo(host, dns_answers=dns_answers),
                WhoisFacts(found=False, server=record.server, error=record.error))
    try:
        info = DomainInfo.from_whois_text(host, record.text, dns_answers)
    except WhoisDomainNotFoundError:
        return DomainInfo(host, dns_answers=dns_answers), WhoisFacts(found=False, server=record.server)
    except PywhoisError as exc:
        return (DomainInfo(host, dns_answers=dns_answers),
                WhoisFacts(found=True, server=record.server, error=f"WHOIS 内容无法解析：{exc}"))
    text = record.text
    registrar = _REGISTRAR_RE.search(text)
    expires = _EXPIRES_RE.search(text)
    return info, WhoisFacts(
        found=True, registrar=registrar.group(1) if registrar else None,
        created=info.created.isoformat() if info.created else None,
        expires=expires.group(1) if expires else None, registrant_hidden=info.registrant_hidden,
        name_servers=sorted({ns.lower().rstrip(".") for ns in _NS_RE.findall(text)}),
        server=record.server)

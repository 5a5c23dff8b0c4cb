"""DNS and WHOIS for lookalike domains, many at once with a bounded number in flight.

DNS goes to the configured `--dns-server HOST:PORT` (dnspython's async resolver), else to the
system resolver. WHOIS is RFC 3912 spoken here: python-whois always dials port 43 of the
registry, so a configured `--whois-server HOST:PORT` (a local mirror, the fixture internet) is
asked directly, and otherwise the registry's port-43 server for the TLD. The raw text goes to
python-whois's parser through `monitor.DomainInfo.from_whois_text`."""
from __future__ import annotations

import asyncio
import re
from dataclasses import asdict, dataclass, field

import dns.asyncresolver
import dns.exception
import dns.nameserver
import dns.resolver
from whois.exceptions import PywhoisError, WhoisDomainNotFoundError

from monitor import DomainInfo, registered_domain

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


def split_host_port(value: str, default_port: int) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    return (host, int(port)) if sep else (value, default_port)


async def bounded(items: list, work, concurrency: int) -> dict:
    """`work(item)` for every item, at most `concurrency` at a time; {item: result}."""
    results, pending = {}, iter(items)

    async def worker():
        for item in pending:  # one iterator shared by all workers: each item is taken once
            results[item] = await work(item)

    await asyncio.gather(*(worker() for _ in range(max(1, min(concurrency, len(items))))))
    return results


@dataclass
class DnsAnswer:
    domain: str
    status: str  # ok | nxdomain | no-answer | timeout | error
    addresses: list[str] = field(default_factory=list)

    @property
    def resolves(self) -> bool:
        return bool(self.addresses)

    def to_dict(self) -> dict:
        return {"status": self.status, "A": self.addresses}


def make_resolver(dns_server: str | None, timeout: float) -> dns.asyncresolver.Resolver:
    if dns_server:
        host, port = split_host_port(dns_server, 53)
        resolver = dns.asyncresolver.Resolver(configure=False)
        resolver.nameservers = [dns.nameserver.Do53Nameserver(host, port)]
    else:
        resolver = dns.asyncresolver.Resolver()
    resolver.lifetime = timeout
    return resolver


async def resolve(resolver: dns.asyncresolver.Resolver, domain: str) -> DnsAnswer:
    try:
        answer = await resolver.resolve(domain, "A", search=False)
    except dns.resolver.NXDOMAIN:
        return DnsAnswer(domain, "nxdomain")
    except dns.resolver.NoAnswer:
        return DnsAnswer(domain, "no-answer")
    except dns.exception.Timeout:
        return DnsAnswer(domain, "timeout")
    except dns.exception.DNSException:
        return DnsAnswer(domain, "error")
    return DnsAnswer(domain, "ok", sorted({r.address for r in answer}))


async def resolve_all(domains: list[str], *, dns_server: str | None, concurrency: int = 100,
                      timeout: float = 5.0) -> dict[str, DnsAnswer]:
    resolver = make_resolver(dns_server, timeout)
    return await bounded(domains, lambda d: resolve(resolver, d), concurrency)


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


def domain_record(domain: str, answer: DnsAnswer, record: WhoisRecord | None,
                  facts: WhoisFacts | None) -> dict:
    """The `domains` row for what DNS and WHOIS said about a domain."""
    row = {"domain": domain, "registered_domain": registered_domain(domain),
           "resolves": int(answer.resolves), "dns": answer.to_dict()}
    if record is not None:
        row.update(whois_text=record.text, whois=facts.to_dict(), registrar=facts.registrar,
                   creation_date=facts.created, registrant_hidden=facts.registrant_hidden)
    return row


def look_up_host(host: str, *, dns_server: str | None, whois_server: str | None,
                 timeout: float = 15.0) -> tuple[DomainInfo, dict]:
    """DNS and WHOIS of one host: what the scorer needs and the row to store."""
    domain = registered_domain(host)

    async def both():
        answers = await resolve_all([host], dns_server=dns_server, timeout=min(timeout, 5))
        whois = await whois_all([domain], whois_server=whois_server, timeout=timeout)
        return answers[host], whois[domain]

    answer, record = asyncio.run(both())
    info, facts = whois_facts(host, record, answer.addresses)
    return info, domain_record(host, answer, record, facts)

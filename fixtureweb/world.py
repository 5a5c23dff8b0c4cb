"""A world: the sites, DNS records and WHOIS records of the fixture internet.

A world is composed from one or more directories (see fixtureweb/README.md):

    <dir>/sites/<hostname>/          static files, optional _site.py and _site.toml
    <dir>/dns.toml                   extra DNS records
    <dir>/whois/<domain>.txt         raw WHOIS answers
"""

from __future__ import annotations

import hashlib
import importlib.util
import ipaddress
import re
import sys
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fixtureweb.messages import Request, Response
from fixtureweb.static import static_response

DEMO_WORLD = Path(__file__).parent / "demo"
TLS_MODES = ("ca", "self-signed", "mismatch", "expired", "none")
SITE_KEYS = {"tls", "tls_name", "aliases", "headers", "https_redirect"}
RECORD_TYPES = ("A", "NS", "MX", "TXT", "CNAME")


def demo_world_dir() -> Path:
    return DEMO_WORLD


class WorldError(ValueError):
    """A world directory that cannot be loaded as written."""


@dataclass
class Site:
    host: str
    root: Path
    tls: str = "ca"  # one of TLS_MODES
    tls_name: str | None = None  # the name a "mismatch" certificate is issued for
    aliases: tuple[str, ...] = ()
    headers: dict[str, str] = field(default_factory=dict)
    https_redirect: bool = False  # answer plain-http requests with a 301 to https
    handler: Callable[[Request], Response | None] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.host, *self.aliases)

    def respond(self, request: Request) -> Response:
        if self.https_redirect and request.scheme == "http":
            response = Response.redirect(f"https://{request.host}{request.target}", 301)
        else:
            response = self.handler(request) if self.handler else None
            if response is None:
                response = static_response(self.root, request.path) or not_found()
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response


def not_found() -> Response:
    return Response.html("<!DOCTYPE html><title>404 Not Found</title><h1>404 Not Found</h1>", 404)


class World:
    def __init__(self, sites: Iterable[Site] = (), records: dict[str, dict[str, list[str]]] | None = None,
                 whois: dict[str, str] | None = None):
        self.sites: dict[str, Site] = {}
        self.records: dict[str, dict[str, list[str]]] = {}
        self.whois: dict[str, str] = dict(whois or {})
        for site in sites:
            for name in site.names:
                if name in self.sites:
                    raise WorldError(f"主机名 {name} 被重复定义")
                self.sites[name] = site
                self.records.setdefault(name, {}).setdefault("A", [loopback_address(name)])
        for name, by_type in (records or {}).items():
            merged = self.records.setdefault(name, {})
            for rtype, values in by_type.items():
                merged[rtype] = values if rtype == "A" else merged.get(rtype, []) + values
        self._by_address = self._index_addresses()

    @classmethod
    def load(cls, directories: Iterable[Path | str]) -> World:
        sites: list[Site] = []
        records: dict[str, dict[str, list[str]]] = {}
        whois: dict[str, str] = {}
        for directory in map(Path, directories):
            if not directory.is_dir():
                raise WorldError(f"世界目录不存在: {directory}")
            sites_dir = directory / "sites"
            if sites_dir.is_dir():
                sites += [load_site(d) for d in sorted(sites_dir.iterdir()) if d.is_dir()]
            if (directory / "dns.toml").is_file():
                for name, by_type in load_dns(directory / "dns.toml").items():
                    for rtype, values in by_type.items():
                        records.setdefault(name, {}).setdefault(rtype, []).extend(values)
            for path in sorted((directory / "whois").glob("*.txt")):
                whois[path.stem.lower()] = path.read_text("utf-8")
        return cls(sites, records, whois)

    def site(self, host: str) -> Site | None:
        """The site serving `host`: a site name, an alias or its loopback address."""
        host = host.lower().rstrip(".")
        return self.sites.get(host) or self._by_address.get(host)

    def resolves(self, host: str) -> bool:
        return bool(self.records.get(host.lower().rstrip("."), {}).get("A"))

    def lookup(self, name: str, rtype: str) -> list[str] | None:
        """DNS answer values for `name`; None when the name does not exist."""
        by_type = self.records.get(name.lower().rstrip("."))
        return None if by_type is None else list(by_type.get(rtype, []))

    def whois_text(self, domain: str) -> str | None:
        return self.whois.get(domain.lower().rstrip("."))

    def _index_addresses(self) -> dict[str, Site]:
        index: dict[str, Site] = {}
        for name, by_type in self.records.items():
            for address in by_type.get("A", []):
                if not ipaddress.ip_address(address).is_loopback:
                    raise WorldError(f"{name} 的 A 记录 {address} 不在回环网段 127.0.0.0/8")
                if name in self.sites:
                    index.setdefault(address, self.sites[name])
        return index


def loopback_address(host: str) -> str:
    """A stable 127.x.y.z per hostname, so nothing ever points at a real network."""
    digest = hashlib.sha256(host.encode()).digest()
    return f"127.{digest[0]}.{digest[1]}.{1 + digest[2] % 254}"


def load_site(root: Path) -> Site:
    host = root.name.lower()
    config = {}
    if (root / "_site.toml").is_file():
        config = tomllib.loads((root / "_site.toml").read_text("utf-8"))
    unknown = set(config) - SITE_KEYS
    if unknown:
        raise WorldError(f"{root / '_site.toml'}: 未知配置项 {sorted(unknown)}")
    if config.get("tls", "ca") not in TLS_MODES:
        raise WorldError(f"{root / '_site.toml'}: tls 只能是 {', '.join(TLS_MODES)}")
    return Site(host=host, root=root, tls=config.get("tls", "ca"), tls_name=config.get("tls_name"),
                aliases=tuple(a.lower() for a in config.get("aliases", ())),
                headers=dict(config.get("headers", {})),
                https_redirect=config.get("https_redirect", False), handler=load_handler(root))


def load_handler(root: Path):
    path = root / "_site.py"
    if not path.is_file():
        return None
    # Unique, importable-looking name so tracebacks point at the site.
    name = "fixtureweb_site_" + re.sub(r"\W", "_", str(root.resolve()))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    if not callable(getattr(module, "handle", None)):
        raise WorldError(f"{path}: 缺少 handle(request) 函数")
    return module.handle


def load_dns(path: Path) -> dict[str, dict[str, list[str]]]:
    """`[hosts."name"]` tables with A/NS/MX/TXT/CNAME lists; a host without A gets a loopback one."""
    data = tomllib.loads(path.read_text("utf-8"))
    records: dict[str, dict[str, list[str]]] = {}
    for name, table in data.get("hosts", {}).items():
        name = name.lower()
        unknown = set(table) - set(RECORD_TYPES)
        if unknown:
            raise WorldError(f"{path}: {name} 含未知记录类型 {sorted(unknown)}")
        by_type = {rtype: [values] if isinstance(values, str) else list(values)
                   for rtype, values in table.items()}
        if "A" not in by_type and "CNAME" not in by_type:
            by_type["A"] = [loopback_address(name)]
        records[name] = by_type
    return records

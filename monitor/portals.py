"""The registry of genuine portals: the shipped data file plus user additions."""
from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass
from importlib import resources
from urllib.parse import urlsplit

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,40}$")


@dataclass(frozen=True)
class Portal:
    id: str
    name: str
    url: str
    authority: str = ""
    render: bool = False  # needs a browser to show its text and form

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Portal":
        return cls(**{k: d[k] for k in ("id", "name", "url", "authority", "render") if k in d})


def builtin_portals() -> list[Portal]:
    text = resources.files("monitor").joinpath("data/portals.toml").read_text(encoding="utf-8")
    return [Portal.from_dict(p) for p in tomllib.loads(text)["portal"]]


def load_portals(extra: list[Portal | dict] = ()) -> dict[str, Portal]:
    """Shipped portals plus `extra` (e.g. the ones users added, from the database),
    by id; a later entry with the same id replaces an earlier one."""
    portals = {p.id: p for p in builtin_portals()}
    for p in extra:
        p = p if isinstance(p, Portal) else Portal.from_dict(p)
        portals[p.id] = p
    return portals


def add_portal(portals: dict[str, Portal], id: str, name: str, url: str, authority: str = "",
               render: bool = False) -> Portal:
    """Validate and register a new portal; the caller persists `portal.to_dict()`."""
    if not _ID_RE.match(id):
        raise ValueError(f"门户编号无效：{id!r}（仅限小写字母、数字和连字符）")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"门户网址无效：{url!r}")
    if id in portals:
        raise ValueError(f"门户编号已存在：{id}")
    if not name.strip():
        raise ValueError("门户名称不能为空")
    portal = Portal(id=id, name=name.strip(), url=url, authority=authority.strip(), render=render)
    portals[id] = portal
    return portal


def portal_for_host(portals: dict[str, Portal], host: str) -> Portal | None:
    """The portal this host genuinely serves, if any."""
    host = host.lower()
    return next((p for p in portals.values() if p.host == host), None)

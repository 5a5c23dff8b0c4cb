"""Options every command shares: where the database is and how to reach the network."""
import functools
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import click

from keywords import builtin_lists
from spiders.network import Network
from storage import Store

from .errors import UserError


@dataclass
class Settings:
    db: Path
    proxy: str | None
    dns_server: str | None
    whois_server: str | None
    chromium: str | None
    ca_bundle: str | None

    @property
    def network(self) -> Network:
        return Network(proxy=self.proxy, dns_server=self.dns_server, whois_server=self.whois_server,
                       chromium=self.chromium, ca_bundle=self.ca_bundle)

    def open_store(self) -> Store:
        return Store(self.db)

    def check_keyword_lists(self, names: list[str]) -> None:
        with self.open_store() as store:
            known = set(builtin_lists()) | {row["name"] for row in store.keyword_lists()}
        missing = [n for n in names if n not in known]
        if missing:
            raise UserError(f"方案引用了不存在的关键词清单：{'、'.join(missing)}"
                            f"（可用：{'、'.join(sorted(known))}）")

    def check_proxy(self) -> None:
        """Fail early, in one line, when the configured proxy does not accept connections."""
        if not self.proxy:
            return
        parts = urlsplit(self.proxy)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UserError(f"代理地址格式不正确：{self.proxy}（应为 http://主机:端口）")
        try:
            socket.create_connection((parts.hostname, parts.port or 80), timeout=5).close()
        except OSError as exc:
            raise UserError(f"无法连接代理服务器 {self.proxy}：{exc.strerror or exc}") from None


def host_port(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise UserError(f"{option} 应写成 主机:端口，例如 127.0.0.1:53，而不是 {value}")
    return value


def with_settings(command):
    """Adds --db/--proxy/--dns-server/--whois-server/--chromium (and their env vars) to a command."""
    @click.option("--db", default="certsweep.db", envvar="CERTSWEEP_DB", show_default=True,
                  type=click.Path(dir_okay=False), help="数据库文件路径（环境变量 CERTSWEEP_DB）")
    @click.option("--proxy", envvar="CERTSWEEP_PROXY",
                  help="HTTP 代理，如 http://127.0.0.1:8080（环境变量 CERTSWEEP_PROXY）")
    @click.option("--dns-server", envvar="CERTSWEEP_DNS_SERVER",
                  help="DNS 服务器 主机:端口（环境变量 CERTSWEEP_DNS_SERVER）")
    @click.option("--whois-server", envvar="CERTSWEEP_WHOIS_SERVER",
                  help="WHOIS 服务器 主机:端口（环境变量 CERTSWEEP_WHOIS_SERVER）")
    @click.option("--chromium", envvar="CERTSWEEP_CHROMIUM",
                  help="浏览器可执行文件；默认用 Playwright 自带浏览器，没有则用 /usr/bin/chromium")
    @click.option("--ca-bundle", envvar="CERTSWEEP_CA_BUNDLE", type=click.Path(dir_okay=False),
                  help="判断网站证书是否可信所用的 CA 证书文件；默认用系统证书库")
    @functools.wraps(command)
    def wrapper(*args, db, proxy, dns_server, whois_server, chromium, ca_bundle, **kwargs):
        settings = Settings(db=Path(db), proxy=proxy or None,
                            dns_server=host_port(dns_server, "--dns-server"),
                            whois_server=host_port(whois_server, "--whois-server"),
                            chromium=chromium, ca_bundle=ca_bundle)
        return command(settings, *args, **kwargs)
    return wrapper

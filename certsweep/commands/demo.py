import secrets
from pathlib import Path

import click

from fixtureweb import FixtureInternet, demo_world_dir
from monitor import load_portals
from monitor.review.accounts import add_user, set_password
from spiders.enrollment import enroll_portals
from spiders.runner import run_campaign

from ..settings import with_settings
from ..summary import print_run_summary
from .serve import run_review_app

DEMO_CAMPAIGN = Path(demo_world_dir()) / "campaign.toml"
# One reviewer per agency, so each queue can be seen as its users see it.
DEMO_USERS = {"demo-admin": "admin", "demo-cac": "cac", "demo-samr": "samr", "demo-police": "police"}


@click.command()
@click.option("--serve/--no-serve", default=True, help="结束后启动审核网页（默认启动）")
@click.option("--port", default=8000, show_default=True, help="审核网页端口")
@with_settings
def demo(settings, serve, port):
    """在内置演示网络上运行默认方案（离线可用），打印结果汇总，并启动审核网页。"""
    with FixtureInternet([demo_world_dir()]).running() as live:
        settings.proxy, settings.dns_server, settings.whois_server, settings.ca_bundle = (
            live.proxy_url, live.dns_server, live.whois_server, str(live.ca_cert_path))
        click.echo(f"演示网络已启动：代理 {live.proxy_url}，DNS {live.dns_server}，WHOIS {live.whois_server}")
        with settings.open_store() as store:
            click.echo("采集真实查询平台指纹……")
            for result in enroll_portals(store, list(load_portals(store.portals()).values()),
                                         settings.network):
                click.echo(f"  {result.portal.name}：{'完成' if result.error is None else result.error}")
        summary = run_campaign(str(DEMO_CAMPAIGN), db=settings.db, network=settings.network)
    print_run_summary(settings, summary)
    click.echo(f"结果已保存到 {settings.db}")
    if serve:
        _demo_users(settings)
        run_review_app(settings, "127.0.0.1", port)


def _demo_users(settings) -> None:
    """Fresh passwords on every demo run, printed once: the demo database is the user's own."""
    click.echo("演示账号（本次运行的密码）：")
    with settings.open_store() as store:
        for name, role in DEMO_USERS.items():
            password = secrets.token_urlsafe(9)
            if store.user(name) is None:
                add_user(store, name, role, password)
            else:
                set_password(store, name, password, actor="demo")
            click.echo(f"  {name}（{role}）  密码：{password}")

from pathlib import Path

import click

from fixtureweb import FixtureInternet, demo_world_dir
from monitor import load_portals
from spiders.enrollment import enroll_portals
from spiders.runner import run_campaign

from ..settings import with_settings
from ..summary import print_run_summary

DEMO_CAMPAIGN = Path(demo_world_dir()) / "campaign.toml"


@click.command()
@with_settings
def demo(settings):
    """在内置演示网络上运行默认方案（离线可用），并打印结果汇总。"""
    with FixtureInternet([demo_world_dir()]).running() as live:
        settings.proxy, settings.dns_server, settings.whois_server, settings.ca_bundle = (
            live.proxy_url, live.dns_server, live.whois_server, str(live.ca_cert_path))
        click.echo(f"演示网络已启动：代理 {live.proxy_url}，DNS {live.dns_server}，WHOIS {live.whois_server}")
        settings.check_keyword_lists(["cert_types"])
        with settings.open_store() as store:
            click.echo("采集真实查询平台指纹……")
            for result in enroll_portals(store, list(load_portals(store.portals()).values()),
                                         settings.network):
                click.echo(f"  {result.portal.name}：{'完成' if result.error is None else result.error}")
        summary = run_campaign(str(DEMO_CAMPAIGN), db=settings.db, network=settings.network)
    print_run_summary(settings, summary)
    click.echo(f"结果已保存到 {settings.db}")

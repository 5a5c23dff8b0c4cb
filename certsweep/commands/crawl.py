import click

from campaign import load_campaign
from spiders.runner import run_campaign

from ..errors import UserError
from ..settings import with_settings
from ..summary import print_run_summary


@click.command()
@click.argument("campaign_file")
@click.option("--progress/--no-progress", default=True, help="显示进度条")
@click.option("--redis", "redis_url", default=None,
              help="集群巡查：本机作为协调与写入节点，经此 Redis（如 redis://HOST:6379/0）分发给 certsweep worker")
@with_settings
def crawl(settings, campaign_file, progress, redis_url):
    """按方案巡查；中断后再次运行会从断点继续。"""
    campaign = load_campaign(campaign_file)
    settings.check_proxy()
    if redis_url:
        # Imported here: the coordinator scores and writes evidence in this process, where a
        # single-machine crawl leaves that (keyword engine, WARC and WACZ libraries) to its workers.
        from spiders.cluster.coordinator import run_coordinator

        from .worker import check_redis
        check_redis(redis_url)
    settings.check_keyword_lists(campaign.keyword_lists)
    settings.open_store().close()  # fail on a bad database before any fetching
    if redis_url:
        summary = run_coordinator(campaign_file, db=settings.db, redis_url=redis_url,
                                  network=settings.network, progress=progress)
    else:
        summary = run_campaign(campaign_file, db=settings.db, network=settings.network, progress=progress)
    print_run_summary(settings, summary)
    if not summary.finished:
        raise UserError(f"巡查未完成（第 {summary.run_id} 轮），再次运行同一命令即可从断点继续")

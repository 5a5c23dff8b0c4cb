import click

from campaign import load_campaign
from spiders.runner import run_campaign

from ..errors import UserError
from ..settings import with_settings
from ..summary import print_run_summary


@click.command()
@click.argument("campaign_file")
@click.option("--progress/--no-progress", default=True, help="显示进度条")
@with_settings
def crawl(settings, campaign_file, progress):
    """按方案巡查；中断后再次运行会从断点继续。"""
    campaign = load_campaign(campaign_file)
    settings.check_proxy()
    settings.check_keyword_lists(campaign.keyword_lists)
    settings.open_store().close()  # fail on a bad database before any fetching
    summary = run_campaign(campaign_file, db=settings.db, network=settings.network, progress=progress)
    print_run_summary(settings, summary)
    if not summary.finished:
        raise UserError(f"巡查未完成（第 {summary.run_id} 轮），再次运行同一命令即可从断点继续")

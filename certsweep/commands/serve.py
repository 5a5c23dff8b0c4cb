"""`certsweep serve` (the review web app) and `certsweep recheck` (takedown verification)."""
import threading

import click

from monitor.review import SYSTEM, ReviewConfig, ReviewConfigError, regroup, scope_for
from monitor.review.recheck import record
from spiders.evidence_recorder import EvidenceRecorder
from spiders.fetch import fetch_pages
from storage.queues import FindingFilter

from ..errors import UserError
from ..settings import with_settings


def _config(path):
    try:
        return ReviewConfig.load(path)
    except ReviewConfigError as exc:
        raise UserError(str(exc)) from None


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址")
@click.option("--port", default=8000, show_default=True, help="端口")
@click.option("--review-config", type=click.Path(exists=True, dir_okay=False),
              help="审核配置（分派规则、办理时限），默认用内置配置")
@click.option("--regroup-every", default=60, show_default=True, help="每隔多少秒归并新发现的分组（0 不归并）")
@with_settings
def serve(settings, host, port, review_config, regroup_every):
    """启动审核网页服务（内网可用，不访问外网）。"""
    run_review_app(settings, host, port, _config(review_config), regroup_every)


def run_review_app(settings, host: str, port: int, config: ReviewConfig | None = None,
                   regroup_every: int = 60) -> None:
    """Serve the review app until Ctrl-C (also the last step of `certsweep demo`)."""
    import uvicorn

    from web import create_app

    app = create_app(settings.db, config=config or ReviewConfig.load())
    with settings.open_store() as store:
        regroup(store)
    if regroup_every:
        threading.Thread(target=_regroup_loop, args=(settings, regroup_every), daemon=True).start()
    click.echo(f"审核系统已启动：http://{host}:{port}/ （Ctrl-C 停止）")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def _regroup_loop(settings, seconds: int) -> None:
    stop = threading.Event()
    with settings.open_store() as store:
        while not stop.wait(seconds):
            regroup(store)


@click.command()
@click.option("--limit", default=200, show_default=True, help="本次最多复查多少条")
@click.option("--render/--no-render", default=True, help="用浏览器打开（可截图），或只取 HTML")
@with_settings
def recheck(settings, limit, render):
    """复查已通知平台下架的发现：内容已删除的转为“已下架（核验）”，仍在的加标记。"""
    settings.check_proxy()
    with settings.open_store() as store:
        rows = store.list_findings(scope_for(SYSTEM), FindingFilter(status=("notified",)),
                                   sort="waiting", limit=limit)
        if not rows:
            click.echo("没有待复查的发现（状态为“已通知平台”的）")
            return
        findings = [store.finding(r["id"]) for r in rows]
        urls = [(store.page(f["page_id"]) or {}).get("final_url") or f["canonical_url"] for f in findings]
        click.echo(f"复查 {len(urls)} 条……")
        results = fetch_pages(urls, render=render, network=settings.network)
        recorder = EvidenceRecorder.for_command(store, settings.network)
        gone = 0
        for finding, fetched in zip(findings, results):
            capture_id = None
            if fetched.snapshot is not None:  # the page as it is now, whatever it shows
                item = fetched.page(source="recheck", path=[f"下架复查：{fetched.url}"])
                capture_id = recorder.record(item, item.capture, finding_id=finding["id"],
                                             page_id=finding["page_id"])
            outcome = record(store, finding, fetched.snapshot, fetched.error, capture_id)
            gone += outcome.gone
            click.echo(f"  #{finding['id']} {'已下架' if outcome.gone else '仍在线'}：{outcome.reason}")
    click.echo(f"复查完成：{gone} 条已下架，{len(findings) - gone} 条仍在线")

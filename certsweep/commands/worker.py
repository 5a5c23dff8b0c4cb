"""`certsweep worker` and `certsweep sink`: the other machines of a cluster crawling on Redis."""
import click
import redis

from spiders.cluster.coordinator import run_sink
from spiders.cluster.worker import run_worker

from ..errors import UserError
from ..settings import with_settings


def check_redis(url: str) -> None:
    """Fail early, in one line, when the cluster's Redis is unreachable or the address is wrong."""
    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except ValueError as exc:
        raise UserError(f"Redis 地址格式不正确：{url}（应为 redis://主机:端口/库号）：{exc}") from None
    except redis.RedisError as exc:
        raise UserError(f"无法连接 Redis {url}：{exc}") from None


@click.command()
@click.option("--redis", "redis_url", required=True, help="共享队列地址，如 redis://HOST:6379/0")
@click.option("--render/--no-render", default=True, help="是否用浏览器渲染（--no-render 只取普通请求，不启动浏览器）")
@click.option("--name", default=None, help="节点名称（默认：主机名-进程号）")
@click.option("--lease", default=60, show_default=True, help="节点失联多少秒后，其未完成的请求回到队列")
@with_settings
def worker(settings, redis_url, render, name, lease):
    """集群抓取节点：从共享队列取请求并研判，结果经 Redis 交给写入节点，本机不写数据库。"""
    check_redis(redis_url)
    settings.check_proxy()
    stats = run_worker(redis_url, network=settings.network, render=render, name=name, lease_seconds=lease)
    pages = sum(s.get("response_received_count", 0) for s in stats.values())
    rendered = sum(s.get("playwright/page_count", 0) for s in stats.values())
    click.echo(f"本轮巡查已结束，节点退出：抓取 {pages} 页，其中浏览器渲染 {rendered} 页")


@click.command()
@click.option("--redis", "redis_url", required=True, help="共享队列地址，如 redis://HOST:6379/0")
@with_settings
def sink(settings, redis_url):
    """集群写入节点：把各节点推送的结果分批写入数据库（同一时间只有一个写入节点工作），直至本轮完成。"""
    check_redis(redis_url)
    settings.open_store().close()  # fail on a bad database before taking anything from Redis
    stats = run_sink(redis_url, db=settings.db, network=settings.network)
    click.echo(f"本轮写入完成：入库 {stats.get('certsweep/pages_stored', 0)} 页")

import click

from monitor import add_portal, load_portals

from ..errors import UserError
from ..settings import with_settings


@click.group()
def portals():
    """真实查询平台：列出、添加、采集指纹。"""


def _known(store):
    return load_portals(store.portals())


@portals.command("list")
@with_settings
def list_portals(settings):
    """列出真实查询平台及其最近一次指纹采集时间。"""
    with settings.open_store() as store:
        for portal in _known(store).values():
            history = store.fingerprint_history(portal.id)
            enrolled = history[-1]["enrolled_at"] if history else "未采集"
            click.echo(f"{portal.id}\t{portal.name}\t{portal.url}\t指纹：{enrolled}（共 {len(history)} 次）")


@portals.command("add")
@click.argument("portal_id")
@click.option("--name", required=True, help="平台全称")
@click.option("--url", required=True, help="平台网址")
@click.option("--authority", default="", help="主管机关")
@click.option("--render/--no-render", default=False, help="是否需要浏览器渲染（单页应用）")
@with_settings
def add(settings, portal_id, name, url, authority, render):
    """添加一个真实查询平台。"""
    with settings.open_store() as store:
        try:
            portal = add_portal(_known(store), portal_id, name, url, authority, render)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        store.save_portal({**portal.to_dict(), "render": int(portal.render), "origin": "user"})
    click.echo(f"已添加：{portal.id} {portal.name}")


@portals.command()
@click.argument("portal_ids", nargs=-1)
@with_settings
def enroll(settings, portal_ids):
    """用浏览器访问真实平台并采集指纹（保留历史）。"""
    from spiders.enrollment import enroll_portals

    settings.check_proxy()
    with settings.open_store() as store:
        known = _known(store)
        unknown = [p for p in portal_ids if p not in known]
        if unknown:
            raise UserError(f"未知的平台编号：{'、'.join(unknown)}")
        chosen = [known[p] for p in portal_ids] or list(known.values())
        results = enroll_portals(store, chosen, settings.network)
    for result in results:
        state = f"已采集指纹 #{result.fingerprint_id}" if result.error is None else f"失败：{result.error}"
        click.echo(f"{result.portal.id}\t{result.portal.name}\t{state}")
    if any(r.error for r in results):
        raise UserError("部分平台未能采集指纹")

"""`certsweep findings`: the review queue from the command line, same rules as the web app."""
import json

import click

from monitor.review import (ACTIONS, SYSTEM, ReviewConfig, ReviewError, ReviewService, regroup,
                            scope_for)
from monitor.review.accounts import reviewer as load_reviewer
from monitor.review.states import STATUSES, resolution_label, status_label
from storage.queues import SORTS, FindingFilter

from ..errors import UserError
from ..settings import with_settings

AS_USER = click.option("--as", "as_user", envvar="CERTSWEEP_USER",
                       help="以哪个用户的身份操作（环境变量 CERTSWEEP_USER）")
JSON = click.option("--json", "as_json", is_flag=True, help="输出 JSON")


def _who(store, name, *, required: bool):
    if not name:
        if required:
            raise UserError("请用 --as 用户名 指明操作人（记入审计日志）")
        return SYSTEM  # reading from the database file: the operator already holds all of it
    try:
        return load_reviewer(store, name)
    except ReviewError as exc:
        raise UserError(str(exc)) from None


def _echo_json(value) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


@click.group()
def findings():
    """查看和审核发现（与网页版同一套规则，操作记入审计日志）。"""


@findings.command("list")
@click.option("--status", multiple=True, type=click.Choice(list(STATUSES)), help="状态，可多次指定")
@click.option("--kind", help="类别：fake_portal / illegal_sale / suspect")
@click.option("--source", help="来源：marketplace / ad / search / seed / advertised")
@click.option("--queue", type=click.Choice(["cac", "samr"]), help="机构队列")
@click.option("--search", "text", help="全文检索")
@click.option("--overdue", is_flag=True, help="只列超时（督办）")
@click.option("--sort", type=click.Choice(list(SORTS)), default="risk", show_default=True)
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@AS_USER
@JSON
@with_settings
def list_findings(settings, status, kind, source, queue, text, overdue, sort, limit, offset,
                  as_user, as_json):
    """列出发现。"""
    with settings.open_store() as store:
        who = _who(store, as_user, required=False)
        flt = FindingFilter(status=status, kind=kind, source=source, queue=queue, text=text,
                            waiting_since=ReviewConfig.load().overdue_cutoffs() if overdue else ())
        total = store.count_findings(scope_for(who), flt)
        rows = store.list_findings(scope_for(who), flt, sort=sort, limit=limit, offset=offset)
    if as_json:
        _echo_json({"total": total, "findings": [dict(r, status_label=status_label(r["status"])) for r in rows]})
        return
    click.echo(f"共 {total} 条")
    for r in rows:
        click.echo(f"#{r['id']}\t{r['risk']}\t{status_label(r['status'])}\t{r['kind']}\t{r['source']}\t"
                   f"{r['assignee'] or '-'}\t{r['title'] or r['canonical_url']}")


@findings.command("show")
@click.argument("finding_id", type=int)
@AS_USER
@JSON
@with_settings
def show(settings, finding_id, as_user, as_json):
    """显示一条发现的详情、办理记录和同组发现。"""
    with settings.open_store() as store:
        who = _who(store, as_user, required=False)
        try:
            finding = ReviewService(store).visible(who, finding_id)
        except ReviewError as exc:
            raise UserError(str(exc)) from None
        finding.update(history=store.history(finding_id), comments=store.comments(finding_id),
                       tags=store.tags(finding_id), status_label=status_label(finding["status"]),
                       group=[r["id"] for r in store.group_members(finding["group_id"])]
                       if finding["group_id"] is not None else [])
    if as_json:
        _echo_json(finding)
        return
    click.echo(f"#{finding['id']} {finding['canonical_url']}")
    click.echo(f"类别 {finding['kind']}，来源 {finding['source']}，风险 {finding['risk']}，"
               f"状态 {finding['status_label']}，结论 {resolution_label(finding['resolution']) or '-'}，"
               f"负责人 {finding['assignee'] or '-'}")
    for reason in finding["reasons"] or []:
        click.echo(f"  依据：{reason['text']}")
    click.echo(f"  关键词：{'、'.join(h['matched'] or h['keyword'] for h in finding['hits']) or '-'}")
    if len(finding["group"]) > 1:
        click.echo(f"  同组：{'、'.join(f'#{i}' for i in finding['group'] if i != finding_id)}")
    for step in finding["history"]:
        click.echo(f"  {step['at']} {step['actor']} {status_label(step['from_status'])} → "
                   f"{status_label(step['to_status'])} {step['comment'] or ''}")
    for c in finding["comments"]:
        click.echo(f"  评论 {c['at']} {c['author']}：{c['body']}")


@findings.command("review")
@click.argument("finding_ids", type=int, nargs=-1, required=True)
@click.option("--action", required=True, type=click.Choice(list(ACTIONS)),
              help="；".join(f"{k} {a.label}" for k, a in ACTIONS.items()))
@click.option("--resolution", help="处理结论（如 false_positive 误报、duplicate 重复线索）")
@click.option("--comment", default="", help="说明")
@click.option("--whole-group", is_flag=True, help="对所在分组的全部发现执行")
@AS_USER
@JSON
@with_settings
def review(settings, finding_ids, action, resolution, comment, whole_group, as_user, as_json):
    """审核：变更状态（只允许规定的流转），记录操作人、时间和说明。"""
    with settings.open_store() as store:
        who = _who(store, as_user, required=True)
        service = ReviewService(store)
        ids = list(finding_ids)
        try:
            if whole_group:
                ids = service.expand_groups(who, ids)
            outcome = service.act(who, ids, action, comment=comment, resolution=resolution,
                                  strict=len(ids) == 1)
        except ReviewError as exc:
            raise UserError(str(exc)) from None
    if as_json:
        _echo_json({"done": outcome.done, "skipped": outcome.skipped})
    else:
        click.echo(outcome.summary())
        for finding_id, why in outcome.skipped.items():
            click.echo(f"  跳过 #{finding_id}：{why}")


@findings.command("assign")
@click.argument("finding_ids", type=int, nargs=-1, required=True)
@click.option("--to", "assignee", help="指派给的用户名；省略则指派给自己")
@click.option("--release", is_flag=True, help="取消指派")
@AS_USER
@JSON
@with_settings
def assign(settings, finding_ids, assignee, release, as_user, as_json):
    """指派负责人。"""
    with settings.open_store() as store:
        who = _who(store, as_user, required=True)
        target = None if release else (assignee or who.name)
        try:
            ReviewService(store).assign(who, list(finding_ids), target)
        except ReviewError as exc:
            raise UserError(str(exc)) from None
    if as_json:
        _echo_json({"assigned": list(finding_ids), "assignee": target})
    else:
        click.echo(f"已将 {len(finding_ids)} 条指派给 {target}" if target else "已取消指派")


@findings.command("comment")
@click.argument("finding_id", type=int)
@click.argument("body")
@AS_USER
@with_settings
def comment(settings, finding_id, body, as_user):
    """添加评论。"""
    with settings.open_store() as store:
        try:
            ReviewService(store).comment(_who(store, as_user, required=True), finding_id, body)
        except ReviewError as exc:
            raise UserError(str(exc)) from None
    click.echo("已添加评论")


@findings.command("merge")
@click.argument("finding_ids", type=int, nargs=-1, required=True)
@click.option("--unmerge", is_flag=True, help="把这些发现逐条移出各自的分组")
@AS_USER
@JSON
@with_settings
def merge(settings, finding_ids, unmerge, as_user, as_json):
    """把几条发现合并为一组（同一卖家、同一联系方式……），或 --unmerge 拆开。"""
    with settings.open_store() as store:
        who = _who(store, as_user, required=True)
        service = ReviewService(store)
        try:
            if unmerge:
                for finding_id in finding_ids:
                    service.unmerge(who, finding_id)
                result = {"unmerged": list(finding_ids)}
            else:
                result = {"group_id": service.merge(who, list(finding_ids)), "merged": list(finding_ids)}
        except ReviewError as exc:
            raise UserError(str(exc)) from None
    if as_json:
        _echo_json(result)
    elif unmerge:
        click.echo(f"已将 {len(finding_ids)} 条移出分组")
    else:
        click.echo(f"已合并到第 {result['group_id']} 组")


@findings.command("regroup")
@with_settings
def regroup_command(settings):
    """按卖家、联系方式和页面指纹重新归并分组（新巡查结果入库后运行；网页服务会定时运行）。"""
    with settings.open_store() as store:
        changed = regroup(store)
    click.echo(f"分组已更新：{changed} 条发现的分组有变化")

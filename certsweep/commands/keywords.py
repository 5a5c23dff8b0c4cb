"""`certsweep keywords`: import, list and show keyword lists; match text from stdin."""
import json
import sys
from itertools import islice
from pathlib import Path

import click

from keywords import (CATEGORY_LABELS, Engine, KeywordFileError, TextAssessment, builtin_lists, read_keyword_file,
                      render_table)
from monitor.page_scoring import campaign_keyword_lists

from ..errors import UserError
from ..settings import with_settings

CONTEXT_LIST = "context"  # warning/negation words: always on, or crackdown news would read as sales
TABLE_CHUNK = 200  # lines per printed table, so long inputs stream


@click.group()
def keywords():
    """关键词清单：导入主管部门清单、查看清单、检测文本。"""


@keywords.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--name", help="清单名称（默认取文件名）；与内置清单同名时取代内置清单")
@with_settings
def import_(settings, file, name):
    """导入主管部门提供的关键词清单（.txt 每行一个词，或含 关键词/类别/权重 列的 .csv/.xlsx）。"""
    try:
        entries = read_keyword_file(file)
    except KeywordFileError as exc:
        raise UserError(str(exc)) from None
    name = name or file.stem
    with settings.open_store() as store:
        version = store.save_keyword_list(name, [k.to_dict() for k in entries], source=file.name)
    click.echo(f"已导入关键词清单 {name} 第 {version} 版，共 {len(entries)} 个关键词（来源：{file.name}）")


@keywords.command("lists")
@with_settings
def lists_(settings):
    """列出内置清单与已导入清单的各个版本。"""
    rows = [(k.name, k.version, len(k.entries), "内置", "") for k in builtin_lists().values()]
    for row in _imported_rows(settings):
        rows.append((row["name"], row["version"], row["count"], row["source"], row["imported_at"]))
    click.echo("名称\t版本\t词数\t来源\t导入时间")
    for row in rows:
        click.echo("\t".join(str(cell) for cell in row))


@keywords.command()
@click.argument("name")
@click.option("--version", type=int, help="版本号（默认最新版）")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@with_settings
def show(settings, name, version, as_json):
    """显示一个清单的全部关键词（已导入的同名清单优先于内置清单）。"""
    found = _imported(settings, name, version)
    if found is None and name in builtin_lists() and version in (None, builtin_lists()[name].version):
        builtin = builtin_lists()[name]
        found = {"name": name, "version": builtin.version, "entries": [k.to_dict() for k in builtin.entries]}
    if found is None:
        raise UserError(f"找不到关键词清单 {name}" + (f" 第 {version} 版" if version else ""))
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    click.echo(f"{name} 第 {found['version']} 版，共 {len(found['entries'])} 个关键词")
    for entry in found["entries"]:
        category = CATEGORY_LABELS.get(entry["category"], entry["category"])
        click.echo(f"  {entry['term']}\t{category}\t{entry['weight']:g}")


@keywords.command()
@click.option("--list", "names", multiple=True, help="使用的清单（可重复；默认全部清单；警示语境清单 context 总是启用）")
@click.option("--json", "as_json", is_flag=True, help="每行输出一个 JSON 对象")
@with_settings
def match(settings, names, as_json):
    """从标准输入读取 UTF-8 文本，每行一篇，逐行给出判定、分数、命中与理由。"""
    engine = Engine(_resolve_lists(settings, list(names)))
    results = _assess_lines(engine, sys.stdin.buffer)
    if as_json:
        for number, assessment in results:
            click.echo(json.dumps({"line": number, **assessment.to_dict()}, ensure_ascii=False))
        return
    while chunk := list(islice(results, TABLE_CHUNK)):
        click.echo(render_table([a for _, a in chunk], first_line=chunk[0][0]), nl=False)


def _assess_lines(engine: Engine, stream):
    """(line number, assessment) per input line, in order; bad UTF-8 becomes an "error" verdict."""
    decoded = []
    for number, raw in enumerate(stream, start=1):
        try:
            decoded.append((number, raw.rstrip(b"\r\n").decode("utf-8")))
        except UnicodeDecodeError as exc:
            decoded.append((number, TextAssessment.error(f"第 {number} 行不是有效的 UTF-8 文本（第 {exc.start + 1} 字节）")))
        if len(decoded) == 1000:
            yield from _flush(engine, decoded)
            decoded = []
    yield from _flush(engine, decoded)


def _flush(engine: Engine, decoded):
    texts = [item for _, item in decoded if isinstance(item, str)]
    assessed = iter(engine.match_many(texts))
    for number, item in decoded:
        yield number, next(assessed) if isinstance(item, str) else item


def _resolve_lists(settings, names: list[str]):
    imported = {}
    if settings.db.exists():
        with settings.open_store() as store:
            imported = {row["name"]: store.keyword_list(row["name"]) for row in store.keyword_lists()}
    names = names or sorted(set(builtin_lists()) | set(imported))
    if CONTEXT_LIST not in names:
        names.append(CONTEXT_LIST)
    try:
        return campaign_keyword_lists(names, imported)
    except KeyError as exc:
        known = "、".join(sorted(set(builtin_lists()) | set(imported)))
        raise UserError(f"找不到关键词清单 {exc.args[0]}（可用：{known}）") from None


def _imported_rows(settings) -> list[dict]:
    if not settings.db.exists():
        return []
    with settings.open_store() as store:
        return store.keyword_lists()


def _imported(settings, name, version):
    if not settings.db.exists():
        return None
    with settings.open_store() as store:
        return store.keyword_list(name, version)

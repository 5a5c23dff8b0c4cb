import json

import click

from campaign import load_campaign

from ..settings import with_settings


@click.group()
def campaign():
    """巡查方案：检查与查看方案文件。"""


@campaign.command()
@click.argument("file")
@with_settings
def validate(settings, file):
    """检查方案文件，逐条列出错误（字段路径与行号）。"""
    found = load_campaign(file)
    click.echo(f"方案有效：{found.name}（{found.unit}，{found.start} 至 {found.end}）")


@campaign.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@with_settings
def show(settings, file, as_json):
    """显示解析后的完整方案（含继承与默认值）。"""
    found = load_campaign(file)
    data = found.model_dump(mode="json")
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _print_table(data)


def _print_table(data: dict, indent: int = 0) -> None:
    pad = "  " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            click.echo(f"{pad}{key}:")
            _print_table(value, indent + 1)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, item in enumerate(value):
                click.echo(f"{pad}{key}[{i}]:")
                _print_table(item, indent + 1)
        else:
            click.echo(f"{pad}{key}: {value}")

import click

from storage import SCHEMA_VERSION

from ..settings import with_settings


@click.command()
@with_settings
def init(settings):
    """创建数据库；已有的旧版数据库会升级到当前结构。"""
    with settings.open_store() as store:
        click.echo(f"数据库已就绪：{settings.db}（结构版本 {store.schema_version}/{SCHEMA_VERSION}）")

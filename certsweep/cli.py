"""The `certsweep` command: argument parsing and wiring only; the work lives in the libraries."""
import sys

import click

from campaign import CampaignError
from storage import StorageError

from . import __version__
from .commands import LazyGroup
from .errors import UserError

# Errors a user can fix; anything else is a bug and keeps its traceback.
USER_ERRORS = (UserError, CampaignError, StorageError)


class CertsweepGroup(LazyGroup):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
            for line in str(exc).splitlines():
                click.echo(f"错误：{line}", err=True)
            sys.exit(2)


@click.group(cls=CertsweepGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="certsweep")
def cli():
    """certsweep —— 安全生产资格证书涉假网络巡查工具。

    巡查交易平台、广告与搜索结果、仿冒域名，识别假冒政府查询平台，
    供网信、市场监管审核，并向公安移交线索。"""


def main() -> None:
    cli(prog_name="certsweep")

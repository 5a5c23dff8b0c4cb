from pathlib import Path

import click

from monitor.evidence.custody import verify_store
from monitor.evidence.signing import generate_key, key_fingerprint
from monitor.evidence.verify import verify_package

from ..errors import UserError
from ..settings import with_settings


@click.group()
def evidence():
    """电子证据：签名密钥、证据链与移交包核验。"""


@evidence.command()
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="私钥文件路径；公钥写在同名 .pub 文件")
def keygen(out):
    """生成用于签名移交包的 Ed25519 密钥对。"""
    if out.exists():
        raise UserError(f"文件已存在，不会覆盖：{out}")
    if not out.parent.is_dir():
        raise UserError(f"目录不存在：{out.parent}")
    public = generate_key(out)
    click.echo(f"私钥：{out}（请妥善保管）\n公钥：{public}\n公钥指纹：{key_fingerprint(public.read_bytes())}")


@evidence.command()
@click.argument("packages", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--key", "key", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="要求移交包由此公钥签名")
@with_settings
def verify(settings, packages, key):
    """核验移交包（逐个文件重算 SHA-256 并核验签名）；不给移交包时核验数据库的证据保管链。"""
    if packages:
        trusted = key.read_bytes() if key else None
        failed = False
        for path in packages:
            report = verify_package(path, trusted_key=trusted)
            click.echo(f"{path}：{'核验通过' if report.ok else '核验未通过'}")
            for line in report.problems:
                click.echo(f"  ✗ {line}")
            for line in report.notes:
                click.echo(f"  · {line}")
            failed = failed or not report.ok
    else:
        if not settings.db.exists():
            raise UserError(f"数据库不存在：{settings.db}")
        with settings.open_store() as store:
            problems = verify_store(store)
            rows = len(store.custody_log())
        click.echo(f"{settings.db}：保管记录 {rows} 条，{'证据链完整' if not problems else '发现问题'}")
        for line in problems:
            click.echo(f"  ✗ {line}")
        failed = bool(problems)
    if failed:
        raise SystemExit(1)

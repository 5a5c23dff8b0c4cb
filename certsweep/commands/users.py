"""`certsweep users`: reviewer accounts for the web app."""
import click

from monitor.review import ROLES, ReviewError
from monitor.review.accounts import add_user, set_active, set_password

from ..errors import UserError
from ..settings import with_settings

PASSWORD = click.option("--password", prompt="密码", hide_input=True, confirmation_prompt="再次输入密码",
                        envvar="CERTSWEEP_PASSWORD", help="密码（默认交互输入；环境变量 CERTSWEEP_PASSWORD）")


@click.group()
def users():
    """管理审核系统的用户（网信办、市场监管、公安、管理员）。"""


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(list(ROLES)),
              help="cac 网信办 / samr 市场监管 / police 公安 / admin 管理员")
@PASSWORD
@with_settings
def add(settings, name, role, password):
    """添加用户并设置密码（argon2 加密保存）。"""
    with settings.open_store() as store:
        try:
            add_user(store, name, role, password)
        except ReviewError as exc:
            raise UserError(str(exc)) from None
    click.echo(f"已添加用户 {name}（{ROLES[role]}）")


@users.command("list")
@with_settings
def list_users(settings):
    """列出用户。"""
    with settings.open_store() as store:
        for user in store.users():
            state = "启用" if user["active"] else "已停用"
            click.echo(f"{user['name']}\t{ROLES.get(user['role'], user['role'])}\t{state}\t{user['created_at']}")


@users.command("passwd")
@click.argument("name")
@PASSWORD
@with_settings
def passwd(settings, name, password):
    """重设用户密码（该用户已登录的会话随之失效）。"""
    with settings.open_store() as store:
        try:
            set_password(store, name, password, actor="cli")
        except ReviewError as exc:
            raise UserError(str(exc)) from None
    click.echo(f"已重设 {name} 的密码")


@users.command("disable")
@click.argument("name")
@click.option("--enable", is_flag=True, help="重新启用")
@with_settings
def disable(settings, name, enable):
    """停用（或 --enable 启用）用户。"""
    with settings.open_store() as store:
        try:
            set_active(store, name, enable, actor="cli")
        except ReviewError as exc:
            raise UserError(str(exc)) from None
    click.echo(f"已{'启用' if enable else '停用'} {name}")

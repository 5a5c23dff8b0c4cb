"""Reviewer accounts: argon2 password hashes, roles, and the check at login."""
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from storage import Store

from .access import Reviewer
from .service import ReviewError
from .states import ROLES

HASHER = PasswordHasher()
NAME = re.compile(r"^[\w\u4e00-\u9fff.\-]{2,32}$")
MIN_PASSWORD = 8


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ReviewError(f"密码至少 {MIN_PASSWORD} 位")


def add_user(store: Store, name: str, role: str, password: str, *, actor: str = "system") -> Reviewer:
    if not NAME.match(name) or name == "system":
        raise ReviewError(f"用户名不合规：{name}（2 到 32 个汉字、字母、数字或 . _ -）")
    if role not in ROLES:
        raise ReviewError(f"未知角色：{role}（可选：{'、'.join(ROLES)}）")
    if store.user(name):
        raise ReviewError(f"用户 {name} 已存在")
    _check_password(password)
    store.add_user(name, role, HASHER.hash(password), actor=actor)
    return Reviewer(name, role)


def set_password(store: Store, name: str, password: str, *, actor: str) -> None:
    _require(store, name)
    _check_password(password)
    store.update_user(name, actor, password_hash=HASHER.hash(password))


def set_active(store: Store, name: str, active: bool, *, actor: str) -> None:
    _require(store, name)
    store.update_user(name, actor, active=int(active))


def authenticate(store: Store, name: str, password: str) -> Reviewer | None:
    user = store.user(name)
    if user is None or not user["active"]:
        HASHER.hash(password)  # same work either way, so timing does not tell which names exist
        return None
    try:
        HASHER.verify(user["password_hash"], password)
    except (VerificationError, InvalidHashError):
        return None
    return Reviewer(user["name"], user["role"])


def reviewer(store: Store, name: str) -> Reviewer:
    user = _require(store, name)
    if not user["active"]:
        raise ReviewError(f"用户 {name} 已停用")
    return Reviewer(user["name"], user["role"])


def _require(store: Store, name: str) -> dict:
    user = store.user(name)
    if user is None:
        raise ReviewError(f"没有名为 {name} 的用户")
    return user

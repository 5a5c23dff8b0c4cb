"""The `Store`: one SQLite file opened with the pragmas, migrations and version check it needs."""
import contextlib
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from .audit import AuditMixin
from .campaigns import CampaignsMixin
from .custody import CustodyMixin
from .domains import DomainsMixin
from .errors import SchemaTooNewError, StorageError
from .evidence import EvidenceMixin
from .findings import FindingsMixin
from .keyword_lists import KeywordListsMixin
from .migrations import KNOWN_MIGRATIONS, MIGRATIONS, SCHEMA_VERSION
from .pages import PagesMixin
from .portals import PortalsMixin
from .queues import QueuesMixin
from .reviews import ReviewsMixin
from .search import register_search_functions
from .users import UsersMixin

BUSY_TIMEOUT_MS = 30_000


class Store(PagesMixin, FindingsMixin, CampaignsMixin, DomainsMixin, PortalsMixin,
            KeywordListsMixin, EvidenceMixin, CustodyMixin, QueuesMixin, ReviewsMixin, UsersMixin,
            AuditMixin):
    """Everything certsweep keeps. Open with `Store(path)`; the schema is migrated forward on open."""

    def __init__(self, path: str | Path, *, migrate: bool = True):
        self.path = Path(path)
        self.db = Database(_connect(self.path))
        _check_not_newer(self.db, self.path)
        if migrate:
            self.migrate()

    def migrate(self, *, stop_before: str | None = None) -> None:
        try:
            MIGRATIONS.apply(self.db, stop_before=stop_before)
        except sqlite3.OperationalError as exc:
            raise StorageError(f"无法写入数据库 {self.path}：{exc}") from exc
        self.db.execute(f"PRAGMA user_version = {len(MIGRATIONS.applied(self.db))}")

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    @contextlib.contextmanager
    def transaction(self):
        """Group writes; BEGIN IMMEDIATE takes the write lock up front so concurrent writers wait
        (busy timeout) instead of failing with 'database is locked' on lock upgrade."""
        conn = self.db.conn
        if conn.in_transaction:
            with self._savepoint(conn):
                yield self
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @staticmethod
    @contextlib.contextmanager
    def _savepoint(conn: sqlite3.Connection):
        """A nested transaction. Always the same name (nested ones stack; ROLLBACK TO and RELEASE
        take the innermost), so its statements stay in sqlite3's statement cache: sqlite-utils'
        atomic() names each savepoint at random, and a crawl nests several for every row."""
        conn.execute("SAVEPOINT store")
        try:
            yield
        except BaseException:
            if conn.in_transaction:  # a RAISE(ROLLBACK) trigger ends the whole transaction
                conn.execute("ROLLBACK TO SAVEPOINT store")
                conn.execute("RELEASE SAVEPOINT store")
            raise
        conn.execute("RELEASE SAVEPOINT store")

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _connect(path: Path) -> sqlite3.Connection:
    if path.is_dir():
        raise StorageError(f"数据库路径是一个目录：{path}")
    if not path.parent.exists():
        raise StorageError(f"数据库所在目录不存在：{path.parent}")
    try:
        # isolation_level=None: we issue BEGIN ourselves (see Store.transaction).
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        register_search_functions(conn)  # the search index triggers call them
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"无法打开数据库 {path}：{_reason(exc)}") from exc
    return conn


def _reason(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "unable to open" in text or "readonly" in text:
        return "没有写入权限或路径不可用"
    if "not a database" in text:
        return "文件不是 SQLite 数据库"
    return text


def _check_not_newer(db: Database, path: Path) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    applied = {m.name for m in MIGRATIONS.applied(db)}
    unknown = applied - KNOWN_MIGRATIONS
    if version > SCHEMA_VERSION or unknown:
        raise SchemaTooNewError(
            f"数据库 {path} 由更新版本的 certsweep 创建（结构版本 {version}，"
            f"本程序支持 {SCHEMA_VERSION}），请升级 certsweep 后再打开"
        )


"""certsweep storage: the `Store` API over one SQLite file (sqlite-utils)."""
from .errors import SchemaTooNewError, StorageError
from .migrations import SCHEMA_VERSION
from .store import Store

__all__ = ["Store", "StorageError", "SchemaTooNewError", "SCHEMA_VERSION"]

"""Errors the storage layer raises; each carries a message a Chinese-speaking user can act on."""


class StorageError(Exception):
    """The database cannot be opened, created or written."""


class SchemaTooNewError(StorageError):
    """The database was written by a newer certsweep; migrating backwards would lose data."""

"""Timestamps: Beijing time, ISO 8601 with offset, so reports and evidence read the same everywhere."""
from datetime import datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")


def now() -> str:
    return datetime.now(BEIJING).isoformat(timespec="seconds")

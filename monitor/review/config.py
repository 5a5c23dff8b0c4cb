"""Review configuration: which queue a finding is routed to, and how long each status may last
before the item is overdue (督办). Read from TOML so an office can change it without code."""
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from storage.clock import BEIJING

from .states import AGENCY_ROLES, STATUSES

DEFAULT_CONFIG = Path(__file__).with_name("data") / "review.toml"


class ReviewConfigError(ValueError):
    pass


@dataclass(frozen=True)
class RoutingRule:
    kinds: tuple[str, ...]  # empty: any
    sources: tuple[str, ...]
    queue: str

    def matches(self, kind: str, source: str) -> bool:
        return (not self.kinds or kind in self.kinds) and (not self.sources or source in self.sources)


def _names(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class ReviewConfig:
    routing: tuple[RoutingRule, ...]
    deadlines: dict[str, int]  # status -> days

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ReviewConfig":
        path = Path(path or DEFAULT_CONFIG)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ReviewConfigError(f"无法读取审核配置 {path}：{exc}") from exc
        rules = []
        for i, rule in enumerate(data.get("routing", []), 1):
            if rule.get("queue") not in AGENCY_ROLES:
                raise ReviewConfigError(f"{path} 第 {i} 条分派规则的 queue 应为 cac 或 samr")
            rules.append(RoutingRule(_names(rule.get("kind")), _names(rule.get("source")), rule["queue"]))
        if not rules or rules[-1].kinds or rules[-1].sources:
            raise ReviewConfigError(f"{path} 的最后一条分派规则应不带条件（兜底）")
        deadlines = data.get("deadlines", {})
        unknown = set(deadlines) - set(STATUSES)
        if unknown:
            raise ReviewConfigError(f"{path} 的办理时限含未知状态：{'、'.join(sorted(unknown))}")
        return cls(tuple(rules), {k: int(v) for k, v in deadlines.items()})

    def queue_for(self, kind: str, source: str) -> str:
        return next(r.queue for r in self.routing if r.matches(kind, source))

    def overdue_cutoffs(self, at: datetime | None = None) -> tuple[tuple[str, str], ...]:
        """(status, timestamp): an item that entered `status` before the timestamp is overdue."""
        at = at or datetime.now(BEIJING)
        return tuple((status, (at - timedelta(days=days)).isoformat(timespec="seconds"))
                     for status, days in self.deadlines.items())

    def is_overdue(self, status: str, status_changed_at: str, at: datetime | None = None) -> bool:
        return any(s == status and status_changed_at < cutoff for s, cutoff in self.overdue_cutoffs(at))

"""Time spent in each status, from the transition history; what 督办 is measured on."""
from dataclasses import dataclass
from datetime import datetime

from storage.clock import BEIJING

from .states import status_label


@dataclass
class StatusSpan:
    status: str
    entered: str
    left: str | None  # None: still in it
    seconds: float

    @property
    def label(self) -> str:
        return status_label(self.status)

    @property
    def duration_text(self) -> str:
        minutes = int(self.seconds // 60)
        days, rest = divmod(minutes, 24 * 60)
        hours, minutes = divmod(rest, 60)
        if days:
            return f"{days} 天 {hours} 小时"
        return f"{hours} 小时 {minutes} 分" if hours else f"{minutes} 分钟"


def status_spans(finding: dict, history: list[dict], at: datetime | None = None) -> list[StatusSpan]:
    at = at or datetime.now(BEIJING)
    spans, status, entered = [], "pending", finding["first_seen"]
    for step in history:
        spans.append(StatusSpan(status, entered, step["at"], _seconds(entered, step["at"])))
        status, entered = step["to_status"], step["at"]
    spans.append(StatusSpan(status, entered, None, _seconds(entered, at.isoformat())))
    return spans


def _seconds(start: str, end: str) -> float:
    return max(0.0, (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds())

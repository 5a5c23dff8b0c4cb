"""Which agency's queue a new finding goes to (see the campaign documents' division of work).
The rules are configuration: `monitor/review/data/review.toml`."""
from functools import lru_cache

from .review.config import ReviewConfig

CAC, SAMR, POLICE = "cac", "samr", "police"
QUEUE_LABELS = {CAC: "网信办", SAMR: "市场监管", POLICE: "公安"}


@lru_cache(maxsize=1)
def _config() -> ReviewConfig:
    return ReviewConfig.load()


def queue_for(verdict: str, source: str) -> str:
    return _config().queue_for(verdict, source)

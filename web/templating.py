"""Jinja2 environment: autoescaping on (crawled titles and text are hostile) and the labels and
helpers templates use."""
from pathlib import Path

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from monitor.reports.labels import KIND_LABELS, SOURCE_LABELS
from monitor.review.states import RESOLUTIONS, ROLES, STATUSES, resolution_label, status_label
from monitor.routing import CAC, QUEUE_LABELS, SAMR

from .text import highlight

# Findings are never benign, and only the two reviewing agencies have queues of their own.
KINDS = {k: label for k, label in KIND_LABELS.items() if k != "benign"}
SOURCES = SOURCE_LABELS
QUEUES = {q: QUEUE_LABELS[q] for q in (CAC, SAMR)}

env = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=True)
templates = Jinja2Templates(env=env)
env.globals.update(STATUSES=STATUSES, RESOLUTIONS=RESOLUTIONS, ROLES=ROLES, KINDS=KINDS,
                   SOURCES=SOURCES, QUEUES=QUEUES)
env.filters.update(
    status=status_label, resolution=resolution_label,
    kind=lambda v: KINDS.get(v, v or ""), source=lambda v: SOURCES.get(v, v or ""),
    queue=lambda v: QUEUES.get(v, v or ""), role=lambda v: ROLES.get(v, v or ""),
    when=lambda v: (v or "")[:16].replace("T", " "), highlight=highlight,
    risk_class=lambda r: "risk-high" if (r or 0) >= 80 else "risk-mid" if (r or 0) >= 50 else "risk-low",
)

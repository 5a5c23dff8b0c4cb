"""Pages scored per second against all enrolled portal fingerprints, on
pre-fetched HTML (no network), beside bare lxml parsing of the same HTML.

    .venv/bin/python -m bench.scoring [--seconds 3]

The pages are the labelled set's saved HTML (tests/monitor/labels.toml); the cx.mem.gov.cn fingerprint is enrolled from its rendered DOM as
saved by a cloner (cxmemgov.top), the way `portals enroll` renders it."""
from __future__ import annotations

import argparse
import os
import time
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html as lxml_html

from monitor import PageSnapshot, assess, fingerprint

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests/monitor/labels.toml"
SITES = [ROOT / "tests/world/sites", ROOT / "fixtureweb/demo/sites"]
GENUINE = {"mem-cx": ("https://cx.mem.gov.cn/", "tests/world/sites/cxmemgov.top/index.html"),
           "mohurd-zlaq": ("https://zlaq.mohurd.gov.cn/", "fixtureweb/demo/sites/zlaq.mohurd.gov.cn/index.html"),
           "cnse": ("https://cnse.e-cqs.cn/info-pub/pub/", "fixtureweb/demo/sites/cnse.e-cqs.cn/info-pub/pub/index.html")}


def enrolled() -> dict:
    return {pid: fingerprint(PageSnapshot.from_saved(url, ROOT / path, root=(ROOT / path).parent))
            for pid, (url, path) in GENUINE.items()}


def pages() -> list[PageSnapshot]:
    """Every page of the labelled set, as its saved HTML."""
    out = []
    for label in tomllib.loads(LABELS.read_text("utf-8"))["page"]:
        parts = urlsplit(label["url"])
        path = parts.path.lstrip("/")
        rel = Path(parts.hostname) / (path if path.endswith(".html") else path + "index.html")
        html = next(s / rel for s in SITES if (s / rel).is_file())
        out.append(PageSnapshot(url=label["url"], html=html.read_text("utf-8")))
    return out


def rate(fn, items, seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for item in items:
            fn(item)
        done += len(items)
    return done / (time.perf_counter() - start)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description="评分吞吐量基准")
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    fps, snaps = enrolled(), pages()
    size = sum(len(s.html.encode()) for s in snaps) / len(snaps)
    parse_rate = rate(lambda s: lxml_html.fromstring(s.html), snaps, args.seconds)
    score_rate = rate(lambda s: assess(s, fps), snaps, args.seconds)
    print(f"页面：{len(snaps)} 个（平均 {size / 1024:.1f} KiB），已登记门户指纹：{len(fps)} 个，单核")
    print(f"仅 lxml 解析：{parse_rate:,.0f} 页/秒")
    print(f"完整评分：    {score_rate:,.0f} 页/秒")
    print(f"评分/解析：   {score_rate / parse_rate:.1%}（目标 ≥ 25%，且 ≥ 50 页/秒）")


if __name__ == "__main__":
    main()

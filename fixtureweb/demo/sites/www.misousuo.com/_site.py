"""觅搜索, a fictional search engine: /s?wd=KEYWORD&page=N, ads via /aclk?u=URL.

Result data lives in _results.toml; CSS selectors are in fixtureweb/README.md.
"""

import tomllib
from html import escape
from pathlib import Path
from urllib.parse import quote

from fixtureweb import Response

PAGE_SIZE = 10
DATA = tomllib.loads((Path(__file__).parent / "_results.toml").read_text("utf-8"))
ADS, ORGANIC = DATA["ad"], DATA["organic"]


def handle(request):
    if request.path == "/":
        return Response.html(layout("觅搜索", '<p class="slogan">觅所未觅</p>'))
    if request.path == "/s":
        page = request.arg("page", "1")
        return Response.html(results(request.arg("wd", "") or "", int(page) if page.isdigit() else 1))
    if request.path == "/aclk":
        target = request.arg("u")
        return Response.redirect(target) if target and target.startswith(("http://", "https://")) else None
    return None


def matches(entry, query: str) -> bool:
    haystack = (entry["title"] + entry["snippet"] + entry["keywords"]).lower()
    terms = query.lower().split()
    return bool(terms) and all(term in haystack for term in terms)


def results(query: str, page: int) -> str:
    organic = [entry for entry in ORGANIC if matches(entry, query)]
    pages = max(1, -(-len(organic) // PAGE_SIZE))
    shown = organic[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    ads = [ad for ad in ADS if matches(ad, query)] if page == 1 else []
    top = "\n".join(ad_block(ad) for ad in ads if ad["badge"] == "广告")
    bottom = "\n".join(ad_block(ad) for ad in ads if ad["badge"] != "广告")
    listing = "\n".join(organic_block(entry) for entry in shown)
    if not organic and not ads:
        listing = f'<p class="no-results">抱歉，没有找到与“{escape(query)}”相关的网页。</p>'
    pager = " ".join(
        f'<span class="page-current">{n}</span>' if n == page
        else f'<a class="page-number" href="/s?wd={quote(query)}&amp;page={n}">{n}</a>'
        for n in range(1, pages + 1))
    if page < pages:
        pager += f' <a class="page-next" rel="next" href="/s?wd={quote(query)}&amp;page={page + 1}">下一页&gt;</a>'
    body = f"""<p class="result-stats">觅搜索为您找到相关结果约 {len(organic)} 个</p>
<div id="results">
{top}
{listing}
{bottom}
</div>
<div class="pager">{pager}</div>"""
    return layout(f"{query}_觅搜索", body, query)


def ad_block(ad) -> str:
    link = f"/aclk?u={quote(ad['url'], safe='')}&amp;ad={ad['id']}"
    return f"""<div class="result ad" data-ad-id="{ad['id']}">
  <h3><a href="{link}">{escape(ad['title'])}</a></h3>
  <div class="abstract">{escape(ad['snippet'])}</div>
  <div class="result-meta"><span class="ad-url">{escape(ad['display_url'])}</span> <span class="ad-label">{ad['badge']}</span></div>
</div>"""


def organic_block(entry) -> str:
    return f"""<div class="result organic">
  <h3><a href="{escape(entry['url'])}">{escape(entry['title'])}</a></h3>
  <div class="abstract">{escape(entry['snippet'])}</div>
  <div class="result-meta"><span class="result-url">{escape(entry['url'])}</span></div>
</div>"""


def layout(title: str, body: str, query: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>
<link rel="stylesheet" href="/style.css"><link rel="icon" href="/favicon.ico"></head>
<body>
<form class="search-form" action="/s" method="get"><a class="logo" href="/">觅搜索</a>
<input name="wd" value="{escape(query)}"><button type="submit">觅一下</button></form>
{body}
</body></html>"""

"""Findings made the way a crawl stores them, for review and web tests."""
from monitor.routing import queue_for
from storage import Store


def add_finding(store: Store, url: str, *, kind="illegal_sale", source="marketplace", title="标题",
                text="安全员证 免考 包过", seller=None, contacts=None, sha=None, risk=60) -> int:
    page = store.save_page({"canonical_url": url, "url": url, "final_url": url, "title": title,
                            "text": text, "host": url.split("/")[2], "content_sha256": sha or url,
                            "source": source})
    campaign_id = store.save_campaign("测试方案", unit="测试网信办", start="2024-08-01",
                                      end="2024-12-31", config={})
    finding_id, _ = store.save_finding({
        "canonical_url": url, "page_id": page.id, "campaign_id": campaign_id, "kind": kind,
        "source": source, "verdict": kind, "risk": risk,
        "reasons": [{"code": "KEYWORD", "text": "命中关键词"}],
        "details": {"fields": {"seller_id": f"卖家ID：{seller}"} if seller else {},
                    "contacts": contacts or {}},
        "queue": queue_for(kind, source)}, [])
    return finding_id



"""Per-source login state: a Playwright `storage_state` file the user exports from a logged-in
browser. The browser context loads it whole; plain Scrapy requests get its cookies."""
import json
from pathlib import Path

from campaign import CampaignError, CampaignIssue


def load_login_cookies(storage_state: str) -> list[dict]:
    path = Path(storage_state)
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        return [{"name": c["name"], "value": c["value"], "domain": c["domain"], "path": c.get("path", "/")}
                for c in state.get("cookies", [])]
    except FileNotFoundError:
        raise CampaignError(path, [CampaignIssue("storage_state", "登录状态文件不存在")]) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CampaignError(path, [CampaignIssue(
            "storage_state", f"不是有效的 Playwright 登录状态文件（{exc}）")]) from None

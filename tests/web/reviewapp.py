"""The review app as its tests use it: a world of findings for every agency, `certsweep serve`
on a real database, and a reviewer's browser tab."""
import contextlib
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from monitor.review.accounts import add_user
from storage import Store

from fixtureweb.loopback import free_port

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "review"))
from reviewdata import add_finding  # noqa: E402

PASSWORD = "口令-12345678"
HOSTILE_TITLE = "<script>window.__pwned = 1; alert('title')</script>安全员证 免考"
HOSTILE_HTML = b"""<html><head><title>x</title><script>alert('archived')</script>
<meta http-equiv="refresh" content="0; url=https://evil.example/"></head>
<body onload="alert('onload')"><h1>\xe5\x85\x8d\xe8\x80\x83\xe5\x8a\x9e\xe8\xaf\x81</h1>
<img src="x" onerror="alert('img')"><a href="javascript:alert('link')">go</a>
<iframe src="https://evil.example/"></iframe></body></html>"""
# 1x1 PNG
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def build_world(path: Path) -> dict:
    """Findings for each agency, a seller's listings that group together, a fake portal, and a
    crawled page that attacks the reviewer's browser."""
    with Store(path) as store:
        ids = {
            "portal": add_finding(store, "https://cx-mem-gov.cn/", kind="fake_portal", source="seed",
                                  title="特种作业操作证查询", text="特种作业操作证 查询 可查可验", risk=90),
            "search": add_finding(store, "https://news.example/a", source="search", title="搜索结果 安全员证",
                                  text="安全员证 免考 包过"),
            "listing1": add_finding(store, "https://shop.example/item/1", seller="u100", title="电工证 免考 速成"),
            "listing2": add_finding(store, "https://shop.example/item/2", seller="u100", title="焊工证 包过"),
            "listing3": add_finding(store, "https://shop.example/item/3", seller="u100", title="高处作业证 速办"),
            "single": add_finding(store, "https://shop.example/item/9", seller="u900", title="安全员C证 可查可验"),
            "hostile": add_finding(store, "https://evil-shop.example/x", source="search", title=HOSTILE_TITLE,
                                   text="<img src=x onerror=\"alert('text')\"> 安全员证 免考"),
        }
        hostile = store.finding(ids["hostile"])
        store.add_evidence(HOSTILE_HTML, kind="dom", content_type="text/html", suffix=".html",
                           finding_id=ids["hostile"], page_id=hostile["page_id"])
        store.add_evidence(PNG, kind="screenshot", content_type="image/png", suffix=".png",
                           finding_id=ids["hostile"], page_id=hostile["page_id"])
        for role in ("cac", "samr", "police", "admin"):
            add_user(store, f"{role}1", role, PASSWORD)
        add_user(store, "cac2", "cac", PASSWORD)
    return ids


@contextlib.contextmanager
def serving(db: Path):
    """`certsweep serve` on `db`; yields its base URL."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "certsweep", "serve", "--db", str(db),
                                "--port", str(port), "--regroup-every", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):  # start-up takes seconds of imports, more on a busy machine
        try:
            urllib.request.urlopen(base + "/login", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError(process.stdout.read().decode())
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


class Session:
    """A reviewer's browser tab, with every dialog and console error it sees."""

    def __init__(self, browser, base):
        self.base = base
        self.context = browser.new_context(locale="zh-CN")
        self.page = self.context.new_page()
        self.dialogs, self.errors = [], []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def login(self, name, password=PASSWORD):
        self.page.goto(self.base + "/login")
        self.page.fill("input[name=name]", name)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(self.base + "/")
        return self

    def goto(self, path):
        return self.page.goto(self.base + path)

    def queue_ids(self, path="/findings") -> set[int]:
        self.goto(path)
        return {int(v) for v in self.page.locator("tr.row").evaluate_all(
            "rows => rows.map(r => r.dataset.id)")}

    def act(self, finding_id, action, *, resolution=None, comment=""):
        self.goto(f"/findings/{finding_id}")
        form = self.page.locator(f"form.action:has(button[data-action={action}])")
        if resolution:
            form.locator("select[name=resolution]").select_option(resolution)
        if comment:
            form.locator("input[name=comment]").fill(comment)
        form.locator("button[type=submit]").click()
        self.page.wait_for_load_state()


def status_of(db, finding_id) -> str:
    with Store(db) as store:
        return store.finding(finding_id)["status"]

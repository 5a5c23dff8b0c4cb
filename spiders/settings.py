"""Scrapy settings for certsweep. `certsweep crawl` overrides the campaign-specific ones."""
import os

from .browser import BROWSER_CONTEXT, launch_options

BOT_NAME = "certsweep"
SPIDER_MODULES = ["spiders.spiders"]
NEWSPIDER_MODULE = "spiders.spiders"

# scrapy-playwright needs the asyncio reactor; it also serves plain requests without a browser.
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
DOWNLOAD_HANDLERS = {
    "http": "spiders.browser_handler.BrowserHandler",
    "https": "spiders.browser_handler.BrowserHandler",
}
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = launch_options(os.environ.get("CERTSWEEP_CHROMIUM"),
                                           os.environ.get("CERTSWEEP_PROXY"))
PLAYWRIGHT_CONTEXTS = {"default": BROWSER_CONTEXT}
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 4
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000

USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/126.0 Safari/537.36 certsweep")
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 8
# Scrapy starts this many tasks for every response's output, however little it yields (one
# listing and a few links here): 100, the default, cost a third of the crawl's own CPU.
CONCURRENT_ITEMS = 4
# The JOBDIR queue, with callbacks found by name (see spiders/disk_queue.py).
SCHEDULER_DISK_QUEUE = "spiders.disk_queue.RequestDiskQueue"
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
RETRY_TIMES = 2
DEPTH_LIMIT = 3
LOG_LEVEL = "INFO"
# Debugging back doors (a telnet shell, an HTTP endpoint running Python) a campaign crawl never uses.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"

DOWNLOADER_MIDDLEWARES = {
    "spiders.middlewares.ProxyMiddleware": 350,
    "spiders.middlewares.SkipStoredMiddleware": 360,
    # Below HttpCompressionMiddleware (590) in process_response order: sees decompressed bytes.
    "spiders.charset.CharsetMiddleware": 580,
    "spiders.tls.TlsMiddleware": 590,
}
ITEM_PIPELINES = {
    "spiders.pipelines.WorkerAssessPipeline": 300,
    "spiders.pipelines.StorePipeline": 800,
}

CERTSWEEP_DB = os.environ.get("CERTSWEEP_DB", "certsweep.db")
CERTSWEEP_PROXY = os.environ.get("CERTSWEEP_PROXY")
CERTSWEEP_CA_BUNDLE = os.environ.get("CERTSWEEP_CA_BUNDLE")
CERTSWEEP_CAMPAIGN = os.environ.get("CERTSWEEP_CAMPAIGN", "default")
CERTSWEEP_RUN_ID = None
CERTSWEEP_WRITE_BATCH = 50

"""Capture facts: when, how, with what and by whom a page was captured (电子数据提取要素)."""
import ctypes
import functools
import getpass
import platform
import socket
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

TOOL = "certsweep"
METHODS = {"browser": "浏览器渲染（Chromium，Playwright 自动化）", "http": "HTTP 直接请求"}
_CLOCKSOURCE = Path("/sys/devices/system/clocksource/clocksource0/current_clocksource")
_TIME_ERROR = 5  # adjtimex(): the kernel says the clock is not synchronised


@dataclass
class CaptureFacts:
    url: str
    final_url: str
    method: str  # browser | http
    started_at: str
    ended_at: str
    path: list[str] = field(default_factory=list)  # search query → result → item
    operator: str = ""
    campaign: str = ""
    server_ip: str | None = None
    clock_source: str = ""
    tool: str = TOOL
    tool_version: str = ""
    machine: str = ""

    def __post_init__(self) -> None:
        self.operator = self.operator or default_operator()
        self.clock_source = self.clock_source or clock_source()
        self.tool_version = self.tool_version or tool_version()
        self.machine = self.machine or socket.gethostname()

    def to_dict(self) -> dict:
        return asdict(self)


def default_operator() -> str:
    return f"{getpass.getuser()}@{socket.gethostname()}"


@functools.cache  # package metadata is read from disk; it does not change while we run
def tool_version() -> str:
    """certsweep's version with the browser automation and Python versions it ran on."""
    parts = []
    for package in ("certsweep", "playwright", "scrapy", "warcio"):
        try:
            parts.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            continue
    return "，".join(parts + [f"Python {platform.python_version()}"])


def clock_source() -> str:
    """The machine clock behind every timestamp, and whether NTP keeps it synchronised."""
    source = _CLOCKSOURCE.read_text().strip() if _CLOCKSOURCE.exists() else "未知"
    return f"本机系统时钟（北京时间 UTC+8，时钟源 {source}，{_ntp_state()}）"


def _ntp_state() -> str:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        state = libc.adjtimex(ctypes.create_string_buffer(512))  # modes = 0: read only
    except (OSError, AttributeError):
        return "NTP 同步状态未知"
    if state < 0:
        return "NTP 同步状态未知"
    return "NTP 未同步" if state == _TIME_ERROR else "NTP 已同步"

"""A WACZ bundle around one capture's WARC (the `wacz` package), so the capture opens in standard
replay tools (ReplayWeb.page), opening at the page that was captured."""
import functools
import tempfile
from pathlib import Path

import wacz.main
import wacz.util
import wacz.waczindexer


def _quiet(*args, **kwargs) -> None:
    pass


# The wacz package reports progress with print(). Silencing it inside its own modules is safe
# from any thread; redirecting sys.stdout is process-wide, and two capture threads doing it at
# once left stdout pointing at a dead buffer. (A child process per capture, the other way out,
# cost about a second of interpreter start-up for every finding.)
for _module in (wacz.main, wacz.util, wacz.waczindexer):
    _module.print = _quiet
# It also reads its own version from the installed metadata twice per bundle, a scan of
# sys.path each time; the version does not change while we run.
wacz.main.get_py_wacz_version = functools.cache(wacz.util.get_py_wacz_version)


class WACZError(RuntimeError):
    pass


def build_wacz(warc: bytes, *, url: str, title: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="certsweep-wacz-") as tmp:
        tmp = Path(tmp)
        (tmp / "capture.warc.gz").write_bytes(warc)
        output = tmp / "capture.wacz"
        try:
            code = wacz.main.main(["create", str(tmp / "capture.warc.gz"), "-o", str(output),
                                   "--hash-type", "sha256", "--url", url, "--title", title])
        except (SystemExit, Exception) as exc:  # argparse exits; a broken WARC raises anything
            raise WACZError(str(exc) or type(exc).__name__) from exc
        if code:
            raise WACZError(f"wacz 退出码 {code}")
        return output.read_bytes()

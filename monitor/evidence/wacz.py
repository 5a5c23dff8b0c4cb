"""A WACZ bundle around one capture's WARC (the `wacz` package), so the capture opens in standard
replay tools (ReplayWeb.page), opening at the page that was captured."""
import contextlib
import io
import tempfile
from pathlib import Path

from wacz.main import main as wacz_main


class WACZError(RuntimeError):
    pass


def build_wacz(warc: bytes, *, url: str, title: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="certsweep-wacz-") as tmp:
        tmp = Path(tmp)
        (tmp / "capture.warc.gz").write_bytes(warc)
        output = tmp / "capture.wacz"
        log = io.StringIO()
        with contextlib.redirect_stdout(log):  # the wacz CLI prints its progress
            code = wacz_main(["create", str(tmp / "capture.warc.gz"), "-o", str(output),
                              "--hash-type", "sha256", "--url", url, "--title", title])
        if code != 0:
            raise WACZError(log.getvalue().strip().splitlines()[-1])
        return output.read_bytes()

"""A WACZ bundle around one capture's WARC (the `wacz` package), so the capture opens in standard
replay tools (ReplayWeb.page), opening at the page that was captured."""
import subprocess
import sys
import tempfile
from pathlib import Path

# The wacz CLI prints its progress to stdout. Redirecting sys.stdout around it is process-wide,
# and captures run on worker threads (one per crawler): two overlapping redirects left stdout
# pointing at a dead buffer, and the crawl summary vanished. A child process has its own stdout.
WACZ_CLI = "import sys; from wacz.main import main; sys.exit(main())"


class WACZError(RuntimeError):
    pass


def build_wacz(warc: bytes, *, url: str, title: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="certsweep-wacz-") as tmp:
        tmp = Path(tmp)
        (tmp / "capture.warc.gz").write_bytes(warc)
        output = tmp / "capture.wacz"
        done = subprocess.run([sys.executable, "-c", WACZ_CLI, "create", str(tmp / "capture.warc.gz"),
                               "-o", str(output), "--hash-type", "sha256", "--url", url,
                               "--title", title], capture_output=True, text=True)
        if done.returncode != 0:
            lines = (done.stdout + done.stderr).strip().splitlines()
            raise WACZError(lines[-1] if lines else f"wacz 退出码 {done.returncode}")
        return output.read_bytes()

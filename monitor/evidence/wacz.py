"""A WACZ bundle around one capture's WARC (the `wacz` package), so the capture opens in standard
replay tools (ReplayWeb.page), opening at the page that was captured."""
import argparse
import atexit
import functools
import io
import os
import shutil
import tempfile
import threading
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
# It also reads its own version from the installed metadata for every bundle, a scan of
# sys.path each time; the version does not change while we run.
wacz.waczindexer.get_py_wacz_version = functools.cache(wacz.util.get_py_wacz_version)


class WACZError(RuntimeError):
    pass


def build_wacz(warc: bytes, *, url: str, title: str) -> bytes:
    path = _scratch_file()
    # Overwritten in place, then cut to length: truncating to zero first frees the file's blocks
    # and allocates them again, which cost more CPU than the rest of the write.
    with open(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as fh:
        fh.write(warc)
        fh.truncate()
    output = io.BytesIO()
    try:
        code = wacz.main.create_wacz(_create_options(str(path), output, url=url, title=title))
    except Exception as exc:  # a broken WARC raises anything
        raise WACZError(str(exc) or type(exc).__name__) from exc
    if code:
        raise WACZError(f"wacz 退出码 {code}")
    return output.getvalue()


_scratch = threading.local()


def _scratch_file() -> Path:
    """This thread's file for the WARC the indexer reads, rewritten for every bundle (its name
    goes in the bundle, so it is the same for all). A temporary directory made and removed per
    capture cost a third of building the bundle. Everything goes when the process exits."""
    path = getattr(_scratch, "path", None)
    if path is None or not path.parent.is_dir():  # also when something cleaned up /tmp under us
        folder = tempfile.mkdtemp(prefix="certsweep-wacz-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = _scratch.path = Path(folder) / "capture.warc.gz"
    return path


def _create_options(warc_path: str, output, *, url: str, title: str) -> argparse.Namespace:
    """What `wacz create WARC -o OUTPUT --hash-type sha256 --url URL --title TITLE` parses to:
    building its command-line parser cost more per capture than indexing the WARC."""
    return argparse.Namespace(
        cmd="create", inputs=[warc_path], output=output, hash_type="sha256", url=url, title=title,
        file=False, extra_pages=None, text=False, pages=None, detect_pages=False, copy_pages=False,
        log_directory=None, split_seeds=False, ts=None, date=None, desc=None, signing_url=None,
        signing_token=None)

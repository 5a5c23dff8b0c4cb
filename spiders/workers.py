"""Worker processes for the crawl's CPU-bound item work (scoring; evidence capture and storage).

Scrapy runs spiders, middlewares and pipelines on one thread; pure-Python work there, or on a
thread beside it (the GIL), slows every download. A worker process runs on another core.

The crawl talks to its worker over a socket pair with asyncio streams: a call is one pickled
frame out and one back, answered in order, with no thread in the crawl process to hand the GIL
to (concurrent.futures' process pool routes every call through two of them, and that handoff
capped a busy crawl at a few dozen calls per second). The worker is `python -m spiders.workers`,
a fresh interpreter: a fork would copy the crawl's threads mid-step.

A worker serves one module, which the crawl names and never imports: the module's `start(*args)`
sets the process up, and a call names one of its functions. The scorer and the evidence writer
(keyword engine, fingerprints, WARC and WACZ libraries) load only where they run."""
import asyncio
import importlib
import pickle
import signal
import socket
import subprocess
import sys
from collections import deque

HEADER = 4  # bytes of frame length, big-endian


class WorkerError(RuntimeError):
    """The worker's exception, by type name and message (exceptions do not all pickle)."""


class Worker:
    """One worker process serving `module`, set up by its `start(*initargs)`; started by
    `start()` or the first call, and started again after it died."""

    def __init__(self, module: str, *initargs):
        self.setup = pickle.dumps((module, initargs), protocol=pickle.HIGHEST_PROTOCOL)
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start the process now, so its set-up overlaps the crawl's first requests."""
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen([sys.executable, "-m", __name__, str(theirs.fileno())],
                                        pass_fds=[theirs.fileno()])
        theirs.close()
        ours.sendall(_frame(self.setup))  # small, and read first: the blocking send cannot stall
        self.socket, self.pending = ours, deque()
        self.connected: asyncio.Future | None = None

    async def call(self, function: str, *args):
        """The served module's `function(*args)`; its exception comes back as a WorkerError."""
        if self.process is None:
            self.start()
        if self.connected is None:
            self.connected = asyncio.ensure_future(self._connect())
        writer = await self.connected
        answer = asyncio.get_running_loop().create_future()
        self.pending.append(answer)
        writer.write(_frame(pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)))
        await writer.drain()
        return await answer

    async def _connect(self) -> asyncio.StreamWriter:
        reader, writer = await asyncio.open_unix_connection(sock=self.socket)
        self.reading = asyncio.ensure_future(self._answers(reader, self.pending))
        return writer

    async def _answers(self, reader: asyncio.StreamReader, pending: deque) -> None:
        try:
            while True:
                size = int.from_bytes(await reader.readexactly(HEADER), "big")
                ok, value = pickle.loads(await reader.readexactly(size))
                answer = pending.popleft()
                if answer.done():  # its caller was cancelled
                    continue
                if ok:
                    answer.set_result(value)
                else:
                    answer.set_exception(value)
        except (asyncio.IncompleteReadError, ConnectionError):
            if self.pending is pending:  # this process died: the next call starts another
                self.process = None
            while pending:
                answer = pending.popleft()
                if not answer.done():
                    answer.set_exception(WorkerError("工作进程意外退出"))

    def close(self) -> None:
        """No more calls: the worker finishes what it was sent and exits."""
        if self.process is None:
            return
        # Shut down our side now: closing the stream only schedules it on the event loop,
        # which waits behind this call.
        self.socket.shutdown(socket.SHUT_WR)
        self.process.wait()
        if self.connected is not None and self.connected.done() and not self.connected.exception():
            self.reading.cancel()
            self.connected.result().close()
        else:
            self.socket.close()
        self.process = None


def _frame(payload: bytes) -> bytes:
    return len(payload).to_bytes(HEADER, "big") + payload


def _read_frame(stream) -> bytes | None:
    header = stream.read(HEADER)
    return stream.read(int.from_bytes(header, "big")) if len(header) == HEADER else None


def serve(fd: int) -> None:
    # Ctrl-C stops a crawl gracefully, and the items still in flight need their worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    stream = socket.socket(fileno=fd).makefile("rwb")
    started, served = _attempt(_start_module, pickle.loads(_read_frame(stream)))
    while (frame := _read_frame(stream)) is not None:
        function, args = pickle.loads(frame)
        # A worker that failed to start answers every call with that failure.
        answer = _attempt(_call, (served, function, args)) if started else (False, served)
        try:
            payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            payload = pickle.dumps((False, WorkerError(f"无法回传结果：{exc}")))
        stream.write(_frame(payload))
        stream.flush()


def _start_module(name: str, initargs: tuple):
    served = importlib.import_module(name)
    served.start(*initargs)
    return served


def _call(served, function: str, args: tuple):
    return getattr(served, function)(*args)  # a name the module lacks fails this call, not the worker


def _attempt(function, args) -> tuple[bool, object]:
    try:
        return True, function(*args)
    except Exception as exc:  # the crawl decides what a failed item means
        return False, WorkerError(f"{type(exc).__name__}: {exc}")


if __name__ == "__main__":
    # Through the module's importable name, so WorkerError pickles as spiders.workers.WorkerError.
    from spiders.workers import serve as serve_here
    serve_here(int(sys.argv[1]))

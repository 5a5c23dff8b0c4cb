"""A cluster as users run it: `certsweep crawl --redis` / `certsweep worker` as separate processes
on the fixture internet, and the same campaign crawled by one machine as the reference."""
import signal
import subprocess
import sys
import time
from pathlib import Path

import redis

CAMPAIGN = str(Path(__file__).parent / "campaign.toml")
TIMEOUT = 240


class Cluster:
    def __init__(self, tmp_path: Path, redis_url: str, proxy: str):
        self.tmp_path, self.redis_url, self.proxy = tmp_path, redis_url, proxy
        self.db = tmp_path / "cluster.db"
        self.redis = redis.Redis.from_url(redis_url)
        self.processes: list[subprocess.Popen] = []

    def start(self, name: str, *args: str) -> subprocess.Popen:
        # Output to files: a pipe nobody reads until the end would fill and block the process.
        with open(self.tmp_path / f"{name}.out", "w") as out, open(self.tmp_path / f"{name}.err", "w") as err:
            process = subprocess.Popen([sys.executable, "-m", "certsweep", *args, "--redis", self.redis_url,
                                        "--proxy", self.proxy], stdout=out, stderr=err, cwd=self.tmp_path)
        process.name = name
        self.processes.append(process)
        return process

    def coordinator(self, name: str = "coordinator") -> subprocess.Popen:
        return self.start(name, "crawl", CAMPAIGN, "--db", str(self.db), "--no-progress")

    def worker(self, name: str, *args: str) -> subprocess.Popen:
        # --db as a user might pass it: a worker must not create or write it.
        return self.start(name, "worker", "--name", name, "--lease", "3",
                          "--db", str(self.tmp_path / f"{name}.db"), *args)

    def wait_until(self, condition, what: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, f"timed out waiting: {what}"
            assert all(p.poll() in (None, 0) for p in self.processes), self.errors()
            time.sleep(0.05)

    def leases_of(self, name: str) -> int:
        return sum(self.redis.hlen(key) for key in self.redis.scan_iter(f"certsweep:leases:{name}-*"))

    def finish(self, *processes: subprocess.Popen) -> list[str]:
        """Each process's stdout once it exited with 0."""
        for process in processes:
            process.wait(timeout=TIMEOUT)
            assert process.returncode == 0, self.output(process, "err")[-3000:]
        return [self.output(process, "out") for process in processes]

    def output(self, process: subprocess.Popen, stream: str) -> str:
        return (self.tmp_path / f"{process.name}.{stream}").read_text()

    def errors(self) -> str:
        return "\n".join(f"{p.name}: {self.output(p, 'err')[-2000:]}"
                         for p in self.processes if p.poll() not in (None, 0))

    def kill(self, process: subprocess.Popen) -> None:
        process.send_signal(signal.SIGKILL)
        process.wait()
        self.processes.remove(process)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()


class SingleMachine:
    """The same campaign crawled by plain `certsweep crawl`, the reference for every cluster run.
    It runs alongside the first cluster test, which needs it only at the end."""

    def __init__(self, db: Path, proxy: str):
        self.path = db
        with open(db.with_suffix(".err"), "w") as err:
            self.process = subprocess.Popen([sys.executable, "-m", "certsweep", "crawl", CAMPAIGN,
                                             "--db", str(db), "--proxy", proxy, "--no-progress"],
                                            stdout=subprocess.DEVNULL, stderr=err)

    @property
    def db(self) -> Path:
        self.process.wait(timeout=TIMEOUT)
        assert self.process.returncode == 0, self.path.with_suffix(".err").read_text()[-3000:]
        return self.path

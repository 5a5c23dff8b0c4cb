"""Lookalike candidates against dnstwist alone, and DNS resolution of them with and without a pool.

    .venv/bin/python bench/lookalike.py [--repeat 5] [--resolve 3000]

For each genuine portal: generation time of certsweep's candidates (first call in a fresh
process, imports included, and warm) next to dnstwist's own Fuzzer with all its fuzzers on the
same host; how many names each makes, how many an impostor could register (outside .gov.cn and
the genuine registered domain), and how many of the clones in the fixture world each finds.
Then resolves --resolve candidates against the fixture internet's DNS server, one at a time and
with the bounded pool, and prints names/s for both and their ratio.
"""
from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fixtureweb import FixtureInternet, demo_world_dir  # noqa: E402
from monitor import is_gov_host, registered_domain  # noqa: E402
from monitor.lookalike import portal_candidates  # noqa: E402
from monitor.lookup import resolve_all  # noqa: E402
from monitor.portals import builtin_portals  # noqa: E402

WORLD_CLONES = {
    "cx.mem.gov.cn": {"cx-mem-gov.cn", "cxmemgov.top", "cx.mem.gov.cn.chaxun.top", "tezhongzuoye-chaxun.com",
                      "mem-cx.xyz", "cx-mem.cn"},
    "zlaq.mohurd.gov.cn": {"zlaq-mohurd.cn", "zlaq.mohurd-gov.net", "jzsg-zscx.com"},
    "cnse.e-cqs.cn": {"cnse-e-cqs.com", "cnse.e-cqs.cn.tzsbcx.top", "tzsb-cx.com", "cnse-query.cn"},
}
COLD = """
import time, sys
sys.path.insert(0, {root!r})
t = time.perf_counter()
from monitor.lookalike import portal_candidates
from monitor.portals import builtin_portals
portal_candidates([p for p in builtin_portals() if p.host == {host!r}][0])
print(time.perf_counter() - t)
"""


def registrable(domains: set[str], genuine: str) -> set[str]:
    own = registered_domain(genuine)
    return {d for d in domains if not is_gov_host(d) and registered_domain(d) != own}


def dnstwist_alone(host: str) -> tuple[set[str], float]:
    from dnstwist import Fuzzer

    start = time.perf_counter()
    fuzzer = Fuzzer(host)
    fuzzer.generate()
    return {p["domain"] for p in fuzzer.permutations()} - {host}, time.perf_counter() - start


def generation(repeat: int) -> list[str]:
    print(f"{'portal':<20}{'':>10}{'names':>8}{'registrable':>13}{'clones':>8}{'cold s':>9}{'warm s':>9}")
    everything = []
    for portal in builtin_portals():
        cold = float(subprocess.run([sys.executable, "-c", COLD.format(root=str(ROOT), host=portal.host)],
                                    capture_output=True, text=True, check=True).stdout)
        portal_candidates(portal)  # imports and dictionaries loaded, as in a long-running scan
        warm = []
        for _ in range(repeat):
            start = time.perf_counter()
            ours = {c.domain for c in portal_candidates(portal)}
            warm.append(time.perf_counter() - start)
        theirs, twist_time = dnstwist_alone(portal.host)
        clones = WORLD_CLONES[portal.host]
        for label, names, cold_s, warm_s in (("certsweep", ours, cold, min(warm)),
                                             ("dnstwist", theirs, float("nan"), twist_time)):
            print(f"{portal.host:<20}{label:>10}{len(names):>8}{len(registrable(names, portal.host)):>13}"
                  f"{len(names & clones):>5}/{len(clones):<2}{cold_s:>9.3f}{warm_s:>9.3f}")
        everything += sorted(ours)
    return everything


def resolution(names: list[str]) -> None:
    with FixtureInternet([demo_world_dir(), ROOT / "tests" / "world"]).running() as live:
        rates = {}
        for concurrency in (1, 100):
            start = time.perf_counter()
            answers = asyncio.run(resolve_all(names, dns_server=live.dns_server, concurrency=concurrency))
            rates[concurrency] = len(answers) / (time.perf_counter() - start)
            live_names = sum(a.resolves for a in answers.values())
            print(f"resolve {len(names)} names, concurrency {concurrency:>3}: "
                  f"{rates[concurrency]:8.0f} names/s ({live_names} resolve)")
        print(f"ratio pool/serial: {rates[100] / rates[1]:.2f}  (loopback: the fixture DNS server's "
              f"CPU bounds both; on a real network the pool hides round-trip latency)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--resolve", type=int, default=3000)
    args = parser.parse_args()
    names = generation(args.repeat)
    resolution(names[: args.resolve])


if __name__ == "__main__":
    main()

"""python -m fixtureweb [--world DIR]... : run the fixture internet in the foreground."""

from __future__ import annotations

import argparse
import threading

from fixtureweb import FixtureInternet, demo_world_dir


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m fixtureweb", description="在本机回环地址上运行 fixture 互联网。")
    parser.add_argument("--world", action="append", default=[], metavar="DIR",
                        help="世界目录，可重复；默认只加载演示世界")
    parser.add_argument("--no-demo", action="store_true", help="不加载演示世界")
    args = parser.parse_args(argv)
    worlds = ([] if args.no_demo else [demo_world_dir()]) + args.world
    with FixtureInternet(worlds).running() as live:
        print(f"代理:       {live.proxy_url}")
        print(f"DNS:        {live.dns_server}")
        print(f"WHOIS:      {live.whois_server}")
        print(f"CA 证书:    {live.ca_cert_path}")
        hosts = sorted({site.host for site in live.world.sites.values()})
        print(f"站点 ({len(hosts)} 个): {', '.join(hosts)}")
        port = live.dns_server.rsplit(":", 1)[1]
        print("\n试试:")
        print(f"  curl --proxy {live.proxy_url} --cacert {live.ca_cert_path} https://www.linlijishi.com/")
        print(f"  dig @127.0.0.1 -p {port} www.linlijishi.com")
        print(f"  whois -h 127.0.0.1 -p {live.whois_server.rsplit(':', 1)[1]} linlijishi.com")
        print("\n按 Ctrl-C 停止。", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()

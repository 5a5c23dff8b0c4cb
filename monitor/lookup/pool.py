"""Bounded concurrency for lookups: registries and resolvers punish floods."""
import asyncio


def split_host_port(value: str, default_port: int) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    return (host, int(port)) if sep else (value, default_port)


async def bounded(items: list, work, concurrency: int) -> dict:
    """`work(item)` for every item, at most `concurrency` at a time; {item: result}."""
    results, pending = {}, iter(items)

    async def worker():
        for item in pending:  # one iterator shared by all workers: each item is taken once
            results[item] = await work(item)

    await asyncio.gather(*(worker() for _ in range(max(1, min(concurrency, len(items))))))
    return results

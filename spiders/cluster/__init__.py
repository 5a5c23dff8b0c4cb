"""One campaign crawled by many machines on Redis, with scrapy-redis's scheduler and dupefilter.

The coordinator publishes the run and seeds the shared queue; workers take requests under a lease,
fetch and assess pages, and push items through Redis; one sink (the coordinator, or
`certsweep sink`) writes them to SQLite in batches. A dead worker's leases go back to the queue."""

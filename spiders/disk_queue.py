"""The scheduler's queue on disk (JOBDIR), what lets an interrupted crawl resume: Scrapy's
PickleLifoDiskQueue, except that a request's callbacks are found by name.

Scrapy finds the name of a request's callback by listing every member of the spider with
inspect.getmembers, for every request it queues; that listing cost as much as the rest of queueing
the request. A callback that is a method of the spider has its name on it; anything else (a
function, a method of another object) still goes through Scrapy's own lookup."""
from scrapy.squeues import PickleLifoDiskQueue


class RequestDiskQueue(PickleLifoDiskQueue):
    def push(self, request) -> None:
        names = self._method_names(request)
        if names is None:
            super().push(request)
            return
        # to_dict with no callbacks skips the lookup; the names go in afterwards.
        callbacks = request.callback, request.errback
        request.callback = request.errback = None
        try:
            fields = request.to_dict(spider=self.spider)
        finally:
            request.callback, request.errback = callbacks
        fields["callback"], fields["errback"] = names
        # The class above Scrapy's own request queue pickles the dict to disk.
        super(PickleLifoDiskQueue, self).push(fields)

    def _method_names(self, request) -> tuple | None:
        names = []
        for function in (request.callback, request.errback):
            if function is None:
                names.append(None)
                continue
            name = getattr(function, "__name__", None)
            if (getattr(function, "__self__", None) is not self.spider
                    or getattr(type(self.spider), name, None) is not function.__func__):
                return None
            names.append(name)
        return tuple(names)

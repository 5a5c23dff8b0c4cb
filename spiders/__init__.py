"""The Scrapy project: spiders crawl and yield; page objects extract; pipelines assess and store."""

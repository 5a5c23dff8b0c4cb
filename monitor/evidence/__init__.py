"""Evidence for police (电子数据): captures at crawl time, the chain-of-custody check, lead
packages (线索移交包) with their signatures, and package verification."""
from .capture import Lookups, PageCapture, look_up, record_capture
from .facts import CaptureFacts
from .warc import Attachment, Exchange

__all__ = ["Attachment", "CaptureFacts", "Exchange", "Lookups", "PageCapture", "look_up",
           "record_capture"]

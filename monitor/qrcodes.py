"""Addresses sellers hide in pictures: QR codes in listing images, decoded with zxing-cpp.

A listing that says only "扫码查询" often carries the fake portal's address in a QR code on one
of its photos; every URL or domain a code spells goes to the portal check like one in the text."""
from __future__ import annotations

import io
import warnings

import zxingcpp
from PIL import Image

from .contacts import extract_urls

MAX_PIXELS = 40_000_000  # larger "photos" are not listing images; decoding them only costs memory


def qr_texts(image: bytes) -> list[str]:
    """The text of every QR code in an image (PNG, JPEG, GIF, WebP...); [] when there is none or
    the bytes are not an image."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(image))
            if picture.width * picture.height > MAX_PIXELS:
                return []
            picture = picture.convert("L")  # also flattens palettes and transparency onto a plane
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return []
    found = zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode)
    return [code.text for code in found if code.valid and code.text]


def qr_urls(image: bytes) -> list[str]:
    """Web addresses advertised by the QR codes in an image, spelled as `extract_urls` spells
    addresses found in text."""
    return list(dict.fromkeys(url for text in qr_texts(image) for url in extract_urls(text)))

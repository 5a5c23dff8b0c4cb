"""Addresses sellers put in pictures: a listing on the fixture internet advertises a clone portal
in its text and in a QR code on its photo."""
import io

import requests
import segno
from PIL import Image

from monitor.contacts import extract_urls
from monitor.qrcodes import qr_texts, qr_urls

LISTING = "http://listing-qr.example.com"


def fetch(internet, path: str) -> bytes:
    response = requests.get(LISTING + path, proxies={"http": internet.proxy_url}, timeout=10)
    response.raise_for_status()
    return response.content


def test_the_qr_code_on_a_listing_photo_gives_the_clone_portal(internet):
    assert qr_urls(fetch(internet, "/img/1.png")) == ["https://cx-mem-gov.cn/?from=qr"]


def test_text_and_picture_of_the_listing_advertise_clones_of_the_same_portal(internet):
    page = fetch(internet, "/").decode("utf-8")
    images = ["/img/1.png", "/img/2.jpg"]
    assert [src for src in images if f'src="{src}"' in page] == images
    advertised = extract_urls(page) + [url for src in images for url in qr_urls(fetch(internet, src))]
    assert advertised == ["http://cxmemgov.top", "https://cx-mem-gov.cn/?from=qr"]


def test_a_photo_without_a_code_gives_nothing(internet):
    assert qr_texts(fetch(internet, "/img/2.jpg")) == []


def test_a_code_photographed_sideways_and_small_in_a_big_picture_still_decodes():
    png = io.BytesIO()
    segno.make("官网可查：www点tzsb-cx点com", error="m").save(png, kind="png", scale=3, border=2)
    code = Image.open(png)
    picture = Image.new("RGB", (1600, 1200), (214, 198, 170))
    picture.paste(code.convert("RGB").rotate(90, expand=True), (1200, 820))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85)
    assert qr_urls(out.getvalue()) == ["http://www.tzsb-cx.com"]


def test_bytes_that_are_not_an_image_give_nothing():
    assert qr_urls(b"<html>not a picture</html>") == []
    assert qr_urls(b"") == []

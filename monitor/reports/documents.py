"""Printable documents: HTML from the templates in `data/`, PDF from that HTML (WeasyPrint), with
the Noto CJK fonts from fonts-noto-cjk embedded so Chinese prints and copies as text."""
import base64

from jinja2 import Environment, PackageLoader, select_autoescape

CJK_FONT_FILE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
_ENV = Environment(loader=PackageLoader("monitor.reports", "data"),
                   autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def render_html(template: str, **context) -> str:
    return _ENV.get_template(template).render(**context)


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # slow to import; only documents that print need it

    return HTML(string=html).write_pdf()


def png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()

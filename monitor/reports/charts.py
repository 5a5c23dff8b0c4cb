"""Charts for the campaign summary, drawn with matplotlib in Noto Sans CJK, returned as PNG."""
import io

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot
from matplotlib import font_manager, pyplot  # noqa: E402

from .documents import CJK_FONT_FILE  # noqa: E402

font_manager.fontManager.addfont(CJK_FONT_FILE)
pyplot.rcParams["font.family"] = ["Noto Sans CJK SC"]
pyplot.rcParams["axes.unicode_minus"] = False


def stacked_bars(categories: list[str], series: dict[str, list[int]], title: str) -> bytes:
    figure, axes = pyplot.subplots(figsize=(8, 3.2))
    bottom = [0] * len(categories)
    for name, values in series.items():
        axes.bar(categories, values, bottom=bottom, label=name)
        bottom = [b + v for b, v in zip(bottom, values)]
    axes.set_title(title)
    axes.legend(fontsize=8)
    axes.tick_params(axis="x", labelrotation=30, labelsize=8)
    return _png(figure)


def horizontal_bars(labels: list[str], values: list[int], title: str) -> bytes:
    figure, axes = pyplot.subplots(figsize=(8, 0.4 * len(labels) + 1.2))
    axes.barh(labels[::-1], values[::-1])
    axes.set_title(title)
    return _png(figure)


def _png(figure) -> bytes:
    out = io.BytesIO()
    figure.tight_layout()
    figure.savefig(out, format="png", dpi=120)
    pyplot.close(figure)
    return out.getvalue()

"""Small SVG charts drawn on the server: no chart library, no script, nothing inline but SVG."""
from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 720, 220, 36, 28, 10


def stacked_bars(days: list[str], series: dict[str, list[int]], *, title: str) -> Markup:
    """One bar per day, one stacked segment per series; colours come from CSS classes s0, s1…"""
    totals = [sum(values[i] for values in series.values()) for i in range(len(days))]
    top = max(totals + [1])
    plot_w, plot_h = WIDTH - PAD_LEFT - 8, HEIGHT - PAD_BOTTOM - PAD_TOP
    step = plot_w / max(len(days), 1)
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT + 24 * ((len(series) + 3) // 4)}" '
             f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for tick in (0, top // 2, top):
        y = PAD_TOP + plot_h - plot_h * tick / top
        parts.append(f'<line class="grid" x1="{PAD_LEFT}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="axis" x="{PAD_LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for i, day in enumerate(days):
        x = PAD_LEFT + i * step + step * 0.15
        y = PAD_TOP + plot_h
        for n, (name, values) in enumerate(series.items()):
            if values[i]:
                h = plot_h * values[i] / top
                y -= h
                parts.append(f'<rect class="s{n}" x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" '
                             f'height="{h:.1f}"><title>{escape(day)} {escape(name)}：{values[i]}</title></rect>')
        if len(days) <= 10 or i % max(1, len(days) // 8) == 0:
            parts.append(f'<text class="axis" x="{x + step * 0.35:.1f}" y="{HEIGHT - 10}" '
                         f'text-anchor="middle">{escape(day[5:])}</text>')
    for n, name in enumerate(series):
        x, y = PAD_LEFT + (n % 4) * 170, HEIGHT + 12 + 24 * (n // 4)
        parts.append(f'<rect class="s{n}" x="{x}" y="{y - 10}" width="12" height="12"/>'
                     f'<text class="legend" x="{x + 18}" y="{y}">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def progress_bar(parts: list[tuple[str, int]], total: int) -> Markup:
    """A horizontal bar split by share of `total`, e.g. 已办结 / 处理中 / 待审核."""
    total = max(total, 1)
    out, x = ['<svg class="progress" viewBox="0 0 400 16" preserveAspectRatio="none">'], 0.0
    for n, (name, count) in enumerate(parts):
        w = 400 * count / total
        out.append(f'<rect class="s{n}" x="{x:.1f}" y="0" width="{w:.1f}" height="16">'
                   f'<title>{escape(name)}：{count}</title></rect>')
        x += w
    out.append("</svg>")
    return Markup("".join(out))

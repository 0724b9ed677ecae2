"""Server-rendered, accessible inline SVG charts (pure Python: no Django, no JavaScript).

Every chart is an ``<svg role="img">`` labelled by its own ``<title>`` and ``<desc>``, scales
with its container through ``viewBox``, outlines every bar in dark ink (WCAG 1.4.11), fills the
series with a solid colour, diagonal hatching or dots so colour is never the only cue, and
writes the values next to the bars. Pages show the same numbers in a table after the chart.

The functions return SVG markup as ``str``; all text passed in is escaped here."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

INK = "#1a1a1a"
MUTED = "#4a4a4a"
GRID = "#8a8a8a"
WIDTH = 640
FONT = 'font-family="system-ui, sans-serif"'

# style → (fill colour, pattern drawing); colours reach at least 3:1 against white.
STYLES = {
    "solid": "#0b4f8a",
    "hatch": "#a34a00",
    "dots": "#5c5c5c",
}


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | int | None]
    style: str = "solid"  # "solid", "hatch" or "dots"


def _fmt_default(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


def _share_default(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


def _attr(value) -> str:
    return quoteattr(str(value))


def _num(value: float) -> str:
    """Compact coordinates: 12.0 → "12", 12.345 → "12.35"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _defs(chart_id: str) -> str:
    hatch = STYLES["hatch"]
    dots = STYLES["dots"]
    return (
        "<defs>"
        f'<pattern id="{chart_id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="#ffffff"/>'
        f'<rect width="4" height="8" fill="{hatch}"/></pattern>'
        f'<pattern id="{chart_id}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="#ffffff"/>'
        f'<circle cx="3" cy="3" r="2" fill="{dots}"/></pattern>'
        "</defs>"
    )


def _fill(chart_id: str, style: str) -> str:
    if style == "hatch":
        return f"url(#{chart_id}-hatch)"
    if style == "dots":
        return f"url(#{chart_id}-dots)"
    return STYLES["solid"]


def _open(chart_id: str, title: str, desc: str, height: float, kind: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" id={_attr(chart_id)} '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {_num(height)}" preserveAspectRatio="xMidYMid meet" {FONT}>'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )


def _text(x, y, text, *, anchor="middle", size=12, weight="normal", fill=INK, cls="") -> str:
    extra = f' class="{cls}"' if cls else ""
    bold = f' font-weight="{weight}"' if weight != "normal" else ""
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}" font-size="{size}"'
        f'{bold} fill="{fill}"{extra}>{escape(str(text))}</text>'
    )


def _legend(chart_id: str, series: Sequence[Series], y: float) -> str:
    """Swatches with the same fill and outline as the bars, left to right."""
    parts, x = ['<g class="legend">'], 8.0
    for item in series:
        parts.append(
            f'<rect class="swatch" x="{_num(x)}" y="{_num(y - 11)}" width="14" height="14" '
            f'fill="{_fill(chart_id, item.style)}" stroke="{INK}" stroke-width="1"/>'
        )
        parts.append(_text(x + 20, y, item.label, anchor="start", size=13))
        x += 20 + 7.5 * len(item.label) + 24
    parts.append("</g>")
    return "".join(parts)


def _nice_max(value: float) -> float:
    """A round axis maximum ≥ value with four equal, round, whole-number steps; at least 4."""
    if value <= 0:
        return 4
    wanted = value / 4
    exponent = 10 ** math.floor(math.log10(wanted))
    for factor in (1, 2, 2.5, 3, 4, 5, 6, 8, 10):
        step = factor * exponent
        if step >= wanted and step >= 1 and float(step).is_integer():
            return step * 4
    return 10 * exponent * 4  # pragma: no cover


def _label_step(count: int, room: int = 12) -> int:
    return max(1, math.ceil(count / room))


def _empty(chart_id, title, desc, no_data_text, kind) -> str:
    height = 120
    return (
        _open(chart_id, title, desc, height, kind)
        + f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{height - 1}" fill="#ffffff" '
        f'stroke="{GRID}"/>'
        + _text(WIDTH / 2, height / 2 + 5, no_data_text, size=16, cls="no-data")
        + "</svg>"
    )


def _value_label(x, y, text, *, anchor="middle") -> str:
    """A value written on a white plate so it stays readable over any fill."""
    width = 7 * len(text) + 8
    left = {"middle": x - width / 2, "start": x - 4, "end": x - width + 4}[anchor]
    return (
        f'<rect class="label-plate" x="{_num(left)}" y="{_num(y - 12)}" width="{_num(width)}" '
        f'height="16" rx="3" fill="#ffffff" fill-opacity="0.92"/>'
        + _text(x, y, text, anchor=anchor, size=12, weight="600", cls="value")
    )


def stacked_bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
    as_share: bool = True,
    no_data_text: str = "No data",
    format_share: Callable[[float | None], str] = _share_default,
    format_value: Callable[[float | None], str] = _fmt_default,
) -> str:
    """Vertical stacked bars, one per category (e.g. month). With ``as_share`` each bar is
    100 % of its own total and the segments are labelled with their share; a category with a
    zero total gets no bar and a "–" label (nothing is divided by zero)."""
    for s in series:
        if len(s.values) != len(categories):
            raise ValueError("every series needs one value per category")
    totals = [sum((s.values[i] or 0) for s in series) for i in range(len(categories))]
    if not categories or not series or not any(totals):
        return _empty(chart_id, title, desc, no_data_text, "stacked")

    left, right, top, bottom = 48, 12, 40, 44
    plot_h = 220
    height = top + plot_h + bottom
    plot_w = WIDTH - left - right
    slot = plot_w / len(categories)
    bar_w = min(56.0, slot * 0.7)
    axis_max = 1.0 if as_share else _nice_max(max(totals))

    out = [_open(chart_id, title, desc, height, "stacked"), _defs(chart_id)]
    out.append(_legend(chart_id, series, 18))
    out.append('<g class="axis">')
    for tick in range(5):
        fraction = tick / 4
        y = top + plot_h - fraction * plot_h
        label = format_share(fraction) if as_share else format_value(axis_max * fraction)
        out.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{_num(y)}" y2="{_num(y)}" '
            f'stroke="{GRID}" stroke-width="{1 if tick else 1.5}"/>'
        )
        out.append(_text(left - 6, y + 4, label, anchor="end", size=11, fill=MUTED))
    out.append("</g>")

    step = _label_step(len(categories))
    labels = []
    for i, category in enumerate(categories):
        x = left + slot * i + (slot - bar_w) / 2
        total = totals[i]
        out.append(f'<g class="bar" data-category={_attr(category)}>')
        if not total:
            labels.append(_text(x + bar_w / 2, top + plot_h - 6, "–", size=12, fill=MUTED))
        y = top + plot_h
        for s in series:
            value = s.values[i] or 0
            if not value:
                continue
            fraction = value / total if as_share else value / axis_max
            h = fraction * plot_h
            y -= h
            out.append(
                f'<rect class="segment segment-{s.style}" x="{_num(x)}" y="{_num(y)}" '
                f'width="{_num(bar_w)}" height="{_num(h)}" fill="{_fill(chart_id, s.style)}" '
                f'stroke="{INK}" stroke-width="1" data-value="{_num(value)}"/>'
            )
            text = format_share(value / total) if as_share else format_value(value)
            if h >= 18 and bar_w >= 7 * len(text) + 4:
                labels.append(_value_label(x + bar_w / 2, y + h / 2 + 5, text))
        out.append("</g>")
        if i % step == 0:
            out.append(_text(x + bar_w / 2, top + plot_h + 18, category, size=12))
    out.extend(labels)
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    values: Sequence[float | int | None],
    style: str = "solid",
    no_data_text: str = "No data",
    format_value: Callable[[float | None], str] = _fmt_default,
) -> str:
    """Vertical bars, one per label (e.g. participants per month), each with its value."""
    if not labels or not any(v for v in values if v):
        return _empty(chart_id, title, desc, no_data_text, "bars")
    left, right, top, bottom = 48, 12, 24, 44
    plot_h = 220
    height = top + plot_h + bottom
    plot_w = WIDTH - left - right
    slot = plot_w / len(labels)
    bar_w = min(56.0, slot * 0.7)
    axis_max = _nice_max(max(v or 0 for v in values))

    out = [_open(chart_id, title, desc, height, "bars"), _defs(chart_id), '<g class="axis">']
    for tick in range(5):
        y = top + plot_h - tick / 4 * plot_h
        out.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{_num(y)}" y2="{_num(y)}" '
            f'stroke="{GRID}" stroke-width="{1 if tick else 1.5}"/>'
        )
        out.append(
            _text(
                left - 6,
                y + 4,
                format_value(axis_max * tick / 4),
                anchor="end",
                size=11,
                fill=MUTED,
            )
        )
    out.append("</g>")
    step = _label_step(len(labels))
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + slot * i + (slot - bar_w) / 2
        value = value or 0
        h = value / axis_max * plot_h
        y = top + plot_h - h
        out.append(f'<g class="bar" data-category={_attr(label)}>')
        if value:
            out.append(
                f'<rect class="segment segment-{style}" x="{_num(x)}" y="{_num(y)}" '
                f'width="{_num(bar_w)}" height="{_num(h)}" fill="{_fill(chart_id, style)}" '
                f'stroke="{INK}" stroke-width="1" data-value="{_num(value)}"/>'
            )
        if slot >= 7 * len(format_value(value)) + 2:
            out.append(
                _text(x + bar_w / 2, y - 5, format_value(value), size=12, weight="600", cls="value")
            )
        out.append("</g>")
        if i % step == 0:
            out.append(_text(x + bar_w / 2, top + plot_h + 18, label, size=12))
    out.append("</svg>")
    return "".join(out)


def horizontal_bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[Series],
    no_data_text: str = "No data",
    format_value: Callable[[float | None], str] = _fmt_default,
) -> str:
    """Horizontal grouped bars, one group per label (e.g. outcome category), one bar per
    series (e.g. confirmed, pending), each bar with its value written after it."""
    if not labels or not series or not any(v for s in series for v in s.values if v):
        return _empty(chart_id, title, desc, no_data_text, "hbars")
    left, right, top = 190, 56, 36
    bar_h, gap = 18, 14
    group_h = bar_h * len(series) + gap
    height = top + group_h * len(labels) + 8
    plot_w = WIDTH - left - right
    axis_max = _nice_max(max(v or 0 for s in series for v in s.values))

    out = [_open(chart_id, title, desc, height, "hbars"), _defs(chart_id)]
    out.append(_legend(chart_id, series, 18))
    out.append(
        f'<line class="axis" x1="{left}" x2="{left}" y1="{top - 4}" y2="{_num(height - 8)}" '
        f'stroke="{GRID}" stroke-width="1.5"/>'
    )
    for i, label in enumerate(labels):
        y0 = top + group_h * i
        short = label if len(label) <= 26 else label[:25] + "…"
        out.append(f'<g class="bar" data-category={_attr(label)}>')
        out.append(_text(left - 8, y0 + group_h / 2, short, anchor="end", size=12))
        for j, s in enumerate(series):
            value = s.values[i] or 0
            y = y0 + j * bar_h
            w = value / axis_max * plot_w
            if value:
                out.append(
                    f'<rect class="segment segment-{s.style}" x="{left}" y="{_num(y)}" '
                    f'width="{_num(w)}" height="{bar_h - 2}" fill="{_fill(chart_id, s.style)}" '
                    f'stroke="{INK}" stroke-width="1" data-value="{_num(value)}"/>'
                )
            out.append(
                _text(
                    left + w + 6,
                    y + bar_h - 5,
                    format_value(value),
                    anchor="start",
                    size=12,
                    weight="600",
                    cls="value",
                )
            )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)

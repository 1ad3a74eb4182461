"""Completion over the periods as a small bar chart, drawn on the server as SVG (no script)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from markupsafe import Markup, escape

BAR = 14
GAP = 4
HEIGHT = 36


def completion_chart(labels: list[str], rates: list[float | None]) -> Markup:
    """One bar per period, its height the completion rate; a grey tick where the unit did not report."""
    width = len(rates) * (BAR + GAP)
    parts = [f'<svg class="bieu-do" role="img" width="{width}" height="{HEIGHT + 2}" '
             f'viewBox="0 0 {width} {HEIGHT + 2}" xmlns="http://www.w3.org/2000/svg">']
    for index, (label, rate) in enumerate(zip(labels, rates)):
        x = index * (BAR + GAP)
        if rate is None:
            parts.append(f'<rect x="{x}" y="{HEIGHT - 1}" width="{BAR}" height="2" fill="#bbb">'
                         f'<title>{escape(label)}: chưa có</title></rect>')
            continue
        height = max(1, round(rate * HEIGHT))
        parts.append(f'<rect x="{x}" y="{HEIGHT - height}" width="{BAR}" height="{height}" fill="#1f6f43">'
                     f'<title>{escape(label)}: {percent(rate)}</title></rect>')
    parts.append("</svg>")
    return Markup("".join(parts))


def percent(rate: float | None) -> str:
    """`55,56%`: two decimals at most, as the reports print it, with a Vietnamese decimal comma."""
    if rate is None:
        return "–"
    # Half up, as the reports round the exact fraction: the float's noise is cut first (1/32 is 3,13%).
    hundredths = Decimal(f"{rate * 100:.9f}").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{hundredths}".rstrip("0").rstrip(".").replace(".", ",") + "%"

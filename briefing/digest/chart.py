"""A small inline SVG bar chart of incidents per day, for the HTML digest.

Inline SVG rather than an image or a script: the HTML digest must be one file
that makes no requests and runs nothing, and SVG prints sharply.  Only numbers
and dates go into the SVG, never feed text.
"""

from __future__ import annotations

from datetime import date, timedelta

WIDTH = 300
HEIGHT = 60
LABEL_HEIGHT = 12


def incidents_chart(start: date, per_day: list[int]) -> str:
    """One bar per day from `start`; the tallest bar fills the height, a zero day shows a hairline."""
    days = len(per_day)
    if days == 0:
        return ""
    peak = max(max(per_day), 1)
    slot = WIDTH / days
    bar = max(slot - 1, 1)
    plot = HEIGHT - LABEL_HEIGHT
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-label="Incidents per day, {start.isoformat()} to '
        f'{(start + timedelta(days=days - 1)).isoformat()}; most in one day: {max(per_day)}">'
    ]
    for index, count in enumerate(per_day):
        day = start + timedelta(days=index)
        height = plot * count / peak if count else 1
        parts.append(
            f'<rect x="{index * slot:.1f}" y="{plot - height:.1f}" width="{bar:.1f}" height="{height:.1f}"'
            f' class="{"bar" if count else "zero"}"><title>{day.isoformat()}: {count}</title></rect>'
        )
    end = start + timedelta(days=days - 1)
    parts.append(f'<text x="0" y="{HEIGHT - 1}" class="axis">{start.strftime("%d %b")}</text>')
    parts.append(f'<text x="{WIDTH}" y="{HEIGHT - 1}" class="axis" text-anchor="end">{end.strftime("%d %b")}</text>')
    parts.append(
        f'<text x="{WIDTH / 2:.0f}" y="{HEIGHT - 1}" class="axis" text-anchor="middle">max {max(per_day)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)

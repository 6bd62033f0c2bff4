"""Which links a digest may carry: http(s) with a host, nothing else.

A feed controls its items' links, so a `javascript:`, `data:` or `file:` link
must never become clickable in a digest someone opens in a browser or a mail
client.  The builder filters every link through `http_url` once, so each
renderer receives only links that are safe to emit (renderers still escape them
for their own syntax).
"""

from __future__ import annotations

from urllib.parse import urlsplit


def http_url(url: str | None) -> str:
    """`url` if it is an http(s) link with a host, else "" (shown as text, never linked)."""
    if not url:
        return ""
    url = url.strip()
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return url

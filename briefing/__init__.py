"""briefing: a terminal news-briefing reader for the Armenia–Azerbaijan conflict."""

__version__ = "0.1.0"

"""The Textual reader: panes for sources, stories, the story text and the incident tally."""

from .app import BriefingApp

__all__ = ["BriefingApp"]

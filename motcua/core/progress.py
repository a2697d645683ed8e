"""A progress line for long management commands: one line rewritten in place on a terminal,
nothing when the output is not a terminal (a log file, cron, a test) or at `-v0`."""

from __future__ import annotations

from django.core.management.base import OutputWrapper


class ProgressLine:
    def __init__(self, stream: OutputWrapper, *, verbosity: int = 1) -> None:
        self.stream = stream
        self.enabled = verbosity > 0 and stream.isatty()
        self._width = 0

    def show(self, text: str) -> None:
        if not self.enabled:
            return
        self.stream.write("\r" + text.ljust(self._width), ending="")
        self._width = max(self._width, len(text))
        self.stream.flush()

    def done(self) -> None:
        """Leave the last state on screen and move to a fresh line."""
        if self.enabled and self._width:
            self.stream.write("", ending="\n")
            self._width = 0

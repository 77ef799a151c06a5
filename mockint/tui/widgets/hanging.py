"""A list whose items wrap under their own text (a hanging indent), at whatever width it is drawn.

Each item is a lead ("  3 + ", "• ", "✓ ") and a body: the body wraps in the width left after the
lead, and its continuation lines start under the body's first character, not at column 0 (a long
mark, weakest point or question stayed readable only at the width it was written for). An item
with an empty lead is a line of its own (a heading, a note), wrapped at the full width. Texts are
``rich.text.Text`` built by the screens, Content, or plain strings (never markup); ``plain`` is the
list unwrapped, one item a line.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.css.types import TextOverflow
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

MIN_BODY = 12      # cells: under this the body wraps at the full width (a very narrow panel)


Piece = Text | Content | str      # a lead or a body: a str is plain text, never markup


def _plain(piece: Piece) -> str:
    return piece if isinstance(piece, str) else piece.plain


def _content(piece: Piece) -> Content:
    """A Text's base style goes in as a span: Textual reads a span's "green" as the terminal's green
    (as a Static showing the Text does), a base style's as the web colour."""
    if isinstance(piece, Content):
        return piece
    text = Text()
    text.append_text(Text(piece) if isinstance(piece, str) else piece)
    return Content.from_rich_text(text)


class Hanging(Visual):
    """Items (lead, body), one under the other, each body hanging under its own first character."""

    def __init__(self, items: Sequence[tuple[Piece, Piece]]) -> None:
        self.items = list(items)
        self._content: list[tuple[Content, Content]] | None = None
        self._wrapped: tuple[int, list[Content]] | None = None

    @property
    def plain(self) -> str:
        return "\n".join(_plain(lead) + _plain(body) for lead, body in self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def _contents(self) -> list[tuple[Content, Content]]:
        if self._content is None:
            self._content = [(_content(lead), _content(body)) for lead, body in self.items]
        return self._content

    def lines(self, width: int, overflow: TextOverflow = "fold") -> list[Content]:
        """The list as it is drawn ``width`` cells wide, one Content per screen line."""
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped[1]
        out: list[Content] = []
        for lead, body in self._contents():
            indent = lead.cell_length
            if indent == 0 or width - indent < MIN_BODY:
                out.extend((lead + body).wrap(max(width, 1), overflow=overflow) or [Content("")])
                continue
            for i, line in enumerate(body.wrap(width - indent, overflow=overflow) or [Content("")]):
                out.append((lead if i == 0 else Content(" " * indent)) + line)
        self._wrapped = (width, out)
        return out

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if not width:
            return []
        return Content("\n").join(self.lines(width)).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((lead.cell_length + body.cell_length for lead, body in self._contents()), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))

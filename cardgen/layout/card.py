"""The card: its faces' panels (front design, writing panel) imposed on home sheets for duplex."""

from __future__ import annotations

from cardgen import catalog
from cardgen.fonts import metrics
from cardgen.layout import marks
from cardgen.layout.fit import Fit
from cardgen.layout.panels import Panel, card_panels, inside_to_outside
from cardgen.layout.sheet import centre_on_sheet, duplex_flip, duplex_label
from cardgen.layout.text import set_line
from cardgen.model import Note
from cardgen.scene import BLACK, Color, Document, Group, Item, Line, Page, compose, translate

PEN_INK: Color = (0.10, 0.15, 0.35)  # print mode: a blue-black like a fountain pen
RULE_WIDTH = 0.25


def hex_color(value: str) -> Color:
    """'#2f4858' -> (r, g, b) in 0..1."""
    value = value.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def front_items(front: catalog.Front, panel: Panel) -> list[Item]:
    """The front design, in panel coordinates."""
    if front.kind != "script":
        return []
    font = metrics(front.font)
    ink = hex_color(front.ink)
    size = 0.72 * panel.w / font.width(front.text, 1.0)
    text_w = font.width(front.text, size)
    baseline = 0.46 * panel.h + font.cap_height * size / 2
    rule_y = baseline + 0.5 * size
    return [
        *set_line((panel.w - text_w) / 2, baseline, front.text, front.font, size, ink, "front"),
        Line(0.38 * panel.w, rule_y, 0.62 * panel.w, rule_y, 0.6, ink),
    ]


def writing_items(note: Note, panel: Panel, lines: tuple[str, ...], fit: Fit) -> list[Item]:
    """The writing panel: the message in the handwriting font (print mode), or rules, or nothing."""
    x, y, w, _ = panel.writing_area()
    baselines = fit.baselines(y)
    items: list[Item] = []
    if note.card.ruled and note.card.message == "handwrite":
        items += [Line(x, b, x + w, b, RULE_WIDTH, BLACK) for b in baselines]
    if note.card.message == "print":
        size = fit.size.font_size(metrics(note.handwriting.font))
        for baseline, line in zip(baselines, lines, strict=False):
            items += set_line(
                x, baseline, line, note.handwriting.font, size, PEN_INK, "message", fit.size.width
            )
    return items


def face_items(note: Note, fit: Fit, face: str) -> tuple[Item, ...]:
    """One face of the flat card, in face coordinates: each panel a group labelled with its name."""
    front = catalog.fronts()[note.card.front]
    lines_by_panel = dict(zip(fit.panels, fit.lines, strict=True))
    groups: list[Item] = []
    for panel in card_panels(note.card.format):
        if panel.face != face:
            continue
        items: list[Item] = []
        if panel.name == "front":
            items = front_items(front, panel)
        elif panel.name in lines_by_panel:
            items = writing_items(note, panel, lines_by_panel[panel.name], fit)
        groups.append(Group(tuple(items), panel.transform, panel.name))
    return tuple(groups)


def card_document(note: Note, fit: Fit) -> Document:
    """The card on home sheets at 1:1: outside page, then inside page, for duplex printing."""
    card = note.card.format
    flat_w, flat_h = card.flat_size
    paper = note.print.paper
    page_w, page_h, x0, y0 = centre_on_sheet(flat_w, flat_h, paper, f"The {card.label}")
    place = translate(x0, y0)
    behind = duplex_flip(page_w, page_h, note.print.duplex)
    inside_place = compose(behind, compose(place, inside_to_outside(card)))
    folded = card.fold == "side"
    steps = [
        "Print both sides at 100 % (Actual size), " + duplex_label(note.print.duplex),
        "cut on the marks",
    ]
    if folded:
        steps.append("fold on the dashed marks, printed side out")
    instruction = ("; ".join(steps) + ".", marks.NOTE_SIZE, marks.GREY, "note")
    bands = marks.margin_bands(page_w, page_h, (x0, y0, flat_w, flat_h), paper, [instruction])
    guides: list[Item] = [*bands.items, *marks.cut_marks(x0, y0, flat_w, flat_h, bands.room)]
    if folded:
        guides += marks.fold_marks_vertical(x0 + card.width, y0, y0 + flat_h, bands.room[1::2])
    names = ("outside", "inside") if folded else ("front", "back")
    outside = Group(face_items(note, fit, "outside"), place, "card", shared=True)
    inside = Group(face_items(note, fit, "inside"), inside_place, "card")
    return Document(
        title=f"Card for {note.recipient.name}",
        pages=(
            Page(page_w, page_h, (outside, *guides), names[0]),
            Page(page_w, page_h, (inside,), names[1]),
        ),
        duplex=note.print.duplex,
    )

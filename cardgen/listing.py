"""`cardgen list`: the catalogs as rows (name, a one-line summary, and the numbers for --json)."""

from __future__ import annotations

from typing import Any

from cardgen import catalog
from cardgen.fonts import FontInfo, bundled_fonts
from cardgen.units import mm


def _size(width: float, height: float) -> dict[str, float]:
    return {
        "width_pt": round(width, 2),
        "height_pt": round(height, 2),
        "width_mm": round(mm(width), 1),
        "height_mm": round(mm(height), 1),
    }


def _size_text(width: float, height: float) -> str:
    return f"{width / 72:.4g} × {height / 72:.4g} in ({mm(width):.0f} × {mm(height):.0f} mm)"


def listing(kind: str) -> list[dict[str, Any]]:
    """Rows for one catalog: `name` and `summary` always, plus kind-specific fields."""
    if kind == "formats":
        return [
            {
                "name": f.name,
                "summary": f"{_size_text(f.width, f.height)}, fold {f.fold}, envelope {f.envelope}",
                "label": f.label,
                "fold": f.fold,
                "envelope": f.envelope,
                **_size(f.width, f.height),
                "flat": _size(*f.flat_size),
            }
            for f in catalog.card_formats().values()
        ]
    if kind in ("envelopes", "papers"):
        sized = catalog.envelopes() if kind == "envelopes" else catalog.papers()
        return [
            {
                "name": e.name,
                "summary": f"{_size_text(e.width, e.height)}  {e.label}",
                "label": e.label,
                **_size(e.width, e.height),
            }
            for e in sized.values()
        ]
    if kind == "fronts":
        return [{"name": f.name, "summary": f.label, "kind": f.kind} for f in catalog.fronts().values()]
    if kind == "hands":
        return [
            {"name": h.name, "summary": h.label, "ruling": h.ruling, "slant": h.slant}
            for h in catalog.hand_presets().values()
        ]
    if kind == "templates":
        return [
            {
                "name": t.name,
                "summary": t.description,
                "fields": [{"name": f.name, "required": f.required, "help": f.help} for f in t.fields],
            }
            for t in catalog.templates().values()
        ]
    return [
        {"name": f.key, "summary": f"{f.label} {_kind(f)}", "role": f.role, "file": f.path.name}
        | ({"group": f.group, "installed": f.installed} if f.group else {})
        for f in bundled_fonts().values()
    ]


def _kind(font: FontInfo) -> str:
    """'[text]', or for an optional font '[handwriting, optional] installed' or the command installing it."""
    if font.group is None:
        return f"[{font.role}]"
    state = "installed" if font.installed else f"not installed: cardgen fonts install {font.group}"
    return f"[{font.role}, optional] {state}"

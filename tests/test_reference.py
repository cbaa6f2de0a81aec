"""Reference outputs: the sample kit's scenes against tests/reference/sample-<mode>.json.

What is compared: for the card, the envelope and the guide (handwrite and print mode), every page's
size and boxes and every scene item (line, rect, text run with its font, size, colour and baseline,
image, group with its transform), all lengths rounded to 0.001 pt. Not compared: PDF bytes (other
tests check determinism and parse the PDFs). Regenerate after an intended change with
`pytest tests/test_reference.py --regen-reference` (or `make previews`) and review the diff."""

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from cardgen import load_note
from cardgen.kit import make_kit
from tests.conftest import SAMPLE

REFERENCE = Path(__file__).parent / "reference"


def plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            "type": type(value).__name__,
            **{f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)},
        }
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # the scene's named-tuple items
        return {"type": type(value).__name__, **{k: plain(v) for k, v in value._asdict().items()}}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, float):
        return round(value, 3) + 0.0
    return value


@pytest.mark.parametrize("mode", ["handwrite", "print"])
def test_sample_scenes_match_the_reference(request: pytest.FixtureRequest, mode: str, tmp_path: Path) -> None:
    note = load_note(SAMPLE)
    note = dataclasses.replace(note, card=dataclasses.replace(note.card, message=mode))
    kit = make_kit(note)
    scenes = {"card": plain(kit.card), "envelope": plain(kit.envelope), "guide": plain(kit.guide)}
    path = REFERENCE / f"sample-{mode}.json"
    text = json.dumps(scenes, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if request.config.getoption("--regen-reference"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no reference yet: run pytest {__file__} --regen-reference"
    reference = json.loads(path.read_text(encoding="utf-8"))
    for kind in ("card", "envelope", "guide"):
        assert scenes[kind] == reference[kind], (
            f"the sample's {kind} scene changed ({first_difference(scenes[kind], reference[kind])}); "
            f"if intended, regenerate with --regen-reference and review {path.name}"
        )


def first_difference(made: Any, kept: Any, where: str = "") -> str:
    """Where two plain values first differ, as a path such as pages[0].items[3].x: 12.3 != 12.4."""
    if isinstance(made, dict) and isinstance(kept, dict):
        for key in sorted(set(made) | set(kept)):
            if made.get(key) != kept.get(key):
                return first_difference(made.get(key), kept.get(key), f"{where}.{key}" if where else key)
    if isinstance(made, list) and isinstance(kept, list):
        for index, (a, b) in enumerate(zip(made, kept, strict=False)):
            if a != b:
                return first_difference(a, b, f"{where}[{index}]")
        if len(made) != len(kept):
            return f"{where}: {len(made)} items != {len(kept)}"
    return f"{where}: {made!r} != {kept!r}"

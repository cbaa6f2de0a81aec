"""Reference outputs: the sample kit's scenes, as rounded numbers, against tests/reference/.
Regenerate after an intended change with `pytest tests/test_reference.py --regen-reference`
(or `make previews`) and review the diff."""

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
    assert json.loads(text) == json.loads(path.read_text(encoding="utf-8")), (
        f"the sample's scene changed; if intended, regenerate with --regen-reference and review {path.name}"
    )

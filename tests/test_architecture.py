"""The shape of the code: small modules, no import circles, every stage importing only the stages
below it (model -> wording -> layout -> scene -> render; the face and the shells on top)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cardgen"
MAX_LINES = 400

# What a stage may import from cardgen, besides itself. The stages above these (kit, jobs, manifest,
# parts, outputs, writer, api, cli, web, printing) may import anything below them.
BELOW = {
    "model": {"catalog", "units", "resources"},
    "validate": {
        "address",
        "pdfx",
        "catalog",
        "errors",
        "fonts",
        "handwriting",
        "model",
        "resources",
        "strokes",
        "tomlsource",
        "units",
    },
    "handwriting": {
        "catalog",
        "errors",
        "fonts",
        "fontstore",
        "model",
        "resources",
        "scan",
        "strokes",
        "tomlsource",
        "units",
    },
    "layout": {
        "address",
        "pdfx",
        "catalog",
        "coverage",
        "handwriting",
        "errors",
        "fonts",
        "glyphs",
        "images",
        "model",
        "resources",
        "scene",
        "direction",
        "scripts",
        "shaping",
        "strokes",
        "units",
        "wording",
        "layout",
    },
    "render": {
        "errors",
        "fonts",
        "glyphs",
        "pdfx",
        "scene",
        "scripts",
        "shaping",
        "strokes",
        "units",
        "render",
        "resources",
    },
}


def modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): path
        for path in PACKAGE.rglob("*.py")
    }


def imports(path: Path) -> set[str]:
    """The cardgen modules a file imports anywhere in it (lazy imports inside functions included),
    leaving out imports made only for type checking."""
    tree = ast.parse(path.read_text())
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only |= {id(child) for child in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cardgen"):
            known = modules()
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in known else node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("cardgen")}
    return found


def test_no_module_is_longer_than_one_sitting() -> None:
    long = {
        name: n for name, path in modules().items() if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_every_module_states_its_contract_in_a_docstring() -> None:
    missing = [name for name, path in modules().items() if not ast.get_docstring(ast.parse(path.read_text()))]
    assert not missing


def test_there_is_no_import_circle() -> None:
    graph = {
        name: {m for m in imports(path) if m != name and m != "cardgen"} for name, path in modules().items()
    }
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for other in sorted(graph.get(name, ())):
            if state.get(other) == "open":
                pytest.fail("import circle: " + " -> ".join([*trail[trail.index(other) :], other]))
            if other not in state:
                visit(other, [*trail, other])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


@pytest.mark.parametrize("stage", sorted(BELOW))
def test_each_stage_imports_only_what_lies_below_it(stage: str) -> None:
    wrong = {}
    for name, path in modules().items():
        if name.removeprefix("cardgen.").split(".")[0] != stage:
            continue
        upward = {
            m
            for m in imports(path)
            if m != "cardgen" and m.removeprefix("cardgen.").split(".")[0] not in BELOW[stage]
        }
        if upward - {name}:
            wrong[name] = sorted(upward - {name})
    assert not wrong, f"imports upward: {wrong}"

"""The structure of the code: one way through (files -> decode and validate -> assemble -> Timeline
-> query -> render -> cli), no import cycles, no private imports, a library that never names
the command line's options."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "spacetime"


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_import_contracts_hold():
    """The layers, the terminal libraries kept out of the library, no cycles between sibling
    modules: the contracts in pyproject.toml's [tool.importlinter], imports inside functions
    included."""
    code = ("import sys\nfrom importlinter.cli import lint_imports\n"
            "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_no_module_imports_itself_through_others():
    """Every import, at the top or inside a function, packages and their own modules included
    (a package's __init__ that imports a module importing the package is a cycle too)."""
    import grimp

    graph = grimp.build_graph("spacetime", exclude_type_checking_imports=True)
    found = [set(c) for c in _cycles({m: graph.find_modules_directly_imported_by(m) for m in graph.modules})]
    assert found == []


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return out


def test_the_cycle_finder_finds_cycles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_private_imports_from_other_packages(path):
    """Only public APIs of the libraries we use (`typer._click` changes without notice)."""
    private = [f"line {line}: {name}" for line, name in _imports(path)
               if not name.startswith("__future__") and any(part.startswith("_") for part in name.split("."))]
    assert private == []


# The library (every module outside cli/ and render/): its messages name arguments, never the
# command line's options (the CLI names its option when it reports: cli/core.py, _in_cli_terms).
LIBRARY = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__"))
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


@pytest.mark.parametrize("name", LIBRARY)
def test_library_messages_never_name_a_command_line_option(name):
    tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    flags = [f"line {node.lineno}: {node.value!r}" for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
             and FLAG.search(node.value)]
    assert flags == []


def test_every_library_module_is_in_the_contracts():
    """A new module must be placed: in a layer, and among those that never import Typer or Rich."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contracts = {c["type"]: c for c in config["contracts"]}
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")}
    layered = {name.strip() for layer in contracts["layers"]["layers"] for name in re.split(r"[|:]", layer)}
    assert modules - layered == set()
    kept_out = {m.removeprefix("spacetime.") for m in contracts["forbidden"]["source_modules"]}
    assert modules - kept_out == set()

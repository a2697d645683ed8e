"""The shape of the code: the module import graph of `motcua/` has no cycle, and no module reaches
into another module's private names.

Read from the source (AST), not by importing: every `import` counts wherever it is written —
inside a function too, since an import moved into a function to dodge a cycle is still a cycle of
the design — except under `if TYPE_CHECKING:`, which never runs. Tests and migrations are left out:
they sit above everything they test.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import motcua

ROOT = Path(motcua.__file__).parent


@dataclass
class Module:
    name: str
    path: Path
    imports: set[str] = field(default_factory=set)
    private: list[str] = field(default_factory=list)  # "line: what" of each reach into a private name


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(tree: ast.AST) -> set[int]:
    """The ids of the nodes under `if TYPE_CHECKING:`."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skipped.update(id(n) for n in ast.walk(child))
    return skipped


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _resolve(name: str, known: set[str]) -> str | None:
    """The module of ours that `name` (a module or a name inside one) lives in, if any."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def modules() -> dict[str, Module]:
    found = {
        _module_name(path): Module(_module_name(path), path)
        for path in sorted(ROOT.rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
    }
    known = set(found)
    for module in found.values():
        tree = ast.parse(module.path.read_text(encoding="utf-8"))
        skipped = _type_checking_only(tree)
        package = module.name if module.path.name == "__init__.py" else module.name.rpartition(".")[0]
        aliases: dict[str, str] = {}  # local name → module of ours it stands for
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Import):
                for alias in node.names:
                    target = _resolve(alias.name, known)
                    if target:
                        module.imports.add(target)
                        if alias.asname:
                            aliases[alias.asname] = target
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    target = submodule if submodule in known else _resolve(base, known)
                    if not target:
                        continue
                    module.imports.add(target)
                    if target == submodule:
                        aliases[alias.asname or alias.name] = target
                    elif _private(alias.name):
                        module.private.append(f"{node.lineno}: from {base} import {alias.name}")
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and _private(node.attr)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
            ):
                module.private.append(f"{node.lineno}: {node.value.id}.{node.attr}")
        module.imports.discard(module.name)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import(tmp_path: Path) -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_reader_sees_imports_inside_functions() -> None:
    found = modules()
    assert "motcua.dossiers.models" in found
    # apps.py registers its templates from ready(): an import inside a method, and it is counted.
    assert "motcua.dossiers.messages" in found["motcua.dossiers.apps"].imports


def test_no_import_cycle_in_motcua() -> None:
    found = modules()
    graph = {name: module.imports for name, module in found.items()}
    loops = cycles(graph)
    described = [
        " ↔ ".join(loop) + "\n    " + "\n    ".join(f"{m} → {sorted(graph[m] & set(loop))}" for m in loop)
        for loop in loops
    ]
    assert not loops, "import cycles:\n" + "\n".join(described)


def test_no_module_imports_another_modules_private_names() -> None:
    reaches = [f"{m.name}:{line}" for m in modules().values() for line in m.private]
    assert not reaches, "private names used from another module:\n" + "\n".join(reaches)

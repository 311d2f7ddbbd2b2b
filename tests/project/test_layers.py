"""The import graph of hooks/, computed from the code (ast): no cycle, no arrow from a core to an
adapter or from a lower package to a higher one, and no engine imported below the adapters.

Every import counts, at the top of a module, in a function or under TYPE_CHECKING: a loop that only
the type checker sees is still two modules that cannot be read apart.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from support import ROOT

HOOKS = ROOT / "hooks"
# Each package's layer, lowest first: a module may import its own package and lower layers only, and
# two packages of one layer never import each other.
LAYERS = {
    "core": 0,  # its __init__: the layers, in a docstring
    "core.sourcefile": 0,
    "core.termkit": 1,
    "core.datapages": 1,
    "core.pagework": 2,
    "core.sitecheck": 3,
    "adapters": 4,
    "mkdocs_hooks": 5,
}
ENGINES = ("mkdocs", "material", "zensical")  # imported by the adapters only


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(root: Path) -> dict[str, set[str]]:
    """Every module under root -> the modules it imports (of root's own, and top-level names of others)."""
    files = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(_own(alias.name, files) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:  # `from package import module` imports the module
                    found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else _own(base, files))
        graph[name] = found - {name}
    return graph


def _own(name: str, files: dict[str, Path]) -> str:
    """A module of root by its name (its longest known prefix), or the top-level name of another."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in files:
            return ".".join(parts[:end])
    return parts[0]


def package_of(module: str) -> str | None:
    return next((p for p in sorted(LAYERS, key=len, reverse=True) if module == p or module.startswith(p + ".")), None)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in graph:
                continue
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def wrong_arrows(graph: dict[str, set[str]]) -> list[str]:
    """Imports that go up the layers, across one layer, or to an engine below the adapters."""
    wrong = []
    for module, targets in sorted(graph.items()):
        source = package_of(module)
        assert source is not None, f"{module}: in no layer of LAYERS"
        for target in sorted(targets):
            if target in ENGINES and LAYERS[source] < LAYERS["adapters"]:
                wrong.append(f"{module} -> {target} (an engine, below the adapters)")
            dest = package_of(target)
            if dest is None or dest == source:
                continue
            if LAYERS[dest] >= LAYERS[source]:
                layers = f"{source}, layer {LAYERS[source]}, to {dest}, layer {LAYERS[dest]}"
                wrong.append(f"{module} -> {target} ({layers})")
    return wrong


def test_the_import_graph_of_hooks_has_no_cycle():
    graph = imports(HOOKS)
    assert len(graph) > 40, "every module of hooks/ is read"
    assert cycles(graph) == []


def test_every_arrow_goes_down_the_layers_and_only_the_adapters_import_an_engine():
    graph = imports(HOOKS)
    assert "core.termkit.site" in graph["core.pagework.sitebuild"]  # arrows are found
    assert "mkdocs" in graph["adapters.mkdocs_plugin"]
    assert wrong_arrows(graph) == []


def test_a_planted_cycle_and_planted_wrong_arrows_are_found(tmp_path):
    """The checks can fail: a copy of hooks/ with a loop, an arrow up and an engine in a core."""
    copy = tmp_path / "hooks"
    shutil.copytree(HOOKS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    with (copy / "core/termkit/urls.py").open("a", encoding="utf-8") as out:
        out.write("\nfrom .site import TermSite  # planted: site imports urls\n")
    with (copy / "core/termkit/model.py").open("a", encoding="utf-8") as out:
        out.write("\nfrom core.datapages import units  # planted: across one layer\nimport mkdocs  # planted\n")
    with (copy / "core/sourcefile.py").open("a", encoding="utf-8") as out:
        out.write("\nfrom adapters.reader import read_project  # planted: a core to an adapter\n")
    graph = imports(copy)
    assert any({"core.termkit.site", "core.termkit.urls"} <= set(cycle) for cycle in cycles(graph))
    wrong = wrong_arrows(graph)
    assert "core.termkit.model -> core.datapages.units (core.termkit, layer 1, to core.datapages, layer 1)" in wrong
    assert "core.termkit.model -> mkdocs (an engine, below the adapters)" in wrong
    assert "core.sourcefile -> adapters.reader (core.sourcefile, layer 0, to adapters, layer 4)" in wrong

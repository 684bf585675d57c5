"""Dependencies run one way, from the top down (README, "Architecture"):

- articles/ imports nothing of claims/ (claims/ builds on articles/, never the reverse);
- the project's shared pieces (claims_tracker/) import no app, except the two URL modules that
  assemble the site; and no module imports the API's URLs (the root URLconf includes them by name);
- no two modules import each other, directly or around a circle, even inside a function.

Read from the source with ast, so a function-local import counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("articles", "claims", "claims_tracker")
URL_MODULES = {"claims_tracker.urls", "claims_tracker.api_urls"}


def _modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            modules[name] = path
    return modules


MODULES = _modules()


def _project_module(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(path: Path) -> set[str]:
    """The project modules a module imports, anywhere in it (TYPE_CHECKING blocks excepted)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
                names = [child.module, *(f"{child.module}.{alias.name}" for alias in child.names)]
            else:
                visit(child)
                continue
            found.update(module for name in names if (module := _project_module(name)))

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


GRAPH = {name: _imports(path) - {name} for name, path in MODULES.items()}


def test_articles_imports_nothing_of_claims():
    offending = {name: sorted(t for t in targets if t.startswith("claims.")) for name, targets in GRAPH.items()}
    assert {name: t for name, t in offending.items() if name.startswith("articles") and t} == {}


def test_the_shared_project_modules_import_no_app():
    offending = {
        name: sorted(t for t in targets if t.split(".")[0] in {"articles", "claims"})
        for name, targets in GRAPH.items()
        if name.startswith("claims_tracker") and name not in URL_MODULES
    }
    assert {name: t for name, t in offending.items() if t} == {}


def test_no_module_imports_the_api_urls():
    # claims_tracker.urls includes them by name; an app importing them would import every app.
    assert {name for name, targets in GRAPH.items() if "claims_tracker.api_urls" in targets} == set()


def test_no_module_is_part_of_an_import_circle():
    graph = GRAPH
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[frozenset[str]] = []

    def strongly_connect(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                strongly_connect(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(frozenset(component))

    for node in graph:
        if node not in index:
            strongly_connect(node)
    assert circles == []

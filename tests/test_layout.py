"""Project layout rules that a test can check, from the source alone."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "smote_viz"
FEATURES = ("stepper", "playground", "family", "compare", "lesson", "room")
MAX_CORE_MODULES = 10
MAX_PAGE_LINES = 250


def _python_files():
    return [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *LIBRARY.rglob("*.py")]


def _module_name(path: Path) -> str:
    parts = list((path.relative_to(ROOT) if path.is_relative_to(ROOT) else Path(path.name)).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every module an import statement in ``path`` names (relative imports resolved), at any depth of the file."""
    tree = ast.parse(path.read_text())
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                prefix = package[: len(package) - node.level + 1]
                base = ".".join(prefix + ([node.module] if node.module else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)  # "from pkg import module"
    return names


def _library_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in LIBRARY.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        # Importing a.b.c runs a/__init__ and a/b/__init__ too: an edge to each package on the way.
        targets = set()
        for imported in _imports(path):
            parts = imported.split(".")
            for i in range(1, len(parts) + 1):
                candidate = ".".join(parts[:i])
                # a module's own packages are already running when it runs: no edge to them
                if candidate in modules and candidate != name and not name.startswith(candidate + "."):
                    targets.add(candidate)
        graph[name] = targets
    return graph


def _is_ui_module(path: Path) -> bool:
    return path.name.startswith("ui") or "ui" in path.relative_to(LIBRARY).parts[:-1]


def test_the_top_level_is_the_design_cards():
    for name in ("requirements.txt", "app.py", "smote_viz", "pages", "tests", "assets", "README.md",
                 ".streamlit/config.toml", ".ci/run", "ARCHITECTURE.md"):
        assert (ROOT / name).exists(), name
    assert not (ROOT / "app_pages").exists()
    assert "ARCHITECTURE.md" in (ROOT / "README.md").read_text()


def test_the_library_is_a_small_core_beside_one_package_per_feature():
    core = sorted(p.name for p in LIBRARY.glob("*.py") if p.name != "__init__.py")
    assert len(core) <= MAX_CORE_MODULES, core
    for feature in FEATURES:
        package = LIBRARY / feature
        assert (package / "__init__.py").is_file(), feature
        # each feature keeps its model, its figures and its one Streamlit module together
        assert (package / "ui.py").is_file(), f"{feature} has no ui.py"
        assert (package / "figures.py").is_file(), f"{feature} has no figures.py"
    # figures/ keeps only what several features share
    shared = sorted(p.stem for p in (LIBRARY / "figures").glob("*.py") if p.name != "__init__.py")
    assert not set(shared) & set(FEATURES), shared


def test_every_page_is_at_most_250_lines():
    long_pages = {p.name: n for p in (ROOT / "pages").glob("*.py") if (n := len(p.read_text().splitlines())) > MAX_PAGE_LINES}
    assert long_pages == {}


def test_every_page_file_is_registered_and_every_registered_page_exists():
    registered = set(re.findall(r'st\.Page\("(pages/[^"]+)"', (ROOT / "app.py").read_text()))
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert registered == on_disk


def test_every_page_first_passes_through_the_router():
    # With a pages/ folder, Streamlit runs a first deep link's page without app.py; the guard sends it back.
    for path in (ROOT / "pages").glob("*.py"):
        tree = ast.parse(path.read_text())
        calls = [node for node in tree.body if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)]
        first = calls[0].value
        assert ast.unparse(first.func) == "ui.route_through_app", path.name


def test_the_library_imports_streamlit_only_in_its_ui_modules():
    offenders = []
    for path in LIBRARY.rglob("*.py"):
        if _is_ui_module(path):
            continue
        if any(n == "streamlit" or n.startswith("streamlit.") for n in _imports(path)):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_layout_checks_can_see_a_streamlit_import_and_a_cycle(tmp_path):
    # The checks above read import statements; make sure they see the forms the library uses.
    module = tmp_path / "m.py"
    module.write_text("def f():\n    import streamlit as st\n    from .x import y\n")
    assert "streamlit" in _imports(module)
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_in_the_library():
    assert _cycles(_library_graph()) == []


def test_the_core_imports_no_feature_package():
    # Data flows one way: the core (smote, data, state, style, export, ui, ...) never reaches into a feature.
    def feature(name: str) -> str | None:
        parts = name.split(".")
        return parts[1] if len(parts) > 1 and parts[1] in FEATURES else None

    graph = _library_graph()
    offenders = {name: sorted(t for t in targets if feature(t)) for name, targets in graph.items()
                 if feature(name) is None and name != "smote_viz"}
    assert {name: targets for name, targets in offenders.items() if targets} == {}


def test_no_page_renders_raw_html():
    for path in _python_files():
        assert "unsafe_allow_html=True" not in path.read_text(), path

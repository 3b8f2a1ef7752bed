"""Project layout rules that a test can check."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_top_level_is_the_design_cards():
    for name in ("requirements.txt", "app.py", "smote_viz", "pages", "tests", "assets", "README.md",
                 ".streamlit/config.toml", ".ci/run"):
        assert (ROOT / name).exists(), name
    assert not (ROOT / "app_pages").exists()


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


def test_the_library_imports_streamlit_only_in_its_ui_module():
    offenders = []
    for path in (ROOT / "smote_viz").rglob("*.py"):
        if path.name.startswith("ui"):
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "streamlit" or n.startswith("streamlit.") for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_no_page_renders_raw_html():
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "smote_viz").rglob("*.py")]:
        assert "unsafe_allow_html=True" not in path.read_text(), path

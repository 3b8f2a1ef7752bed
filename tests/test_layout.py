"""Project layout rules that a test can check."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_no_pages_folder_next_to_the_entry_point():
    # Streamlit would treat it as an old-style multipage app and bypass app.py's st.navigation.
    assert not (ROOT / "pages").exists()


def test_every_page_file_is_registered_and_every_registered_page_exists():
    registered = set(re.findall(r'st\.Page\("(app_pages/[^"]+)"', (ROOT / "app.py").read_text()))
    on_disk = {f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py")}
    assert registered == on_disk


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
    for path in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "smote_viz").rglob("*.py")]:
        assert "unsafe_allow_html=True" not in path.read_text(), path

"""network/ is the base layer: besides imports (lint-imports checks those), it names no app above it in strings
either, as get_model("coalitions.…") or import_module("coalitions.…") would."""

import ast
import re
from pathlib import Path

NETWORK = Path(__file__).resolve().parents[2] / "network"
ABOVE = (
    "accounts",
    "coalitions",
    "events",
    "governance",
    "home",
    "knowledge",
    "newsletters",
    "office",
    "onboarding",
    "workflows",
)
NAMED = re.compile(rf"^({'|'.join(ABOVE)})[./]")


def _strings(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_network_names_no_app_above_it():
    found = [
        f"{path.relative_to(NETWORK.parent)}:{line}: {value!r}"
        for path in sorted(NETWORK.rglob("*.py"))
        if "migrations" not in path.parts
        for line, value in _strings(path)
        if NAMED.match(value)
    ]
    assert not found, "network/ names apps above it:\n" + "\n".join(found)

"""One exception family, in one module: every error a user can fix, with its documented exit code."""

from __future__ import annotations

import ast
from pathlib import Path

from aupkit import errors

PACKAGE = Path(errors.__file__).parent


def test_every_error_class_lives_in_errors_py() -> None:
    elsewhere = [
        f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "errors.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.name.endswith("Error")
    ]
    assert elsewhere == [], "define these in aupkit/errors.py"


def test_every_error_exits_with_a_documented_code() -> None:
    codes = {errors.EXIT_FINDINGS, errors.EXIT_USAGE, errors.EXIT_PROJECT}
    classes = [value for value in vars(errors).values() if isinstance(value, type) and issubclass(value, Exception)]
    assert len(classes) >= 10
    for cls in classes:
        assert issubclass(cls, errors.AupError) and cls.exit_code in codes, cls

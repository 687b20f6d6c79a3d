"""Stop a release whose tag is not the package's version: ``python scripts/release_version.py v0.2.0``.

The version is written once, in ``tools/aupkit/__init__.py``; this reads it there without importing
aupkit (the release job has not installed it) and exits 1 with the fix when the tag differs.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tools" / "aupkit" / "__init__.py"


def package_version(source: str) -> str:
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__version__" for t in node.targets):
            return ast.literal_eval(node.value)
    raise ValueError(f"{PACKAGE}: no __version__ = '...' line")


def main(tag: str) -> int:
    version = package_version(PACKAGE.read_text(encoding="utf-8"))
    if tag != f"v{version}":
        print(
            f"the tag {tag!r} is not the package's version {version}: tag v{version}, "
            f"or change __version__ in {PACKAGE.relative_to(PACKAGE.parents[2])} first",
            file=sys.stderr,
        )
        return 1
    print(f"releasing aupkit {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))

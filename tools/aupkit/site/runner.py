"""An engine's command line, started before its arguments are known: ``python -m aupkit.site.runner ENGINE``.

It imports the engine (about 0.3 s for MkDocs with Material) while aup reads the manual and writes the
docs tree, then reads its arguments as one JSON line on stdin and runs the engine's own CLI with them.
Kept for speed: see ``engines.EngineRun`` for the measurement. An empty line means aup stopped first.
"""

from __future__ import annotations

import importlib
import json
import sys

from .engines import ENGINES


def main() -> None:
    engine = ENGINES[sys.argv[1]]
    for name in engine.warm:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # only a head start: the engine imports what it needs anyway
    module, _, attribute = engine.cli.partition(":")
    cli = getattr(importlib.import_module(module), attribute)
    line = sys.stdin.readline()
    if not line.strip():
        return
    sys.argv = [engine.name, *json.loads(line)]
    cli()


if __name__ == "__main__":
    main()

"""``python -m aupkit`` is the ``aup`` command."""

from .cli.main import main

main()

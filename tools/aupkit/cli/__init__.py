"""The ``aup`` command line: thin click commands over the core."""

"""The published manual: the pure page rendering and navigation, the MkDocs plugin, and ``aup build``."""

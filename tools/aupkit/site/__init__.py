"""The published manual: the generated docs tree (pure), the site engines, the PDF, and ``aup build``."""

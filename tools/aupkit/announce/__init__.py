"""Tell staff about a new version of the manual: compose (pure), then write an .eml or send it."""

"""People and organisations, put right (rename, alias, merge, delete)."""

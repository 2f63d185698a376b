"""The rules and the checks that report problems: schema, consistency, file sets, norms."""

"""Read YAML files into plain data that remembers the line and column of every key and value."""

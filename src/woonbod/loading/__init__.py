"""Find a round's files and load each into a model, with the line and column of every value."""

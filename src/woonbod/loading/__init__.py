"""Find a round's files, load each into a model, and run folders in parallel."""

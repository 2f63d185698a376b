"""The bid and round files as typed models: their values, names, segment tree, provinces and schema."""

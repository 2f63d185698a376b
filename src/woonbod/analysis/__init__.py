"""The figures derived from a checked round: totals, gaps, knelpunten, regions, need, status, diffs."""

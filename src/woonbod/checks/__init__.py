"""The checks that report problems (consistency, file sets, norms), run folder by folder."""

"""The read side: one immutable snapshot of a dataset version, and what is derived from it."""

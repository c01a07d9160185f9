"""argmap: a source-anchored argument map of two Chinese political-economy papers."""

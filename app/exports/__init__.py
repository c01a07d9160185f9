"""One module per export format, each over the one graph built by app.read.graph."""

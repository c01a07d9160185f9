"""The write side of the data: data files → checked rows → the database (the loader and its
steps), the versions and redirects records, and the tools that make data (synth, the new-paper
scaffold, source cleaning)."""

"""The loader's steps over the papers' files, in the order app/dataset/loader.py runs them:
papers (with their sections and references), concepts, claims, the claims' links, cross-paper
links. Each step reads its files, appends its problems to the shared reader and returns the
rows and ids the later steps check against."""

"""The web side: rendering, request dependencies, page declarations, errors and the ASGI middleware."""

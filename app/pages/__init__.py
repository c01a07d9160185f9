"""One module per page family: each builds the page's data once, for HTML and JSON alike."""

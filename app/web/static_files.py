"""Static files from a folder that may not exist yet (the guides' screenshots are made by
the browser tests): a missing folder is a 404 like any missing file, not a 500."""

from __future__ import annotations

import os

from starlette.staticfiles import StaticFiles

STATIC_PATH = "/static"  # where static/ is mounted; pages link to it from the site's root


class OptionalStaticFiles(StaticFiles):
    async def check_config(self) -> None:
        if self.directory is not None and not os.path.isdir(self.directory):
            return  # nothing to serve yet; lookups find no file → 404
        await super().check_config()

"""One Settings object: where the data live and which database to use."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent


def files_root() -> Path:
    """Where templates/, static/, data/ and docs/ live: the checkout's root, or, for an installed
    wheel, the package itself (pyproject.toml ships them there as package data)."""
    in_checkout = (REPO_ROOT / "pyproject.toml").is_file() and (REPO_ROOT / "templates").is_dir()
    return REPO_ROOT if in_checkout else PACKAGE_DIR


def default_sqlite_path() -> Path:
    """var/argmap.db in the checkout; installed, var/argmap.db under the directory it is served from."""
    return (REPO_ROOT if FILES_ROOT == REPO_ROOT else Path.cwd()) / "var" / "argmap.db"


FILES_ROOT = files_root()
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ARGMAP_", extra="ignore")

    data_dir: Path = FILES_ROOT / "data"
    templates_dir: Path = FILES_ROOT / "templates"
    static_dir: Path = FILES_ROOT / "static"
    # DATABASE_URL (no prefix) is the conventional name; ARGMAP_DATABASE_URL also works.
    database_url: str = ""
    sqlite_path: Path = default_sqlite_path()
    # The site's public address (scheme, host, port), e.g. https://argmap.example.org: every
    # absolute URL is made from it and the Host header is not trusted. Unset: the address the
    # reader used, and for `argmap export` DEFAULT_BASE_URL (where `argmap serve` listens).
    base_url: str = ""
    # Keep rendered pages (app/web/response_cache.py); off, every request renders (a miss is still one
    # full render with its ETag), as bench/run.py --uncached measures.
    response_cache: bool = True
    # Chain queries, graph views, exports and searches rendered at once per process; one more
    # is answered 503 with Retry-After (app/web/shedding.py).
    max_expensive_requests: int = 2
    # `argmap serve`: seconds a client has to send a request's line and headers (slowloris),
    # and connections at once per process (uvicorn's limit_concurrency: 503 beyond it).
    header_timeout: float = 10.0
    max_connections: int = 1000
    # Seconds between two looks at the database's dataset version, so that a load by another
    # process (`argmap build`, another worker) is served without a restart; 0: never look.
    snapshot_watch_seconds: float = 1.0
    # Templates read again when their files change (`argmap serve --reload` sets it).
    template_reload: bool = False

    def public_base_url(self) -> str:
        return (self.base_url or DEFAULT_BASE_URL).rstrip("/")

    def resolved_database_url(self) -> str:
        import os

        return self.database_url or os.environ.get("DATABASE_URL") or f"sqlite:///{self.sqlite_path}"


settings = Settings()

"""One Settings object: where the data live and which database to use."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ARGMAP_", extra="ignore")

    data_dir: Path = REPO_ROOT / "data"
    templates_dir: Path = REPO_ROOT / "templates"
    static_dir: Path = REPO_ROOT / "static"
    # DATABASE_URL (no prefix) is the conventional name; ARGMAP_DATABASE_URL also works.
    database_url: str = ""
    sqlite_path: Path = REPO_ROOT / "var" / "argmap.db"

    def resolved_database_url(self) -> str:
        import os

        return self.database_url or os.environ.get("DATABASE_URL") or f"sqlite:///{self.sqlite_path}"


settings = Settings()

"""A wheel that serves: `pip install .` into a fresh virtual environment, then `argmap serve`
from another directory serves the shipped map (templates, static files, translations, data
and guides are package data). The Dockerfile installs the same way."""

from __future__ import annotations

import os
import shutil
import site
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from app.config import REPO_ROOT

SOURCES = ["pyproject.toml", "README.md", "app", "templates", "static", "data", "docs"]


def copy_sources(target: Path) -> None:
    """What the Dockerfile copies, without caches or databases."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.db", "*.egg-info", "build")
    target.mkdir()
    for name in SOURCES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)


def fresh_venv(path: Path) -> Path:
    """A new virtual environment that borrows this one's dependencies (not argmap itself:
    a path listed in a .pth file is searched, its own .pth files, the editable install's
    among them, are not run)."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    python = path / "bin" / "python"
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(own, "borrowed-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return python


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def test_the_installed_wheel_serves_the_shipped_map_from_any_directory(tmp_path: Path):
    copy_sources(tmp_path / "src")
    python = fresh_venv(tmp_path / "venv")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(tmp_path / "src")], capture_output=True, text=True
    )
    assert install.returncode == 0, install.stderr[-3000:]
    shutil.rmtree(tmp_path / "src")  # nothing may be read from the sources
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTHONPATH") and not k.startswith("ARGMAP_")
    }
    where = subprocess.run(
        [str(python), "-c", "import app; print(app.__file__)"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert where.stdout.startswith(str(tmp_path / "venv")), where.stdout + where.stderr
    port = free_port()
    server = subprocess.Popen(
        [str(tmp_path / "venv" / "bin" / "argmap"), "serve", "--port", str(port)],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                assert server.poll() is None, server.communicate()[1][-3000:]
                time.sleep(0.1)
        status, page = get(base + "/claims/qi-li-thesis")
        assert status == 200 and "qi-li-thesis" in page
        assert get(base + "/claims/qi-li-thesis?lang=zh")[1].count("论文") > 0  # the translations
        assert get(base + "/static/css/argmap.css")[0] == 200
        assert get(base + "/guides/students")[0] == 200
        assert (elsewhere / "var" / "argmap.db").is_file()  # the database lives where it is served from
    finally:
        server.terminate()
        server.wait(timeout=20)

"""Which files make a dataset: every path under the data directory, and the content hash
that says whether the database already holds them."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

VERSIONS_FILE = "versions.yaml"


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root)


def data_paths(data_dir: Path) -> tuple[list[Path], list[Path]]:
    """(every path under the data directory that stays inside it, every link that leads out).
    The loader reads nothing through a link out: a symbolic link to a system file must not
    have its lines printed in a problem."""
    root = data_dir.resolve()
    inside: list[Path] = []
    outside: list[Path] = []
    for folder, dirs, files in os.walk(data_dir):  # does not descend into linked folders
        for name in [*dirs, *files]:
            path = Path(folder, name)
            if path.is_symlink() and not _inside(path, root):
                outside.append(path)
            else:
                inside.append(path)
        dirs[:] = [name for name in dirs if not Path(folder, name).is_symlink() or _inside(Path(folder, name), root)]
    return sorted(inside), sorted(outside)


def content_hash(data_dir: Path) -> str:
    """A digest of every data file's name and bytes. Anything the loader refuses (a link out of
    the folder, a folder or an unreadable file with a data file's name) changes it too, so the
    loader runs and says so."""
    digest = hashlib.sha256()
    inside, outside = data_paths(data_dir)
    for path in inside:
        # versions.yaml records this hash, so it cannot be part of it
        if path.suffix in (".yaml", ".txt") and path != data_dir / VERSIONS_FILE:
            digest.update(path.relative_to(data_dir).as_posix().encode())
            digest.update(b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError as error:
                digest.update(f"\0not a readable file: {error.strerror}".encode())
    for path in outside:
        digest.update(path.relative_to(data_dir).as_posix().encode() + b"\0a link out")
    return digest.hexdigest()


def file_hash(data_dir: Path) -> str:
    """Hash of versions.yaml itself, so an edit of the record alone still reloads the data."""
    path = data_dir / VERSIONS_FILE
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:  # missing or unreadable: the loader says which
        return ""

"""Turn the paths and URLs a user gives into a stream of inputs: files (folders walked) and URLs."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import NOT_FOUND, StorylineError
from storyline.ingest.web import is_url

SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class InputItem:
    origin: str  # absolute path or URL
    is_url: bool = False


def _matches(name: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def _wanted(path: Path, root: Path, include: Sequence[str], exclude: Sequence[str]) -> bool:
    if path.name.endswith(SIDECAR_SUFFIX):
        return False  # metadata for another file, not a document
    relative = path.relative_to(root).as_posix()
    if _matches(path.name, exclude) or _matches(relative, exclude):
        return False
    return _matches(path.name, include) or _matches(relative, include)


def _walk(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[Path]:
    for folder, subfolders, files in os.walk(root):
        # Sorted for a stable order; excluded folders (".git", ...) are not entered at all.
        subfolders[:] = sorted(d for d in subfolders if not _matches(d, exclude))
        for name in sorted(files):
            path = Path(folder) / name
            if _wanted(path, root, include, exclude):
                yield path


def discover(
    targets: Sequence[str], include: Sequence[str], exclude: Sequence[str]
) -> Iterator[InputItem | StorylineError]:
    """Yield each input once, in a stable order; a missing path yields an error and the rest goes on."""
    seen: set[str] = set()
    for target in targets:
        for item in _expand(target, include, exclude):
            if isinstance(item, InputItem):
                if item.origin in seen:
                    continue
                seen.add(item.origin)
            yield item


def _expand(target: str, include: Sequence[str], exclude: Sequence[str]) -> Iterator[InputItem | StorylineError]:
    if is_url(target):
        yield InputItem(target, is_url=True)
        return
    path = Path(target).expanduser()
    if path.is_dir():
        root = path.resolve()
        for file in _walk(root, include, exclude):
            yield InputItem(str(file))
    elif path.is_file():
        yield InputItem(str(path.resolve()))  # named explicitly: no include filter
    else:
        yield StorylineError(NOT_FOUND, source=target)

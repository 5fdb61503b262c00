"""The stack's state directory, readable by the service user only.

It holds personal data: the SQLite databases (leads, conversations, the console's copies),
the action server's lead outbox and the services' logs. Every file in it is 0600 and every
directory 0700: the services run with a umask of 077 (:data:`SERVICE_UMASK`, set by
`Service.start` for every start and restart), the runner creates what it writes itself the
same way, and :func:`tighten` fixes the modes of a state directory from before (an old `var/`)
each time a stack is made or started. Standard library only, like the rest of the runner.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

#: The services' umask: what they create is for their user only.
SERVICE_UMASK = 0o077
DIRECTORY_MODE = 0o700
FILE_MODE = 0o600


def private_directory(path: Path) -> Path:
    """Creates `path` (and missing parents) as 0700, or makes an existing one 0700.

    Returns:
        The path.
    """
    path.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    path.chmod(DIRECTORY_MODE)
    return path


def private_file(path: Path) -> Path:
    """Creates `path` empty as 0600 if missing; an existing file is made 0600.

    SQLite then opens it, and sizes its own files after it, with that mode.

    Returns:
        The path.
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    try:
        os.fchmod(descriptor, FILE_MODE)
    finally:
        os.close(descriptor)
    return path


def open_log(path: Path) -> BinaryIO:
    """Opens a service's log for appending, created 0600 (an old one is made 0600)."""
    private_directory(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
    os.fchmod(descriptor, FILE_MODE)
    return os.fdopen(descriptor, "ab")


def tighten(root: Path) -> None:
    """Takes group and other permissions away from `root` and everything under it.

    Directories become 0700; files keep their owner's bits only (0644 becomes 0600).
    Symbolic links are left alone; a file deleted meanwhile (a SQLite journal) is skipped.
    """
    private_directory(root)
    for directory, subdirectories, files in os.walk(root):
        for name in [*subdirectories, *files]:
            path = os.path.join(directory, name)
            with contextlib.suppress(FileNotFoundError):
                mode = os.lstat(path).st_mode
                if stat.S_ISLNK(mode):
                    continue
                wanted = DIRECTORY_MODE if stat.S_ISDIR(mode) else stat.S_IMODE(mode) & 0o700
                if stat.S_IMODE(mode) != wanted:
                    os.chmod(path, wanted)

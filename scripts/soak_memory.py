"""Memory of a service: the resident set size of its process group, read from /proc (Linux)."""

from __future__ import annotations

from pathlib import Path

PROC = Path("/proc")


def process_group(pgid: int) -> list[int]:
    """The ids of the live processes in a process group."""
    members = []
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended meanwhile
            continue
        # pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses.
        fields = text[text.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid:
            members.append(int(stat.parent.name))
    return members


def rss_kib(pid: int) -> int:
    """A process's resident set size in KiB (0 when it has ended)."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def group_rss_mib(pgid: int) -> float:
    """The summed RSS of a process group in MiB (pages shared between members count twice)."""
    return sum(rss_kib(pid) for pid in process_group(pgid)) / 1024

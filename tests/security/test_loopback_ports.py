"""Every process of the default profile listens on loopback only.

The action server listened on 0.0.0.0 (issue 18, finding 3). The test reads the listening TCP
sockets of each service's process group from /proc (what `ss -ltnp` shows) and checks that
each is bound to 127.0.0.1 or ::1.
"""

from __future__ import annotations

import ipaddress
import os
import re
from pathlib import Path

import pytest

from stack.profiles.default import Stack

pytestmark = pytest.mark.e2e

PROC = Path("/proc")
LISTEN = "0A"
SOCKET = re.compile(r"socket:\[(\d+)\]")


def group_pids(pgid: int) -> list[int]:
    """The processes of one process group (a service and its workers)."""
    pids = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...: comm may hold spaces, so split after its ')'.
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid:
            pids.append(int(entry.name))
    return pids


def socket_inodes(pid: int) -> set[str]:
    inodes = set()
    fd_dir = PROC / str(pid) / "fd"
    try:
        links = [os.readlink(fd_dir / fd) for fd in os.listdir(fd_dir)]
    except OSError:
        return inodes
    for link in links:
        match = SOCKET.fullmatch(link)
        if match:
            inodes.add(match.group(1))
    return inodes


def decode_address(hex_address: str) -> tuple[str, int]:
    host, port = hex_address.split(":")
    raw = bytes.fromhex(host)
    if len(raw) == 4:
        address = ipaddress.IPv4Address(raw[::-1])
    else:  # four 32-bit words, each in host (little-endian) order
        words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
        address = ipaddress.IPv6Address(words)
    return str(address), int(port, 16)


def listening_sockets() -> dict[str, tuple[str, int]]:
    """Listening TCP sockets of the machine by inode: (address, port)."""
    sockets = {}
    for table in ("tcp", "tcp6"):
        for line in (PROC / "net" / table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == LISTEN:
                sockets[fields[9]] = decode_address(fields[1])
    return sockets


def is_loopback(address: str) -> bool:
    parsed = ipaddress.ip_address(address)
    mapped = getattr(parsed, "ipv4_mapped", None)
    return parsed.is_loopback or (mapped is not None and mapped.is_loopback)


def test_every_service_listens_on_loopback_only(stack: Stack):
    listening = listening_sockets()
    found: dict[str, list[tuple[str, int]]] = {}
    for service in stack.services:
        assert service.process is not None, f"{service.name} is not running"
        inodes = set().union(*(socket_inodes(pid) for pid in group_pids(service.process.pid)))
        found[service.name] = sorted(listening[inode] for inode in inodes if inode in listening)
    assert all(found.values()), f"a service listens nowhere: {found}"
    exposed = {
        name: [f"{address}:{port}" for address, port in sockets if not is_loopback(address)]
        for name, sockets in found.items()
    }
    assert not any(exposed.values()), f"listening beyond loopback: {exposed}"
    assert stack.ports.actions in [port for _, port in found["actions"]]

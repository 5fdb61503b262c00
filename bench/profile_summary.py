"""Summarises a py-spy raw (collapsed stacks) profile: where a process spends its time.

    python bench/profile_summary.py profile.raw [--top 40] [--match rasa/,bot/]

Prints, for the functions most often on the stack, the share of samples in which each one
is (inclusive) and the share in which it is the innermost frame (self). Standard library
only.
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

FRAME = re.compile(r"^(?P<name>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")


def parse(path: Path) -> list[tuple[list[str], int]]:
    """Reads `frame;frame;... count` lines into (frames without line numbers, count)."""
    stacks = []
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = []
        for frame in stack.split(";"):
            match = FRAME.match(frame)
            frames.append(f"{match['name']} ({match['file']})" if match else frame)
        stacks.append((frames, int(count)))
    return stacks


def summarise(stacks: list[tuple[list[str], int]], top: int, match: list[str]) -> str:
    """A Markdown table of the `top` functions by inclusive share (filtered by `match`)."""
    total = sum(count for _, count in stacks) or 1
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    for frames, count in stacks:
        for frame in set(frames):
            inclusive[frame] += count
        own[frames[-1]] += count
    lines = [f"{total} samples", "", "| incl. % | self % | function |", "| ---: | ---: | --- |"]
    shown = 0
    for frame, count in inclusive.most_common():
        if match and not any(part in frame for part in match):
            continue
        lines.append(f"| {100 * count / total:.1f} | {100 * own[frame] / total:.1f} | `{frame}` |")
        shown += 1
        if shown >= top:
            break
    return "\n".join(lines)


def main() -> int:
    """Command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--match", default="", help="comma-separated substrings of frames")
    args = parser.parse_args()
    match = [part for part in args.match.split(",") if part]
    print(summarise(parse(args.profile), args.top, match))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

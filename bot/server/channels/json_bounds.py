"""Bounds on the JSON a client may send: its nesting depth and its size.

A real widget sends `{"sender": ..., "message": ..., "metadata": {"language": "en"}}`:
nesting 2, metadata of a few dozen bytes. The limits below are far above that and far
below what breaks anything:

- `MAX_BODY_BYTES` (2 MiB) for a whole REST body. A message longer than the NLU reads is
  answered with a short "too long" (a 1 MB message included), so the body limit is not
  the message limit.
- `MAX_JSON_DEPTH` (32) for a whole REST body or socket.io event.
- `MAX_METADATA_BYTES` (8 KiB, as compact JSON in UTF-8) and `MAX_METADATA_DEPTH` (16)
  for a message's `metadata`, which Rasa stores with every user event and the console
  reads back.

Every check here is iterative: Python's `json` module, `json.dumps` and any recursive
walk fail with a `RecursionError` near 1,000 levels, which is what a hostile body is
made of. `raw_json_depth` measures the raw text without parsing it, so a body nested a
million levels deep is refused before `json.loads` sees it.
"""

from __future__ import annotations

import re
from typing import Any

#: The largest REST body, in bytes.
MAX_BODY_BYTES = 2 * 1024 * 1024
#: The deepest nesting of a whole REST body or socket.io event (`{}` is 1 deep).
MAX_JSON_DEPTH = 32
#: The largest `metadata`, in bytes of compact UTF-8 JSON.
MAX_METADATA_BYTES = 8 * 1024
#: The deepest nesting of `metadata` itself.
MAX_METADATA_DEPTH = 16

#: A JSON string, or an unterminated one up to the end: every `"` starts a match, so a
#: scan never backtracks (linear time on any input).
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+(?:"|\\?\Z)', re.DOTALL)
#: An array or object with no array or object inside it (strings already removed).
_INNERMOST = re.compile(r"\[[^\[\]{}]*+\]|\{[^\[\]{}]*+\}")
_BRACKET = re.compile(r"[\[\]{}]")


def raw_json_depth(text: str, limit: int) -> int:
    """How deep arrays and objects nest in JSON text, counted without parsing it.

    Each pass removes the innermost arrays and objects (a regular expression, in C):
    after `n` passes everything `n` deep is gone. At most `limit + 1` passes are made.

    Args:
        text: The raw JSON text (it need not be valid).
        limit: The deepest nesting of interest.

    Returns:
        The depth when it is at most `limit`, otherwise `limit + 1`; unbalanced brackets
        also count as `limit + 1` (such text is no JSON anyway).
    """
    rest = _STRING.sub("0", text)
    depth = 0
    while _BRACKET.search(rest) is not None:
        if depth > limit:
            return limit + 1
        rest, removed = _INNERMOST.subn("0", rest)
        if removed == 0:  # brackets left that pair with nothing
            return limit + 1
        depth += 1
    return min(depth, limit + 1)


def value_depth(value: Any, limit: int) -> int:
    """How deep lists and dicts nest in a parsed value, walked without recursion.

    Args:
        value: A value as `json.loads` or socket.io gives it.
        limit: The deepest nesting of interest: the walk stops beyond it.

    Returns:
        The depth (0 for a scalar) when it is at most `limit`, otherwise `limit + 1`.
    """
    deepest = 0
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        if depth > limit:
            return limit + 1
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in children)
    return deepest

"""The `requests` session of the catalogue client: retries for GET, and an HTTP cache.

The cache is CacheControl's adapter with its in-memory store: a GET answer is kept as long as
the catalogue's `Cache-Control: max-age` allows (`CATALOGUE_CACHE_MAX_AGE_SECONDS` there) and
never when it says `no-store`; other methods (`POST /leads`) are never cached (issue 23).
"""

from __future__ import annotations

import requests
from cachecontrol import CacheControlAdapter
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

__all__ = ["catalogue_session"]


def catalogue_session(
    read_retries: int, *, cache: bool = True, session: requests.Session | None = None
) -> requests.Session:
    """Mounts the catalogue's adapter on a session.

    Args:
        read_retries: Extra attempts for GET calls on connection errors and 502-504.
        cache: Whether GET answers are kept as their `Cache-Control` allows.
        session: A session to use instead of a new one.

    Returns:
        The session, for `http://` and `https://`.
    """
    session = session or requests.Session()
    retry = Retry(
        total=read_retries,
        connect=read_retries,
        read=read_retries,
        status=read_retries,
        backoff_factor=0.1,
        status_forcelist=(502, 503, 504),
        allowed_methods=frozenset({"GET"}),
        raise_on_status=False,
    )
    adapter = (
        CacheControlAdapter(cacheable_methods=("GET",), max_retries=retry)
        if cache
        else HTTPAdapter(max_retries=retry)
    )
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session

"""Rasa's calls to the action server over kept HTTP connections.

Rasa 3.6's `EndpointConfig.request` opens an `aiohttp.ClientSession` for every call and
closes it after, so each custom action costs a new TCP connection on both sides (the Rasa
server's event loop and the action server's Sanic loop accept, set up and tear down one per
action; a catalogue answer's first turn makes two calls). `install` replaces that method
with one that sends the same request (headers, query parameters, compression, TLS file,
errors) over one session per endpoint and event loop, kept open.

Idle connections are dropped after `KEEP_ALIVE_SECONDS`, before the action server's Sanic
closes them (5 s), so a call never goes out on a connection the server is closing.

The call's JSON (the tracker) is encoded by ujson, as Sanic already encodes every answer of
the action server and of Rasa's channels, about 2.5 times faster than `json.dumps` (4 % of
the Rasa server's samples under load, py-spy, issue 23); anything ujson cannot encode goes
to `json.dumps` as before. The action server reads the same values either way.
"""

from __future__ import annotations

import asyncio
import json
import os
import ssl
from typing import Any

import aiohttp
import ujson
from aiohttp.client_exceptions import ContentTypeError
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.shared.exceptions import FileNotFoundException
from rasa.utils.endpoints import ClientResponseError, EndpointConfig, concat_url

#: Seconds an idle connection is kept (below Sanic's keep-alive timeout of 5 s).
KEEP_ALIVE_SECONDS = 4.0
#: Attribute of an `EndpointConfig` holding its kept session and the loop it belongs to.
_KEPT = "_hub_kept_session"


def dumps(value: Any) -> str:
    """`value` as JSON text: ujson's, or `json.dumps`'s for what ujson cannot encode."""
    try:
        return ujson.dumps(value, escape_forward_slashes=False)
    except (TypeError, ValueError, OverflowError):
        return json.dumps(value)


def kept_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """The endpoint's open session on the running loop; a new one on first use.

    Configured as Rasa's `EndpointConfig.session` (headers, basic auth, the total timeout).
    """
    loop = asyncio.get_running_loop()
    kept: tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession] | None = getattr(
        endpoint, _KEPT, None
    )
    if kept is not None and kept[0] is loop and not kept[1].closed:
        return kept[1]
    auth = None
    if endpoint.basic_auth:
        auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
    session = aiohttp.ClientSession(
        headers=endpoint.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_ALIVE_SECONDS),
        json_serialize=dumps,
    )
    setattr(endpoint, _KEPT, (loop, session))
    return session


async def request(
    self: EndpointConfig,
    method: str = "post",
    subpath: str | None = None,
    content_type: str | None = "application/json",
    compress: bool = False,
    **kwargs: Any,
) -> Any | None:
    """`EndpointConfig.request` of Rasa 3.6 on the endpoint's kept session.

    Returns:
        The answer's JSON, or None when it is not JSON.

    Raises:
        ClientResponseError: The endpoint answered with a status of 400 or more.
    """
    headers = {"Content-Type": content_type} if content_type else {}
    headers.update(kwargs.pop("headers", None) or {})
    headers.update(self.headers or {})
    sslcontext = None
    if self.cafile:
        try:
            sslcontext = ssl.create_default_context(cafile=self.cafile)
        except FileNotFoundError as error:
            raise FileNotFoundException(
                f"Failed to find certificate file, '{os.path.abspath(self.cafile)}' does not exist."
            ) from error
    async with kept_session(self).request(
        method,
        concat_url(self.url, subpath),
        headers=headers,
        params=self.combine_parameters(kwargs),
        compress=compress,
        ssl=sslcontext,
        **kwargs,
    ) as response:
        if response.status >= 400:
            raise ClientResponseError(
                response.status, response.reason, await response.content.read()
            )
        try:
            return await response.json()
        except ContentTypeError:
            return None


def install() -> None:
    """Makes every `EndpointConfig.request` of this process use kept connections."""
    EndpointConfig.request = request

"""What a conversation in the widget costs on the wire, as Chromium's DevTools protocol sees it.

`record_conversation` opens the home page, says the given turns and counts, from CDP's
Network events, the socket.io HTTP requests (long-polling) and their bytes, and the
WebSocket connections with their frames. `BLOCK_WEBSOCKET_JS` stands in for a network that
refuses WebSockets: every connection fails as a refused upgrade does (an error, then a
close with code 1006), so the widget must long-poll.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser

from tests.browser.a11y_support import SIZES, new_context, open_chat, say

SOCKETIO_PATH = "/socket.io/"
#: 13 turns that stay out of the lead form (the greeting comes by itself, before them).
THIRTEEN_TURNS = (
    "hello",
    "What projects do you have?",
    "Tell me about the first one",
    "Are there medical projects?",
    "What services do you offer?",
    "Do you help with visas?",
    "Tell me about the hub",
    "How much investment was signed?",
    "Who can I contact?",
    "Logistics projects",
    "The second one",
    "What about legal services?",
    "Thanks",
)
BLOCK_WEBSOCKET_JS = """(() => {
  class BlockedWebSocket extends EventTarget {
    constructor(url) {
      super();
      this.url = String(url);
      this.readyState = 0;
      this.binaryType = "blob";
      window.__hubBlockedWebSockets = (window.__hubBlockedWebSockets || 0) + 1;
      setTimeout(() => {
        this.readyState = 3;
        const error = new Event("error");
        if (this.onerror) this.onerror(error);
        this.dispatchEvent(error);
        const close = new CloseEvent("close", { code: 1006, wasClean: false });
        if (this.onclose) this.onclose(close);
        this.dispatchEvent(close);
      }, 0);
    }
    send() { throw new DOMException("blocked", "InvalidStateError"); }
    close() {}
  }
  Object.assign(BlockedWebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = BlockedWebSocket;
})();"""


@dataclass
class Traffic:
    """The socket.io traffic of one conversation (bytes as Chromium counted them)."""

    turns: int = 0
    answered: int = 0
    #: socket.io long-polling requests (GET and POST), and the bytes received for them
    #: (headers and body as sent, compressed or not), and sent (headers and body, estimated).
    polling_requests: int = 0
    polling_bytes_received: int = 0
    polling_bytes_sent: int = 0
    #: WebSocket connections opened, their upgrade responses' headers, and their frames.
    websockets: int = 0
    websocket_frames: int = 0
    websocket_payload_bytes: int = 0
    handshake_headers: list[dict[str, str]] = field(default_factory=list)
    #: Every request of the page (the page, its assets, the widget's JSON, socket.io).
    all_http_requests: int = 0
    all_http_bytes_received: int = 0
    #: WebSockets the page tried to open while they were blocked.
    blocked_websockets: int = 0
    #: The page and its scripts and style sheets, by the Content-Encoding they came in.
    page_encodings: dict[str, str] = field(default_factory=dict)

    @property
    def socketio_http_requests(self) -> int:
        """HTTP requests for socket.io: long-polls and WebSocket upgrades."""
        return self.polling_requests + self.websockets

    def as_dict(self) -> dict[str, Any]:
        """The numbers, for the measurement file."""
        numbers = asdict(self)
        numbers.pop("handshake_headers")
        numbers.pop("page_encodings")
        numbers["socketio_http_requests"] = self.socketio_http_requests
        return numbers


class _Recorder:
    """Adds up CDP's Network events into a `Traffic`."""

    def __init__(self, traffic: Traffic) -> None:
        self.traffic = traffic
        self.socketio: set[str] = set()

    def request(self, event: dict[str, Any]) -> None:
        request = event["request"]
        if event.get("type") == "WebSocket":
            return
        self.traffic.all_http_requests += 1
        if SOCKETIO_PATH in request["url"] and "transport=polling" in request["url"]:
            self.socketio.add(event["requestId"])
            self.traffic.polling_requests += 1
            headers = sum(len(k) + len(str(v)) + 4 for k, v in request["headers"].items())
            body = len(request.get("postData", "").encode())
            self.traffic.polling_bytes_sent += len(request["url"]) + 16 + headers + body

    def response(self, event: dict[str, Any]) -> None:
        response = event["response"]
        path = urlsplit(response["url"]).path
        if event.get("type") == "Document" or path.endswith((".js", ".css")):
            headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
            self.traffic.page_encodings[path] = headers.get("content-encoding", "")

    def finished(self, event: dict[str, Any]) -> None:
        size = int(event.get("encodedDataLength", 0))
        self.traffic.all_http_bytes_received += size
        if event["requestId"] in self.socketio:
            self.traffic.polling_bytes_received += size

    def websocket(self, _event: dict[str, Any]) -> None:
        self.traffic.websockets += 1

    def handshake(self, event: dict[str, Any]) -> None:
        headers = event["response"].get("headers", {})
        self.traffic.handshake_headers.append({k.lower(): v for k, v in headers.items()})

    def frame(self, event: dict[str, Any]) -> None:
        self.traffic.websocket_frames += 1
        self.traffic.websocket_payload_bytes += len(event["response"]["payloadData"].encode())


def record_conversation(
    browser: Browser,
    web_url: str,
    turns: tuple[str, ...],
    block_websocket: bool = False,
    transport_js: str | None = None,
) -> Traffic:
    """Open the home page's chat, say `turns`, and return what went over the wire.

    Args:
        browser: Chromium.
        web_url: The website.
        turns: What the visitor says, one message a turn.
        block_websocket: Refuse every WebSocket (`BLOCK_WEBSOCKET_JS`).
        transport_js: Serve this as the widget's `chat/transport.js` (an earlier version's,
            to measure it against the same stack).
    """
    traffic = Traffic(turns=len(turns))
    recorder = _Recorder(traffic)
    context = new_context(browser, "en", SIZES[3])
    if block_websocket:
        context.add_init_script(BLOCK_WEBSOCKET_JS)
    if transport_js is not None:
        context.route(
            "**/static/js/chat/transport.js",
            lambda route: route.fulfill(body=transport_js, content_type="text/javascript"),
        )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.on("Network.requestWillBeSent", recorder.request)
    cdp.on("Network.responseReceived", recorder.response)
    cdp.on("Network.loadingFinished", recorder.finished)
    cdp.on("Network.webSocketCreated", recorder.websocket)
    cdp.on("Network.webSocketHandshakeResponseReceived", recorder.handshake)
    cdp.on("Network.webSocketFrameSent", recorder.frame)
    cdp.on("Network.webSocketFrameReceived", recorder.frame)
    cdp.send("Network.enable")
    try:
        page.goto(web_url + "/")
        open_chat(page)
        traffic.answered = sum(say(page, text) for text in turns)
        traffic.blocked_websockets = int(
            page.evaluate("() => window.__hubBlockedWebSockets || 0") or 0
        )
    finally:
        context.close()
    return traffic


def record_traffic(directory: Path, name: str, traffic: Traffic) -> None:
    """Append one conversation's numbers to ``chat-traffic.jsonl`` in `directory`."""
    with (directory / "chat-traffic.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps({"name": name, **traffic.as_dict()}) + "\n")

/*
 * Rasa's socket.io channel (session_request/session_confirm, user_uttered/bot_uttered) through
 * the locally served socket.io-client (`window.io`). Every message carries the page language
 * as metadata, under both `metadata` and `customData`.
 */

export class RasaTransport {
  /*
   * handlers: onConnect(), onDisconnect(), onSessionConfirm(sessionId), onBotMessage(message).
   */
  constructor(rasaUrl, language, handlers) {
    this.rasaUrl = rasaUrl;
    this.language = language;
    this.handlers = handlers;
    this.socket = null;
  }

  /* Open the connection; false when socket.io-client is not loaded. */
  connect() {
    if (typeof window.io !== "function") return false;
    const rasa = new URL(this.rasaUrl, window.location.href);
    const socketPath = `${rasa.pathname.replace(/\/$/, "")}/socket.io`;
    /* WebSocket first: one connection for the whole conversation (bot/channels/sanic_websocket.py
     * makes Rasa's serve it). Where the WebSocket fails (a proxy refusing the upgrade, no
     * WebSocket in the browser), long-polling takes over at once (`tryAllTransports`); polling
     * needs Rasa's --cors for this page's origin. */
    this.socket = window.io(rasa.origin, {
      path: socketPath,
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      reconnectionDelayMax: 10000,
    });
    const { onConnect, onDisconnect, onSessionConfirm, onBotMessage } = this.handlers;
    this.socket.on("connect", onConnect);
    this.socket.on("disconnect", onDisconnect);
    this.socket.on("connect_error", (error) => {
      /* A WebSocket that neither opens nor fails (a proxy holding the upgrade) ends in a
       * connection timeout: reconnect by long-polling first, upgrading when it can. */
      this.socket.io.opts.transports = ["polling", "websocket"];
      onDisconnect(error);
    });
    this.socket.on("session_confirm", (data) => {
      const sessionId = typeof data === "string" ? data : data && data.session_id;
      if (sessionId) onSessionConfirm(sessionId);
    });
    this.socket.on("bot_uttered", (message) => {
      if (message && typeof message === "object") onBotMessage(message);
    });
    return true;
  }

  /*
   * Ask Rasa to continue `sessionId` (or to start a new session when there is none). Rasa
   * issues and signs session ids: it confirms the one asked for only if it issued it, and a
   * new one otherwise; the widget keeps whatever `session_confirm` names.
   */
  requestSession(sessionId) {
    this.socket.emit("session_request", { session_id: sessionId || null });
  }

  send(sessionId, message) {
    const metadata = { language: this.language };
    this.socket.emit("user_uttered", {
      message,
      session_id: sessionId,
      customData: metadata,
      metadata,
    });
  }

  /* Drop the connection and open it again: Rasa then confirms a new session. */
  reconnect() {
    if (!this.socket) return;
    this.socket.disconnect();
    this.socket.connect();
  }
}

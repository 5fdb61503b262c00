/*
 * Hub chat widget: talks to Rasa's socket.io channel (session_request/session_confirm,
 * user_uttered/bot_uttered), sends the page language as message metadata, keeps the
 * conversation in localStorage across reloads, and renders text, buttons, project cards and
 * replies from hub staff.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "hub-chat:v1";
  var MAX_STORED_MESSAGES = 200;
  var TYPING_TIMEOUT_MS = 15000;
  var URL_PATTERN = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

  function loadState() {
    try {
      var state = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "{}");
      return state && typeof state === "object" ? state : {};
    } catch (error) {
      return {};
    }
  }

  function saveState(state) {
    try {
      state.messages = state.messages.slice(-MAX_STORED_MESSAGES);
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      /* storage full or disabled: the conversation still works, it just won't survive reload */
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function appendLinkifiedText(container, text) {
    var lastIndex = 0;
    String(text).replace(URL_PATTERN, function (url, _group, offset) {
      container.appendChild(document.createTextNode(text.slice(lastIndex, offset)));
      var link = element("a", null, url);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      container.appendChild(link);
      lastIndex = offset + url.length;
      return url;
    });
    container.appendChild(document.createTextNode(text.slice(lastIndex)));
  }

  function repliesOf(message) {
    var replies = message.quick_replies || message.buttons || [];
    return replies
      .filter(function (reply) { return reply && reply.title && reply.payload; })
      .map(function (reply) { return { title: String(reply.title), payload: String(reply.payload) }; });
  }

  /* Sectors arrive as a list of labels or as one string joined with commas. */
  function sectorList(sectors) {
    if (Array.isArray(sectors)) return sectors.map(String).filter(Boolean);
    if (typeof sectors === "string") return sectors.split(/\s*[,，、]\s*/).filter(Boolean);
    return [];
  }

  function ChatWidget(root, config) {
    this.root = root;
    this.config = config;
    this.text = config.text || {};
    this.state = loadState();
    if (!Array.isArray(this.state.messages)) this.state.messages = [];
    this.sessionConfirmed = false;
    this.typingTimer = null;
    this.build();
    this.renderAll();
    this.connect();
  }

  ChatWidget.prototype.build = function () {
    var t = this.text;
    this.root.textContent = "";
    this.root.setAttribute("lang", this.config.language);

    var header = element("div", "hc-header");
    var titles = element("div", "hc-titles");
    titles.appendChild(element("p", "hc-title", t.title));
    titles.appendChild(element("p", "hc-subtitle", t.subtitle));
    header.appendChild(titles);
    this.restartButton = element("button", "hc-restart", t.restart);
    this.restartButton.type = "button";
    this.restartButton.addEventListener("click", this.restart.bind(this));
    header.appendChild(this.restartButton);
    this.root.appendChild(header);

    this.statusLine = element("p", "hc-status", t.connecting);
    this.statusLine.setAttribute("role", "status");
    this.root.appendChild(this.statusLine);

    this.log = element("ol", "hc-log");
    this.log.setAttribute("role", "log");
    this.log.setAttribute("aria-live", "polite");
    this.log.setAttribute("aria-label", t.log_label);
    this.log.setAttribute("tabindex", "0");
    this.root.appendChild(this.log);

    this.typingLine = element("p", "hc-typing", t.typing);
    this.typingLine.hidden = true;
    this.root.appendChild(this.typingLine);

    var form = element("form", "hc-form");
    var inputId = "hc-input-" + Math.random().toString(36).slice(2);
    var label = element("label", "hc-visually-hidden", t.input_label);
    label.htmlFor = inputId;
    this.input = element("input", "hc-input");
    this.input.id = inputId;
    this.input.type = "text";
    this.input.autocomplete = "off";
    this.input.maxLength = 1000;
    this.input.placeholder = t.placeholder;
    this.sendButton = element("button", "hc-send", t.send);
    this.sendButton.type = "submit";
    form.appendChild(label);
    form.appendChild(this.input);
    form.appendChild(this.sendButton);
    form.addEventListener("submit", this.onSubmit.bind(this));
    this.root.appendChild(form);
    this.setConnected(false);
  };

  ChatWidget.prototype.setConnected = function (connected) {
    this.sendButton.disabled = !connected;
    this.statusLine.hidden = connected;
    this.root.classList.toggle("hc-offline", !connected);
  };

  ChatWidget.prototype.connect = function () {
    if (typeof window.io !== "function") {
      this.statusLine.textContent = this.text.offline;
      return;
    }
    var rasa = new URL(this.config.rasaUrl, window.location.href);
    var socketPath = rasa.pathname.replace(/\/$/, "") + "/socket.io";
    /* Long-polling only: Rasa 3.6 runs on Sanic 21.12, whose websockets python-engineio cannot
     * drive ("Invalid frame header"); polling needs Rasa's --cors for this page's origin. */
    this.socket = window.io(rasa.origin, {
      path: socketPath,
      transports: ["polling"],
      upgrade: false,
      reconnectionDelayMax: 10000
    });
    this.socket.on("connect", this.onConnect.bind(this));
    this.socket.on("disconnect", this.onDisconnect.bind(this));
    this.socket.on("connect_error", this.onDisconnect.bind(this));
    this.socket.on("session_confirm", this.onSessionConfirm.bind(this));
    this.socket.on("bot_uttered", this.onBotMessage.bind(this));
  };

  ChatWidget.prototype.onConnect = function () {
    this.sessionConfirmed = false;
    this.socket.emit("session_request", { session_id: this.state.sessionId || null });
  };

  ChatWidget.prototype.onDisconnect = function () {
    this.sessionConfirmed = false;
    this.statusLine.textContent = this.text.offline;
    this.setConnected(false);
  };

  ChatWidget.prototype.onSessionConfirm = function (data) {
    var sessionId = typeof data === "string" ? data : data && data.session_id;
    if (!sessionId) return;
    var isNewSession = sessionId !== this.state.sessionId;
    if (isNewSession) {
      this.state = { sessionId: sessionId, messages: [] };
      saveState(this.state);
      this.renderAll();
    }
    this.sessionConfirmed = true;
    this.setConnected(true);
    this.root.setAttribute("data-session-id", sessionId);
    if (isNewSession && this.config.initPayload) {
      this.emitUserMessage(this.config.initPayload);
    }
  };

  ChatWidget.prototype.metadata = function () {
    return { language: this.config.language };
  };

  ChatWidget.prototype.emitUserMessage = function (message) {
    var metadata = this.metadata();
    this.socket.emit("user_uttered", {
      message: message,
      session_id: this.state.sessionId,
      customData: metadata,
      metadata: metadata
    });
    this.showTyping(true);
  };

  ChatWidget.prototype.send = function (message, shownText) {
    if (!this.sessionConfirmed || !message) return;
    this.addMessage({ role: "user", kind: "text", text: shownText || message });
    this.emitUserMessage(message);
  };

  ChatWidget.prototype.onSubmit = function (event) {
    event.preventDefault();
    var text = this.input.value.trim();
    if (!text || !this.sessionConfirmed) return;
    this.input.value = "";
    this.send(text);
  };

  ChatWidget.prototype.restart = function () {
    this.state = { sessionId: null, messages: [] };
    saveState(this.state);
    this.renderAll();
    if (this.socket) {
      this.socket.disconnect();
      this.socket.connect();
    }
  };

  ChatWidget.prototype.showTyping = function (visible) {
    window.clearTimeout(this.typingTimer);
    this.typingLine.hidden = !visible;
    if (visible) {
      this.typingTimer = window.setTimeout(this.showTyping.bind(this, false), TYPING_TIMEOUT_MS);
    }
  };

  ChatWidget.prototype.onBotMessage = function (message) {
    if (!message || typeof message !== "object") return;
    this.showTyping(false);
    if (message.type === "project_card" && message.project) {
      this.addProjectCard(message);
    } else if (message.type === "staff_reply") {
      this.markStaffReply(String(message.text || ""));
    } else {
      var attachment = message.attachment;
      if (attachment && attachment.type === "image" && attachment.payload && attachment.payload.src) {
        this.addMessage({ role: "bot", kind: "image", src: String(attachment.payload.src) });
      }
      if (message.text) {
        this.addMessage({ role: "bot", kind: "text", text: String(message.text), replies: repliesOf(message) });
      } else if (repliesOf(message).length) {
        this.addMessage({ role: "bot", kind: "text", text: "", replies: repliesOf(message) });
      }
    }
  };

  /* Rasa sends a card as text + a details button first, then the custom payload: the card
   * replaces that text message. */
  ChatWidget.prototype.addProjectCard = function (message) {
    var project = message.project;
    var card = {
      role: "bot",
      kind: "card",
      project: {
        id: String(project.id || ""),
        name: String(project.name || ""),
        sectors: sectorList(project.sectors),
        district: project.district ? String(project.district) : "",
        status: project.status ? String(project.status) : ""
      },
      detailsPayload: message.details_payload ? String(message.details_payload) : "",
      detailsTitle: message.details_title ? String(message.details_title) : this.text.details
    };
    var messages = this.state.messages;
    for (var index = messages.length - 1; index >= Math.max(0, messages.length - 3); index -= 1) {
      var candidate = messages[index];
      var matches = candidate.role === "bot" && candidate.kind === "text" &&
        (candidate.replies || []).some(function (reply) { return reply.payload === card.detailsPayload; });
      if (matches) {
        messages[index] = card;
        saveState(this.state);
        var oldNode = this.log.children[index];
        if (oldNode) this.log.replaceChild(this.renderMessage(card), oldNode);
        else this.renderAll();
        this.scrollToEnd();
        return;
      }
    }
    this.addMessage(card);
  };

  ChatWidget.prototype.markStaffReply = function (text) {
    var messages = this.state.messages;
    for (var index = messages.length - 1; index >= Math.max(0, messages.length - 3); index -= 1) {
      var candidate = messages[index];
      if (candidate.role === "bot" && candidate.kind === "text" && candidate.text === text) {
        candidate.role = "staff";
        saveState(this.state);
        var oldNode = this.log.children[index];
        if (oldNode) this.log.replaceChild(this.renderMessage(candidate), oldNode);
        return;
      }
    }
    if (text) this.addMessage({ role: "staff", kind: "text", text: text });
  };

  ChatWidget.prototype.addMessage = function (message) {
    this.state.messages.push(message);
    var overflow = this.state.messages.length - MAX_STORED_MESSAGES;
    saveState(this.state);
    if (overflow > 0) {
      this.renderAll();
      return;
    }
    this.log.appendChild(this.renderMessage(message));
    this.scrollToEnd();
  };

  ChatWidget.prototype.renderAll = function () {
    this.log.textContent = "";
    for (var index = 0; index < this.state.messages.length; index += 1) {
      this.log.appendChild(this.renderMessage(this.state.messages[index]));
    }
    this.scrollToEnd();
  };

  ChatWidget.prototype.scrollToEnd = function () {
    this.log.scrollTop = this.log.scrollHeight;
  };

  ChatWidget.prototype.replyButton = function (title, payload, className) {
    var button = element("button", className, title);
    button.type = "button";
    button.setAttribute("data-payload", payload);
    button.addEventListener("click", this.send.bind(this, payload, title));
    return button;
  };

  ChatWidget.prototype.renderMessage = function (message) {
    var t = this.text;
    var item = element("li", "hc-message hc-" + message.role);
    var author = { user: t.you, bot: t.bot, staff: t.staff }[message.role] || t.bot;
    item.appendChild(element("span", "hc-author" + (message.role === "staff" ? "" : " hc-visually-hidden"), author));

    if (message.kind === "card") {
      item.classList.add("hc-card-message");
      item.appendChild(this.renderCard(message));
      return item;
    }
    if (message.kind === "image") {
      var image = element("img", "hc-image");
      image.src = message.src;
      image.alt = "";
      item.appendChild(image);
      return item;
    }
    if (message.text) {
      var bubble = element("p", "hc-bubble");
      appendLinkifiedText(bubble, message.text);
      item.appendChild(bubble);
    }
    var replies = message.replies || [];
    if (replies.length) {
      var group = element("div", "hc-replies");
      group.setAttribute("role", "group");
      for (var index = 0; index < replies.length; index += 1) {
        group.appendChild(this.replyButton(replies[index].title, replies[index].payload, "hc-reply"));
      }
      item.appendChild(group);
    }
    return item;
  };

  ChatWidget.prototype.renderCard = function (message) {
    var t = this.text;
    var project = message.project;
    var card = element("article", "hc-card");
    card.setAttribute("data-project-id", project.id);
    var titleId = "hc-card-" + Math.random().toString(36).slice(2);
    var title = element("h3", "hc-card-title", project.name);
    title.id = titleId;
    card.setAttribute("aria-labelledby", titleId);
    card.appendChild(title);

    var facts = element("dl", "hc-card-facts");
    function fact(label, value) {
      if (!value) return;
      var row = element("div", "hc-card-fact");
      row.appendChild(element("dt", null, label));
      var dd = element("dd");
      if (Array.isArray(value)) {
        value.forEach(function (entry) { dd.appendChild(element("span", "hc-chip", entry)); });
      } else {
        dd.textContent = value;
      }
      row.appendChild(dd);
      facts.appendChild(row);
    }
    fact(t.sector, project.sectors.length ? project.sectors : "");
    fact(t.district, project.district);
    fact(t.status, project.status);
    card.appendChild(facts);

    if (message.detailsPayload) {
      card.appendChild(this.replyButton(message.detailsTitle, message.detailsPayload, "hc-card-action"));
    }
    return card;
  };

  function start() {
    var root = document.getElementById("hub-chat");
    if (!root) return;
    var configNode = document.getElementById(root.getAttribute("data-config"));
    var config;
    try {
      config = JSON.parse(configNode.textContent);
    } catch (error) {
      return;
    }
    window.hubChat = new ChatWidget(root, config);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

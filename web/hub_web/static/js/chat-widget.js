/*
 * Hub chat widget, the entry module: wires the conversation store (./chat/store.js), Rasa's
 * socket.io channel (./chat/transport.js) and the DOM (./chat/render.js) together, and shows
 * text, buttons, project cards and replies from hub staff (./chat/messages.js).
 *
 * Each of the bot's answers can be rated (./chat/feedback.js).
 *
 * Waiting for a person: when the bot says staff will answer (`handoff: "started"`), the widget
 * asks the website for the office hours (`officeHoursUrl`) and says when staff answer, or that
 * the office is closed and the reply comes by e-mail; it shows no typing indicator while
 * nobody types; the first staff reply is preceded by "a member of staff has joined", and the
 * bot's "I am back" (`handoff: "ended"`) ends the wait.
 *
 * The page provides the configuration as JSON in the element named by #hub-chat's
 * `data-config`: {rasaUrl, language, initPayload, feedbackUrl, officeHoursUrl, text,
 * sources: {path, anchors}}.
 *
 * Every public page has a launcher (`[data-hc-launcher]`, and links with `data-hc-open`): it
 * opens the chat as a panel (full screen on a phone); the close button and Esc close it and
 * give focus back to the launcher. On the home page the chat also stays in the page when
 * closed (#hub-chat without `hc-floating`). The conversation lives in localStorage, so it
 * survives closing, reopening and moving between pages.
 */
import { sendFeedback } from "./chat/feedback.js";
import { interpretBotMessage } from "./chat/messages.js";
import { buildFrame, renderMessage } from "./chat/render.js";
import { ConversationStore } from "./chat/store.js";
import { RasaTransport } from "./chat/transport.js";

const TYPING_TIMEOUT_MS = 15000;
/* Where the open chat covers the whole screen (chat-widget.css): there it is a modal dialog. */
const FULL_SCREEN_QUERY = "(max-width: 600px)";
const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

class ChatWidget {
  constructor(root, config) {
    this.root = root;
    this.config = config;
    this.text = config.text || {};
    this.store = new ConversationStore();
    this.sessionConfirmed = false;
    this.greetingAsked = false;
    this.typingTimer = null;
    this.frame = buildFrame(root, this.text, config.language, {
      onSubmit: (event) => this.onSubmit(event),
      onRestart: () => this.restart(),
      onClose: () => this.close(),
    });
    this.launchers = Array.from(document.querySelectorAll("[data-hc-launcher], [data-hc-open]"));
    this.launchers.forEach((launcher) =>
      launcher.addEventListener("click", (event) => {
        event.preventDefault();
        this.open(launcher);
      }),
    );
    root.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.isOpen()) {
        event.preventDefault();
        this.close();
      } else if (event.key === "Tab" && this.isModal()) {
        this.keepFocusInside(event);
      }
    });
    /* Following a source link leaves the chat closed on the next page. */
    root.addEventListener("click", (event) => {
      if (event.target.closest && event.target.closest(".hc-source-link")) this.close(false);
    });
    this.setConnected(false);
    this.renderAll();
    this.transport = new RasaTransport(config.rasaUrl, config.language, {
      onConnect: () => this.onConnect(),
      onDisconnect: () => this.onDisconnect(),
      onSessionConfirm: (sessionId) => this.onSessionConfirm(sessionId),
      onBotMessage: (message) => this.onBotMessage(message),
    });
    if (!this.transport.connect()) this.frame.statusLine.textContent = this.text.offline;
  }

  isOpen() {
    return this.root.classList.contains("hc-open");
  }

  /* Open and covering the whole screen: Tab must not reach the page hidden behind it. */
  isModal() {
    return this.isOpen() && window.matchMedia(FULL_SCREEN_QUERY).matches;
  }

  /* Tab from the last control goes to the first, Shift+Tab from the first to the last. */
  keepFocusInside(event) {
    const controls = Array.from(this.root.querySelectorAll(FOCUSABLE)).filter(
      (control) => control.getClientRects().length > 0,
    );
    if (controls.length === 0) return;
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  /* Open the chat as a panel (full screen on a phone), its message box focused. */
  open(opener) {
    this.opener = opener && opener.hasAttribute("data-hc-launcher") ? opener : this.launchers[0];
    this.root.classList.add("hc-open");
    this.root.setAttribute("role", "dialog");
    if (window.matchMedia(FULL_SCREEN_QUERY).matches) this.root.setAttribute("aria-modal", "true");
    document.documentElement.classList.add("hc-chat-open");
    this.launchers.forEach((launcher) => launcher.setAttribute("aria-expanded", "true"));
    this.scrollToEnd();
    this.frame.input.focus();
  }

  /* Close the panel; focus goes back to the launcher (unless `restoreFocus` is false). */
  close(restoreFocus = true) {
    if (!this.isOpen()) return;
    this.root.classList.remove("hc-open");
    this.root.removeAttribute("role");
    this.root.removeAttribute("aria-modal");
    document.documentElement.classList.remove("hc-chat-open");
    this.launchers.forEach((launcher) => launcher.setAttribute("aria-expanded", "false"));
    const launcher = document.querySelector("[data-hc-launcher]");
    if (restoreFocus && launcher) launcher.focus();
  }

  setConnected(connected) {
    this.frame.sendButton.disabled = !connected;
    this.frame.statusLine.hidden = connected;
    this.root.classList.toggle("hc-offline", !connected);
  }

  onConnect() {
    this.sessionConfirmed = false;
    this.transport.requestSession(this.store.sessionId);
  }

  onDisconnect() {
    this.sessionConfirmed = false;
    this.frame.statusLine.textContent = this.text.offline;
    this.setConnected(false);
  }

  onSessionConfirm(sessionId) {
    const isNewSession = sessionId !== this.store.sessionId;
    if (isNewSession) {
      this.store.reset(sessionId);
      this.renderAll();
    }
    this.sessionConfirmed = true;
    this.setConnected(true);
    this.root.setAttribute("data-session-id", sessionId);
    this.greetIfEmpty();
  }

  /*
   * Ask for the greeting while the transcript is empty: in a new session, and in one whose
   * greeting never arrived (the visitor left the page before it came, so nobody received
   * it). Once per page: a greeting on its way is not asked for again.
   */
  greetIfEmpty() {
    if (this.greetingAsked || this.store.messages.length > 0 || !this.config.initPayload) return;
    this.greetingAsked = true;
    this.emitUserMessage(this.config.initPayload);
  }

  emitUserMessage(message) {
    this.transport.send(this.store.sessionId, message);
    /* While a person is awaited or answering, nobody types until they do. */
    this.showTyping(!this.store.handoff);
  }

  /* Send `message` (text or an intent payload), showing `shownText` as the visitor's words. */
  send(message, shownText) {
    if (!this.sessionConfirmed || !message) return;
    this.addMessage({ role: "user", kind: "text", text: shownText || message });
    this.emitUserMessage(message);
  }

  onSubmit(event) {
    event.preventDefault();
    const text = this.frame.input.value.trim();
    if (!text || !this.sessionConfirmed) return;
    this.frame.input.value = "";
    this.send(text);
  }

  restart() {
    this.greetingAsked = false;
    this.store.reset();
    this.renderAll();
    this.transport.reconnect();
  }

  showTyping(visible) {
    window.clearTimeout(this.typingTimer);
    this.frame.typingLine.hidden = !visible;
    if (visible) {
      this.typingTimer = window.setTimeout(() => this.showTyping(false), TYPING_TIMEOUT_MS);
    }
  }

  onBotMessage(message) {
    this.showTyping(false);
    const { card, staffReply, messages, handoff } = interpretBotMessage(message, this.text.details);
    if (card) this.addProjectCard(card);
    else if (staffReply !== undefined) this.markStaffReply(staffReply);
    else messages.forEach((item) => this.addMessage(item));
    if (handoff === "started") this.startWaiting();
    else if (handoff === "ended") this.store.handoff = null;
  }

  /* A note of the widget's own (not the bot's), in the page's language. */
  note(text) {
    return { role: "note", kind: "text", text, lang: this.config.language, answer: false };
  }

  /* The visitor waits for a person: say when staff answer, from the website's office hours. */
  async startWaiting() {
    this.store.handoff = "waiting";
    let text = this.text.handoff_waiting;
    try {
      const url = new URL(this.config.officeHoursUrl, window.location.href);
      url.searchParams.set("lang", this.config.language);
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const hours = await response.json();
        const template = hours.open ? this.text.handoff_open : this.text.handoff_closed;
        text = template.replace("{hours}", hours.hours);
      }
    } catch {
      /* the short note without hours */
    }
    this.addMessage(this.note(text));
  }

  /* Rasa sends a card as text + a details button first, then the custom payload: the card
   * replaces that text message. */
  addProjectCard(card) {
    const index = this.store.findRecent(
      (candidate) =>
        candidate.role === "bot" &&
        candidate.kind === "text" &&
        (candidate.replies || []).some((reply) => reply.payload === card.detailsPayload),
    );
    if (index < 0) {
      this.addMessage(card);
      return;
    }
    /* Rated as the answer it replaces, whose text the event stream holds; its source too. */
    const replaced = this.store.messages[index];
    if (replaced.messageId !== undefined) card.messageId = replaced.messageId;
    if (replaced.source) card.source = replaced.source;
    this.store.replace(index, card);
    if (!this.replaceNode(index, card)) this.renderAll();
    this.scrollToEnd();
  }

  /* Staff replies arrive as a text message followed by a marker: label that message. */
  markStaffReply(text) {
    const joined = this.store.handoff === "waiting";
    if (this.store.handoff) this.store.handoff = "staff";
    const index = this.store.findRecent(
      (candidate) => candidate.role === "bot" && candidate.kind === "text" && candidate.text === text,
    );
    if (joined) {
      /* "A member of staff has joined" goes before their first reply. */
      const at = index >= 0 ? index : this.store.messages.length;
      this.store.insert(at, this.note(this.text.staff_joined));
      this.renderAll();
      if (index >= 0) {
        const message = { ...this.store.messages[index + 1], role: "staff" };
        this.store.replace(index + 1, message);
        this.replaceNode(index + 1, message);
        return;
      }
    }
    if (index >= 0) {
      const message = { ...this.store.messages[index], role: "staff" };
      this.store.replace(index, message);
      this.replaceNode(index, message);
    } else if (text) {
      this.addMessage({ role: "staff", kind: "text", text });
    }
  }

  addMessage(message) {
    this.keepRatingOnLastPart(message);
    if (this.store.add(message)) {
      this.renderAll();
      return;
    }
    this.frame.log.appendChild(this.render(message));
    this.scrollToEnd();
  }

  /*
   * One rating per turn: a bot answer takes the rating controls from the bot messages
   * before it in the same turn (Rasa's parts of one answer, the cards of a search).
   */
  keepRatingOnLastPart(message) {
    if (message.role !== "bot" || message.messageId === undefined || message.answer === false) return;
    for (let index = this.store.messages.length - 1; index >= 0; index -= 1) {
      const previous = this.store.messages[index];
      if (previous.role === "user") return;
      if (previous.messageId === undefined || previous.answer === false || previous.feedback) continue;
      const { messageId, ...unrated } = previous;
      this.store.replace(index, unrated);
      this.replaceNode(index, unrated);
    }
  }

  /* Send a rating of the answer `messageId`; once stored, the answer shows a thank-you. */
  async rate(messageId, rating, comment) {
    await sendFeedback(this.config.feedbackUrl, {
      sessionId: this.store.sessionId,
      messageId,
      rating,
      comment,
    });
    const index = this.store.messages.findLastIndex((message) => message.messageId === messageId);
    if (index < 0) return;
    const rated = { ...this.store.messages[index], feedback: rating };
    this.store.replace(index, rated);
    this.replaceNode(index, rated);
    /* Focus stays with the answer: on its thank-you, which says the rating was taken. */
    const thanks = this.frame.log.children[index]?.querySelector(".hc-feedback-thanks");
    if (thanks) thanks.focus();
  }

  /* Replace the log item at `index`; false when there is none. */
  replaceNode(index, message) {
    const oldNode = this.frame.log.children[index];
    if (!oldNode) return false;
    this.frame.log.replaceChild(this.render(message), oldNode);
    return true;
  }

  render(message) {
    return renderMessage(
      message,
      this.text,
      (payload, title, fromKeyboard) => {
        this.send(payload, title);
        /* The button may be gone from view: the visitor goes on typing from the message box. */
        if (fromKeyboard) this.frame.input.focus();
      },
      this.config.feedbackUrl ? (messageId, rating, comment) => this.rate(messageId, rating, comment) : null,
      this.config.sources,
    );
  }

  renderAll() {
    this.frame.log.replaceChildren(...this.store.messages.map((message) => this.render(message)));
    this.scrollToEnd();
  }

  scrollToEnd() {
    this.frame.log.scrollTop = this.frame.log.scrollHeight;
  }
}

function start() {
  const root = document.getElementById("hub-chat");
  if (!root) return;
  const configNode = document.getElementById(root.getAttribute("data-config"));
  let config;
  try {
    config = JSON.parse(configNode.textContent);
  } catch {
    return;
  }
  window.hubChat = new ChatWidget(root, config);
}

/* Module scripts run after the document is parsed, so the widget's root is there. */
start();

/*
 * The widget's DOM: its frame (header, status line, log, typing line, form) and one log item
 * per stored message. `text` is the page's widget texts (`widget_config.text`).
 */
import { renderFeedback } from "./feedback.js";

const URL_PATTERN = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function uniqueId(prefix) {
  return prefix + Math.random().toString(36).slice(2);
}

function appendLinkifiedText(container, value) {
  const text = String(value);
  let lastIndex = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0];
    container.appendChild(document.createTextNode(text.slice(lastIndex, match.index)));
    const link = element("a", null, url);
    link.href = url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    container.appendChild(link);
    lastIndex = match.index + url.length;
  }
  container.appendChild(document.createTextNode(text.slice(lastIndex)));
}

/*
 * Build the frame inside `root`; returns its parts:
 * {statusLine, log, typingLine, input, sendButton, closeButton}.
 * The log is a `div` with role "log" (a list loses its list meaning under that role).
 */
export function buildFrame(root, text, language, { onSubmit, onRestart, onClose }) {
  root.textContent = "";
  root.setAttribute("lang", language);

  const header = element("div", "hc-header");
  const titles = element("div", "hc-titles");
  const title = element("h2", "hc-title", text.title);
  title.id = uniqueId("hc-title-");
  titles.appendChild(title);
  titles.appendChild(element("p", "hc-subtitle", text.subtitle));
  header.appendChild(titles);
  const restartButton = element("button", "hc-restart", text.restart);
  restartButton.type = "button";
  restartButton.addEventListener("click", onRestart);
  header.appendChild(restartButton);
  const closeButton = element("button", "hc-close");
  closeButton.type = "button";
  closeButton.setAttribute("aria-label", text.close);
  closeButton.title = text.close;
  closeButton.appendChild(element("span", null, "\u00d7")).setAttribute("aria-hidden", "true");
  closeButton.addEventListener("click", onClose);
  header.appendChild(closeButton);
  root.appendChild(header);
  root.setAttribute("aria-labelledby", title.id);

  const statusLine = element("p", "hc-status", text.connecting);
  statusLine.setAttribute("role", "status");
  root.appendChild(statusLine);

  const log = element("div", "hc-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", text.log_label);
  log.setAttribute("tabindex", "0");
  root.appendChild(log);

  const typingLine = element("p", "hc-typing", text.typing);
  typingLine.hidden = true;
  root.appendChild(typingLine);

  const form = element("form", "hc-form");
  const inputId = uniqueId("hc-input-");
  const label = element("label", "hc-visually-hidden", text.input_label);
  label.htmlFor = inputId;
  const input = element("input", "hc-input");
  input.id = inputId;
  input.type = "text";
  input.autocomplete = "off";
  input.maxLength = 1000;
  input.placeholder = text.placeholder;
  const sendButton = element("button", "hc-send", text.send);
  sendButton.type = "submit";
  form.append(label, input, sendButton);
  form.addEventListener("submit", onSubmit);
  root.appendChild(form);
  return { statusLine, log, typingLine, input, sendButton, closeButton };
}

/*
 * The answer's source under its text: "Source: <a>press release, 20 Apr 2021</a>", each
 * label a link to its release on the Sources page (`sources.path`, `sources.anchors`).
 */
function renderSource(source, sources) {
  const line = element("p", "hc-source");
  line.appendChild(document.createTextNode(source.prefix));
  source.links.forEach((link, index) => {
    if (index) line.appendChild(document.createTextNode("; "));
    const anchor = sources && sources.anchors ? sources.anchors[link.release] : "";
    if (sources && sources.path) {
      const a = element("a", "hc-source-link", link.label);
      a.href = anchor ? `${sources.path}#${anchor}` : sources.path;
      line.appendChild(a);
    } else {
      line.appendChild(document.createTextNode(link.label));
    }
  });
  return line;
}

/* A button that sends `payload` and shows `title` as the visitor's message. */
function replyButton(title, payload, className, onReply) {
  const button = element("button", className, title);
  button.type = "button";
  button.setAttribute("data-payload", payload);
  /* `fromKeyboard`: activated with Enter or Space (no pointer), so the message box may take focus. */
  button.addEventListener("click", (event) => onReply(payload, title, event.detail === 0));
  return button;
}

function renderCard(message, text, onReply) {
  const project = message.project;
  const card = element("article", "hc-card");
  card.setAttribute("data-project-id", project.id);
  const titleId = uniqueId("hc-card-");
  const title = element("h3", "hc-card-title", project.name);
  title.id = titleId;
  card.setAttribute("aria-labelledby", titleId);
  card.appendChild(title);

  const facts = element("dl", "hc-card-facts");
  const fact = (label, value) => {
    if (!value) return;
    const row = element("div", "hc-card-fact");
    row.appendChild(element("dt", null, label));
    const dd = element("dd");
    if (Array.isArray(value)) {
      value.forEach((entry) => dd.appendChild(element("span", "hc-chip", entry)));
    } else {
      dd.textContent = value;
    }
    row.appendChild(dd);
    facts.appendChild(row);
  };
  fact(text.sector, project.sectors.length ? project.sectors : "");
  fact(text.district, project.district);
  fact(text.status, project.status);
  card.appendChild(facts);

  if (message.detailsPayload) {
    card.appendChild(replyButton(message.detailsTitle, message.detailsPayload, "hc-card-action", onReply));
  }
  return card;
}

/*
 * The log item of one stored message; its buttons call `onReply(payload, title)`. A bot
 * answer with a `messageId` gets the rating controls, which call
 * `onRate(messageId, rating, comment)` (a promise); questions and greetings get none.
 * `sources` is the page's `{path, anchors}` for source links.
 */
export function renderMessage(message, text, onReply, onRate, sources) {
  const item = renderItem(message, text, onReply, sources);
  if (message.lang) item.setAttribute("lang", message.lang);
  if (message.messageId !== undefined) item.setAttribute("data-message-id", String(message.messageId));
  if (onRate && message.role === "bot" && message.messageId !== undefined && message.answer !== false) {
    item.appendChild(
      renderFeedback(message, text, (rating, comment) => onRate(message.messageId, rating, comment)),
    );
  }
  return item;
}

function renderItem(message, text, onReply, sources) {
  const item = element("div", `hc-message hc-${message.role}`);
  const author = { user: text.you, bot: text.bot, staff: text.staff, note: text.note }[message.role] || text.bot;
  item.appendChild(element("span", `hc-author${message.role === "staff" ? "" : " hc-visually-hidden"}`, author));

  if (message.kind === "card") {
    item.classList.add("hc-card-message");
    item.appendChild(renderCard(message, text, onReply));
    if (message.source) item.appendChild(renderSource(message.source, sources));
    return item;
  }
  if (message.kind === "image") {
    const image = element("img", "hc-image");
    image.src = message.src;
    image.alt = "";
    item.appendChild(image);
    return item;
  }
  if (message.text) {
    const bubble = element("div", "hc-bubble");
    appendLinkifiedText(bubble, message.text);
    if (message.source) bubble.appendChild(renderSource(message.source, sources));
    item.appendChild(bubble);
  } else if (message.source) {
    item.appendChild(renderSource(message.source, sources));
  }
  const replies = message.replies || [];
  if (replies.length) {
    const group = element("div", "hc-replies");
    group.setAttribute("role", "group");
    for (const reply of replies) {
      group.appendChild(replyButton(reply.title, reply.payload, "hc-reply", onReply));
    }
    item.appendChild(group);
  }
  return item;
}

/*
 * Thumbs up and down under each of the bot's answers. A thumbs down first asks an optional
 * one-line "what was wrong?". The rating goes to the website (`POST config.feedbackUrl`,
 * web/hub_web/feedback/), which stores it once per answer; a rated answer shows a thank-you.
 * `text` is the page's widget texts (rate_label, rate_up, rate_down, feedback_question,
 * feedback_send, feedback_thanks, feedback_error).
 */

export const MAX_COMMENT_CHARS = 300;
const SVG_NS = "http://www.w3.org/2000/svg";
/* A thumb drawn for the widget (a cuff and a hand), pointing up; turned round for down. */
const THUMB_PATH =
  "M2 10h4v11H2z M8 10l4-7c1.5 0 2.5 1 2 3l-1 3h7c1.2 0 2 1 1.7 2.2l-1.9 8c-.3 1.1-1.1 1.8-2.2 1.8H8z";

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/*
 * Send one rating; resolves when the website has it (201) or had it already (409: rated
 * before, e.g. in another tab), rejects otherwise.
 */
export async function sendFeedback(url, { sessionId, messageId, rating, comment }) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({
      sender_id: sessionId,
      message_id: messageId,
      rating,
      comment: comment || null,
    }),
  });
  if (response.status !== 201 && response.status !== 409) {
    throw new Error(`feedback not stored: HTTP ${response.status}`);
  }
}

/* The thumb as inline SVG: no emoji font needed, and the button's label names it. */
function thumbIcon(rating) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", THUMB_PATH);
  path.setAttribute("fill", "currentColor");
  if (rating === "down") path.setAttribute("transform", "rotate(180 12 12)");
  svg.appendChild(path);
  return svg;
}

function thumb(label, rating) {
  const button = element("button", `hc-thumb hc-thumb-${rating}`);
  button.appendChild(thumbIcon(rating));
  button.type = "button";
  button.setAttribute("aria-label", label);
  button.title = label;
  return button;
}

/* The comment form a thumbs down opens; `onSend(comment)` sends the rating. */
function commentForm(text, onSend) {
  const form = element("form", "hc-feedback-form");
  const input = element("input", "hc-feedback-input");
  input.id = `hc-feedback-${Math.random().toString(36).slice(2)}`;
  input.type = "text";
  input.maxLength = MAX_COMMENT_CHARS;
  input.autocomplete = "off";
  const label = element("label", "hc-feedback-question", text.feedback_question);
  label.htmlFor = input.id;
  const send = element("button", "hc-feedback-send", text.feedback_send);
  send.type = "submit";
  form.append(label, input, send);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onSend(input.value.replace(/\s+/g, " ").trim());
  });
  return form;
}

/*
 * The rating controls of one bot message: a thank-you once `message.feedback` is set, else
 * the two thumbs. `onRate(rating, comment)` returns a promise; while it runs the controls are
 * disabled, and if it fails an error line says so and the visitor can try again.
 */
export function renderFeedback(message, text, onRate) {
  const box = element("div", "hc-feedback");
  if (message.feedback) {
    const thanks = element("p", "hc-feedback-thanks", text.feedback_thanks);
    thanks.tabIndex = -1;
    box.appendChild(thanks);
    return box;
  }
  const group = element("div", "hc-thumbs");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", text.rate_label);
  const up = thumb(text.rate_up, "up");
  const down = thumb(text.rate_down, "down");
  group.append(up, down);
  const error = element("p", "hc-feedback-error", text.feedback_error);
  error.setAttribute("role", "alert");
  error.hidden = true;
  box.append(group, error);

  const rate = (rating, comment) => {
    box.querySelectorAll("button, input").forEach((control) => { control.disabled = true; });
    error.hidden = true;
    onRate(rating, comment).catch(() => {
      box.querySelectorAll("button, input").forEach((control) => { control.disabled = false; });
      error.hidden = false;
    });
  };
  up.addEventListener("click", () => rate("up", null));
  down.addEventListener("click", () => {
    if (box.querySelector(".hc-feedback-form")) return;
    down.setAttribute("aria-pressed", "true");
    const form = commentForm(text, (comment) => rate("down", comment));
    box.insertBefore(form, error);
    form.querySelector("input").focus();
  });
  return box;
}

/*
 * What Rasa's bot messages mean for the widget: text with quick replies or buttons, images,
 * project cards and the marker of a reply from hub staff (custom payloads arrive unwrapped
 * from `data`, see web/README.md). The bot's socket.io channel adds to each message its
 * language (`lang`), whether it is an answer (`answer`, rated only then) and, on the text
 * that ends with the answer's one-line source, `source: {line, label, releases}`
 * (bot/channels/widget_data.py): the line is shown as a small link under that text.
 */

const LANGUAGES = ["en", "zh", "ru"];
const LABEL_SEPARATOR = "; ";

export function repliesOf(message) {
  const replies = message.quick_replies || message.buttons || [];
  return replies
    .filter((reply) => reply && reply.title && reply.payload)
    .map((reply) => ({ title: String(reply.title), payload: String(reply.payload) }));
}

/* Sectors arrive as a list of labels or as one string joined with commas. */
export function sectorList(sectors) {
  if (Array.isArray(sectors)) return sectors.map(String).filter(Boolean);
  if (typeof sectors === "string") return sectors.split(/\s*[,，、]\s*/).filter(Boolean);
  return [];
}

/* The id of the bot event a message comes from (its timestamp), for rating it. */
function messageIdOf(message) {
  return typeof message.message_id === "number" ? message.message_id : undefined;
}

/* What the bot says about a message: its language and whether it may be rated. */
function aboutMessage(message) {
  const about = { answer: message.answer !== false };
  if (LANGUAGES.includes(message.lang)) about.lang = message.lang;
  return about;
}

/*
 * The message's source line, `{prefix, links: [{label, release}]}`, or null. Each label of
 * the line ("press release, 20 Apr 2021; press release, 25 Sep 2021") links its release.
 */
export function sourceOf(message) {
  const source = message.source;
  if (!source || typeof source.line !== "string" || typeof source.label !== "string") return null;
  const at = source.line.indexOf(source.label);
  if (at < 0 || !source.label) return null;
  const releases = Array.isArray(source.releases) ? source.releases.map(String) : [];
  const labels = source.label.split(LABEL_SEPARATOR);
  return {
    line: source.line,
    prefix: source.line.slice(0, at),
    links: labels.map((label, index) => ({
      label,
      release: releases[labels.length === releases.length ? index : 0] || "",
    })),
  };
}

/* The text without its source line (shown apart, as a link). */
function withoutSourceLine(text, source) {
  if (!source) return text;
  return text.replace(source.line, "").replace(/\s+$/, "");
}

function projectCard(message, defaultDetailsTitle) {
  const project = message.project;
  return {
    role: "bot",
    kind: "card",
    ...aboutMessage(message),
    messageId: messageIdOf(message),
    project: {
      id: String(project.id || ""),
      name: String(project.name || ""),
      sectors: sectorList(project.sectors),
      district: project.district ? String(project.district) : "",
      status: project.status ? String(project.status) : "",
    },
    detailsPayload: message.details_payload ? String(message.details_payload) : "",
    detailsTitle: message.details_title ? String(message.details_title) : defaultDetailsTitle,
  };
}

function plainMessages(message) {
  const messages = [];
  const attachment = message.attachment;
  if (attachment && attachment.type === "image" && attachment.payload && attachment.payload.src) {
    messages.push({ role: "bot", kind: "image", src: String(attachment.payload.src) });
  }
  const replies = repliesOf(message);
  const about = aboutMessage(message);
  const source = sourceOf(message);
  if (message.text) {
    const text = withoutSourceLine(String(message.text), source);
    messages.push({ role: "bot", kind: "text", text, replies, ...about, ...(source ? { source } : {}) });
  } else if (replies.length) {
    messages.push({ role: "bot", kind: "text", text: "", replies, ...about });
  }
  /* Rated once, under the last part. */
  const messageId = messageIdOf(message);
  if (messages.length && messageId !== undefined) messages[messages.length - 1].messageId = messageId;
  return messages;
}

/*
 * One `bot_uttered` payload as what the widget should do with it:
 * `{card}` (a project card), `{staffReply}` (the text hub staff sent) or `{messages}` to show,
 * with `handoff`: "started" when the bot hands the chat to staff, "ended" when it is back.
 */
export function interpretBotMessage(message, defaultDetailsTitle) {
  if (message.type === "project_card" && message.project) {
    return { card: projectCard(message, defaultDetailsTitle) };
  }
  if (message.type === "staff_reply") return { staffReply: String(message.text || "") };
  const handoff = ["started", "ended"].includes(message.handoff) ? message.handoff : undefined;
  return { messages: plainMessages(message), handoff };
}

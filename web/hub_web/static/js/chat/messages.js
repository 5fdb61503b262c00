/*
 * What Rasa's bot messages mean for the widget: text with quick replies or buttons, images,
 * project cards and the marker of a reply from hub staff (custom payloads arrive unwrapped
 * from `data`, see web/README.md).
 */

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

function projectCard(message, defaultDetailsTitle) {
  const project = message.project;
  return {
    role: "bot",
    kind: "card",
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
  if (message.text) {
    messages.push({ role: "bot", kind: "text", text: String(message.text), replies });
  } else if (replies.length) {
    messages.push({ role: "bot", kind: "text", text: "", replies });
  }
  /* Rated once, under the last part. */
  const messageId = messageIdOf(message);
  if (messages.length && messageId !== undefined) messages[messages.length - 1].messageId = messageId;
  return messages;
}

/*
 * One `bot_uttered` payload as what the widget should do with it:
 * `{card}` (a project card), `{staffReply}` (the text hub staff sent) or `{messages}` to show.
 */
export function interpretBotMessage(message, defaultDetailsTitle) {
  if (message.type === "project_card" && message.project) {
    return { card: projectCard(message, defaultDetailsTitle) };
  }
  if (message.type === "staff_reply") return { staffReply: String(message.text || "") };
  return { messages: plainMessages(message) };
}

/*
 * The conversation as the browser keeps it: the Rasa session id and the transcript, in
 * localStorage under `hub-chat:v1`, so a reload continues the conversation.
 */

export const STORAGE_KEY = "hub-chat:v1";
export const MAX_STORED_MESSAGES = 200;
/* A card or a staff marker refers to one of the latest few messages. */
const RECENT_MESSAGES = 3;

function loadState() {
  try {
    const state = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "{}");
    return state && typeof state === "object" ? state : {};
  } catch {
    return {};
  }
}

export class ConversationStore {
  constructor() {
    this.state = loadState();
    if (!Array.isArray(this.state.messages)) this.state.messages = [];
  }

  get sessionId() {
    return this.state.sessionId;
  }

  get messages() {
    return this.state.messages;
  }

  /* Whether the visitor waits for a person ("waiting"), talks to one ("staff"), or neither. */
  get handoff() {
    return this.state.handoff || null;
  }

  set handoff(value) {
    this.state.handoff = value;
    this.save();
  }

  /* Forget the transcript; a new session starts with `sessionId` (or none yet). */
  reset(sessionId = null) {
    this.state = { sessionId, messages: [] };
    this.save();
  }

  /* Append a message; true when the oldest ones were dropped to make room. */
  add(message) {
    this.state.messages.push(message);
    const overflowed = this.state.messages.length > MAX_STORED_MESSAGES;
    this.save();
    return overflowed;
  }

  /* Put a message before the one at `index`. */
  insert(index, message) {
    this.state.messages.splice(index, 0, message);
    this.save();
  }

  replace(index, message) {
    this.state.messages[index] = message;
    this.save();
  }

  /* Index of the latest of the last few messages that `matches`, or -1. */
  findRecent(matches) {
    const messages = this.state.messages;
    for (let index = messages.length - 1; index >= Math.max(0, messages.length - RECENT_MESSAGES); index -= 1) {
      if (matches(messages[index])) return index;
    }
    return -1;
  }

  save() {
    try {
      this.state.messages = this.state.messages.slice(-MAX_STORED_MESSAGES);
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(this.state));
    } catch {
      /* storage full or disabled: the conversation still works, it just won't survive reload */
    }
  }
}

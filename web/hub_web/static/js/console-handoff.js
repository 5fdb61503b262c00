/* Keeps the live-handoff transcripts current by polling the console's JSON API. */
(function () {
  "use strict";

  var POLL_INTERVAL_MS = 3000;
  var list = document.querySelector(".handoffs");
  if (!list) return;
  var shownIds = (list.getAttribute("data-conversation-ids") || "").split(" ").filter(Boolean).sort().join(" ");
  var changedNotice = document.getElementById("handoff-changed");

  function scrollToLatest(transcript) {
    transcript.scrollTop = transcript.scrollHeight;
  }

  document.querySelectorAll(".transcript").forEach(scrollToLatest);

  function renderLine(line) {
    var item = document.createElement("li");
    item.className = "line line-" + line.kind;
    var author = document.createElement("span");
    author.className = "line-author";
    author.textContent = line.author;
    item.appendChild(author);
    if (line.time) {
      item.appendChild(document.createTextNode(" "));
      var time = document.createElement("time");
      time.textContent = line.time;
      item.appendChild(time);
    }
    var text = document.createElement("p");
    text.className = "line-text" + (line.is_payload ? " payload" : "");
    text.textContent = line.text;
    item.appendChild(text);
    return item;
  }

  function isTyping() {
    var active = document.activeElement;
    var drafts = Array.prototype.some.call(document.querySelectorAll(".reply-form textarea"), function (area) {
      return area.value.trim() !== "";
    });
    return drafts || (active && active.tagName === "TEXTAREA");
  }

  function update(data) {
    var ids = data.items.map(function (item) { return item.conversation_id; }).sort().join(" ");
    data.items.forEach(function (item) {
      var article = document.querySelector('[data-conversation-id="' + CSS.escape(item.conversation_id) + '"]');
      if (!article) return;
      var transcript = article.querySelector(".transcript");
      if (transcript.children.length === item.transcript.length) return;
      var fragment = document.createDocumentFragment();
      item.transcript.forEach(function (line) { fragment.appendChild(renderLine(line)); });
      transcript.textContent = "";
      transcript.appendChild(fragment);
      scrollToLatest(transcript);
    });
    if (ids !== shownIds) {
      if (isTyping()) {
        changedNotice.hidden = false;
      } else {
        window.location.reload();
      }
    }
  }

  function poll() {
    fetch("/console/api/handoffs", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401) {
          window.location.assign("/console/login?next=/console/handoffs");
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(function (data) { if (data) update(data); })
      .catch(function () { /* try again at the next tick */ })
      .then(function () { window.setTimeout(poll, POLL_INTERVAL_MS); });
  }

  window.setTimeout(poll, POLL_INTERVAL_MS);
})();

/*
 * Staff alerts on every console page: polls /console/api/alerts and shows the number of
 * visitors waiting for a person as a badge on "Live handoff" (and in the page title). A new
 * alert (a visitor started waiting, a lead arrived) is announced once per browser: a browser
 * notification and a short sound (a local file), unless staff turned alerts off with the
 * header's switch (kept in localStorage). On the handoff page it also keeps each visitor's
 * waiting time ([data-waited-since]) current.
 */
(function () {
  "use strict";

  var POLL_INTERVAL_MS = 3000;
  var ENABLED_KEY = "hubConsoleAlerts";
  var SEEN_KEY = "hubConsoleAlertSeen";
  var box = document.querySelector(".console-alerts");
  var badge = document.querySelector("[data-alert-badge]");
  if (!box || !badge) return;
  var toggle = box.querySelector("[data-alert-toggle]");
  var status = box.querySelector("[data-alert-status]");
  var baseTitle = document.title;

  function text(name) {
    return box.getAttribute("data-text-" + name) || "";
  }

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }

  function write(key, value) {
    try { window.localStorage.setItem(key, value); } catch (error) { /* private mode */ }
  }

  function enabled() {
    return read(ENABLED_KEY) !== "off";
  }

  function showToggle() {
    var on = enabled();
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    toggle.textContent = text(on ? "on" : "off");
  }

  toggle.addEventListener("click", function () {
    write(ENABLED_KEY, enabled() ? "off" : "on");
    showToggle();
    if (enabled() && "Notification" in window && window.Notification.permission === "default") {
      window.Notification.requestPermission();
    }
  });
  showToggle();

  function showBadge(waiting) {
    badge.textContent = "";
    badge.hidden = !waiting;
    document.title = waiting ? "(" + waiting + ") " + baseTitle : baseTitle;
    if (!waiting) return;
    badge.appendChild(document.createTextNode(String(waiting)));
    var label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = text("badge");
    badge.appendChild(label);
  }

  function announce(alert) {
    var message = text(alert.kind === "lead" ? "lead" : "waiting");
    status.textContent = message;
    document.documentElement.setAttribute("data-last-alert", String(alert.id));
    if (!enabled()) return;
    var sound = new Audio(box.getAttribute("data-alert-sound"));
    var played = sound.play();
    if (played && played.catch) played.catch(function () { /* no user gesture yet */ });
    if ("Notification" in window && window.Notification.permission === "granted") {
      var notification = new window.Notification(message, { tag: "hub-alert-" + alert.id });
      notification.onclick = function () {
        window.focus();
        window.location.assign(alert.url);
      };
    }
  }

  function minutesSince(iso) {
    return Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 60000));
  }

  function showWaitingTimes() {
    document.querySelectorAll("[data-waited-since]").forEach(function (node) {
      var minutes = minutesSince(node.getAttribute("data-waited-since"));
      node.textContent = minutes >= 60 ? Math.floor(minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
    });
  }

  function update(data) {
    showBadge(data.waiting);
    var latest = data.latest;
    var seen = read(SEEN_KEY);
    if (seen === null) {
      write(SEEN_KEY, String(latest ? latest.id : 0)); /* history is not announced */
    } else if (latest && latest.id > Number(seen)) {
      write(SEEN_KEY, String(latest.id));
      announce(latest);
    }
  }

  function poll() {
    fetch("/console/api/alerts", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) update(data); })
      .catch(function () { /* try again at the next tick */ })
      .then(function () {
        showWaitingTimes();
        window.setTimeout(poll, POLL_INTERVAL_MS);
      });
  }

  poll();
})();

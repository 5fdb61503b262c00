/* Draws the console charts with the locally served Chart.js from the console's JSON API. */
(function () {
  "use strict";

  var PALETTE = ["#1f5f8b", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#6c757d", "#8e7dbe"];

  var LABEL_CHARS = 28;
  var BAR_ROW_PX = 34;

  /* A long label as lines of at most LABEL_CHARS characters (Chart.js draws arrays as lines). */
  function wrap(label) {
    var text = String(label);
    if (text.length <= LABEL_CHARS) return text;
    var lines = [];
    var line = "";
    text.split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > LABEL_CHARS) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) lines.push(line);
    return lines;
  }

  function showNote(figure, text) {
    var note = figure.querySelector(".chart-note");
    note.textContent = text;
    note.hidden = !text;
  }

  function addDataTable(figure, data) {
    var details = document.createElement("details");
    details.className = "chart-data";
    var summary = document.createElement("summary");
    summary.textContent = "Show the numbers";
    details.appendChild(summary);
    var table = document.createElement("table");
    table.className = "data-table";
    var head = table.createTHead().insertRow();
    [figure.querySelector("figcaption").textContent, figure.getAttribute("data-chart-label")].forEach(function (text) {
      var cell = document.createElement("th");
      cell.scope = "col";
      cell.textContent = text;
      head.appendChild(cell);
    });
    var body = table.createTBody();
    data.labels.forEach(function (label, index) {
      var row = body.insertRow();
      row.insertCell().textContent = label;
      row.insertCell().textContent = String(data.values[index]);
    });
    details.appendChild(table);
    figure.appendChild(details);
  }

  function draw(figure) {
    var canvas = figure.querySelector("canvas");
    var type = figure.getAttribute("data-chart-type") || "bar";
    var horizontal = figure.getAttribute("data-chart-horizontal") === "true";
    fetch(figure.getAttribute("data-chart-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.status === 401) {
          window.location.assign("/console/login?next=/console/charts");
          throw new Error("signed out");
        }
        if (!response.ok) throw new Error("The data could not be loaded (" + response.status + ").");
        return response.json();
      })
      .then(function (data) {
        figure.setAttribute("data-loaded", "true");
        if (!data.values || !data.values.length) {
          canvas.parentNode.hidden = true;
          showNote(figure, data.note || "No data yet.");
          return;
        }
        showNote(figure, data.note || "");
        addDataTable(figure, data);
        var colors = type === "doughnut" ? PALETTE.slice(0, data.values.length) : PALETTE[0];
        if (horizontal) {
          /* One readable row per bar: the box grows with the number of labels. */
          var rows = data.labels.reduce(function (sum, label) { var w = wrap(label); return sum + (Array.isArray(w) ? w.length : 1); }, 0);
          canvas.parentNode.style.height = Math.max(240, rows * BAR_ROW_PX / 1.6 + 60) + "px";
        }
        var category = { ticks: { autoSkip: false, precision: 0 } };
        var amount = { beginAtZero: true, ticks: { precision: 0 } };
        new window.Chart(canvas, {
          type: type,
          data: {
            labels: type === "doughnut" ? data.labels : data.labels.map(wrap),
            datasets: [{ label: figure.getAttribute("data-chart-label"), data: data.values, backgroundColor: colors, borderColor: type === "line" ? PALETTE[0] : undefined, maxBarThickness: 56 }]
          },
          options: {
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            indexAxis: horizontal ? "y" : "x",
            plugins: { legend: { display: type === "doughnut" } },
            scales: type === "doughnut" ? {} : (horizontal ? { x: amount, y: category } : { x: category, y: amount })
          }
        });
      })
      .catch(function (error) {
        figure.setAttribute("data-loaded", "error");
        if (error.message !== "signed out") showNote(figure, error.message);
      });
  }

  document.querySelectorAll("figure.chart").forEach(function (figure) {
    if (typeof window.Chart !== "function") {
      showNote(figure, "Chart.js is not installed on the server (run npm ci in web/).");
      return;
    }
    draw(figure);
  });
})();

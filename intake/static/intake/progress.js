// The reading's progress bar (issue 15): asks the server how many pages have been read, every second, and
// opens the candidates when the reading is done. Without this script the page refreshes itself (meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("reading");
  if (!box) { return; }
  var bar = document.getElementById("reading-progress");
  var status = document.getElementById("reading-status");
  var statusUrl = box.getAttribute("data-status-url");
  var doneUrl = box.getAttribute("data-done-url");
  function poll() {
    fetch(statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.pages_total) {
          bar.max = data.pages_total;
          bar.value = data.pages_read;
          bar.textContent = data.percent + "%";
          status.textContent = data.pages_read + " / " + data.pages_total;
        }
        if (data.state !== "queued" && data.state !== "reading") {
          window.location.assign(doneUrl);
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
}());

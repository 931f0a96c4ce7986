// Refreshes the send screen's counts every two seconds from the JSON endpoint until the mailing is done.
(function () {
  var box = document.getElementById("mailing-progress");
  if (!box || box.dataset.done) return;
  function tick() {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        Object.keys(data.counts).forEach(function (key) {
          var cell = box.querySelector('[data-count="' + key + '"]');
          if (cell) cell.textContent = data.counts[key];
        });
        box.querySelector('[data-count="total"]').textContent = data.total;
        var bar = document.getElementById("mailing-bar");
        bar.max = data.total;
        bar.value = data.counts.sent + data.counts.failed + data.counts.skipped;
        document.getElementById("mailing-status").textContent = data.status_label;
        if (data.done) { window.location.reload(); } else { setTimeout(tick, 2000); }
      })
      .catch(function () { setTimeout(tick, 5000); });
  }
  setTimeout(tick, 2000);
})();

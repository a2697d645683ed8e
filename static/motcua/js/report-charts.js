/* Draws the charts of a report page from the JSON beside each canvas. Every chart has a table with
   the same numbers next to it (the accessible view); this script only adds the picture. */
(function () {
  "use strict";
  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.source);
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var datasets = data.series.map(function (s) {
      return { label: s.label, data: s.values, borderDash: s.dashed ? [6, 4] : [], fill: false, tension: 0.2 };
    });
    new Chart(canvas, {
      type: data.type || "line",
      data: { labels: data.labels, datasets: datasets },
      options: { responsive: true, animation: false, scales: { y: { beginAtZero: true, suggestedMax: data.max || undefined } } }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-source]").forEach(draw);
  });
})();

/* The satisfaction charts of /thong-ke/hai-long/ (surveys): one line per series by month, and the
   target as a dashed line. The same figures are in the table under each chart; a withheld month
   (too few responses) is a gap. Loaded only on that page, after chart.umd.min.js. */
(function () {
  "use strict";
  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.source);
    if (!source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var colours = ["#0b4f9c", "#17632a", "#7a4d00", "#6b2c91"];
    var datasets = data.series.map(function (s, i) {
      return { label: s.label, data: s.values, borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length], spanGaps: false, tension: 0 };
    });
    datasets.push({
      label: "Chỉ tiêu " + data.target + " %", data: data.months.map(function () { return data.target; }),
      borderColor: "#a3121b", borderDash: [6, 4], pointRadius: 0, fill: false
    });
    new Chart(canvas, {
      type: "line",
      data: { labels: data.months, datasets: datasets },
      options: { animation: false, responsive: true, scales: { y: { min: 0, max: 100, title: { display: true, text: "%" } } } }
    });
  }
  document.querySelectorAll("canvas.survey-chart").forEach(draw);
})();

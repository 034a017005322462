// Score card charts (Chart.js from npm, copied to wwwroot/lib by the build). No animation, solid
// colours with distinct borders and patterns of line style, so that they print and read in grey.
// The same numbers are in the tables beside them (the charts are an aid, not the only copy).
// parindexDrawCharts() draws the card on the page now; the PDF printer calls it again after it has
// put the next card into the same tab (a bloc's cards are printed without reloading the scripts).
(function () {
    "use strict";
    let charts = [];
    window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
    window.parindexDrawCharts = function () {
        charts.forEach(function (c) { c.destroy(); });
        charts = [];
        const source = document.getElementById("chart-data");
        if (!source || typeof Chart === "undefined") { window.parindexChartsReady = true; return; }
        const data = JSON.parse(source.textContent);
        const number = new Intl.NumberFormat(data.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        Chart.defaults.animation = false;
        Chart.defaults.font.family = "'Noto Sans', 'DejaVu Sans', system-ui, sans-serif";
        Chart.defaults.color = "#222";
        // Area names are long: the chart shows their start (the table beside has them whole).
        // On a phone the bars need the width: the labels keep the area's number and first words.
        function shorten(text, room) { return text.length > room ? text.slice(0, room - 2).trimEnd() + "…" : text; }
        const areas = document.getElementById("areas-chart");
        if (areas && data.labels.length > 0) {
            charts.push(new Chart(areas, {
                type: "bar",
                data: {
                    labels: data.labels.map(function (t) { return shorten(t, areas.clientWidth < 520 ? 16 : 34); }),
                    datasets: [
                        { label: data.names.unit, data: data.unit, backgroundColor: "#0b6e4f", borderColor: "#06402e", borderWidth: 1 },
                        { label: data.names.average, data: data.average, backgroundColor: "#b9c4cc", borderColor: "#4d5a63", borderWidth: 1 },
                        { label: data.names.best, data: data.best, backgroundColor: "#ffffff", borderColor: "#c98a00", borderWidth: 2 },
                    ],
                },
                options: {
                    indexAxis: "y",
                    responsive: true,
                    maintainAspectRatio: false,
                    scales: { x: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } }, y: { ticks: { autoSkip: false, font: { size: 11 } } } },
                    plugins: {
                        legend: { position: "bottom" },
                        tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + number.format(c.parsed.x) + "%"; } } },
                    },
                },
            }));
        }
        const trend = document.getElementById("trend-chart");
        if (trend && data.years.length > 1) {
            charts.push(new Chart(trend, {
                type: "line",
                data: {
                    labels: data.years,
                    datasets: [
                        { label: data.names.index, data: data.index, borderColor: "#0b6e4f", backgroundColor: "#0b6e4f", yAxisID: "y", pointRadius: 4 },
                        { label: data.names.rank, data: data.rank, borderColor: "#c98a00", backgroundColor: "#c98a00", borderDash: [6, 4], yAxisID: "rank", pointStyle: "rectRot", pointRadius: 5, spanGaps: false },
                    ],
                },
                options: {
                    responsive: true,
                    maintainAspectRatio: false,
                    scales: {
                        y: { position: "left", title: { display: true, text: data.names.index + " (%)" } },
                        rank: { position: "right", reverse: true, min: 1, ticks: { precision: 0 }, grid: { drawOnChartArea: false }, title: { display: true, text: data.names.rank } },
                    },
                    plugins: { legend: { position: "bottom" } },
                },
            }));
        }
        window.parindexChartsReady = true;
    };
    window.parindexDrawCharts();
})();

// Bloc overview: histogram of the index.
(function () {
    "use strict";
    const source = document.getElementById("histogram-data");
    const canvas = document.getElementById("histogram-chart");
    if (!source || !canvas || typeof Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    const chart = new Chart(canvas, {
        type: "bar",
        data: { labels: data.labels, datasets: [{ label: data.label, data: data.counts, backgroundColor: "#0b6e4f", borderColor: "#06402e", borderWidth: 1, barPercentage: 1, categoryPercentage: 0.95 }] },
        options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false } } },
    });
    window.addEventListener("beforeprint", function () { chart.resize(); });
})();

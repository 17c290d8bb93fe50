// The analytics page of the operations dashboard: fetches the reports of /api/v1/analytics (the
// session cookie serves GETs) and draws them with uPlot and tables; each has a CSV link.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("analytics");
  const form = document.getElementById("filters");
  const colors = ["#0b5cad", "#1a7f37", "#8a4b00", "#b3261e"];
  const charts = {};

  const number = (value, digits = 0) =>
    value === null || value === undefined ? "–" : Number(value).toLocaleString(undefined, { maximumFractionDigits: digits });
  const percent = (value) => (value === null || value === undefined ? "–" : (value * 100).toFixed(1) + " %");
  const seconds = (iso) => Date.parse(iso) / 1000;

  const query = () => {
    const params = new URLSearchParams();
    for (const name of ["from", "to", "carrierCode"]) {
      const value = document.getElementById(name).value.trim();
      if (value) params.set(name, value);
    }
    return params;
  };

  const report = async (path) => {
    const params = query();
    const response = await fetch("/api/v1/analytics/" + path + (path.includes("?") ? "&" : "?") + params,
      { headers: { Accept: "application/json" } });
    if (response.status === 401) {
      window.location = "/ops/login";
      throw new Error("signed out");
    }
    if (!response.ok) throw new Error(path + ": " + response.status);
    return response.json();
  };

  const chart = (id, labels, data, scales) => {
    if (charts[id]) charts[id].destroy();
    const element = document.getElementById(id);
    const options = {
      width: Math.max(280, element.clientWidth),
      height: 220,
      // One bucket alone still gets a readable time axis: a week either side.
      scales: { x: { time: true, range: (u, min, max) => (min === max ? [min - 604800, max + 604800] : [min, max]) } },
      series: [{}, ...labels.map((label, i) => ({ label, stroke: colors[i], width: 2, scale: scales ? scales[i] : "y" }))],
      axes: scales
        ? [{}, { scale: scales[0], size: 60 }, { scale: scales[scales.length - 1], side: 1, size: 60, grid: { show: false } }]
        : [{}, { size: 60 }],
    };
    charts[id] = new uPlot(options, data, element);
  };

  const rows = (id, entries) => {
    document.getElementById(id).replaceChildren(...entries.map((cells) => {
      const tr = document.createElement("tr");
      cells.forEach((text, i) => {
        const td = document.createElement("td");
        td.textContent = text;
        if (i > 0) td.className = "num";
        tr.appendChild(td);
      });
      return tr;
    }));
  };

  const refresh = async () => {
    const [volume, weeks, carriers, reasons, dwell] = await Promise.all([
      report("volume?interval=day"),
      report("delivery-performance?groupBy=week"),
      report("delivery-performance?groupBy=carrier"),
      report("exceptions?groupBy=reason"),
      report("dwell?groupBy=city"),
    ]);
    const v = volume.rows;
    chart("chart-volume", ["shipments", "events", "deliveries", "exceptions"], [
      v.map((r) => seconds(r.bucket)), v.map((r) => r.shipments), v.map((r) => r.trackingEvents),
      v.map((r) => r.deliveries), v.map((r) => r.exceptions)]);
    const w = weeks.rows;
    chart("chart-weeks", ["on time (%)", "transit p50 (h)"], [
      w.map((r) => seconds(r.group)),
      w.map((r) => (r.onTimeRate === null ? null : r.onTimeRate * 100)),
      w.map((r) => r.transitHours.p50)], ["%", "h"]);
    rows("carriers", carriers.rows.map((r) => [r.group ?? "(none)", number(r.shipments), number(r.delivered),
      percent(r.onTimeRate), number(r.transitHours.p50, 1), number(r.transitHours.p90, 1)]));
    rows("reasons", reasons.rows.map((r) => [r.group ?? "(none)", number(r.exceptions), number(r.returns), number(r.failedAttempts)]));
    rows("dwell", dwell.rows.map((r) => [r.group, number(r.stays), number(r.dwellHours.p50, 1), number(r.dwellHours.p90, 1)]));
    document.getElementById("asOf").textContent = volume.asOf ?? "–";
    document.getElementById("archive").textContent = volume.includesArchive ? "yes" : "no";
    const params = query();
    for (const link of document.querySelectorAll("a.csv")) {
      params.set("format", "csv");
      link.href = "/api/v1/analytics/" + link.dataset.report + "&" + params;
    }
    root.dataset.updated = String(Date.now());
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    refresh();
  });
  refresh();
});

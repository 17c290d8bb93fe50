// The operations dashboard: fetches /ops/data every few seconds, and at once when the change feed
// brings an event, and draws the last 15 minutes with uPlot; the tiles and tables show the numbers
// of now, and the latest events come from the feed's stream as they happen.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("dashboard");
  const step = Number(root.dataset.step || 5) * 1000;
  const charts = {};
  const colors = ["#0b5cad", "#1a7f37", "#8a4b00", "#b3261e"];

  const chart = (id, labels, columns, data) => {
    const values = [data.t, ...columns.map((c) => data[c])];
    if (charts[id]) {
      charts[id].setData(values);
      return;
    }
    const element = document.getElementById(id);
    const options = {
      width: Math.max(280, element.clientWidth),
      height: 200,
      series: [{}, ...labels.map((label, i) => ({ label, stroke: colors[i], width: 2 }))],
      axes: [{}, { size: 60 }],
    };
    charts[id] = new uPlot(options, values, element);
  };

  const number = (value, digits = 0) =>
    value === null || value === undefined ? "–" : Number(value).toLocaleString(undefined, { maximumFractionDigits: digits });
  const bytes = (value) => {
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let v = value, u = 0;
    while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
    return v.toFixed(u === 0 ? 0 : 1) + " " + units[u];
  };
  const rows = (id, entries) => {
    const body = document.getElementById(id);
    body.replaceChildren(...entries.map((cells) => {
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
    const response = await fetch("/ops/data", { headers: { Accept: "application/json" } });
    if (response.status === 401 || response.redirected) {
      window.location = "/ops/login";
      return;
    }
    if (!response.ok) return;
    const { series, now } = await response.json();
    chart("chart-events", ["accepted", "written", "duplicates", "unmatched"], ["accepted", "written", "duplicates", "unmatched"], series);
    chart("chart-queue", ["depth", "oldest age (s)"], ["queueDepth", "oldestAge"], series);
    chart("chart-lag", ["lag (s)"], ["lag"], series);
    chart("chart-query", ["p99 (ms)"], ["queryP99"], series);
    document.getElementById("queueDepth").textContent = number(now.queueDepth);
    document.getElementById("oldestAge").textContent = number(now.oldestAgeSeconds, 1) + " s";
    document.getElementById("lag").textContent = number(now.readModelLagSeconds * 1000) + " ms";
    document.getElementById("duplicatesTotal").textContent = number(now.duplicatesTotal);
    document.getElementById("unmatched").textContent = number(now.unmatched);
    document.getElementById("deadLetters").textContent = number(now.deadLetters);
    document.getElementById("mode").textContent = now.readModelMode;
    rows("statuses", Object.entries(now.shipmentsByStatus).map(([s, n]) => [s, number(n)]));
    rows("tables", now.tables.map((t) => [t.name, bytes(t.bytes), number(t.rows)]));
    root.dataset.updated = String(Date.now());
  };

  // The search box: /ops/search answers with the best matches; each links to its tracking page.
  const place = (address) => (address ? [address.city, address.country].filter(Boolean).join(", ") : "");
  document.getElementById("search").addEventListener("submit", async (event) => {
    event.preventDefault();
    const q = document.getElementById("q").value;
    const response = await fetch("/ops/search?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } });
    const found = document.getElementById("found");
    const summary = document.getElementById("foundSummary");
    const body = document.getElementById("foundRows");
    found.hidden = false;
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      summary.textContent = problem.detail || "The search failed (" + response.status + ").";
      body.replaceChildren();
      return;
    }
    const page = await response.json();
    summary.textContent = page.total.toLocaleString() + (page.total === 1 ? " shipment found" : " shipments found");
    body.replaceChildren(...page.hits.map((hit) => {
      const tr = document.createElement("tr");
      const link = document.createElement("a");
      link.href = "/track/" + encodeURIComponent(hit.trackingNumber);
      link.textContent = hit.trackingNumber;
      const first = document.createElement("td");
      first.appendChild(link);
      tr.appendChild(first);
      [hit.status, hit.customerName || "", hit.carrierCode || "", place(hit.origin), place(hit.destination)].forEach((text) => {
        const td = document.createElement("td");
        td.textContent = text;
        tr.appendChild(td);
      });
      return tr;
    }));
  });

  // The latest events: the change feed as Server-Sent Events, from now on, each shown at the top and
  // bringing the numbers up to date (at most once a second). Where the stream is unavailable, the
  // numbers are refreshed every few seconds all the same.
  const latest = document.getElementById("latest");
  const events = document.getElementById("events");
  let pending = null;
  const soon = () => {
    if (pending === null) pending = setTimeout(() => { pending = null; refresh(); }, 1000);
  };
  const show = (cloudEvent) => {
    const tr = document.createElement("tr");
    const when = document.createElement("td");
    when.textContent = new Date(cloudEvent.time).toLocaleTimeString();
    const type = document.createElement("td");
    type.textContent = cloudEvent.type.replace(/^io\.rastro\./, "");
    const shipment = document.createElement("td");
    const link = document.createElement("a");
    link.href = "/track/" + encodeURIComponent(cloudEvent.subject);
    link.textContent = cloudEvent.subject;
    shipment.appendChild(link);
    const status = document.createElement("td");
    status.textContent = (cloudEvent.data && (cloudEvent.data.status || cloudEvent.data.to)) || "";
    tr.append(when, type, shipment, status);
    events.prepend(tr);
    while (events.rows.length > 20) events.deleteRow(-1);
  };
  if ("EventSource" in window) {
    const stream = new EventSource("/api/v1/events");
    stream.onopen = () => { latest.dataset.live = "stream"; };
    // each event comes named by its type; the page lists the types Rastro publishes
    latest.dataset.types.split(" ").filter(Boolean).forEach((type) => stream.addEventListener(type, (message) => {
      show(JSON.parse(message.data));
      soon();
    }));
    stream.onerror = () => {
      if (stream.readyState === EventSource.CLOSED) latest.dataset.live = "polling";
    };
  } else {
    latest.dataset.live = "polling";
  }

  refresh();
  setInterval(refresh, step);
});

// Keeps the tracking result fresh: the page listens to /track/{number}/stream, which says "changed"
// as soon as an event of this shipment is written, and fetches the result again then. Where the
// stream is not available (no EventSource, or a proxy that closes it for good), it asks every few
// seconds instead. Without JavaScript the page still works; it just does not update by itself.
document.addEventListener("DOMContentLoaded", () => {
  const result = document.getElementById("result");
  if (!result || !result.dataset.poll) {
    return;
  }
  const url = "/track/" + encodeURIComponent(result.dataset.number) + "/timeline";
  const refresh = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "text/html" } });
      if (response.ok) {
        const html = await response.text();
        const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("result");
        if (fresh && fresh.innerHTML !== result.innerHTML) {
          result.innerHTML = fresh.innerHTML;
        }
      }
    } catch (e) {
      // offline for a moment: try again at the next tick
    }
  };
  const poll = () => setInterval(refresh, Number(result.dataset.poll) * 1000);
  if (!("EventSource" in window)) {
    poll();
    return;
  }
  const stream = new EventSource("/track/" + encodeURIComponent(result.dataset.number) + "/stream");
  stream.addEventListener("open", () => {
    result.dataset.live = "true";
    refresh(); // anything written between the page and the stream
  });
  stream.addEventListener("changed", refresh);
  stream.addEventListener("error", () => {
    if (stream.readyState === EventSource.CLOSED) {
      result.dataset.live = "false";
      poll();
    }
  });
});

// Keeps the tracking result fresh: every few seconds, fetch the result again and show it if it
// changed (a new event, a new status). Without JavaScript the page still works; it just does not
// update by itself.
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
  setInterval(refresh, Number(result.dataset.poll) * 1000);
});

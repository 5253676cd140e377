// Counts one view of this article: a tiny POST the server answers with 204. The page's HTML
// may come from a cache or a CDN, so the count cannot be taken while rendering it.
(() => {
  const marker = document.querySelector("[data-view-beacon]");
  if (!marker) return;
  const url = marker.dataset.viewBeacon;
  const send = () => {
    if (navigator.sendBeacon && navigator.sendBeacon(url)) return;
    fetch(url, { method: "POST", keepalive: true, credentials: "same-origin" }).catch(() => {});
  };
  // A prerendered page is not a view until the reader actually opens it.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();

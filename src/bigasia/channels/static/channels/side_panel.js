// The channels side panel of the article editor: the preview of each post follows the text
// as it is typed, drawn by the server, which trims as the channel's transport will. (The
// panel's fields name the editor's <form>, so Wagtail's watch for unsaved changes, which
// reads the form's data, sees them and saves them with the page.)
(function () {
  "use strict";
  const DELAY_MS = 400;

  function watch(panel) {
    const form = document.getElementById(panel.dataset.channelsForm);
    if (!form) return;
    panel.addEventListener("input", (event) => {
      const entry = event.target.closest(".channels-entry");
      if (entry && event.target.tagName === "TEXTAREA") {
        clearTimeout(entry.channelsTimer);
        entry.channelsTimer = setTimeout(() => refresh(entry, event.target, form), DELAY_MS);
      }
    });
  }

  async function refresh(entry, textarea, form) {
    const target = entry.querySelector("[data-channels-preview]");
    const sent = textarea.value;
    const body = new FormData();
    body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    body.append("text", sent);
    const answer = await fetch(target.dataset.channelsPreview, {
      method: "POST", body, credentials: "same-origin",
    });
    // A slow answer for an older text must not replace the preview of a newer one.
    if (answer.ok && textarea.value === sent) target.innerHTML = await answer.text();
  }

  function start() {
    document.querySelectorAll("[data-channels-panel]").forEach(watch);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

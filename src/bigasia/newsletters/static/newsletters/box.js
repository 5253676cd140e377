// The subscription box lives on cached pages and so carries no CSRF token. Just before
// sending, ask the (uncached) token endpoint for one and post; if that fails, the form
// goes as it is written in the page: a GET that opens the newsletters page pre-filled.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!form.classList.contains("js-nl-box") || form.dataset.ready) return;
  event.preventDefault();
  try {
    const answer = await fetch(form.dataset.csrfUrl, { credentials: "same-origin" });
    if (!answer.ok) throw new Error(answer.status);
    const { token } = await answer.json();
    const field = document.createElement("input");
    field.type = "hidden";
    field.name = "csrfmiddlewaretoken";
    field.value = token;
    form.append(field);
    form.method = "post";
  } catch (error) {
    // Leave the form as a GET: the newsletters page shows it filled in, with its own token.
  }
  form.dataset.ready = "1";
  form.submit();
});

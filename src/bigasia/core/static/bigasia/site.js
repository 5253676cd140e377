// Video players load only when the reader asks: no third-party request before a click.
document.addEventListener("click", (event) => {
  const button = event.target.closest(".video__play");
  if (!button) return;
  const figure = button.closest(".video");
  const frame = document.createElement("iframe");
  frame.src = figure.dataset.embed;
  frame.allow = "fullscreen; picture-in-picture; encrypted-media";
  frame.allowFullscreen = true;
  frame.title = button.textContent.trim();
  button.replaceWith(frame);
});

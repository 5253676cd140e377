// Story links of an episode page: play the video from the story's start, keeping it in view.
// A #story-N address opened from elsewhere seeks there once metadata is in, and so does
// ?t=<seconds> (the key-moment URLs of the episode's JSON-LD).
(function () {
  "use strict";
  var video = document.getElementById("episode-video");
  if (!video) return;

  function seek(seconds) {
    if (isNaN(seconds)) return;
    if (video.readyState >= 1) {
      video.currentTime = seconds;
    } else {
      video.addEventListener("loadedmetadata", function () { video.currentTime = seconds; }, { once: true });
    }
  }

  // A story link plays from the story's start with the player in view: the address still
  // gains #story-N (to share or reload), but the page is not scrolled away to the section,
  // which would leave the video playing off screen. Clicks that open a new tab are left alone.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-start]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    history.pushState(null, "", link.hash);
    seek(parseFloat(link.getAttribute("data-start")));
    var box = video.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) video.scrollIntoView({ block: "center" });
    var playing = video.play();
    if (playing && playing.catch) playing.catch(function () {});  // refused: controls remain
  });

  function seekToHash() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.hasAttribute("data-start")) seek(parseFloat(target.getAttribute("data-start")));
  }
  window.addEventListener("hashchange", seekToHash);
  var startAt = new URLSearchParams(location.search).get("t");
  if (startAt !== null) seek(parseFloat(startAt));
  seekToHash();
})();

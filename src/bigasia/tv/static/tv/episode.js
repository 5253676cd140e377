// Story links of an episode page: jump to the story's section and move the video to the
// story's start. A #story-N address opened from elsewhere seeks there once metadata is in,
// and so does ?t=<seconds> (the key-moment URLs of the episode's JSON-LD).
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

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-start]");
    if (link) seek(parseFloat(link.getAttribute("data-start")));
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

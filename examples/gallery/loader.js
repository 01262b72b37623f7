// Loads Nudge with the gallery page's English or Russian rules (?lang=ru), as a shop's script tag would:
// <script src="/gallery/loader.js" data-rules="extras"></script> reads /gallery/extras-rules.json (or .ru.json).
(function () {
  var name = document.currentScript.getAttribute("data-rules");
  var ru = /[?&]lang=ru(&|$)/.test(location.search);
  if (ru) document.documentElement.lang = "ru";
  var script = document.createElement("script");
  script.async = true;
  script.src = "/dist/nudge.js";
  script.setAttribute("data-rules", "/gallery/" + name + (ru ? "-rules.ru.json" : "-rules.json"));
  document.head.appendChild(script);
})();

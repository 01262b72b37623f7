// Loads Nudge with the English or the Russian rules (?lang=ru), as a shop's script tag would.
(function () {
  var ru = /[?&]lang=ru(&|$)/.test(location.search);
  if (ru) document.documentElement.lang = "ru";
  var script = document.createElement("script");
  script.async = true;
  script.src = "/dist/nudge.js";
  script.setAttribute("data-rules", ru ? "/gallery/asks-rules.ru.json" : "/gallery/asks-rules.json");
  document.head.appendChild(script);
})();

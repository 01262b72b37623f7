// The gallery page: loads Nudge with the gallery rules (English, or Russian with ?lang=ru) and wires the buttons.
const ru = new URLSearchParams(location.search).get("lang") === "ru";
if (ru) document.documentElement.lang = "ru";
const script = document.createElement("script");
script.async = true;
script.src = "/dist/nudge.js";
script.dataset.rules = ru ? "/gallery/popup-rules.ru.json" : "/gallery/popup-rules.json";
document.head.append(script);

const log = document.getElementById("log");
window.nudge.push((nudge) => {
  for (const name of ["shown", "closed", "clicked", "converted", "minimized", "restored", "lead", "track"]) {
    nudge.on(name, (event) => {
      const item = document.createElement("li");
      item.textContent = `${name} ${JSON.stringify(event)}`;
      log.prepend(item);
    });
  }
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-show]");
  if (button) window.nudge.push((nudge) => nudge.show(button.dataset.show, { force: true }));
});
document.getElementById("buy").addEventListener("click", () => window.nudge.push(["purchase", { id: `g-${Date.now()}`, value: 42, coupon: "SAVE15" }]));
document.getElementById("forget").addEventListener("click", () => window.nudge.push((nudge) => (nudge.forget(), location.reload())));

// Buttons of the gallery: each shows one widget of the rules, skipping its gates.
window.nudge = window.nudge || [];
var log = document.getElementById("log");
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("button");
  if (!button) return;
  if (button.dataset.show) nudge.push(["show", button.dataset.show, { force: true }]);
  if (button.id === "hide") nudge.push(["hide"]);
  if (button.id === "forget") nudge.push(["forget"]);
});
nudge.push([
  "on",
  "lead",
  function (e) {
    log.textContent = "lead: " + JSON.stringify(e.fields);
  },
]);
nudge.push([
  "on",
  "converted",
  function (e) {
    log.textContent = "converted: " + e.id + " " + JSON.stringify(e.props);
  },
]);

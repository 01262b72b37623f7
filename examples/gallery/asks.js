// Buttons of the gallery: each shows one widget of the rules, skipping its gates; "View" records product views.
window.nudge = window.nudge || [];
var log = document.getElementById("log");
var feed = fetch("/shop/products.json").then(function (r) {
  return r.json();
});
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("button");
  if (!button) return;
  var ids = button.dataset.view ? button.dataset.view.split(",") : [];
  if (button.dataset.show) nudge.push(["show", button.dataset.show, { force: true }]);
  if (ids.length) {
    feed.then(function (products) {
      ids.forEach(function (id) {
        var p = products.find(function (x) {
          return x.id === id;
        });
        nudge.push(["track", "view_item", { id: p.id, name: p.name, price: p.price, category: p.category }]);
      });
      log.textContent = "viewed: " + ids.join(", ");
    });
  }
  if (button.id === "hide") nudge.push(["hide"]);
  if (button.id === "forget") nudge.push(["forget"]);
});
// What a shop would hand to its push provider, its analytics and its cart.
nudge.push([
  "on",
  "push",
  function (e) {
    log.textContent = "push: " + e.answer + ", permission " + e.permission;
  },
]);
nudge.push([
  "on",
  "answer",
  function (e) {
    log.textContent = "answer: " + e.question + " = " + JSON.stringify(e.answer);
  },
]);
nudge.push([
  "on",
  "action",
  function (e) {
    log.textContent = "action: " + e.name + " " + e.payload.id;
  },
]);

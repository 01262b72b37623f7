// Gallery buttons: each shows one carousel (forced: past its caps and conditions).
const nudge = () => window.nudge;
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-show]");
  if (button) nudge().push(["show", button.dataset.show, { force: true }]);
  if (event.target.closest("#order")) {
    nudge().push([
      "purchase",
      {
        id: `G-${Date.now()}`,
        value: 89,
        currency: "USD",
        items: [
          { id: "sku-401", price: 65, quantity: 1 },
          { id: "sku-301", price: 24, quantity: 1 },
        ],
      },
    ]);
    document.getElementById("log").textContent = "Order placed: sku-401 + sku-301. They are now excluded for 30 days, and count as bought together.";
  }
});
if (new URLSearchParams(location.search).get("lang") === "ru") {
  document.documentElement.lang = "ru";
  const link = document.getElementById("lang");
  link.textContent = "English";
  link.href = "?";
}

import { createNudge } from "nudge-sdk";
import { banner } from "./banner.js";
import { rules } from "./rules.js";

// One instance for the app. The popup's code is a lazy chunk that Vite splits off: it is
// fetched when the first popup is about to show.
const nudge = createNudge({ rules, widgets: { banner } });
window.nudge = nudge; // for the test and your console

nudge.on("shown", (event) => console.info("[app] shown", event.id));
document.getElementById("offer").addEventListener("click", () => nudge.show("offer"));
document.getElementById("add").addEventListener("click", () => nudge.cart.add({ id: "mug-1", name: "Mug", price: 24, quantity: 1 }));

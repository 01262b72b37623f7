// Nudge playground: the rules editor, a live preview of the demo shop running the real
// script-tag build with those rules, a visitor simulator and explain(). A plain ES module
// loaded as is; the preview frame (frame.js) calls back into `window.playground`.
import { createEditor } from "./editor.js";
import { clockText, fireExitIntent, makeCustomer, prepareWindow, RFM_PRESETS, withUtm, DAY } from "./visitor.js";

const $ = (id) => document.getElementById(id);
const STORED_RULES = "nudge-playground:rules";
const RECIPES = [
  "exit-intent-coupon",
  "follow-up-after-2-days",
  "utm-welcome",
  "sleeping-customer-discount",
  "smart-timing-reminder",
  "still-deciding-cancel",
  "predictive-segments",
  "upsell-carousel",
  "chatbot-email",
  "nps-after-second-purchase",
  "wheel-first-visit",
  "social-proof",
  "push-ask-third-page",
  "compare-viewed",
  "survey-after-order",
];

const clock = { offset: 0 };
const state = { device: "desktop", path: "/shop/index.html", rulesUrl: "", instance: null, win: null, onScreen: "", loads: 0 };
let pageReady = () => {};
const frame = $("preview");

const editor = createEditor({
  textarea: $("rules"),
  gutter: $("gutter"),
  list: $("problems"),
  count: $("problem-count"),
  onChange: (text) => {
    useRules(text);
    void go(state.path);
  },
});

/** The rules the next page view loads: a blob: URL of the editor's text (valid JSON by now). */
function useRules(text) {
  const previous = state.rulesUrl;
  state.rulesUrl = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  // The page still running may refetch nothing, but give it a moment before the old URL goes.
  if (previous) setTimeout(() => URL.revokeObjectURL(previous), 5000);
  try {
    localStorage.setItem(STORED_RULES, text);
  } catch {
    // Private mode or full: the rules simply are not kept for next time.
  }
}

/** Opens a page of the shop in the preview; resolves once Nudge there has decided on it. */
function go(path) {
  state.path = path;
  state.instance = null;
  state.win = null;
  $("address").value = path;
  document.body.dataset.state = "loading";
  frame.src = `/playground/frame.html?page=${encodeURIComponent(path)}`;
  return new Promise((resolve) => (pageReady = resolve));
}

/** Called by the preview frame, before its page is written: the visitor's clock and device, and the rules. */
function setup(win) {
  prepareWindow(win, clock, state.device);
  return { rules: state.rulesUrl || "/shop/rules.json" };
}

/** Called with the preview's Nudge instance before it starts: listen to everything it says. */
function attach(instance, win) {
  state.instance = instance;
  state.win = win;
  state.onScreen = "";
  const problems = [];
  instance.on("error", (problem) => {
    if (problem.where === "rules") {
      const at = problem.message.indexOf(": ");
      if (/^(\(root\)|[\w$[\]]+)/.test(problem.message) && at > 0 && !/; (no widgets will show|using the last good rules)$/.test(problem.message)) {
        problems.push({ path: problem.message.slice(0, at), message: problem.message.slice(at + 2) });
      } else problems.push({ path: "(rules)", message: problem.message });
      editor.showRulesProblems(problems);
    }
    log(`problem: ${problem.where}: ${problem.message}`);
  });
  instance.on("shown", (e) => {
    state.onScreen = e.id;
    log(`SHOWN ${e.id} (${e.type}${e.variant === "default" ? "" : `, variant ${e.variant}`})`);
  });
  instance.on("closed", (e) => {
    if (state.onScreen === e.id) state.onScreen = "";
    log(`closed ${e.id} (${e.reason})`);
  });
  instance.on("eligible", (e) => e.holdout && log(`HELD OUT ${e.id} (control group)`));
  instance.on("clicked", (e) => log(`clicked ${e.id}`));
  instance.on("converted", (e) => log(`CONVERTED ${e.id}${e.goal ? ` (goal "${e.goal}")` : ""}`));
  instance.on("track", (e) => log(`${e.name}${e.name === "page_view" ? ` ${e.props.path}` : ""}`));
  instance.ready.then(() => {
    if (state.instance !== instance) return;
    if (!problems.length) editor.show([]);
    state.loads++;
    document.body.dataset.state = "ready";
    document.body.dataset.loads = String(state.loads);
    refresh();
    pageReady();
  });
}

window.playground = { setup, attach, go };

function log(text) {
  const li = document.createElement("li");
  li.textContent = `${clockText(clock.offset).split(" (")[0]}  ${text}`;
  $("events").prepend(li);
  while ($("events").children.length > 60) $("events").lastChild.remove();
  refreshSoon();
}

let refreshTimer;
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 50);
}

/** explain() for every widget, and the facts. The first call loads the `when` detail: ask again shortly after. */
let explained = false;
function refresh() {
  const instance = state.instance;
  $("clock").value = clockText(clock.offset);
  if (!instance) return;
  const list = instance.explain();
  if (!explained) {
    explained = true;
    setTimeout(refresh, 300);
  }
  $("on-screen").textContent = state.onScreen ? `On screen now: ${state.onScreen}.` : "Nothing on screen now.";
  const none = document.createElement("li");
  none.textContent = "No usable widget: the rules have none, or each has a problem (listed under the editor).";
  $("explain").replaceChildren(...(list.length ? list.map(explainItem) : [none]));
  if ($("facts").closest("details").open) $("facts").textContent = JSON.stringify(instance.facts(), null, 2);
}

function explainItem(entry) {
  const li = document.createElement("li");
  li.dataset.widget = entry.id;
  li.className = entry.wouldShow ? "yes" : "no";
  const head = document.createElement("p");
  const name = document.createElement("strong");
  name.textContent = entry.id;
  head.append(name, ` (${entry.type}): `, entry.id === state.onScreen ? "on screen" : entry.wouldShow ? "would show" : "blocked by");
  li.append(head);
  if (entry.blockedBy.length) {
    const reasons = document.createElement("ul");
    for (const reason of entry.blockedBy) {
      const item = document.createElement("li");
      item.textContent = reason;
      reasons.append(item);
    }
    li.append(reasons);
  }
  return li;
}

/** Runs a simulator move on the preview's instance (each is a no-op until the page is ready). */
function act(name, move) {
  return async (event) => {
    event?.preventDefault();
    if (!state.instance) return;
    // Moves of several steps (a fresh visitor, then pages) say when they are done (tests wait for it).
    document.body.dataset.busy = name;
    try {
      await move(state.instance, state.win);
    } catch (error) {
      log(`${name} failed: ${error.message}`);
    } finally {
      delete document.body.dataset.busy;
    }
    refreshSoon();
  };
}

/**
 * A visitor who has never been here: the preview page is closed (so nothing holds the
 * database open), then everything Nudge keeps on this origin is erased, as for a new browser.
 */
async function freshVisitor() {
  state.instance = null;
  await new Promise((resolve) => {
    frame.addEventListener("load", resolve, { once: true });
    frame.src = "about:blank";
  });
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase("nudge");
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
  for (const storage of [localStorage, sessionStorage]) {
    for (const key of Object.keys(storage)) if (key.startsWith("nudge:")) storage.removeItem(key);
  }
  clock.offset = 0;
  $("events").replaceChildren();
}

$("new-visitor").addEventListener(
  "click",
  act("new visitor", async () => {
    await freshVisitor();
    await go("/shop/index.html");
  }),
);
$("returning-visitor").addEventListener(
  "click",
  act("returning visitor", async () => {
    const back = state.path;
    await freshVisitor();
    clock.offset = -3 * DAY;
    await go("/shop/index.html");
    clock.offset = 0;
    await go(back);
  }),
);
$("device").addEventListener("change", () => {
  state.device = $("device").value;
  $("frame-wrap").dataset.device = state.device;
  void go(state.path);
});
// A visit's source is set when the visit starts: the link opens a new visit, 31 minutes later.
$("utm-form").addEventListener("submit", (event) => {
  event.preventDefault();
  clock.offset += 31 * 60_000;
  void go(withUtm(state.path, $("utm-source").value.trim(), $("utm-campaign").value.trim()));
});
$("cart-form").addEventListener(
  "submit",
  act("set cart", (nudge) => {
    const value = Math.max(0, Number($("cart-value").value) || 0);
    nudge.cart.set(value ? [{ id: "sim-cart", name: "Items in the cart", price: value, quantity: 1 }] : []);
  }),
);
$("rfm").append(...Object.keys(RFM_PRESETS).map((name) => new Option(name.replaceAll("_", " "), name)));
$("rfm-form").addEventListener(
  "submit",
  act("RFM", async () => {
    const back = state.path;
    await freshVisitor();
    await go("/shop/index.html");
    makeCustomer(state.instance, clock, $("rfm").value);
    await go(back);
  }),
);
$("exit-intent").addEventListener(
  "click",
  act("exit intent", (_, win) => fireExitIntent(win)),
);
$("add-to-cart").addEventListener(
  "click",
  act("add to cart", (nudge) => nudge.cart.add({ id: "sku-101", name: "Fernhouse House Blend", price: 18, quantity: 1, category: "coffee" })),
);
$("purchase").addEventListener(
  "click",
  act("purchase", (nudge) => {
    const value = nudge.facts().cart.value || 45;
    nudge.purchase({ id: `sim-${Date.now().toString(36)}`, value, currency: "USD" });
    nudge.cart.clear();
  }),
);
$("event-form").addEventListener(
  "submit",
  act("track", (nudge) => {
    const name = $("event-name").value.trim();
    if (name) nudge.track(name, {});
  }),
);
for (const button of document.querySelectorAll("[data-advance]")) {
  button.addEventListener("click", () => {
    clock.offset += Number(button.dataset.advance);
    void go(state.path);
  });
}
$("address-form").addEventListener("submit", (event) => {
  event.preventDefault();
  void go($("address").value.trim() || "/shop/index.html");
});
$("page-pick").addEventListener("change", () => void go($("page-pick").value));

// Import, export, recipes.
$("recipe").append(...RECIPES.map((name) => new Option(`recipe: ${name.replaceAll("-", " ")}`, `/recipes/${name}/rules.json`)));
$("recipe").addEventListener("change", async () => {
  const url = $("recipe").value;
  $("recipe").value = "";
  if (url) editor.set(await (await fetch(url)).text());
});
$("import-button").addEventListener("click", () => $("import-file").click());
$("import-file").addEventListener("change", async () => {
  const file = $("import-file").files[0];
  if (file) editor.set(await file.text());
  $("import-file").value = "";
});
$("export-button").addEventListener("click", () => {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([editor.text], { type: "application/json" }));
  link.download = "nudge-rules.json";
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
});

// A real navigation that escaped the frame (a browser without the Navigation API): bring it back in.
frame.addEventListener("load", () => {
  const win = frame.contentWindow;
  try {
    if (win && win.location.pathname !== "/playground/frame.html" && win.location.href !== "about:blank" && !win.__nudgePlayground)
      void go(win.location.pathname + win.location.search);
  } catch {
    // Another origin: leave it.
  }
});

setInterval(refresh, 1000);

// Start with the last rules edited here, or the demo shop's.
let initial = null;
try {
  initial = localStorage.getItem(STORED_RULES);
} catch {
  // No storage: start from the shop's rules.
}
editor.set(initial ?? (await (await fetch("/shop/rules.json")).text()));
// Rules that are not even JSON: the preview still opens, with the shop's own rules.
if (!state.rulesUrl) void go(state.path);

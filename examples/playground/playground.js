// Nudge playground: the rules editor, a live preview of the demo shop running the real
// script-tag build with those rules, a visitor simulator and explain(). A plain ES module
// loaded as is; the preview frame (frame.js) calls back into `window.playground`.
// The editor (CodeMirror, the validator, the facts catalog) is built by rollup into dist/ of this folder.
import { createEditor, STATE_WORDS, widgetStatus } from "/playground/dist/editor.js";
import { forcedRules, forceChoices, keepsAssignment } from "./force.js";
import { clockText, fireClick, fireExitIntent, makeCustomer, prepareWindow, RFM_PRESETS, scrollToBottom, withUtm, DAY } from "./visitor.js";

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
  "timing-experiment",
];

const clock = { offset: 0 };
const state = { device: "desktop", path: "/shop/index.html", rulesUrl: "", text: "", forced: "", instance: null, win: null, onScreen: new Set(), loads: 0 };
let pageReady = () => {};
const frame = $("preview");

const editor = createEditor({
  parent: $("editor"),
  list: $("problems"),
  count: $("problem-count"),
  schema: await (await fetch("/dist/rules.schema.json")).json(),
  onChange: (text, usable) => {
    keep(text);
    if (!usable) return noPreview();
    state.text = text;
    refreshChoices();
    previewRules();
    void go(state.path);
  },
});

/**
 * The rules file cannot be used (not JSON, or a broken envelope): the preview shows nothing
 * rather than some other rules (the demo shop's, or the last ones that worked).
 */
function noPreview() {
  state.text = "";
  state.rulesUrl = "";
  state.instance = null;
  state.win = null;
  frame.src = "about:blank";
  document.body.dataset.state = "unusable";
  refresh();
  pageReady();
}

/** The rules the next page view loads: a blob: URL of the editor's text, with any variant forced. */
function previewRules() {
  const previous = state.rulesUrl;
  const text = state.forced ? JSON.stringify(forcedRules(JSON.parse(state.text), state.forced)) : state.text;
  state.rulesUrl = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  // The page still running may refetch nothing, but give it a moment before the old URL goes.
  if (previous) setTimeout(() => URL.revokeObjectURL(previous), 5000);
}

/** Kept for the next visit to the playground, even while it has problems. */
function keep(text) {
  try {
    localStorage.setItem(STORED_RULES, text);
  } catch {
    // Private mode or full: the rules simply are not kept for next time.
  }
}

/** Opens a page of the shop in the preview; resolves once Nudge there has decided on it. */
function go(path) {
  state.path = path;
  $("address").value = path;
  if (!state.rulesUrl) return Promise.resolve(noPreview());
  state.instance = null;
  state.win = null;
  document.body.dataset.state = "loading";
  frame.src = `/playground/frame.html?page=${encodeURIComponent(path)}`;
  return new Promise((resolve) => (pageReady = resolve));
}

/** Called by the preview frame, before its page is written: the visitor's clock and device, and the rules. */
function setup(win) {
  prepareWindow(win, clock, state.device);
  return { rules: state.rulesUrl };
}

/** Called with the preview's Nudge instance before it starts: listen to everything it says. */
function attach(instance, win) {
  state.instance = instance;
  state.win = win;
  state.onScreen = new Set();
  // The rules' problems are the editor's (the same validator); the rest are the page's.
  instance.on("error", (problem) => log(`problem: ${problem.where}: ${problem.message}`));
  instance.on("shown", (e) => {
    state.onScreen.add(e.id);
    log(`SHOWN ${e.id} (${e.type}${e.variant === "default" ? "" : `, variant ${e.variant}`})`);
  });
  instance.on("closed", (e) => {
    state.onScreen.delete(e.id);
    log(`closed ${e.id} (${e.reason})`);
  });
  instance.on("eligible", (e) => e.holdout && log(`HELD OUT ${e.id} (control group)`));
  instance.on("clicked", (e) => log(`clicked ${e.id}`));
  instance.on("converted", (e) => log(`CONVERTED ${e.id}${e.goal ? ` (goal "${e.goal}")` : ""}`));
  instance.on("track", (e) => log(`${e.name}${e.name === "page_view" ? ` ${e.props.path}` : ""}`));
  instance.ready.then(() => {
    if (state.instance !== instance) return;
    state.loads++;
    document.body.dataset.state = "ready";
    document.body.dataset.loads = String(state.loads);
    refresh();
    pageReady();
  });
}

window.playground = { setup, attach, go, editor };

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
  if (document.body.dataset.state === "unusable") {
    const none = document.createElement("li");
    none.textContent = "No preview: the rules file cannot be used (see its problems).";
    $("explain").replaceChildren(none);
    $("on-screen").textContent = "";
    return;
  }
  if (!instance) return;
  const list = instance.explain();
  if (!explained) {
    explained = true;
    setTimeout(refresh, 300);
  }
  $("on-screen").textContent = state.onScreen.size ? `On screen now: ${[...state.onScreen].join(", ")}.` : "Nothing on screen now.";
  const none = document.createElement("li");
  none.textContent = "No usable widget: the rules have none, or each has a problem (listed under the editor).";
  $("explain").replaceChildren(...(list.length ? list.map(explainItem) : [none]));
  if ($("facts").closest("details").open) $("facts").textContent = JSON.stringify(instance.facts(), null, 2);
}

/** One widget: its state (showing, waiting for its trigger, blocked, done), the reasons, and buttons to act on it. */
function explainItem(entry) {
  const status = widgetStatus(entry, state.onScreen);
  const li = document.createElement("li");
  li.dataset.widget = entry.id;
  li.dataset.state = status.state;
  li.className = `${entry.wouldShow || status.state === "showing" ? "yes" : "no"} ${status.state}`;
  const head = document.createElement("p");
  const name = document.createElement("strong");
  name.textContent = entry.id;
  const words = document.createElement("span");
  words.className = "state";
  words.textContent = status.state === "showing" ? "on screen" : STATE_WORDS[status.state];
  head.append(name, ` (${entry.type}): `, words);
  li.append(head);
  if (status.detail.length) {
    const reasons = document.createElement("ul");
    for (const reason of status.detail) {
      const item = document.createElement("li");
      item.textContent = reason;
      reasons.append(item);
    }
    li.append(reasons);
  }
  if (status.state === "waiting") li.append(button(`Fire its trigger`, `fire ${entry.id}`, () => fireTrigger(entry.id, status.trigger)));
  if (status.state !== "showing") li.append(button("Force show", `force ${entry.id}`, (nudge) => nudge.show(entry.id, { force: true })));
  return li;
}

function button(text, name, move) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = text;
  element.addEventListener("click", act(name, move));
  return element;
}

/** The widget's trigger as written in the editor (for a click trigger's selector). */
function triggerOf(id) {
  try {
    return JSON.parse(state.text).widgets.find((w) => w?.id === id)?.trigger;
  } catch {
    return undefined;
  }
}

/** Fires a widget's trigger the way a visitor would: a scroll, the pointer leaving, a click; any other kind through show(). */
async function fireTrigger(id, kind) {
  const win = state.win;
  const nudge = state.instance;
  if (kind === "scroll") scrollToBottom(win);
  else if (kind === "exit_intent") fireExitIntent(win);
  else if (kind === "click") {
    const selector = triggerOf(id)?.selector;
    if (!fireClick(win, selector)) log(`click: nothing on this page matches "${selector}"`);
  } else await nudge.show(id);
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
// Someone who has never been here, whose first visit starts on the link.
$("utm-new-visitor").addEventListener(
  "click",
  act("new visitor by link", async () => {
    const path = withUtm(state.path, $("utm-source").value.trim(), $("utm-campaign").value.trim());
    await freshVisitor();
    await go(path);
  }),
);
$("force-form").addEventListener(
  "submit",
  act("force", async () => {
    const choice = $("force").value;
    const recorded = choice && state.instance?.facts().widgets?.[choice.split("\u0000")[0]]?.variant;
    state.forced = choice;
    previewRules();
    // A visitor already assigned a variant keeps it (assignments are sticky): the control group needs someone new.
    if (keepsAssignment(choice, recorded)) {
      log(`a new visitor: this one was already assigned variant ${recorded}`);
      await freshVisitor();
    }
    await go(state.path);
  }),
);

/** The A/B choices and click triggers of the rules in the editor. */
function refreshChoices() {
  let rules;
  try {
    rules = JSON.parse(state.text);
  } catch {
    return;
  }
  const forced = $("force").value;
  const choices = forceChoices(rules);
  $("force").replaceChildren(new Option("as assigned to this visitor", ""), ...choices.map((c) => new Option(c.label, c.value)));
  $("force").value = choices.some((c) => c.value === forced) ? forced : "";
  if (state.forced && !choices.some((c) => c.value === state.forced)) state.forced = "";
  const clicks = (Array.isArray(rules.widgets) ? rules.widgets : []).filter((w) => w?.trigger?.type === "click" && typeof w.trigger.selector === "string");
  $("click-target").replaceChildren(new Option("click…", ""), ...clicks.map((w) => new Option(`click ${w.trigger.selector} (${w.id})`, w.trigger.selector)));
}
$("scroll-down").addEventListener(
  "click",
  act("scroll", (_, win) => scrollToBottom(win)),
);
$("click-target").addEventListener(
  "change",
  act("click", (_, win) => {
    const selector = $("click-target").value;
    $("click-target").value = "";
    if (selector && !fireClick(win, selector)) log(`click: nothing on this page matches "${selector}"`);
  }),
);
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
// A file Nudge cannot use shows its problems and no preview.
// The file as written: the server publishes it for the shop (`nudge build`).
editor.set(initial ?? (await (await fetch("/shop/rules.json?source")).text()));

import { afterEach, expect, it } from "vitest";
import { cleanup, onScreen, rulesOf, settle, start } from "../runtime/harness.js";

afterEach(cleanup);

const popup = (id: string) => ({ id, type: "popup", trigger: "manual", content: { title: id } });

// Found by the reliability suite: the replaced widget's unmount ran a microtask after the new
// widget was mounted, and emptied the shadow root: show() said true, the screen showed nothing.
it("a widget shown while another is on screen replaces it and stays on screen", async () => {
  const h = start(rulesOf([popup("first"), popup("second")]));
  await h.nudge.ready;
  expect(await h.nudge.show("first", { force: true })).toBe(true);
  await settle();
  expect(onScreen()).toEqual(["first"]);
  expect(await h.nudge.show("second", { force: true })).toBe(true);
  await settle();
  expect(onScreen()).toEqual(["second"]);
  expect(await h.nudge.show("second", { force: true })).toBe(true); // the same widget again (a preview button clicked twice)
  await settle();
  expect(onScreen()).toEqual(["second"]);
  expect(h.console.error).not.toHaveBeenCalled();
});

// Found by the reliability suite: on <body>, a page's `body { transform: … }` made the fixed popup
// scroll away with the page (a transformed ancestor is the containing block of position: fixed).
it("Nudge's host element lives on <html>, outside <body>, and survives an SPA replacing <body>", async () => {
  const h = start(rulesOf([popup("first")]));
  await h.nudge.ready;
  await h.nudge.show("first", { force: true });
  await settle();
  expect(document.querySelector("nudge-root")!.parentElement).toBe(document.documentElement);
  document.documentElement.replaceChild(document.createElement("body"), document.body);
  expect(onScreen()).toEqual(["first"]);
});

import { afterEach, describe, expect, it } from "vitest";
import type { MountedWidgetDefinition, WidgetDefinition } from "../../../src/render/widget-api.js";
import { cleanup, on, onScreen, rulesOf, start, testWidgets, warnings } from "./harness.js";

afterEach(cleanup);

const nothing: WidgetDefinition = { component: () => null, modal: false };
const whitespace: WidgetDefinition = { component: () => "  " as never, modal: false };
/** Drawn with plain DOM through `mount`: a note with a close button. */
const note: MountedWidgetDefinition<{ text: string }> = {
  mount(container, { id, content, close }) {
    const box = container.appendChild(document.createElement("div"));
    box.dataset.widget = id;
    box.textContent = content.text;
    const button = box.appendChild(document.createElement("button"));
    button.onclick = () => close("button");
    return () => box.remove();
  },
};
const emptyMount: MountedWidgetDefinition = { mount: () => () => {} };
const throwingMount: MountedWidgetDefinition = {
  mount() {
    throw new Error("mount blew up");
  },
};

const rule = (id: string, type: string, priority = 1) => ({ id, type, priority, content: { text: `from ${id}` } });

describe("a widget that renders nothing", () => {
  it.each([
    ["a Preact component that returns null", "nothing"],
    ["a Preact component that renders only white space", "whitespace"],
    ["a mount() that draws nothing", "emptyMount"],
  ])("%s is warned about by name, never emitted as shown, and the next widget shows", async (_name, type) => {
    const h = start(rulesOf([rule("empty", type, 10), rule("real", "banner")]), { widgets: { ...testWidgets, nothing, whitespace, emptyMount } });
    const eligible: string[] = [];
    on(h.nudge, "eligible", (e) => void eligible.push(e.id));
    await h.nudge.ready;
    expect(eligible).toContain("empty"); // it got as far as mounting
    expect(h.shown).toEqual(["real"]);
    expect(onScreen()).toEqual(["real"]);
    expect(warnings(h)).toContain('[nudge] widget "empty": it rendered nothing (no element or text), so it is not shown or counted');
    expect(h.nudge.facts().widgets.empty?.shown ?? 0).toBe(0); // no impression in the profile (frequency caps, quiet period)
  });

  it("show() of an empty widget leaves no container behind", async () => {
    const h = start(rulesOf([{ id: "empty", type: "nothing", trigger: "manual", content: {} }]), { widgets: { nothing } });
    await h.nudge.ready;
    await h.nudge.show("empty");
    await Promise.resolve();
    expect(document.querySelector("nudge-root")?.shadowRoot?.querySelectorAll("div").length ?? 0).toBe(0);
    expect(h.shown).toEqual([]);
  });
});

describe("a widget drawn by mount() instead of a Preact component", () => {
  it("shows with the widget props, counts as shown, and close() removes it", async () => {
    const h = start(rulesOf([rule("hello", "note")]), { widgets: { note } });
    const closed: string[] = [];
    on(h.nudge, "closed", (e) => void closed.push(`${e.id}:${e.reason}`));
    await h.nudge.ready;
    expect(h.shown).toEqual(["hello"]);
    const root = document.querySelector("nudge-root")!.shadowRoot!;
    expect(root.querySelector("[data-widget=hello]")!.textContent).toBe("from hello");
    root.querySelector("button")!.click();
    await Promise.resolve();
    expect(closed).toEqual(["hello:button"]);
    expect(onScreen()).toEqual([]);
  });

  it("one that throws is reported by name and skipped for the next widget", async () => {
    const h = start(rulesOf([rule("bad", "throwingMount", 10), rule("real", "banner")]), { widgets: { ...testWidgets, throwingMount } });
    await h.nudge.ready;
    expect(h.problems.some((p) => p.where === 'widget "bad"' && p.message === "mount blew up")).toBe(true);
    expect(h.shown).toEqual(["real"]);
  });

  it("registerWidget takes { mount } and refuses a definition with both component and mount", async () => {
    const h = start(rulesOf([{ ...rule("hello", "late"), trigger: "manual" }]));
    h.nudge.registerWidget("both", { component: () => null, mount: note.mount } as never);
    expect(warnings(h).some((w) => w.includes('registerWidget("both"): expected { component, styles?, modal?, schema? }, { mount, … } or a loader function'))).toBe(true);
    h.nudge.registerWidget("late", note);
    await h.nudge.ready;
    await expect(h.nudge.show("hello")).resolves.toBe(true);
    expect(onScreen()).toEqual(["hello"]);
  });
});

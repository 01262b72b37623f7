import { createElement as h, useId, useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { WidgetProps } from "../../../src/render/widget-api.js";
import { reactWidget } from "../../../src/react/index.js";
import { cleanup, on, onScreen, rulesOf, settle, start, testWidgets, warnings } from "../runtime/harness.js";

afterEach(cleanup);

/** A React widget with React state: a counter that Preact could not render (React hooks). */
function Counter({ id, content, facts, close, click }: WidgetProps<{ title: string }>) {
  const [count, setCount] = useState(0);
  const labelId = useId();
  return h(
    "div",
    { "data-widget": id, role: "dialog", "aria-labelledby": labelId, className: "counter" },
    h("h2", { id: labelId }, content.title),
    h("p", { className: "path" }, facts.page.path),
    h("button", { className: "more", onClick: () => (setCount(count + 1), click({ count: count + 1 })) }, `clicked ${count}`),
    h("button", { className: "close", onClick: () => close("button") }, "×"),
  );
}
const counter = reactWidget(Counter, { styles: ".counter{position:fixed}", modal: false });
const nothing = reactWidget(() => null);
const broken = reactWidget((): never => {
  throw new Error("react widget broke");
});

const shadow = () => document.querySelector("nudge-root")!.shadowRoot!;

describe("reactWidget(): a React component as a Nudge widget", () => {
  it("renders with React in Nudge's shadow root, with the widget props, and counts as shown", async () => {
    const h0 = start(rulesOf([{ id: "count", type: "counter", content: { title: "Hello from React" } }]), { widgets: { counter } });
    const clicked: unknown[] = [];
    const closed: string[] = [];
    on(h0.nudge, "clicked", (e) => void clicked.push(e.props));
    on(h0.nudge, "closed", (e) => void closed.push(e.reason));
    await h0.nudge.ready;
    expect(h0.shown).toEqual(["count"]);
    expect(onScreen()).toEqual(["count"]);
    const box = shadow().querySelector(".counter")!;
    expect(box.querySelector("h2")!.textContent).toBe("Hello from React");
    expect(box.querySelector(".path")!.textContent).toBe("/");
    // useId is prefixed per widget, so ids stay unique beside other widgets in the same shadow root.
    expect(box.getAttribute("aria-labelledby")).toMatch(/^.?nudge-count-/);
    expect(shadow().adoptedStyleSheets.some((sheet) => [...sheet.cssRules].some((r) => r.cssText.includes(".counter")))).toBe(true);

    (box.querySelector(".more") as HTMLButtonElement).click();
    await settle(1);
    expect(box.querySelector(".more")!.textContent).toBe("clicked 1"); // React state, events through the shadow root
    expect(clicked).toEqual([{ count: 1 }]);

    (box.querySelector(".close") as HTMLButtonElement).click();
    await settle(1);
    expect(closed).toEqual(["button"]);
    expect(shadow().querySelector(".counter")).toBeNull(); // the React root was unmounted
  });

  it("a React component that renders null is warned about and never counted as shown", async () => {
    const h0 = start(
      rulesOf([
        { id: "empty", type: "nothing", priority: 5, content: {} },
        { id: "real", type: "banner", content: {} },
      ]),
      { widgets: { ...testWidgets, nothing } },
    );
    await h0.nudge.ready;
    expect(h0.shown).toEqual(["real"]);
    expect(warnings(h0).some((w) => w.startsWith('[nudge] widget "empty": it rendered nothing'))).toBe(true);
  });

  it("a React component that throws is reported by name; the page and the next widget carry on", async () => {
    const h0 = start(
      rulesOf([
        { id: "bad", type: "broken", priority: 5, content: {} },
        { id: "real", type: "banner", content: {} },
      ]),
      { widgets: { ...testWidgets, broken } },
    );
    await h0.nudge.ready;
    expect(h0.problems.some((p) => p.where === 'widget "bad"' && p.message === "react widget broke")).toBe(true);
    expect(h0.shown).toEqual(["real"]);
    expect(onScreen()).toEqual(["real"]);
  });

  it("keeps the hosting options it was given (modal, schema, prepare)", async () => {
    const prepare = () => false;
    const definition = reactWidget(Counter, { modal: true, prepare });
    expect(definition.modal).toBe(true);
    expect(definition.prepare).toBe(prepare);
    const h0 = start(rulesOf([{ id: "count", type: "counter", content: { title: "x" } }]), { widgets: { counter: definition } });
    await h0.nudge.ready;
    expect(h0.shown).toEqual([]); // prepare resolved false: never mounted
  });
});

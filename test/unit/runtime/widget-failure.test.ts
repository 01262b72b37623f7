import { afterEach, describe, expect, it } from "vitest";
import { cleanup, MINUTE, on, onScreen, rulesOf, settle, start, testWidgets } from "./harness.js";

afterEach(cleanup);

const brokenFirst = {
  id: "bad",
  type: "broken",
  priority: 10,
  when: { "visitor.pagesThisSession": 1 },
  content: {},
};
const goodLater = {
  id: "good",
  type: "popup",
  when: { "visitor.pagesThisSession": { $gte: 2 } },
  content: { title: "Good" },
};

describe("a widget that throws while rendering", () => {
  it("is removed and reported, and the next page view shows another widget", async () => {
    const { nudge, problems, shown } = start(rulesOf([brokenFirst, goodLater]));
    await expect(nudge.ready).resolves.toBeUndefined();
    expect(onScreen()).toEqual([]);
    expect(document.querySelector("nudge-root")?.shadowRoot?.textContent ?? "").toBe("");
    expect(problems.some((p) => p.where === 'widget "bad"' && p.message === "broken widget render")).toBe(true);
    expect(shown).toEqual([]);

    nudge.track("still_working");
    expect(nudge.facts().events.still_working.count).toBe(1);
    history.pushState({}, "", "/second");
    await settle();
    expect(onScreen()).toEqual(["good"]);
    expect(shown).toEqual(["good"]);
  });

  it("a type with no registered widget is warned about and skipped for the next one", async () => {
    const { nudge, problems } = start(
      rulesOf([
        { id: "ghost", type: "nonexistent", priority: 5, content: {} },
        { id: "real", type: "popup", priority: 1, content: { title: "Real" } },
      ]),
    );
    await nudge.ready;
    expect(onScreen()).toEqual(["real"]);
    expect(problems.some((p) => p.where === 'widget "ghost"' && /no widget is registered for type "nonexistent"/.test(p.message))).toBe(true);
  });

  it("a widget loader that rejects is reported and the runtime carries on", async () => {
    const { nudge, problems } = start(
      rulesOf([
        { id: "lazy", type: "lazy", priority: 5, content: {} },
        { id: "real", type: "popup", priority: 1, content: { title: "Real" } },
      ]),
      { widgets: { ...testWidgets, lazy: () => Promise.reject(new Error("chunk 404")) } },
    );
    await nudge.ready;
    expect(problems.some((p) => p.where === 'widget "lazy"' && /failed to load: chunk 404/.test(p.message))).toBe(true);
    expect(onScreen()).toEqual(["real"]);
  });

  // Regression: show() resolved true (and warned nothing) when the widget's code failed to load.
  it("show() resolves false, with the reason, when the widget's code fails to load, forced or not", async () => {
    const { nudge, problems } = start(rulesOf([{ id: "lazy", type: "lazy", trigger: "manual", content: {} }]), {
      widgets: { ...testWidgets, lazy: () => Promise.reject(new Error("chunk 404")) },
    });
    await nudge.ready;
    expect(await nudge.show("lazy")).toBe(false);
    expect(await nudge.show("lazy", { force: true })).toBe(false);
    expect(onScreen()).toEqual([]);
    const notShown = problems.filter((p) => p.where === 'show("lazy")').map((p) => p.message);
    expect(notShown.length).toBeGreaterThan(0); // the same warning twice is reported once
    for (const message of notShown) expect(message).toContain("render: it did not reach the screen");
  });

  // Regression: a widget that crashed on its first render used to be recorded as shown and closed,
  // using up caps and starting the quiet period.
  it("a widget that never rendered does not start the quiet period or count as shown", async () => {
    const { nudge, clock } = start(rulesOf([brokenFirst, goodLater], { quietPeriod: "10m" }));
    const closed: string[] = [];
    on(nudge, "closed", (e) => void closed.push(e.id));
    await nudge.ready;
    await clock.advance(MINUTE);
    history.pushState({}, "", "/second");
    await settle(20);
    expect(onScreen()).toEqual(["good"]);
    expect(closed).toEqual([]);
  });
});

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

  // BUG: src/core/widget-host.ts widgetFailed() (line ~16) closes the failed widget through close(),
  // which calls deps.closed → create-nudge.ts closed() → frequency.ts recordOutcome(undefined, "closed"),
  // and recordOutcome builds its base with recordShown(): a widget that crashed on its first render and
  // was never on screen is recorded as shown (shown: 1, lastShown: now) and a "closed" event is emitted.
  // So it uses up its frequency caps and maxPerSession, and starts the quiet period.
  // Input: rules with settings.quietPeriod "10m", a broken widget on page 1 and a good one on page 2.
  // Expected: the good widget shows on page 2, a minute later (nothing was shown before). Got: it is
  // blocked by "settings.quietPeriod: another widget showed 60s ago"; profile.widgets.bad.shown is 1.
  it.skip("a widget that never rendered does not start the quiet period or count as shown", async () => {
    const { nudge, clock } = start(rulesOf([brokenFirst, goodLater], { quietPeriod: "10m" }));
    const closed: string[] = [];
    on(nudge, "closed", (e) => void closed.push(e.id));
    await nudge.ready;
    await clock.advance(MINUTE);
    history.pushState({}, "", "/second");
    await settle();
    expect(nudge.explain("good")[0].blockedBy).toEqual([]);
    expect(onScreen()).toEqual(["good"]);
    expect(closed).toEqual([]);
  });
});

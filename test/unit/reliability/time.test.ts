import { afterEach, describe, expect, it } from "vitest";
import { cleanup, clickClose, fakeClock, MINUTE, onScreen, rulesOf, settle, start, type Harness } from "../runtime/harness.js";

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const zone = process.env.TZ;
afterEach(() => {
  cleanup();
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

/** A page view in the same tab (an SPA navigation), then the decision settles. */
async function navigate(path: string) {
  history.pushState({}, "", path);
  await settle();
}
const blockedBy = (h: Harness, id: string) => h.nudge.explain(id)[0].blockedBy.join("\n");
/** Nothing went wrong inside Nudge: no console error at all. */
const noErrors = (h: Harness) => expect(h.console.error.mock.calls).toEqual([]);

describe("time", () => {
  it("a tab left open over midnight: the day cap and the session roll over at the visitor's midnight", async () => {
    const clock = fakeClock(new Date(2025, 2, 12, 23, 50).getTime());
    const h = start(rulesOf([{ id: "daily", type: "popup", trigger: "page_view", frequency: { day: 1 }, content: { title: "Today's deal" } }]), { clock });
    await h.nudge.ready;
    expect(onScreen()).toEqual(["daily"]);
    clickClose();
    await navigate("/a");
    expect(onScreen()).toEqual([]);
    expect(blockedBy(h, "daily")).toMatch(/frequency\.day: shown 1 of 1 times today/);
    const session = h.nudge.facts().visitor.sessions;

    await clock.advance(15 * MINUTE); // 00:05, the next day, same tab, never reloaded
    expect(h.nudge.facts().time.date).toBe("2025-03-13");
    await navigate("/b");
    expect(onScreen()).toEqual(["daily"]);
    expect(h.nudge.facts().visitor.sessions).toBe(session + 1);
    expect(h.shown).toEqual(["daily", "daily"]);
    noErrors(h);
  });

  it("a tab left open for days: a 2-day cooldown ends on time, the date moves on", async () => {
    const clock = fakeClock(new Date(2025, 2, 12, 10, 0).getTime());
    const h = start(rulesOf([{ id: "offer", type: "popup", trigger: "page_view", frequency: { cooldown: { afterClosed: "2d" } }, content: { title: "Offer" } }]), { clock });
    await h.nudge.ready;
    clickClose();
    await settle();
    await clock.advance(DAY);
    await navigate("/day-1");
    expect(onScreen()).toEqual([]);
    expect(blockedBy(h, "offer")).toMatch(/frequency\.cooldown\.afterClosed: closed 1d ago, eligible again in 1d/);
    await clock.advance(DAY + MINUTE);
    await navigate("/day-2");
    expect(onScreen()).toEqual(["offer"]);
    expect(h.nudge.facts().time.date).toBe("2025-03-14");
    noErrors(h);
  });

  it("the clock jumping backwards (NTP, a visitor fixing the date): nothing thrown, no extra show, the session and its caps hold", async () => {
    const clock = fakeClock(new Date(2025, 2, 12, 15, 0).getTime());
    const h = start(rulesOf([{ id: "once", type: "popup", trigger: "page_view", frequency: { session: 1, cooldown: { afterClosed: "1h" } }, content: { title: "Once" } }]), {
      clock,
    });
    await h.nudge.ready;
    clickClose();
    await settle();
    const session = h.nudge.facts().visitor.sessions;
    await clock.advance(-3 * HOUR);
    await navigate("/back-in-time");
    await clock.advance(10 * MINUTE);
    await navigate("/still-back");
    expect(onScreen()).toEqual([]);
    expect(h.shown).toEqual(["once"]);
    expect(h.nudge.facts().visitor.sessions).toBe(session);
    const why = blockedBy(h, "once");
    expect(why).toMatch(/frequency\.session: shown 1 of 1/);
    expect(why).not.toMatch(/-\d/); // no negative durations in the explanation
    noErrors(h);
  });

  // Found by this suite: a show or close stamped by a clock a year ahead blocked the widget (and its
  // follow-ups) for a year after the visitor corrected the date.
  it("a clock that was a year ahead and is then corrected: history stamped in the future does not block the widget for a year", async () => {
    const real = new Date(2025, 2, 12, 10, 0).getTime();
    const clock = fakeClock(real + 365 * DAY);
    const h = start(
      rulesOf([
        { id: "first", type: "popup", trigger: "page_view", frequency: { cooldown: { afterShown: "1d" } }, content: { title: "First" } },
        { id: "follow-up", type: "popup", trigger: "manual", after: { widget: "first", shownAtLeast: "2d" }, content: { title: "Follow-up" } },
      ]),
      { clock },
    );
    await h.nudge.ready;
    expect(onScreen()).toEqual(["first"]);
    clickClose();
    await settle();
    console.log("A", clock.pending());
    await clock.advance(-365 * DAY); // the visitor fixes the date
    await navigate("/corrected");
    // Shown "a year from now" means nothing on the corrected clock: the 1-day cooldown does not hold it back for a year.
    expect(h.shown).toEqual(["first", "first"]);
    clickClose();
    await settle();
    await navigate("/same-day");
    expect(onScreen()).toEqual([]); // but a real show, on the corrected clock, starts the cooldown as usual
    expect(blockedBy(h, "first")).toMatch(/frequency\.cooldown\.afterShown: shown 0s ago, eligible again in 1d/);
    await clock.advance(2 * DAY + MINUTE);
    expect(await h.nudge.show("follow-up")).toBe(true);
    noErrors(h);
  });

  it("the clock jumping forwards: a cooldown ends by the clock, the next visit starts a new session, nothing thrown", async () => {
    const clock = fakeClock(new Date(2025, 2, 12, 10, 0).getTime());
    const h = start(rulesOf([{ id: "w", type: "popup", trigger: "page_view", frequency: { session: 1, cooldown: { afterClosed: "1d" } }, content: { title: "W" } }]), { clock });
    await h.nudge.ready;
    clickClose();
    await settle();
    await clock.advance(40 * DAY);
    await navigate("/future");
    expect(onScreen()).toEqual(["w"]);
    expect(h.nudge.facts().visitor.sessions).toBe(2);
    noErrors(h);
  });

  it("a time-zone change while the tab is open (travel, a VPN): schedule hours and the date follow the new zone", async () => {
    process.env.TZ = "UTC";
    const clock = fakeClock(Date.UTC(2025, 2, 12, 12, 0)); // 12:00 in UTC, 21:00 in Tokyo
    const h = start(rulesOf([{ id: "office-hours", type: "popup", trigger: "page_view", schedule: { hours: { from: 9, to: 18 } }, content: { title: "We're online" } }]), {
      clock,
    });
    await h.nudge.ready;
    expect(onScreen()).toEqual(["office-hours"]);
    expect(h.nudge.facts().time.hour).toBe(12);
    clickClose();
    process.env.TZ = "Asia/Tokyo";
    await navigate("/tokyo");
    expect(onScreen()).toEqual([]);
    expect(h.nudge.facts().time.hour).toBe(21);
    expect(blockedBy(h, "office-hours")).toMatch(/schedule\.hours: it is 21:00, shows from 9:00 to 18:00/);
    process.env.TZ = "America/Los_Angeles"; // 05:00 there
    await clock.advance(5 * HOUR); // 10:00 in Los Angeles
    await navigate("/los-angeles");
    expect(h.nudge.facts().time.hour).toBe(10);
    expect(onScreen()).toEqual(["office-hours"]);
    noErrors(h);
  });
});

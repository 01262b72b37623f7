import { afterEach, describe, expect, it } from "vitest";
import { cleanup, MINUTE, onScreen, rulesOf, settle, start } from "../runtime/harness.js";
import { blocked, DAY, HOUR, press, widgets } from "./helpers.js";

afterEach(cleanup);

const offer = (extra: Record<string, unknown>) => ({ id: "offer", type: "offer", content: { title: "Offer" }, ...extra });

/** A new session: 31 minutes idle, then a page view. */
async function nextSession(h: ReturnType<typeof start>, idle = 31 * MINUTE) {
  await h.clock.advance(idle);
  h.nudge.page();
  await settle();
}

describe("frequency caps: session, day, total", () => {
  it("day: at most N a day, counted again after local midnight", async () => {
    const h = start(rulesOf([offer({ frequency: { day: 2 } })]), { widgets });
    await h.nudge.ready;
    expect(h.shown).toEqual(["offer"]);
    h.nudge.hide();
    await nextSession(h);
    expect(h.shown).toHaveLength(2);
    h.nudge.hide();
    await nextSession(h);
    expect(h.shown).toHaveLength(2);
    expect(blocked(h, "offer")).toContain("frequency.day: shown 2 of 2 times today");
    await nextSession(h, 12 * HOUR); // past midnight
    expect(h.shown).toHaveLength(3);
  });

  it("total: at most N ever", async () => {
    const h = start(rulesOf([offer({ frequency: { total: 1 } })]), { widgets });
    await h.nudge.ready;
    h.nudge.hide();
    await nextSession(h, 3 * DAY);
    expect(h.shown).toEqual(["offer"]);
    expect(blocked(h, "offer")).toEqual(["frequency.total: shown 1 of 1 times in total"]);
  });
});

describe("cooldowns", () => {
  it("afterClosed: eligible again only once the cooldown has passed since it was closed", async () => {
    const h = start(rulesOf([offer({ frequency: { cooldown: { afterClosed: "1d" } } })]), { widgets });
    await h.nudge.ready;
    expect(onScreen()).toEqual(["offer"]);
    await h.clock.advance(MINUTE);
    press("x");
    await settle();
    await h.clock.advance(HOUR);
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual([]);
    expect(blocked(h, "offer")).toEqual(["frequency.cooldown.afterClosed: closed 1h ago, eligible again in 23h"]);
    await h.clock.advance(23 * HOUR - 1000);
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual([]);
    expect(blocked(h, "offer")).toEqual(["frequency.cooldown.afterClosed: closed 23h 59m ago, eligible again in 1s"]);
    await h.clock.advance(1000);
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual(["offer"]);
  });

  it("afterShown: counts from the show, whether or not it was closed", async () => {
    const h = start(rulesOf([offer({ frequency: { cooldown: { afterShown: "2h" } } })]), { widgets });
    await h.nudge.ready;
    h.nudge.hide();
    await h.clock.advance(90 * MINUTE);
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual([]);
    expect(blocked(h, "offer")).toEqual(["frequency.cooldown.afterShown: shown 1h 30m ago, eligible again in 30m"]);
    await h.clock.advance(30 * MINUTE);
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual(["offer"]);
  });

  it("afterConverted: a conversion holds it back for the cooldown; a plain close does not", async () => {
    const h = start(rulesOf([offer({ frequency: { cooldown: { afterConverted: "30d" } } })]), { widgets });
    await h.nudge.ready;
    press("x");
    await settle();
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual(["offer"]);
    press("convert");
    await settle();
    await h.clock.advance(2 * DAY);
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual([]);
    expect(blocked(h, "offer")).toEqual(["frequency.cooldown.afterConverted: converted 2d ago, eligible again in 28d"]);
    await h.clock.advance(28 * DAY);
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual(["offer"]);
  });
});

describe("stopAfter", () => {
  it('["dismissed"]: ×, Esc, backdrop or "no thanks" stop it for good; a CTA click or hide() do not', async () => {
    const h = start(rulesOf([offer({ frequency: { stopAfter: ["dismissed"] } })]), { widgets });
    await h.nudge.ready;
    press("cta");
    await settle();
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual(["offer"]); // a CTA click is not a dismissal
    h.nudge.hide();
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual(["offer"]); // nor is hide()
    press("dismiss");
    await settle();
    await h.clock.advance(60 * DAY);
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual([]);
    expect(blocked(h, "offer")).toEqual(["frequency.stopAfter: dismissed by the visitor (1 time(s)), never shown again"]);
  });

  it('["converted"]: a conversion stops it; dismissals do not', async () => {
    const h = start(rulesOf([offer({ frequency: { stopAfter: ["converted"] } })]), { widgets });
    await h.nudge.ready;
    press("x");
    await settle();
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual(["offer"]);
    press("convert");
    await settle();
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual([]);
    expect(blocked(h, "offer")).toEqual(["frequency.stopAfter: converted (1 time(s)), never shown again"]);
  });

  it("both: either one stops it, and explain names each that applies", async () => {
    const h = start(rulesOf([offer({ frequency: { stopAfter: ["converted", "dismissed"] } })]), { widgets });
    await h.nudge.ready;
    press("dismiss");
    await settle();
    h.nudge.page();
    await settle();
    expect(onScreen()).toEqual([]);
    expect(await h.nudge.show("offer", { force: true })).toBe(true);
    press("convert");
    await settle();
    expect(blocked(h, "offer")).toEqual([
      "frequency.stopAfter: converted (1 time(s)), never shown again",
      "frequency.stopAfter: dismissed by the visitor (1 time(s)), never shown again",
    ]);
  });
});

describe("follow-up chains (after)", () => {
  const first = { id: "letter-1", type: "offer", priority: 2, frequency: { total: 1 }, content: { title: "First letter" } };
  const second = {
    id: "letter-2",
    type: "offer",
    priority: 1,
    after: { widget: "letter-1", shownAtLeast: "2d", notConverted: true },
    frequency: { total: 1 },
    content: { title: "Second letter" },
  };

  it("shows the second letter 2 days after the first, not before", async () => {
    const h = start(rulesOf([first, second]), { widgets });
    await h.nudge.ready;
    expect(h.shown).toEqual(["letter-1"]);
    expect(blocked(h, "letter-2")).toContain('after: "letter-1" was shown 0s ago, eligible in 2d');
    press("x");
    await h.clock.advance(DAY);
    h.nudge.page();
    await settle();
    expect(h.shown).toEqual(["letter-1"]);
    expect(blocked(h, "letter-2")).toEqual(['after: "letter-1" was shown 1d ago, eligible in 1d']);
    await h.clock.advance(DAY);
    h.nudge.page();
    await settle();
    expect(h.shown).toEqual(["letter-1", "letter-2"]);
  });

  it("not before the first was ever shown, and not after it converted", async () => {
    const h = start(rulesOf([{ ...first, trigger: "manual" }, second]), { widgets });
    await h.nudge.ready;
    expect(h.shown).toEqual([]);
    expect(blocked(h, "letter-2")).toEqual(['after: "letter-1" has not been shown to this visitor yet']);
    await h.nudge.show("letter-1");
    press("convert");
    await settle();
    await h.clock.advance(3 * DAY);
    h.nudge.page();
    await settle();
    expect(h.shown).toEqual(["letter-1"]);
    expect(blocked(h, "letter-2")).toEqual(['after.notConverted: "letter-1" converted 3d ago']);
  });

  it("without notConverted, a conversion does not stop the follow-up", async () => {
    const h = start(
      rulesOf([
        { ...first, trigger: "manual" },
        { ...second, after: { widget: "letter-1", shownAtLeast: "2d" } },
      ]),
      { widgets },
    );
    await h.nudge.ready;
    await h.nudge.show("letter-1");
    press("convert");
    await settle();
    await h.clock.advance(2 * DAY);
    h.nudge.page();
    await settle();
    expect(h.shown).toEqual(["letter-1", "letter-2"]);
  });
});

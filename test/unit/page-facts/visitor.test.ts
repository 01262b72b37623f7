import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../../../src/env/env.js";
import { buildFacts } from "../../../src/profile/build-facts.js";
import { newProfile } from "../../../src/profile/profile.js";
import { readPage } from "../../../src/track/page.js";
import { browserName, osName } from "../../../src/track/user-agent.js";
import { cleanup, rulesOf, start } from "../runtime/harness.js";
import { fakeEnv, nextFrame, pageHeight, scrollTo, setVisibility } from "../triggers/fake-env.js";
import { watchEngagement } from "../../../src/track/engagement.js";
import { siteClock, TIME_ON_SITE_KEY } from "../../../src/track/signals/time-on-site.js";

/** Engagement on the page's site clock (the runtime starts both). */
const engagement = (env: Env) => watchEngagement(env, siteClock(env));

afterEach(() => {
  cleanup();
  siteClock(fakeEnv().env).stop(); // the clock a test started by hand (the runtime stops its own)
  sessionStorage.clear();
  setVisibility("visible");
  scrollTo(0);
});

const UA = {
  iphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
  android: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
  samsung: "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
  edge: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
  firefoxMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0",
  safariMac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  chromeLinux: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  opera: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0",
  chromebook: "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
};

describe("visitor.os and visitor.browser", () => {
  it.each([
    ["iphone", "ios", "safari"],
    ["android", "android", "chrome"],
    ["samsung", "android", "samsung"],
    ["edge", "windows", "edge"],
    ["firefoxMac", "macos", "firefox"],
    ["safariMac", "macos", "safari"],
    ["chromeLinux", "linux", "chrome"],
    ["opera", "windows", "opera"],
    ["chromebook", "chromeos", "chrome"],
  ] as const)("%s: %s, %s", (name, os, browser) => {
    expect(osName(UA[name])).toBe(os);
    expect(browserName(UA[name])).toBe(browser);
  });

  it("an empty or unknown user agent is other", () => {
    expect(osName("")).toBe("other");
    expect(browserName("curl/8.0")).toBe("other");
  });

  it("buildFacts reads the user agent and viewport through env", () => {
    const window = { navigator: { userAgent: UA.iphone, language: "fr-FR" }, innerWidth: 390, innerHeight: 844 };
    const env = { window, document: undefined, now: () => 1_000 } as unknown as Env;
    const page = readPage(env);
    const facts = buildFacts(newProfile("p", 0), { page, pageStart: 0, isNew: true, currency: "EUR", scrollDepth: 40, visibleSeconds: 7 }, env);
    expect(facts.visitor).toMatchObject({
      os: "ios",
      browser: "safari",
      device: "mobile",
      viewport: { width: 390, height: 844 },
      scrollDepth: 40,
      secondsOnPage: 7,
      language: "fr-FR",
    });
  });

  it("without a window (SSR) the facts are still complete", () => {
    const env = { window: undefined, document: undefined, now: () => 5_000 } as unknown as Env;
    const facts = buildFacts(newProfile("p", 0), { page: readPage(env), pageStart: 0, isNew: true, currency: "USD" }, env);
    expect(facts.visitor).toMatchObject({ os: "other", browser: "other", viewport: { width: 0, height: 0 }, scrollDepth: 0, secondsOnPage: 5 });
    expect(facts.page).toMatchObject({ type: "other", landing: "", previous: "" });
  });
});

describe("visitor.scrollDepth", () => {
  it("is the largest share scrolled into view, measured once per animation frame", async () => {
    const { env } = fakeEnv();
    pageHeight(768 * 4);
    const watch = engagement(env);
    expect(watch.scrollDepth()).toBe(25); // the first screen is in view
    scrollTo(768);
    scrollTo(768 * 2); // two scroll events in one frame: one measurement
    expect(watch.scrollDepth()).toBe(25);
    await nextFrame();
    expect(watch.scrollDepth()).toBe(75);
    scrollTo(0); // scrolling back up keeps the maximum
    await nextFrame();
    expect(watch.scrollDepth()).toBe(75);
    watch.restart(); // a new page view starts over
    expect(watch.scrollDepth()).toBe(25);
    watch.stop();
    scrollTo(768 * 3);
    await nextFrame();
    expect(watch.scrollDepth()).toBe(25);
  });

  it("a page shorter than the viewport is 100% seen", () => {
    const { env } = fakeEnv();
    pageHeight(300);
    expect(engagement(env).scrollDepth()).toBe(100);
  });
});

describe("visitor.secondsOnPage counts visible time only", () => {
  it("pauses while the tab is hidden", () => {
    const fake = fakeEnv();
    const watch = engagement(fake.env);
    fake.advance(10_000);
    expect(watch.visibleSeconds()).toBe(10);
    setVisibility("hidden");
    fake.advance(60_000);
    expect(watch.visibleSeconds()).toBe(10);
    setVisibility("visible");
    fake.advance(5_000);
    expect(watch.visibleSeconds()).toBe(15);
    watch.restart();
    expect(watch.visibleSeconds()).toBe(0);
    watch.stop();
  });

  it("a page opened in a background tab starts at zero and counts once shown", () => {
    setVisibility("hidden");
    const fake = fakeEnv();
    const watch = engagement(fake.env);
    fake.advance(30_000);
    expect(watch.visibleSeconds()).toBe(0);
    setVisibility("visible");
    fake.advance(2_000);
    expect(watch.visibleSeconds()).toBe(2);
    watch.stop();
  });

  it("in the runtime's facts", async () => {
    const h = start(rulesOf([]));
    await h.nudge.ready;
    await h.clock.advance(4_000);
    setVisibility("hidden");
    await h.clock.advance(20_000);
    setVisibility("visible");
    await h.clock.advance(1_000);
    const visitor = h.nudge.facts().visitor;
    expect(visitor.secondsOnPage).toBe(5);
    expect(visitor.viewport).toEqual({ width: window.innerWidth, height: window.innerHeight });
    expect(typeof visitor.scrollDepth).toBe("number");
  });
});

describe("visitor.secondsOnSite: visible time this session, over all pages", () => {
  it("goes on across single-page-app navigations and page loads, while secondsOnPage starts over", async () => {
    const one = start(rulesOf([]));
    await one.nudge.ready;
    await one.clock.advance(30_000);
    history.pushState({}, "", "/next");
    await one.clock.advance(5_000);
    expect(one.nudge.facts().visitor).toMatchObject({ secondsOnPage: 5, secondsOnSite: 35 });
    setVisibility("hidden"); // saved when the page is hidden…
    expect(sessionStorage.getItem(TIME_ON_SITE_KEY)).toBe("35000");
    await one.clock.advance(60_000);
    setVisibility("visible");
    await one.clock.advance(1_000);
    one.nudge.destroy(); // …and when it unloads

    const two = start(rulesOf([]), { clock: one.clock }); // the next page load
    await two.nudge.ready;
    await two.clock.advance(4_000);
    expect(two.nudge.facts().visitor).toMatchObject({ secondsOnPage: 4, secondsOnSite: 40 });
  });

  it("is the time the time_on_site trigger counts", async () => {
    sessionStorage.setItem(TIME_ON_SITE_KEY, "50000");
    const h = start(rulesOf([{ id: "w", type: "popup", trigger: { type: "time_on_site", after: "1m" }, content: { title: "x" } }]));
    await h.nudge.ready;
    await vi.waitFor(() => expect(h.nudge.explain("w")[0].blockedBy.join()).not.toContain("arming"));
    await h.clock.advance(1_000);
    expect(h.nudge.facts().visitor.secondsOnSite).toBe(51);
    expect(h.nudge.explain("w")[0].blockedBy).toContain("trigger: time_on_site, 1m not reached (at 51s this session)");
    await h.clock.advance(9_000);
    expect(h.shown).toEqual(["w"]);
  });

  it("with consent required, counts but stores nothing until consent; forget() starts it over", async () => {
    const h = start(rulesOf([]), { consent: "required" });
    await h.nudge.ready;
    await h.clock.advance(10_000);
    setVisibility("hidden");
    setVisibility("visible");
    expect(sessionStorage.getItem(TIME_ON_SITE_KEY)).toBeNull();
    expect(h.nudge.facts().visitor.secondsOnSite).toBe(10);
    h.nudge.consent(true);
    setVisibility("hidden");
    setVisibility("visible");
    expect(sessionStorage.getItem(TIME_ON_SITE_KEY)).toBe("10000");
    await h.nudge.forget();
    expect(sessionStorage.getItem(TIME_ON_SITE_KEY)).toBeNull();
    await h.clock.advance(2_000);
    expect(h.nudge.facts().visitor.secondsOnSite).toBe(2);
  });
});

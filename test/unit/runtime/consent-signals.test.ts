import { afterEach, describe, expect, it, vi } from "vitest";
import { followConsentSignals } from "../../../src/core/consent-signals.js";
import { cleanup, MINUTE, onScreen, rulesOf, settle, start } from "./harness.js";

const welcome = rulesOf([{ id: "welcome", type: "popup", content: { title: "Hello" } }]);
const win = window as unknown as { dataLayer?: unknown[]; __tcfapi?: unknown; gtag?: (...args: unknown[]) => void };

/** The gtag snippet: it pushes its `arguments` object, as Google's does. */
function gtag(..._args: unknown[]) {
  // eslint-disable-next-line prefer-rest-params
  (win.dataLayer ??= []).push(arguments);
}
const denied = { ad_storage: "denied", analytics_storage: "denied", functionality_storage: "denied", personalization_storage: "denied" };
const granted = { ad_storage: "granted", analytics_storage: "granted", functionality_storage: "granted", personalization_storage: "granted" };

/** A TCF v2.2 platform stub: `decide()` is the visitor's click, or a choice stored earlier (tcloaded). */
function tcfStub() {
  const listeners = new Map<number, (data: unknown, success: boolean) => void>();
  let next = 1;
  const api = vi.fn((command: string, _version: number, callback: (data: unknown, success: boolean) => void, id?: number) => {
    if (command === "addEventListener")
      listeners.set(next, callback), callback({ listenerId: next++, gdprApplies: true, eventStatus: "cmpuishown", purpose: { consents: {} } }, true);
    if (command === "removeEventListener") listeners.delete(id!);
  });
  win.__tcfapi = api;
  return {
    api,
    listeners,
    decide(data: Record<string, unknown>) {
      for (const [listenerId, callback] of listeners) callback({ listenerId, gdprApplies: true, ...data }, true);
    },
  };
}
const purposes = (...granted: number[]) => ({ purpose: { consents: Object.fromEntries(granted.map((n) => [n, true])) } });

afterEach(() => {
  cleanup();
  delete win.dataLayer;
  delete win.__tcfapi;
});

describe('consent: "auto" with Consent Mode v2', () => {
  it("no signal at all: as required (nothing stored or shown)", async () => {
    const { nudge, store, clock } = start(welcome, { consent: "auto" });
    await nudge.ready;
    await clock.advance(MINUTE);
    expect(store.set).not.toHaveBeenCalled();
    expect(onScreen()).toEqual([]);
    expect(nudge.facts().consent).toEqual({ storage: false, personalization: false, measurement: false });
  });

  it("default denied before load, then an update to granted: stored and shown from then on", async () => {
    gtag("consent", "default", { ...denied, wait_for_update: 500 });
    const { nudge, store, clock } = start(welcome, { consent: "auto" });
    await nudge.ready;
    await clock.advance(MINUTE);
    expect(store.set).not.toHaveBeenCalled();
    expect(onScreen()).toEqual([]);
    gtag("consent", "update", granted);
    await settle();
    await clock.advance(300);
    expect(await store.get("profile")).toBeDefined();
    expect(onScreen()).toEqual(["welcome"]);
  });

  it("an update already in the dataLayer at load opens the storage at once: the returning visitor's profile is read, not replaced", async () => {
    gtag("consent", "default", denied);
    gtag("consent", "update", { functionality_storage: "granted", personalization_storage: "granted" });
    const { nudge, store } = start(welcome, { consent: "auto" });
    await nudge.ready;
    expect(store.get).toHaveBeenCalledWith("profile");
    expect(onScreen()).toEqual(["welcome"]);
    expect(nudge.facts().consent).toEqual({ storage: true, personalization: true, measurement: false });
  });

  it("partial: functionality granted, personalization denied: the profile is stored, no widget shows", async () => {
    gtag("consent", "default", denied);
    const { nudge, store, clock } = start(welcome, { consent: "auto" });
    await nudge.ready;
    gtag("consent", "update", { functionality_storage: "granted" });
    await settle();
    await clock.advance(300);
    expect(await store.get("profile")).toBeDefined();
    expect(onScreen()).toEqual([]);
    expect(nudge.explain("welcome")[0].blockedBy).toContain("consent: personalization not granted");
  });

  it("a later denial withdraws; a default after an update does not undo it; a region default only denies", async () => {
    gtag("consent", "default", { ...granted, region: ["US-CA"] }); // the visitor's region is unknown: not granted
    const { nudge } = start(welcome, { consent: "auto" });
    await nudge.ready;
    expect(onScreen()).toEqual([]);
    gtag("consent", "update", granted);
    await settle();
    expect(onScreen()).toEqual(["welcome"]);
    gtag("consent", "default", denied); // too late: the update stands
    await settle();
    expect(onScreen()).toEqual(["welcome"]);
    gtag("consent", "update", { personalization_storage: "denied" });
    await settle();
    expect(onScreen()).toEqual([]);
  });

  it("reads the dataLayer's consent even with dataLayer: false (which only stops the GA4 events)", async () => {
    gtag("consent", "default", granted);
    gtag("event", "add_to_cart", { items: [{ item_id: "sku-1", price: 5 }] });
    const { nudge } = start(welcome, { consent: "auto", dataLayer: false });
    await nudge.ready;
    expect(onScreen()).toEqual(["welcome"]);
    expect(nudge.facts().cart.count).toBe(0);
  });

  it("with Global Privacy Control respected, the site's defaults grant nothing; the visitor's update does", async () => {
    Object.defineProperty(window.navigator, "globalPrivacyControl", { value: true, configurable: true });
    try {
      gtag("consent", "default", granted);
      const { nudge } = start(welcome, { consent: "auto", respectGPC: true });
      await nudge.ready;
      expect(onScreen()).toEqual([]);
      gtag("consent", "update", granted);
      await settle();
      expect(onScreen()).toEqual(["welcome"]);
    } finally {
      Object.defineProperty(window.navigator, "globalPrivacyControl", { value: undefined, configurable: true });
    }
  });
});

describe('consent: "auto" with IAB TCF v2.2', () => {
  it("waits while the banner is up, then maps purposes 1 / 5+6 / 8 to storage, personalization, measurement", async () => {
    const tcf = tcfStub();
    const { nudge, store, clock } = start(welcome, { consent: "auto" });
    await nudge.ready;
    expect(tcf.api).toHaveBeenCalledWith("addEventListener", 2, expect.any(Function));
    await clock.advance(MINUTE);
    expect(store.set).not.toHaveBeenCalled();
    expect(onScreen()).toEqual([]);

    tcf.decide({ eventStatus: "useractioncomplete", ...purposes(1, 5) }); // 6 missing: no personalization
    await settle();
    await clock.advance(300);
    expect(await store.get("profile")).toBeDefined();
    expect(onScreen()).toEqual([]);
    expect(nudge.facts().consent).toEqual({ storage: true, personalization: false, measurement: false });

    tcf.decide({ eventStatus: "useractioncomplete", ...purposes(1, 5, 6, 8) });
    await settle();
    expect(onScreen()).toEqual(["welcome"]);
    expect(nudge.facts().consent).toEqual({ storage: true, personalization: true, measurement: true });
  });

  it("gdprApplies false grants everything; destroy() removes the listener", async () => {
    const tcf = tcfStub();
    const { nudge } = start(welcome, { consent: "auto" });
    await nudge.ready;
    tcf.decide({ gdprApplies: false, eventStatus: "tcloaded" });
    await settle();
    expect(onScreen()).toEqual(["welcome"]);
    nudge.destroy();
    expect(tcf.listeners.size).toBe(0);
  });

  it("a throwing apply never reaches the platform's code", () => {
    const tcf = tcfStub();
    const onError = vi.fn();
    followConsentSignals(
      window,
      () => {
        throw new Error("boom");
      },
      onError,
    );
    expect(() => tcf.decide({ eventStatus: "tcloaded", ...purposes(1) })).not.toThrow();
    expect(onError).toHaveBeenCalled();
  });
});

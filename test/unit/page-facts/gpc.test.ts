import { afterEach, describe, expect, it, vi } from "vitest";
import { boot } from "../../../src/script/runtime.js";
import { cleanup, MINUTE, onScreen, rulesOf, settle, start } from "../runtime/harness.js";

const welcome = rulesOf([{ id: "welcome", type: "popup", content: { title: "Hello" } }]);

function setGPC(value: boolean | undefined) {
  Object.defineProperty(window.navigator, "globalPrivacyControl", { value, configurable: true });
}

afterEach(() => {
  cleanup();
  setGPC(undefined);
  delete (window as { nudge?: unknown }).nudge;
});

describe("Global Privacy Control", () => {
  it("with respectGPC and the signal on: nothing is stored or shown until consent(true)", async () => {
    setGPC(true);
    const { nudge, store, clock } = start(welcome, { respectGPC: true });
    await nudge.ready;
    nudge.track("browse");
    await clock.advance(10 * MINUTE);
    expect(store.set).not.toHaveBeenCalled();
    expect(onScreen()).toEqual([]);

    nudge.consent(true);
    await settle();
    await clock.advance(300);
    expect(store.set).toHaveBeenCalled();
    expect(onScreen()).toEqual(["welcome"]);
  });

  it("the signal is ignored without respectGPC, and respectGPC changes nothing without the signal", async () => {
    setGPC(true);
    const ignoring = start(welcome);
    await ignoring.nudge.ready;
    expect(onScreen()).toEqual(["welcome"]);
    cleanup();

    setGPC(false);
    const respecting = start(welcome, { respectGPC: true });
    await respecting.nudge.ready;
    expect(onScreen()).toEqual(["welcome"]);
  });

  it('the script tag turns it on with data-gpc="respect"', async () => {
    setGPC(true);
    const script = document.createElement("script");
    const fetch = vi.spyOn(window, "fetch").mockImplementation(async () => new Response(JSON.stringify(welcome), { headers: { "content-type": "application/json" } }));
    script.dataset.rules = "/nudge-rules.json";
    script.dataset.gpc = "respect";
    // The runtime reads its options from the tag: the instance behaves as with consent "required".
    boot(script, []);
    const nudge = (window as unknown as { nudge: { ready: Promise<void>; explain: (id: string) => Array<{ blockedBy: string[] }>; destroy(): void } }).nudge;
    await nudge.ready;
    const blocked = (n: { explain: (id: string) => Array<{ blockedBy: string[] }> }) => n.explain("welcome")[0]?.blockedBy.join("; ") ?? "";
    expect(blocked(nudge)).toContain("consent: personalization not granted");
    nudge.destroy();
    delete (window as { nudge?: unknown }).nudge;

    delete script.dataset.gpc; // the same tag without the attribute: consent is not awaited
    boot(script, []);
    const plain = (window as unknown as { nudge: typeof nudge }).nudge;
    await plain.ready;
    expect(plain.explain("welcome")).toHaveLength(1);
    expect(blocked(plain)).not.toContain("consent");
    plain.destroy();
    fetch.mockRestore();
  });
});

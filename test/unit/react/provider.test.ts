import { act, createElement as h, StrictMode, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createNudge, type Nudge } from "../../../src/core/create-nudge.js";
import type { NudgeOptions } from "../../../src/core/types.js";
import { memoryStore } from "../../../src/profile/storage.js";
import { NudgeProvider, useNudge, useNudgeEvent } from "../../../src/react/index.js";
import { settle } from "../runtime/harness.js";

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

let root: Root | undefined;
afterEach(async () => {
  await act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = "";
});

async function render(tree: ReactNode) {
  const el = document.body.appendChild(document.createElement("div"));
  root = createRoot(el);
  await act(() => root!.render(h(StrictMode, null, tree)));
}

/** Options whose `headless` callback counts the instances that showed the page-view widget. */
function countingOptions() {
  const showings = vi.fn();
  const options: NudgeOptions = {
    rules: { version: 1, widgets: [{ id: "hello", type: "popup", content: { title: "Hi" } }] },
    store: memoryStore(),
    env: { console: { info() {}, warn() {}, error() {} } },
    headless: showings,
  };
  return { options, showings };
}

describe("NudgeProvider under React StrictMode", () => {
  it("creates one instance for its options, not one per (double) render or effect run", async () => {
    const { options, showings } = countingOptions();
    const seen = new Set<Nudge>();
    function Child() {
      seen.add(useNudge());
      return null;
    }
    await render(h(NudgeProvider, { options }, h(Child)));
    const [nudge] = seen;
    await act(() => nudge.ready);
    await act(() => settle());
    expect(seen.size).toBe(1);
    expect(showings).toHaveBeenCalledTimes(1); // a second, leaked instance would have shown it too
    expect(nudge.explain()).toHaveLength(1); // alive: StrictMode's simulated unmount did not destroy it
  });

  it("useNudgeEvent delivers each event once, to the latest handler, typed by name", async () => {
    const { options } = countingOptions();
    const calls: string[] = [];
    let nudge: Nudge | undefined;
    function Listener({ tag }: { tag: string }) {
      nudge = useNudge();
      useNudgeEvent("track", (event) => void calls.push(`${tag}:${event.name}`));
      return h("span", null, tag);
    }
    await render(h(NudgeProvider, { options }, h(Listener, { tag: "first" })));
    await act(() => nudge!.ready);
    calls.length = 0;
    await act(() => nudge!.track("signup", {}));
    expect(calls).toEqual(["first:signup"]); // subscribed once, though StrictMode ran the effect twice
    await act(() => root!.render(h(StrictMode, null, h(NudgeProvider, { options }, h(Listener, { tag: "second" })))));
    await act(() => nudge!.track("again", {}));
    expect(calls).toEqual(["first:signup", "second:again"]);
  });

  it("destroys the instance it created once unmounted, and leaves one it was given", async () => {
    const { options } = countingOptions();
    let created: Nudge | undefined;
    function Grab() {
      created = useNudge();
      return null;
    }
    await render(h(NudgeProvider, { options }, h(Grab)));
    await act(() => created!.ready);
    const heard = vi.fn();
    created!.on("track", heard);
    await act(() => root!.unmount());
    root = undefined;
    await settle();
    created!.track("after_unmount", {});
    expect(heard).not.toHaveBeenCalled(); // destroyed: its listeners are gone

    const given = createNudge(countingOptions().options);
    let got: Nudge | undefined;
    function GrabGiven() {
      got = useNudge();
      return null;
    }
    await render(h(NudgeProvider, { nudge: given }, h(GrabGiven)));
    expect(got).toBe(given);
    const heardGiven = vi.fn();
    given.on("track", heardGiven);
    await act(() => root!.unmount());
    root = undefined;
    await settle();
    given.track("still_alive", {});
    expect(heardGiven).toHaveBeenCalledTimes(1);
    given.destroy();
  });

  it("useNudge() outside a provider throws an error that says what is missing", async () => {
    function Orphan() {
      useNudge();
      return null;
    }
    let caught: unknown;
    root = createRoot(document.body.appendChild(document.createElement("div")), { onUncaughtError: (error) => void (caught = error) });
    try {
      await act(() => root!.render(h(Orphan)));
    } catch (error) {
      caught ??= error; // act() rethrows what the render threw
    }
    expect((caught as Error)?.message).toBe("[nudge] useNudge(): no <NudgeProvider> above this component");
  });
});

import { expect, it, vi } from "vitest";
import type { Env } from "../../../src/env/env.js";
import { listen, perFrame } from "../../../src/track/signals/listen.js";

// Found by the reliability suite's console check: these few lines said "Nudge: …" where every other
// line says "[nudge] …", so a site filtering its console for Nudge's messages missed them.
it("a failing listener or frame callback is reported with Nudge's own [nudge] prefix", () => {
  const warn = vi.fn();
  const env = { console: { info: vi.fn(), warn, error: vi.fn() }, window: undefined, setTimeout: (fn: () => void) => fn() } as unknown as Env;
  const target = new EventTarget();
  listen(env, target, "ping", () => {
    throw new Error("boom");
  });
  target.dispatchEvent(new Event("ping"));
  perFrame(env, () => {
    throw new Error("boom");
  }).schedule();
  expect(warn.mock.calls.map((call) => call[0])).toEqual(['[nudge] a "ping" listener failed', "[nudge] a frame callback failed"]);
});

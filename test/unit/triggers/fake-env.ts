/*
 * A fake Env for the trigger tests: happy-dom's window and document, a manual clock whose
 * timers run only on `advance`, and a console whose warnings are recorded.
 */
import { vi } from "vitest";
import type { Env } from "../../../src/env/env.js";

export function fakeEnv(start = 1_000_000) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const env: Env = {
    window,
    document,
    now: () => now,
    random: () => 0.5,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
    fetch: undefined,
    console: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  };
  return {
    env,
    pending: () => timers.size,
    /** Moves the clock forward, running every timer that falls due, in order. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        let due: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = end;
    },
  };
}

/** Waits for an animation frame (happy-dom runs them on real timers). */
export const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Sets how tall the page is (happy-dom has no layout): the viewport stays 768 px high. */
export function pageHeight(px: number) {
  Object.defineProperty(document.documentElement, "scrollHeight", { value: px, configurable: true });
}

/** Scrolls the page to `y` and dispatches the scroll event a browser would. */
export function scrollTo(y: number) {
  window.scrollTo(0, y);
  window.dispatchEvent(new Event("scroll"));
}

export function setVisibility(state: "visible" | "hidden") {
  Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
  document.dispatchEvent(new Event("visibilitychange"));
}

/** Makes `matchMedia("(hover: none)")` match, as on a phone. */
export function touchDevice() {
  return vi.spyOn(window, "matchMedia").mockImplementation((query: string) => ({ matches: query === "(hover: none)", media: query }) as MediaQueryList);
}

export const mouse = (type: string, clientY: number, init: MouseEventInit = {}) =>
  document.documentElement.dispatchEvent(new MouseEvent(type, { clientY, clientX: 400, bubbles: true, relatedTarget: null, ...init }));

import type { Env } from "../../env/env.js";

/** Stops what a `watch…` function started. Safe to call more than once. */
export type Stop = () => void;

/**
 * Adds an event listener whose handler never throws into the page (an error is
 * reported on the console and the page carries on). Returns the remover.
 *
 * @example
 * const stop = listen(env, env.document, "click", (event) => console.log(event.target), true);
 */
export function listen<E extends Event = Event>(env: Env, target: EventTarget | null | undefined, type: string, handler: (event: E) => void, capture = false): Stop {
  if (!target) return () => {};
  const options = { capture, passive: true };
  const safe = (event: Event) => {
    try {
      handler(event as E);
    } catch (error) {
      env.console.warn(`[nudge] a "${type}" listener failed`, error);
    }
  };
  target.addEventListener(type, safe, options);
  return () => target.removeEventListener(type, safe, options);
}

/**
 * Runs `fn` on the next animation frame (or after 16 ms without one), at most once
 * per frame however often it is asked: `schedule()` queues, the returned stop cancels.
 */
export function perFrame(env: Env, fn: () => void): { schedule(): void; stop: Stop } {
  let pending = false;
  let stopped = false;
  const run = () => {
    pending = false;
    if (stopped) return;
    try {
      fn();
    } catch (error) {
      env.console.warn("[nudge] a frame callback failed", error);
    }
  };
  return {
    schedule() {
      if (pending || stopped) return;
      pending = true;
      const frame = env.window?.requestAnimationFrame;
      if (frame) frame.call(env.window, run);
      else env.setTimeout(run, 16);
    },
    stop: () => void (stopped = true),
  };
}

/** Calls every stop once, in order; one that throws does not keep the others from running. */
export function stopAll(stops: Stop[]): void {
  for (const stop of stops.splice(0)) {
    try {
      stop();
    } catch {
      // A listener that cannot be removed (a page that replaced removeEventListener) is left behind; nothing else to do.
    }
  }
}

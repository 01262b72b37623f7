import type { Env } from "../../env/env.js";
import { listen, stopAll, type Stop } from "./listen.js";

/** What counts as the visitor doing something. */
const ACTIVITY = ["pointermove", "pointerdown", "mousemove", "mousedown", "keydown", "touchstart", "wheel", "scroll"];

/**
 * Calls `onIdle` once when there has been no pointer, key, touch or scroll input for `ms`.
 * `idleFor()` tells how long the visitor has been idle so far.
 *
 * @example
 * const watch = watchInactivity(env, 30_000, () => show());
 * watch.idleFor(); // ms since the last input
 * watch.stop();
 */
export function watchInactivity(env: Env, ms: number, onIdle: () => void): { idleFor(): number; stop: Stop } {
  let last = env.now();
  let timer: unknown;
  let done = false;
  const check = () => {
    const left = last + ms - env.now();
    if (left > 0) {
      timer = env.setTimeout(check, left);
      return;
    }
    done = true;
    stopAll(stops);
    onIdle();
  };
  const active = () => void (last = env.now());
  const stops: Stop[] = ACTIVITY.map((type) => listen(env, type === "scroll" ? env.window : env.document, type, active, true));
  stops.push(() => env.clearTimeout(timer));
  timer = env.setTimeout(check, ms);
  return {
    idleFor: () => (done ? ms : env.now() - last),
    stop: () => stopAll(stops),
  };
}

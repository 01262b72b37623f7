import type { Env } from "../../env/env.js";
import { countMatches, watchDelegated, watchVisible } from "../../track/signals/element.js";
import { isTouchOnly, watchExitIntent } from "../../track/signals/exit-intent.js";
import { watchInactivity } from "../../track/signals/inactivity.js";
import { listen, stopAll, type Stop } from "../../track/signals/listen.js";
import { scrollDepth, watchScroll, type ScrollDepth } from "../../track/signals/scroll.js";
import { siteClock } from "../../track/signals/time-on-site.js";
import type { SignalTriggers, Triggerable } from "./arm.js";

type Fire = (reason: string) => void;
interface Armed {
  describe(): string;
  stop?: Stop;
}

/**
 * Arms the triggers that watch the page itself: scroll, exit_intent, inactivity,
 * time_on_site, click, visible, form_submit. Loaded on demand by `armTriggers`.
 * `done(id, reason)` is called once per widget; its listeners go at once.
 */
export function armSignalTriggers(
  widgets: readonly Triggerable[],
  env: Env,
  done: (id: string, reason: string) => void,
  wanted: (id: string) => boolean = () => true,
): SignalTriggers {
  const armed = new Map<string, Armed>();
  const pageStart = env.now();

  const arm = (widget: Triggerable, fire: Fire): Armed => {
    const trigger = widget.trigger;
    const wait = formatMs(trigger.afterMs);
    switch (trigger.kind) {
      case "scroll": {
        const { px, percent = 100 } = trigger;
        const goal = px === undefined ? `${percent}%` : `${px}px`;
        const reached = (depth: ScrollDepth) => (px === undefined ? depth.max > 0 && depth.px >= (depth.max * percent) / 100 - 1 : depth.px >= px);
        const check = (depth: ScrollDepth) => reached(depth) && fire(`scrolled to ${goal}`);
        const stop = watchScroll(env, check);
        check(scrollDepth(env));
        return {
          stop,
          describe() {
            const depth = scrollDepth(env);
            const at = px === undefined ? `${Math.round(depth.percent)}%` : `${Math.round(depth.px)}px`;
            const short = px === undefined ? (depth.max ? "" : "; the page does not scroll") : depth.max < px ? `; the page scrolls only ${Math.round(depth.max)}px` : "";
            return `trigger: scroll, ${goal} not reached (at ${at}${short})`;
          },
        };
      }
      case "exit_intent": {
        const { sensitivity, mobile, backButton } = trigger;
        const touch = isTouchOnly(env);
        return {
          stop: watchExitIntent(env, { sensitivity, mobile, backButton, minTimeOnPage: trigger.afterMs, wanted: () => wanted(widget.id) }, fire),
          describe() {
            const left = Math.ceil((pageStart + trigger.afterMs - env.now()) / 1000);
            const what = !touch
              ? "waiting (desktop: pointer leaving through the top)"
              : mobile === false
                ? 'off on touch devices ("mobile": false)'
                : `waiting (touch: a fast scroll up, ${backButton === false ? "or coming back to the tab after 30s away" : "coming back to the tab after 30s away, or the back button"})`;
            return `trigger: exit_intent, ${what}${left > 0 ? `; armed in ${left}s` : ""}`;
          },
        };
      }
      case "inactivity": {
        const watch = watchInactivity(env, trigger.afterMs, () => fire(`no input for ${wait}`));
        return { stop: watch.stop, describe: () => `trigger: inactivity, ${wait} without input not reached (idle ${formatMs(watch.idleFor())})` };
      }
      case "time_on_site": {
        // The runtime's clock (the same one `visitor.secondsOnSite` reads); checked again when its time is due or the tab comes back.
        const clock = siteClock(env);
        const hidden = () => env.document?.visibilityState === "hidden";
        let timer: unknown;
        const check = () => {
          env.clearTimeout(timer);
          const left = trigger.afterMs - clock.total();
          if (left <= 0) fire(`${wait} on the site`);
          else if (!hidden()) timer = env.setTimeout(check, left);
        };
        const unlisten = listen(env, env.document, "visibilitychange", check);
        check();
        return {
          stop: () => stopAll([unlisten, () => env.clearTimeout(timer)]),
          describe: () => `trigger: time_on_site, ${wait} not reached (at ${formatMs(clock.total())} this session${hidden() ? ", paused while the tab is hidden" : ""})`,
        };
      }
      case "click":
      case "form_submit": {
        const { selector, kind } = trigger;
        const type = kind === "click" ? "click" : "submit";
        return {
          stop: watchDelegated(env, type, selector, () => fire(`${type} on ${selector}`)),
          describe: () => `trigger: ${kind}, waiting for a ${type} on "${selector}" (${countMatches(env, selector)} matching on this page)`,
        };
      }
      case "visible": {
        const { selector, threshold = 0.5 } = trigger;
        const share = `${Math.round(threshold * 100)}%`;
        // Every supported browser has it, but a hardened or embedded one may not: the widget then waits for ever, so say why.
        if (!env.window?.IntersectionObserver) env.console.info(`[nudge] widget "${widget.id}": this browser has no IntersectionObserver, so its "visible" trigger never fires`);
        return {
          stop: watchVisible(env, selector, threshold, () => fire(`${selector} ${share} in view`)),
          describe() {
            const found = env.window?.IntersectionObserver ? `${countMatches(env, selector)} matching on this page` : "no IntersectionObserver in this browser";
            return `trigger: visible, waiting for "${selector}" to be ${share} in view (${found})`;
          },
        };
      }
      default:
        return { describe: () => `trigger: ${trigger.kind}` };
    }
  };

  for (const widget of widgets) {
    let fired = false;
    let entry: Armed | undefined;
    const fire: Fire = (reason) => {
      if (fired) return;
      fired = true;
      entry?.stop?.();
      done(widget.id, reason);
    };
    try {
      entry = arm(widget, fire);
      if (fired) entry.stop?.();
    } catch (error) {
      env.console.warn(`[nudge] the trigger of widget "${widget.id}" could not be armed`, error);
      entry = { describe: () => `trigger: ${widget.trigger.kind}, could not be armed (${String(error)})` };
    }
    armed.set(widget.id, entry);
  }

  return {
    awaiting: (widget) => armed.get(widget.id)?.describe(),
    dispose() {
      stopAll([...armed.values()].map((entry) => entry.stop ?? (() => {})));
      armed.clear();
    },
  };
}

/** 30000 → "30s", 120000 → "2m", 1500 → "1.5s". */
function formatMs(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 100) / 10}s`;
}

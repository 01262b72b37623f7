import { useEffect, useState } from "preact/hooks";
import { deadlineOf, timeLeft, type CountdownSpec, type TimeLeft } from "./countdown.js";

/**
 * The deadline of a widget's countdown for this visitor, stored on first show when evergreen, and
 * the time left, ticking. `expired` turns true once the time is up, for good.
 *
 * @example
 * const timer = useDeadline(content.countdown, props);
 * if (timer?.expired) return null;
 */
export function useDeadline(
  spec: CountdownSpec | undefined,
  props: { state?: Readonly<Record<string, unknown>>; saveState?(patch: Record<string, unknown>): void },
  onExpire?: () => void,
): { deadline: number; left: TimeLeft; expired: boolean } | undefined {
  // The deadline is fixed at first render (and stored at once, so another tab sees the same one).
  const [found] = useState(() => {
    const result = spec ? deadlineOf(spec, props.state, Date.now()) : undefined;
    if (result?.save) props.saveState?.(result.save);
    return result;
  });
  const left = useTimeLeft(found?.deadline, onExpire);
  if (!found || !left) return undefined;
  return { deadline: found.deadline, left, expired: left.total <= 0 };
}

/**
 * The time left until `deadline`, re-rendered on every second boundary until it is over.
 * `onExpire` runs once, when the time is up (also at once when it was already up).
 *
 * @example
 * const left = useTimeLeft(deadline, () => close("api"));
 */
export function useTimeLeft(deadline: number | undefined, onExpire?: () => void): TimeLeft | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      const at = Date.now();
      setNow(at);
      const left = deadline - at;
      if (left <= 0) return onExpire?.();
      // Wake just after the next whole second of the time left, so the digits change in step.
      timer = setTimeout(tick, (left % 1000 || 1000) + 15);
    };
    tick();
    return () => clearTimeout(timer);
  }, [deadline]);
  return deadline === undefined ? undefined : timeLeft(deadline - now);
}

import { useEffect, useState } from "preact/hooks";
import { deadlineOf, timeLeft, type CountdownSpec, type TimeLeft } from "./countdown.js";
import { stringsFor } from "./i18n.js";
import { offerStrings, pluralOf } from "./offer-strings.js";

const pad = (n: number) => String(n).padStart(2, "0");

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
 * A ticking countdown: big digits for the eye (hidden from screen readers, which would hear every
 * second) and a sentence for assistive technology that changes once a minute, e.g. "Offer ends in
 * 2 hours 14 minutes", inside a `<time>` with the deadline.
 */
export function Countdown({ left, deadline, label, locale, class: className = "" }: { left: TimeLeft; deadline: number; label?: string; locale: string; class?: string }) {
  const s = stringsFor(offerStrings, locale);
  const units: Array<[number, string, string]> = [
    [left.days, s.d, s.days],
    [left.hours, s.h, s.hours],
    [left.minutes, s.m, s.minutes],
    [left.seconds, s.s, s.seconds],
  ];
  const shown = left.days ? units.slice(0, 3) : units.slice(1);
  // Spoken: the two largest units (seconds only in the last minute), so it changes at most once a minute.
  const spokenUnits = left.days ? units.slice(0, 2) : left.hours ? units.slice(1, 3) : left.minutes ? units.slice(2, 3) : units.slice(3);
  const spoken = spokenUnits.map(([n, , forms]) => pluralOf(locale, n, forms)).join(" ");
  const heading = label ?? s.endsIn;
  return (
    <div class={`nudge-cd ${className}`}>
      <span class="nudge-cd__label" aria-hidden="true">
        {heading}
      </span>
      <time class="nudge-sr" dateTime={new Date(deadline).toISOString()}>
        {`${heading} ${spoken}`}
      </time>
      <span class="nudge-cd__digits" aria-hidden="true">
        {shown.map(([n, unit]) => (
          <span class="nudge-cd__unit" key={unit}>
            <span class="nudge-cd__n">{pad(n)}</span>
            <span class="nudge-cd__u">{unit}</span>
          </span>
        ))}
      </span>
    </div>
  );
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

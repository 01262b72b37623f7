import type { TimeLeft } from "./countdown.js";
import { stringsFor } from "./i18n.js";
import { offerStrings, pluralOf } from "./offer-strings.js";

const pad = (n: number) => String(n).padStart(2, "0");

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

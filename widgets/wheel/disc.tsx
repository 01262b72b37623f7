import { segmentTones } from "./draw.js";
import type { WheelSegment } from "./schema.js";

/** A point at `radius` and `degrees` clockwise from 12 o'clock, in the disc's coordinates (centre 0,0). */
function at(radius: number, degrees: number): string {
  const rad = (degrees * Math.PI) / 180;
  return `${(radius * Math.sin(rad)).toFixed(2)} ${(-radius * Math.cos(rad)).toFixed(2)}`;
}

/**
 * The wheel's picture: equal segments clockwise from the top, labels along the radius. Decorative
 * (`aria-hidden`): the prizes are listed as text beside it. Colours come from the theme.
 */
export function Disc({ segments }: { segments: WheelSegment[] }) {
  const size = 360 / segments.length;
  const tones = segmentTones(segments.length);
  const R = 92;
  return (
    <svg class="nudge-wheel__svg" viewBox="-100 -100 200 200" aria-hidden="true" focusable="false">
      <circle class="nudge-wheel__rim" r="99" />
      {segments.map((segment, i) => {
        const start = i * size;
        const mid = start + size / 2;
        const path = segments.length === 1 ? "" : `M0 0L${at(R, start)}A${R} ${R} 0 ${size > 180 ? 1 : 0} 1 ${at(R, start + size)}Z`;
        // The label runs along the radius from the rim to the hub (about 62 units): long labels get smaller.
        const font = Math.min(11.5, Math.max(6.5, 62 / (0.64 * Math.max(segment.label.length, 1))));
        // Labels on the left half are turned round, so that none reads upside down on the wheel at rest.
        const left = mid > 180;
        return (
          <g key={i}>
            <path class={`nudge-wheel__seg nudge-wheel__seg--${tones[i]}`} d={path} />
            <text
              class={`nudge-wheel__label nudge-wheel__label--${tones[i]}`}
              transform={left ? `rotate(${mid + 90}) translate(${-(R - 8)} 0)` : `rotate(${mid - 90}) translate(${R - 8} 0)`}
              text-anchor={left ? "start" : "end"}
              dominant-baseline="central"
              font-size={font}
            >
              {segment.label}
            </text>
          </g>
        );
      })}
      {Array.from({ length: segments.length * 2 }, (_, i) => (
        <circle key={i} class="nudge-wheel__bulb" r="1.8" cx={0} cy={-96} transform={`rotate(${(i * size) / 2})`} />
      ))}
      <circle class="nudge-wheel__hub" r="15" />
      <circle class="nudge-wheel__hub-dot" r="5" />
    </svg>
  );
}

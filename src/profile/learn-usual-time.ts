import type { EventHistory } from "../rules/condition/types.js";
import { hoursApart, MIN_ACTIVE_DAYS, type UsualTime } from "./usual-time.js";

// Apart from usual-time.ts (what the trigger arming needs on every page): the derived facts' chunk only.

/**
 * Learns when the visitor usually comes from the page views the profile already keeps: the hour
 * from the last raw page views (each hour counted once per day, so one long evening does not
 * outweigh a habit), the weekdays from the per-day counts. Bounded work whatever the history.
 *
 * @example
 * usualTime(profile.events.page_view, Date.now()); // { usualHour: 20, usualWeekdays: [1, 3], activeNow: false }
 */
export function usualTime(views: EventHistory | undefined, now: number): UsualTime {
  const dayHours = new Set<string>();
  const days = new Set<string>();
  for (const { t } of views?.recent ?? []) {
    const at = new Date(t);
    const day = `${at.getFullYear()}-${at.getMonth()}-${at.getDate()}`;
    days.add(day);
    dayHours.add(`${day}|${at.getHours()}`);
  }
  if (days.size < MIN_ACTIVE_DAYS) return { usualHour: null, usualWeekdays: [], activeNow: false };
  const perHour = new Array<number>(24).fill(0);
  for (const key of dayHours) perHour[Number(key.split("|")[1])]++;
  // Ties go to the later hour of the day: evenings are when most shops' visitors come back.
  const usualHour = perHour.reduce((best, n, hour) => (n >= perHour[best] ? hour : best), 0);
  return { usualHour, usualWeekdays: usualWeekdays(views?.days ?? {}), activeNow: hoursApart(new Date(now).getHours(), usualHour) <= 1 };
}

function usualWeekdays(days: Record<string, number>): number[] {
  const perWeekday = new Array<number>(7).fill(0);
  // Day numbers count local days since 1970-01-01, a Thursday (weekday 4).
  for (const day in days) if (days[day] > 0) perWeekday[(((Number(day) + 4) % 7) + 7) % 7]++;
  const top = Math.max(...perWeekday);
  return perWeekday.flatMap((n, weekday) => (top && n * 2 >= top ? [weekday] : []));
}

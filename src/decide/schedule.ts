import type { Schedule } from "../rules/schema/rules-schema.js";

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const MINUTE = 60_000;

/**
 * A local date "2026-12-01" or date and time "2026-12-31T23:59" as a time in
 * the visitor's time zone. For `end`, the moment just after it ends: a date
 * alone covers the whole day, a time the whole minute (or second). Null for a
 * date that does not exist (2026-02-30), undefined for anything else.
 */
export function parseLocalDate(text: string, edge: "start" | "end"): number | null | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const date = new Date(year, month - 1, day, hour, minute, second);
  const real = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day && hour < 24 && minute < 60 && second < 60;
  if (!real) return null;
  if (edge === "start") return date.getTime();
  if (m[4] === undefined) return new Date(year, month - 1, day + 1).getTime();
  return date.getTime() + (m[6] === undefined ? MINUTE : 1000);
}

/** A schedule ready to check: times in ms, the rest as given. */
export interface CompiledSchedule {
  start?: number;
  end?: number;
  weekdays?: number[];
  hours?: { from: number; to: number };
  source: Schedule;
}

export function compileSchedule(schedule: Schedule): CompiledSchedule {
  return {
    start: schedule.start ? parseLocalDate(schedule.start, "start") ?? undefined : undefined,
    end: schedule.end ? parseLocalDate(schedule.end, "end") ?? undefined : undefined,
    weekdays: schedule.weekdays,
    hours: schedule.hours,
    source: schedule,
  };
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Why the schedule keeps a widget back at `now` (visitor's local time), in words; empty when it is on. */
export function scheduleBlocks(schedule: CompiledSchedule | undefined, now: number): string[] {
  if (!schedule) return [];
  const blocks: string[] = [];
  const { source } = schedule;
  if (schedule.start !== undefined && now < schedule.start) blocks.push(`schedule.start: starts ${source.start}, ${formatWait(schedule.start - now)} from now`);
  if (schedule.end !== undefined && now >= schedule.end) blocks.push(`schedule.end: ended ${source.end}`);
  const local = new Date(now);
  if (schedule.weekdays && !schedule.weekdays.includes(local.getDay())) {
    blocks.push(`schedule.weekdays: today is ${WEEKDAYS[local.getDay()]} (${local.getDay()}), shows on ${schedule.weekdays.map((d) => WEEKDAYS[d]).join(", ")}`);
  }
  if (schedule.hours && !inHours(local.getHours(), schedule.hours)) {
    blocks.push(`schedule.hours: it is ${local.getHours()}:${String(local.getMinutes()).padStart(2, "0")}, shows from ${schedule.hours.from}:00 to ${schedule.hours.to}:00`);
  }
  return blocks;
}

function inHours(hour: number, { from, to }: { from: number; to: number }): boolean {
  return from <= to ? hour >= from && hour < to : hour >= from || hour < to;
}

/** "45s", "12m", "23h", "2d 3h": how long until something, for explain(). */
export function formatWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.ceil(minutes / 60);
  if (hours < 24) return `${hours}h`;
  const days = Math.floor(ms / 86_400_000);
  const rest = Math.ceil((ms - days * 86_400_000) / 3_600_000);
  return rest === 24 ? `${days + 1}d` : rest ? `${days}d ${rest}h` : `${days}d`;
}

/** "45s", "1h 30m", "2d 3h": how long ago something happened, for explain(). */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

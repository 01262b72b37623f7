import type { Schedule } from "../rules/schema/rules-schema.js";
import type { Reason } from "./reason.js";

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
  const date = localDate(year, month - 1, day, hour, minute, second);
  const real = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day && hour < 24 && minute < 60 && second < 60;
  if (!real) return null;
  if (edge === "start") return date.getTime();
  if (m[4] === undefined) return localDate(year, month - 1, day + 1).getTime();
  return date.getTime() + (m[6] === undefined ? MINUTE : 1000);
}

/** `new Date(year, …)` reads years 0–99 as 1900–1999; setting the year afterwards keeps "0001" the year 1. */
function localDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const date = new Date(2000, 0, 1, hour, minute, second);
  date.setFullYear(year, month, day);
  return date;
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
    start: schedule.start ? (parseLocalDate(schedule.start, "start") ?? undefined) : undefined,
    end: schedule.end ? (parseLocalDate(schedule.end, "end") ?? undefined) : undefined,
    weekdays: schedule.weekdays,
    hours: schedule.hours,
    source: schedule,
  };
}

/** Why the schedule keeps a widget back at `now` (visitor's local time), as data (explain-words.ts writes it out); empty when it is on. */
export function scheduleBlocks(schedule: CompiledSchedule, now: number): Reason[] {
  const blocks: Reason[] = [];
  const { source } = schedule;
  if (schedule.start !== undefined && now < schedule.start) blocks.push(["schedule.start", source.start, schedule.start - now]);
  if (schedule.end !== undefined && now >= schedule.end) blocks.push(["schedule.end", source.end]);
  const local = new Date(now);
  if (schedule.weekdays && !schedule.weekdays.includes(local.getDay())) blocks.push(["schedule.weekdays", local.getDay(), schedule.weekdays]);
  if (schedule.hours && !inHours(local.getHours(), schedule.hours)) blocks.push(["schedule.hours", local.getHours(), local.getMinutes(), schedule.hours.from, schedule.hours.to]);
  return blocks;
}

function inHours(hour: number, { from, to }: { from: number; to: number }): boolean {
  return from <= to ? hour >= from && hour < to : hour >= from || hour < to;
}

/** Why a widget's schedule keeps it back at a moment (see `scheduleBlocks`); empty when it is on. */
export type ScheduleGate = (now: number) => Reason[];

/**
 * A widget's schedule, compiled once. This module loads only for a rules file
 * that schedules something, so the gate comes as a function the decider calls.
 */
export function scheduleGate(schedule: Schedule): ScheduleGate {
  const compiled = compileSchedule(schedule);
  return (now) => scheduleBlocks(compiled, now);
}

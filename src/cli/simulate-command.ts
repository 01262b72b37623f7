/// <reference types="node" />
import { readFile } from "node:fs/promises";
import { formatProblem, type RulesProblem } from "../rules/problems.js";
import { validateRules } from "../rules/validate.js";
import { simulate, type SimEvent, type SimResult } from "./simulate.js";
import { forceableVariants } from "./force-variant.js";
import { parseTimeline } from "./timeline.js";

type Print = (text: string) => void;

/**
 * `nudge simulate rules.json timeline.json [--json]`: exit 0 when every `expect`
 * held, 1 when one failed, 2 when an input cannot be read or used.
 */
export async function simulateCommand(rulesFile: string, timelineFile: string, json: boolean, out: Print, err: Print): Promise<number> {
  const rulesJson = await readJson(rulesFile, err);
  const timelineJson = await readJson(timelineFile, err);
  if (rulesJson === undefined || timelineJson === undefined) return 2;

  // The runtime validates the rules itself (and skips what is broken); the problems are listed first, with their paths.
  const { rules, problems } = validateRules(rulesJson);
  const ids = Array.isArray((rulesJson as { widgets?: unknown })?.widgets)
    ? ((rulesJson as { widgets: Array<{ id?: unknown }> }).widgets.map((w) => w?.id).filter((id) => typeof id === "string") as string[])
    : [];
  const parsed = parseTimeline(timelineJson, ids, forceableVariants(rulesJson));
  if (!json) {
    if (problems.length) {
      out(`${rulesFile}: ${problems.length} problem(s)`);
      for (const problem of problems) out(`  ${formatProblem(problem)}`);
      out(rules ? `${rules.widgets.length} widget(s) are still usable; the others are skipped.\n` : "The rules file cannot be used as it is.");
    }
    if (parsed.problems.length) {
      err(`${timelineFile}: ${parsed.problems.length} problem(s)`);
      for (const problem of parsed.problems) err(`  ${formatProblem(problem)}`);
    }
  }
  if (!rules || !parsed.timeline) {
    if (json) out(JSON.stringify({ ok: false, rules: rulesFile, timeline: timelineFile, problems, timelineProblems: parsed.problems }, null, 2));
    return 2;
  }
  const result = await simulate(rulesJson as Record<string, unknown>, parsed.timeline);
  const zone = parsed.timeline.timezone;
  if (json) out(JSON.stringify(jsonReport(result, { rulesFile, timelineFile, zone, problems }), null, 2));
  else {
    out(`Simulating ${timelineFile} against ${rulesFile}, from ${clockTime(result.start, zone, true)} (${zone})`);
    for (const event of result.events) for (const line of textLines(event, result.start, zone)) out(line);
    out("");
    out(summary(result));
  }
  return result.failed.length ? 1 : 0;
}

async function readJson(file: string, err: Print): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    err(`${file}: ${(error as Error).message}`);
    return undefined;
  }
}

/** `+0s`, `+2s`, `+1d 2h`, `+31m 5s`: time since the timeline's start, largest units first. */
export function elapsed(ms: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, ms);
  for (const [unit, size] of [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
  ] as const) {
    if (rest >= size) parts.push(`${Math.floor(rest / size)}${unit}`);
    rest %= size;
  }
  if (rest || !parts.length) parts.push(`${Math.round(rest) / 1000}s`);
  return `+${parts.join(" ")}`;
}

function clockTime(time: number, zone: string, withYear = false): string {
  const options: Intl.DateTimeFormatOptions = { timeZone: zone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  return new Intl.DateTimeFormat("en-GB", withYear ? { ...options, year: "numeric" } : options).format(time);
}

function textLines(event: SimEvent, start: number, zone: string): string[] {
  const time = elapsed(event.at).padEnd(9);
  const pad = " ".repeat(11);
  if (event.type === "page") return [`${time}${event.text}   (${clockTime(start + event.at, zone)})`];
  if (event.type !== "explain") return [`${time}${event.text}`];
  const lines = [`${time}${event.text}`];
  for (const widget of event.explain ?? []) {
    if (widget.wouldShow) lines.push(`${pad}${widget.id}: would show now`);
    else {
      lines.push(`${pad}${widget.id}: blocked by`);
      for (const reason of widget.blockedBy) lines.push(`${pad}  - ${reason}`);
    }
  }
  if (!event.explain?.length) lines.push(`${pad}(no page viewed yet)`);
  return lines;
}

function summary(result: SimResult): string {
  const shown = result.events.filter((e) => e.type === "shown").length;
  const head = `${shown} widget show(s).`;
  if (!result.checks) return `${head} No expectations in this timeline.`;
  if (!result.failed.length) return `${head} All ${result.checks} expectation(s) held.`;
  const steps = [...new Set(result.failed.map((e) => `steps[${e.step}]`))].join(", ");
  return `${head} ${result.failed.length} of ${result.checks} expectation(s) failed: ${steps}.`;
}

function jsonReport(result: SimResult, meta: { rulesFile: string; timelineFile: string; zone: string; problems: RulesProblem[] }) {
  return {
    ok: result.failed.length === 0,
    rules: meta.rulesFile,
    timeline: meta.timelineFile,
    start: new Date(result.start).toISOString(),
    timezone: meta.zone,
    problems: meta.problems,
    checks: result.checks,
    failed: result.failed.length,
    events: result.events.map((event) => ({ ...event, time: elapsed(event.at) })),
  };
}

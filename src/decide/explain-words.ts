import type { Facts } from "../profile/facts.js";
import { PAGE_DIALOG_BLOCK } from "../track/signals/page-dialog.js";
import { formatElapsed, formatWait } from "./format-time.js";
import type { Reason } from "./reason.js";
import { traceWhen } from "./trace-when.js";

/**
 * explain()'s words: each gate's reason (data from the decider, see reason.ts) as the sentence a
 * developer reads, with a failing `when` traced test by test. Its own chunk, loaded with
 * `explain()`, the debug view, `nudge simulate` or a `show()` that was refused: a page view that
 * only decides never downloads it.
 *
 * @example
 * say([["frequency.session", 1, 1]]); // ["frequency.session: shown 1 of 1 times this session"]
 */
export function say(reasons: readonly Reason[]): string[] {
  return reasons.flatMap((reason) => {
    try {
      return typeof reason === "string" ? [reason] : words(reason);
    } catch {
      return [String(reason[0])]; // values a lying stamp made odd: the gate's name still says where
    }
  });
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const GENERIC_WHEN = "when: conditions do not hold for the current facts";

function words([gate, a, b, c, d]: readonly [string, ...unknown[]]): string[] {
  switch (gate) {
    case "trigger":
      return ["trigger: waits for the first page view"];
    case "prepare":
      return [`prepare: ${a}`];
    case "when":
      return whenLines(a as Record<string, unknown> | undefined, b as Facts, c as Record<string, Record<string, unknown>>);
    case "frequency.session":
      return [`${gate}: shown ${a} of ${b} times this session`];
    case "frequency.day":
      return [`${gate}: shown ${a} of ${b} times today`];
    case "frequency.total":
      return [`${gate}: shown ${a} of ${b} times in total`];
    case "frequency.stopAfter":
      return [`${gate}: ${a === "dismissed" ? "dismissed by the visitor" : a} (${b} time(s)), never shown again`];
    case "frequency.cooldown.afterShown":
    case "frequency.cooldown.afterClosed":
    case "frequency.cooldown.afterConverted":
      // afterShown → "shown": what happened that long ago.
      return [`${gate}: ${gate.slice(24).toLowerCase()} ${formatElapsed(a as number)} ago, eligible again in ${formatWait(b as number)}`];
    case "after":
      return [
        b === undefined
          ? `after: "${a}" has not been shown to this visitor yet`
          : `after: "${a}" was shown ${formatElapsed(b as number)} ago, eligible in ${formatWait(c as number)}`,
      ];
    case "after.notConverted":
      return [`${gate}: "${a}" converted ${formatElapsed(b as number)} ago`];
    case "schedule.start":
      return [`${gate}: starts ${a}, ${formatWait(b as number)} from now`];
    case "schedule.end":
      return [`${gate}: ended ${a}`];
    case "schedule.weekdays":
      return [`${gate}: today is ${WEEKDAYS[a as number]} (${a}), shows on ${(b as number[]).map((day) => WEEKDAYS[day]).join(", ")}`];
    case "schedule.hours":
      return [`${gate}: it is ${a}:${String(b).padStart(2, "0")}, shows from ${c}:00 to ${d}:00`];
    case "group":
      return [`group "${a}": a widget of this group already showed on this page`];
    case "settings.groups":
      return [`settings.groups.${a}.maxPerSession: ${b} already shown this session`];
    case "settings.maxPerPage":
      return [`${gate}: ${a} already shown on this page`];
    case "settings.maxPerSession":
      return [`${gate}: ${a} already shown this session`];
    case "settings.quietPeriod":
      return [`${gate}: another widget showed ${a}s ago`];
    case "one modal at a time":
      return [`${gate}: "${a}" is showing${b ? " in another tab" : ""}`];
    case "page dialog":
      return [PAGE_DIALOG_BLOCK];
    case "settings.holdout":
      return [`${gate}: this visitor is in the site-wide control group (${a}% of visitors): no widget shows, counted as eligible`];
    case "holdout":
      return [`${gate}: this visitor is in the control group (${a}% of visitors): counted as eligible, shown nothing`];
    case "render":
      return ["render: it did not reach the screen (see the problem reported before)"];
    case "unknown":
      return [`no widget with id "${a}" in the rules`];
    default:
      return [gate]; // "already showing", and any gate this chunk has no sentence for
  }
}

/** A failing `when`, test by test (`when: cart.value: expected $gte 50, found 32.5`). */
function whenLines(source: Record<string, unknown> | undefined, facts: Facts, segments: Record<string, Record<string, unknown>>): string[] {
  if (!source) return [GENERIC_WHEN];
  try {
    const lines = traceWhen(source, facts, segments);
    return lines.length ? lines.map((line) => `when: ${line}`) : [GENERIC_WHEN];
  } catch {
    return [GENERIC_WHEN];
  }
}

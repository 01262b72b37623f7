import { compileValue } from "../condition/compile.js";
import { countEvents, compileEventSpec, lastEventTime, needsClock, readHistory, type EventSpec } from "../condition/event.js";
import { childPath } from "../condition/problem-path.js";
import { readOwn } from "../condition/path.js";
import { DAY_MS, readNow } from "../condition/time.js";
import { describeCount, formatAgo, formatDuration, formatValue } from "./format.js";
import { fail, PASS, type TraceContext } from "./result.js";
import type { FactsTest } from "../condition/types.js";
import type { TraceResult } from "./types.js";

/** Interprets a `where` condition (the trace's own interpreter, passed in to avoid a cycle). */
export type WhereInterpreter = (where: unknown) => FactsTest;

/** Traces `$event` in the order the compiled `testEvent` tests it; reports the first miss. */
export function traceEvent(operand: unknown, context: TraceContext, path: string, where: WhereInterpreter): TraceResult {
  const { root } = context;
  const spec = compileEventSpec(operand, { count: (count) => compileValue(count, context.compileOptions), where });
  const eventPath = childPath(path, "$event");
  const miss = (expected: unknown, actual: unknown, message: string) => fail({ path: eventPath, operator: "$event", expected, actual, message });
  if (!spec) return miss(operand, undefined, `$event: not a valid event test`);
  const label = describeEvent(operand, spec);
  const now = readNow(root);
  if (now === undefined && needsClock(spec)) {
    return miss(operand, undefined, `${label}: time.now is missing, so a time window cannot be checked`);
  }
  const clock = now ?? 0;
  const history = readHistory(root, spec.name);
  if (spec.count) {
    const count = countEvents(spec, history, root, clock);
    const expected = describeCount(readOwn(operand, "count"));
    if (count === undefined) return miss(expected, undefined, `${label}: count unknown, ${missingData(spec, false)}`);
    if (!spec.count(count, root)) {
      const scope = spec.within === undefined && !spec.where ? " (all time)" : "";
      return miss(expected, count, `${label}: count ${count}${scope}, expected ${expected}`);
    }
  }
  const name = `$event ${spec.name}${spec.where ? ` where ${formatValue(readOwn(operand, "where"))}` : ""}`;
  if (spec.lastWithin !== undefined) {
    const last = lastEventTime(spec, history, root);
    const window = formatDuration(readOwn(operand, "lastWithin"));
    if (last === null) return miss(window, null, `${name}: never happened, expected within ${window}`);
    if (last === undefined) return miss(window, undefined, `${name}: last time unknown, ${missingData(spec, true)}`);
    if (last < clock - spec.lastWithin) return miss(window, last, `${name}: last happened ${formatAgo(clock - last)}, expected within ${window}`);
  }
  if (spec.notWithin !== undefined) {
    const last = lastEventTime(spec, history, root);
    const window = formatDuration(readOwn(operand, "notWithin"));
    if (last === undefined) return miss(window, undefined, `${name}: last time unknown, ${missingData(spec, true)}`);
    if (last !== null && last >= clock - spec.notWithin) {
      return miss(window, last, `${name}: happened ${formatAgo(clock - last)}, expected not within ${window}`);
    }
  }
  return PASS;
}

/** "$event add_to_cart within 7d where {...}" */
function describeEvent(operand: unknown, spec: EventSpec): string {
  const within = readOwn(operand, "within");
  const where = readOwn(operand, "where");
  return `$event ${spec.name}${within === undefined ? "" : ` within ${formatDuration(within)}`}${where === undefined ? "" : ` where ${formatValue(where)}`}`;
}

/** Which history field was missing, as `countEvents` or `lastEventTime` would need it. */
function missingData(spec: EventSpec, forLast: boolean): string {
  let field = "days";
  if (spec.where || (!forLast && spec.within !== undefined && spec.within < DAY_MS)) field = "recent";
  else if (forLast) field = "last";
  else if (spec.within === undefined) field = "count";
  return `events.${spec.name} has no usable "${field}"`;
}

/**
 * The envelope check for measured events arriving at a collector: the shape
 * `envelope()` builds in the browser (src/measure/event.ts), with bounds on
 * every string so one bad client cannot fill the database. Unknown keys are
 * dropped; a bad event is named by its index and the field at fault.
 */
import * as z from "zod/mini";
import { MEASURED_EVENTS, type MeasureEvent } from "../measure/event.js";

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const optionalText = (max: number) => z.optional(z.string().check(z.maxLength(max)));

function build() {
  z.config({ jitless: true }); // no `new Function`, as everywhere in Nudge
  return z.object({
    id: text(128),
    name: z.enum(MEASURED_EVENTS as [MeasureEvent["name"], ...MeasureEvent["name"][]]),
    time: z.number().check(z.gte(0)),
    visitor: text(128),
    session: text(128),
    widget: text(128),
    type: text(64),
    variant: text(128),
    exposure: text(256),
    path: optionalText(2048),
    share: z.optional(z.number().check(z.gte(0), z.lte(1))),
    siteHoldout: z.optional(z.boolean()),
    value: z.optional(z.number()),
    currency: optionalText(8),
    goal: optionalText(128),
    order: optionalText(128),
    coupon: optionalText(64),
    reason: optionalText(64),
    action: optionalText(128),
    fields: z.optional(z.array(z.string().check(z.maxLength(128))).check(z.maxLength(50))),
  });
}

let schema: ReturnType<typeof build> | undefined;

export type EventCheck = { ok: true; event: MeasureEvent } | { ok: false; problem: string };

/** Checks one event; on failure, says which field and why (`time: expected number, received string`). */
export function checkEvent(input: unknown): EventCheck {
  schema ??= build();
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, event: result.data as MeasureEvent };
  const issue = result.error.issues[0];
  const where = issue.path.length ? issue.path.join(".") : "event";
  return { ok: false, problem: `${where}: ${describe(issue as unknown as Issue, input, issue.path)}` };
}

interface Issue {
  code: string;
  expected?: string;
  values?: unknown[];
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
  format?: string;
}

/** zod/mini carries no messages (bytes): say what was wrong in words. */
function describe(issue: Issue, input: unknown, path: PropertyKey[]): string {
  let received: unknown = input;
  for (const key of path) received = received && typeof received === "object" ? (received as Record<PropertyKey, unknown>)[key] : undefined;
  const got = received === null ? "null" : Array.isArray(received) ? "an array" : typeof received;
  switch (issue.code) {
    case "invalid_type":
      if (typeof received === "number" && !Number.isFinite(received)) return "not a finite number";
      if (issue.expected === "int" && typeof received === "number") return `expected a whole number, got ${received}`;
      return received === undefined ? `required (${issue.expected})` : `expected ${issue.expected}, got ${got}`;
    case "invalid_value":
      return `expected one of ${issue.values?.join(", ")}, got ${JSON.stringify(received)}`;
    case "too_big":
      return issue.origin === "string" || issue.origin === "array" ? `longer than ${issue.maximum}` : `above ${issue.maximum}`;
    case "too_small":
      return issue.origin === "string" ? "empty" : `below ${issue.minimum}`;
    default:
      return issue.format ?? issue.code.replace(/_/g, " ");
  }
}

import * as z from "zod/mini";
import { checkCondition } from "../condition/check.js";
import { parseDuration } from "../duration.js";
import { MAX_TIMER_MS } from "../limits.js";
import { duration } from "./duration-schema.js";

/** How long a trigger waits on one page: a browser timer cannot wait longer than `MAX_TIMER_MS` (24 days). */
function pageWait() {
  return duration().check(
    z.refine(
      (wait) => (parseDuration(wait) ?? 0) <= MAX_TIMER_MS,
      'at most "24d": a page cannot wait longer (a browser timer past 24.8 days fires at once); to wait between visits, use "frequency.cooldown" or "after"',
    ),
  );
}

/** A CSS selector; its syntax is checked by the validator (src/rules/lint/css-selector.ts), in Node too. */
function selector() {
  return z.string().check(z.minLength(1));
}

/** A condition over `{ props }` of an event; every operator problem is reported at its own path. */
function eventCondition() {
  return z.record(z.string(), z.unknown()).check(
    z.superRefine((value, ctx) => {
      for (const problem of checkCondition(value)) {
        ctx.addIssue({ code: "custom", message: problem.message, input: value, path: problem.path ? [problem.path] : [] });
      }
    }),
  );
}

function scrollTrigger() {
  return z
    .strictObject({
      type: z.literal("scroll"),
      percent: z.optional(z.number().check(z.positive(), z.lte(100, "must be at most 100"))),
      px: z.optional(z.number().check(z.positive())),
    })
    .check(
      z.superRefine((value, ctx) => {
        if ((value.percent === undefined) === (value.px === undefined)) {
          ctx.addIssue({ code: "custom", message: 'give either "percent" (1-100) or "px", not both or neither', input: value });
        }
      }),
    );
}

/** When a widget is due: the `trigger` of a widget in the rules file. */
export function triggerSchema() {
  return z.union([
    z.enum(["page_view", "manual", "exit_intent"]),
    z.discriminatedUnion("type", [
      z.strictObject({ type: z.literal("page_view") }),
      z.strictObject({ type: z.literal("delay"), after: pageWait() }),
      z.strictObject({ type: z.literal("manual") }),
      scrollTrigger(),
      z.strictObject({
        type: z.literal("exit_intent"),
        sensitivity: z.optional(z.number().check(z.nonnegative())),
        minTimeOnPage: z.optional(pageWait()),
        mobile: z.optional(z.boolean()),
        /** Touch devices: the back button counts (one extra history entry per page). Default true. */
        backButton: z.optional(z.boolean()),
      }),
      z.strictObject({ type: z.literal("inactivity"), after: pageWait() }),
      z.strictObject({ type: z.literal("time_on_site"), after: pageWait() }),
      z.strictObject({ type: z.literal("click"), selector: selector() }),
      z.strictObject({ type: z.literal("visible"), selector: selector(), threshold: z.optional(z.number().check(z.gte(0), z.lte(1, "must be at most 1 (the whole element)"))) }),
      z.strictObject({ type: z.literal("form_submit"), selector: selector() }),
      z.strictObject({ type: z.literal("event"), name: z.string().check(z.minLength(1)), where: z.optional(eventCondition()) }),
    ]),
  ]);
}

export type Trigger = z.infer<ReturnType<typeof triggerSchema>>;

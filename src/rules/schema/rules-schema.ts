import * as z from "zod/mini";
import { popupContentSchema } from "../../../widgets/popup/schema.js";
import { duration } from "./duration-schema.js";
import { triggerSchema } from "./trigger-schema.js";

/*
 * The rules file's schema: the single source of the runtime validator, the
 * TypeScript types (z.infer) and the JSON Schema (dist/rules.schema.json).
 * Built on first use, never at import, and with zod's JIT off (no `new Function`, CSP-safe).
 */


const positiveInt = () => z.int().check(z.positive());

/** A condition over the facts document; its operators are checked by the condition compiler. */
const condition = () => z.record(z.string(), z.unknown());

function frequencySchema() {
  return z.strictObject({
    session: z.optional(positiveInt()),
    day: z.optional(positiveInt()),
    total: z.optional(positiveInt()),
  });
}

/** Content schemas of the built-in widgets, by type. Custom types keep free-form content. */
export function builtinContentSchemas() {
  return { popup: popupContentSchema() } as Record<string, z.ZodMiniType>;
}

export function widgetSchema() {
  return z.strictObject({
    id: z.string().check(z.minLength(1)),
    type: z.string().check(z.minLength(1)),
    trigger: z.optional(triggerSchema()),
    when: z.optional(condition()),
    frequency: z.optional(frequencySchema()),
    priority: z.optional(z.number()),
    content: z.optional(z.record(z.string(), z.unknown())),
  });
}

export function settingsSchema() {
  return z.strictObject({
    locale: z.optional(z.string()),
    currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/, "a 3-letter ISO 4217 code such as \"USD\""))),
    quietPeriod: z.optional(duration()),
    maxPerPage: z.optional(positiveInt()),
    maxPerSession: z.optional(positiveInt()),
  });
}

/** The whole rules file; `widgets` holds any values so each widget can be checked (and skipped) on its own. */
function rulesEnvelopeSchema() {
  return z.strictObject({
    $schema: z.optional(z.string()),
    version: z.literal(1),
    settings: z.optional(settingsSchema()),
    segments: z.optional(z.record(z.string(), condition())),
    widgets: z.array(z.unknown()),
  });
}

function build() {
  // Must run before any schema exists: zod's JIT compiles validators with `new Function`, which strict CSP forbids.
  z.config({ jitless: true });
  return { envelope: rulesEnvelopeSchema(), widget: widgetSchema(), content: builtinContentSchemas() };
}

let cached: ReturnType<typeof build> | undefined;

/** Every schema the validator needs, built once on first use. */
export function schemas() {
  return (cached ??= build());
}

export type WidgetRule = z.infer<ReturnType<typeof widgetSchema>>;
export type RulesFile = Omit<z.infer<ReturnType<typeof rulesEnvelopeSchema>>, "widgets"> & { widgets: WidgetRule[] };
export type Settings = z.infer<ReturnType<typeof settingsSchema>>;
export type Frequency = z.infer<ReturnType<typeof frequencySchema>>;

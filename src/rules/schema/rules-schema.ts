import * as z from "zod/mini";
import { countdownCouponContentSchema } from "../../../widgets/countdown-coupon/schema.js";
import { carouselContentSchema } from "../../../widgets/carousel/schema.js";
import { popupContentSchema } from "../../../widgets/popup/schema.js";
import { contentSwapContentSchema } from "../../../widgets/content-swap/schema.js";
import { npsContentSchema } from "../../../widgets/nps/schema.js";
import { socialProofContentSchema } from "../../../widgets/social-proof/schema.js";
import { wheelContentSchema } from "../../../widgets/wheel/schema.js";
import { chatbotContentSchema } from "../../../widgets/chatbot/schema.js";
import { pushAskContentSchema } from "../../../widgets/push-ask/schema.js";
import { compareContentSchema } from "../../../widgets/compare/schema.js";
import { surveyContentSchema } from "../../../widgets/survey/schema.js";
import { parseRegex } from "../condition/regex.js";
import { regexHazard } from "../condition/regex-safety.js";
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
    /** How long to wait after the widget was last shown, closed (any way) or converted. */
    cooldown: z.optional(z.strictObject({ afterShown: z.optional(duration()), afterClosed: z.optional(duration()), afterConverted: z.optional(duration()) })),
    /** Never show it again once the visitor converted, or dismissed it (×, Esc, backdrop, "no thanks"). */
    stopAfter: z.optional(z.array(z.enum(["converted", "dismissed"]))),
  });
}

/** A follow-up: show only once another widget was shown at least this long ago (and, optionally, did not convert since). */
function afterSchema() {
  return z.strictObject({
    widget: z.string().check(z.minLength(1)),
    shownAtLeast: duration(),
    notConverted: z.optional(z.boolean()),
  });
}

/**
 * One arm of an A/B test: its share of the traffic and its own content (the layout too), and
 * optionally its own `trigger` (the moment, the delay) and `frequency`, which replace the widget's.
 */
function variantSchema() {
  return z.strictObject({
    id: z.string().check(z.minLength(1)),
    /** Relative share of the visitors (default 1); 0 pauses the variant for visitors not yet assigned. */
    weight: z.optional(z.number().check(z.nonnegative())),
    content: z.record(z.string(), z.unknown()),
    trigger: z.optional(triggerSchema()),
    frequency: z.optional(frequencySchema()),
  });
}

/** What counts as a conversion: a tracked event (matching `where`) within `within` after the widget was shown. */
function goalSchema() {
  return z.strictObject({
    event: z.string().check(z.minLength(1)),
    /** A condition over the event: `{ "name": …, "props": {…} }`. */
    where: z.optional(condition()),
    /** Default "7d". */
    within: z.optional(duration()),
  });
}

/** A local date "2026-12-01" or date and time "2026-12-31T23:59". */
export const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** When a widget may show, in the visitor's time zone. */
function scheduleSchema() {
  const date = () => z.string().check(z.regex(LOCAL_DATE_PATTERN, 'a local date "2026-12-01" or date and time "2026-12-31T23:59"'));
  return z.strictObject({
    start: z.optional(date()),
    /** Inclusive: a date alone runs to the end of that day, a time to the end of that minute. */
    end: z.optional(date()),
    /** 0 = Sunday … 6 = Saturday. */
    weekdays: z.optional(z.array(z.int().check(z.gte(0), z.lte(6)))),
    /** From `from`:00 up to (not including) `to`:00; `from` > `to` spans midnight. */
    hours: z.optional(z.strictObject({ from: z.int().check(z.gte(0), z.lte(23)), to: z.int().check(z.gte(0), z.lte(24)) })),
  });
}

/** Four score boundaries, in ascending order: a value reaching the n-th scores n + 1 (or, for recency, at most the n-th days scores 6 - n). */
function rfmBounds(item: () => z.ZodMiniNumber<number>) {
  return z.array(item()).check(z.refine((b) => b.length === 4 && b.every((v, i) => i === 0 || v > b[i - 1]), "four boundaries in ascending order, e.g. [14, 30, 90, 180]"));
}

/** RFM score boundaries: days since the last order, number of orders, money spent (defaults in `src/profile/rfm.ts`). */
function rfmSchema() {
  return z.strictObject({
    recencyDays: z.optional(rfmBounds(() => z.number().check(z.nonnegative()))),
    frequency: z.optional(rfmBounds(() => z.int().check(z.positive()))),
    monetary: z.optional(rfmBounds(() => z.number().check(z.nonnegative()))),
  });
}

/** Builders of the built-in widgets' content schemas, by type. Custom types keep free-form content. */
const contentSchemaBuilders: Record<string, () => z.ZodMiniType> = {
  popup: popupContentSchema,
  "countdown-coupon": countdownCouponContentSchema,
  "social-proof": socialProofContentSchema,
  nps: npsContentSchema,
  wheel: wheelContentSchema,
  "content-swap": contentSwapContentSchema,
  chatbot: chatbotContentSchema,
  carousel: carouselContentSchema,
  "push-ask": pushAskContentSchema,
  compare: compareContentSchema,
  survey: surveyContentSchema,
};

/** Content schemas of the built-in widgets, by type, all built now (for the JSON Schema and tests). */
export function builtinContentSchemas() {
  return Object.fromEntries(Object.entries(contentSchemaBuilders).map(([type, build]) => [type, build()])) as Record<string, z.ZodMiniType>;
}

/**
 * The same, each built on first read: building every widget type's schema was most of a first
 * visit's CPU, and a file uses one or two types (a popup-only file builds the popup's alone).
 */
function lazyContentSchemas(): Record<string, z.ZodMiniType> {
  const schemas: Record<string, z.ZodMiniType> = {};
  for (const [type, build] of Object.entries(contentSchemaBuilders)) {
    let built: z.ZodMiniType | undefined;
    Object.defineProperty(schemas, type, { enumerable: true, get: () => (built ??= build()) });
  }
  return schemas;
}

export function widgetSchema() {
  return z.strictObject({
    id: z.string().check(z.minLength(1)),
    type: z.string().check(z.minLength(1)),
    trigger: z.optional(triggerSchema()),
    when: z.optional(condition()),
    frequency: z.optional(frequencySchema()),
    /** Only once another widget was shown long enough ago: a follow-up. */
    after: z.optional(afterSchema()),
    priority: z.optional(z.number()),
    /** At most one widget of a group per page view (see also `settings.groups`). */
    group: z.optional(z.string().check(z.minLength(1))),
    schedule: z.optional(scheduleSchema()),
    content: z.optional(z.record(z.string(), z.unknown())),
    /** Instead of `content`: weighted variants, one sticky per visitor. */
    variants: z.optional(z.array(variantSchema()).check(z.minLength(1))),
    /** Percent of visitors (a control group) who never see it; they count as eligible. */
    holdout: z.optional(z.number().check(z.gte(0), z.lt(100))),
    goal: z.optional(goalSchema()),
  });
}

export function settingsSchema() {
  return z.strictObject({
    locale: z.optional(z.string()),
    currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/, 'a 3-letter ISO 4217 code such as "USD"'))),
    quietPeriod: z.optional(duration()),
    maxPerPage: z.optional(positiveInt()),
    maxPerSession: z.optional(positiveInt()),
    /** Caps per group of widgets (`"group": "promo"` on each). */
    groups: z.optional(z.record(z.string(), z.strictObject({ maxPerSession: z.optional(positiveInt()) }))),
    /** The catalog feed for recommendations: a URL (relative to the page) or the products inline; items are checked one by one. */
    catalog: z.optional(z.union([z.string().check(z.minLength(1)), z.array(z.unknown())])),
    /** `page.type` from the path: `{ "product": "^/shop/product" }` (regex strings, tried in the order home, category, product, cart, checkout). */
    pageTypes: z.optional(z.partialRecord(z.enum(["home", "category", "product", "cart", "checkout"]), regexString())),
    /** Where the RFM scores 1–5 change: `{ "recencyDays": [14, 30, 90, 180], "frequency": [2, 3, 5, 8], "monetary": [100, 250, 500, 1000] }`. */
    rfm: z.optional(rfmSchema()),
    /**
     * Percent of visitors (a site-wide control group) who see no widget at all, chosen by visitor
     * id; they count as eligible, so the report compares Nudge as a whole against no Nudge.
     */
    holdout: z.optional(z.number().check(z.gte(0), z.lt(100))),
    /** Trait names that identify() sets, read as `attributes.<name>`; `"company.*"` allows everything under a prefix. */
    traits: z.optional(z.array(z.string().check(z.minLength(1)))),
    /** Your own event names (from `track()`), for `$event`, `goal.event` and the `event` trigger. */
    events: z.optional(z.array(z.string().check(z.minLength(1)))),
    /** Widget types registered with `registerWidget()`; any other type that is not built in is an error. */
    customWidgets: z.optional(z.array(z.string().check(z.minLength(1)))),
    /** The Nudge collector's base URL (`nudge collect`), for unique coupon codes, server-drawn wheels and customer records. */
    collector: z.optional(z.string().check(z.minLength(1))),
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
  return { envelope: rulesEnvelopeSchema(), widget: widgetSchema(), content: lazyContentSchemas() };
}

let cached: ReturnType<typeof build> | undefined;

/** Every schema the validator needs, built once on first use. */
export function schemas() {
  return (cached ??= build());
}

/**
 * One widget of the rules file. The schema's *input* type (what you write): an inline rules object
 * with a misspelt key (`trigerr`) or a value outside an enum (`"exit-intent"`) fails `tsc`. The
 * schema has no transforms, so it is also what validation returns (checked below).
 */
export type WidgetRule = z.input<ReturnType<typeof widgetSchema>>;
/**
 * The rules file, as written and as validated. For a JSON file imported as a module, TypeScript
 * widens its strings (`"version": 1` becomes `number`): pass it `as RulesFile`; Nudge validates it
 * at run time anyway.
 */
export type RulesFile = Omit<z.input<ReturnType<typeof rulesEnvelopeSchema>>, "widgets"> & { widgets: WidgetRule[] };
export type Settings = z.infer<ReturnType<typeof settingsSchema>>;
export type Frequency = z.infer<ReturnType<typeof frequencySchema>>;
export type After = z.infer<ReturnType<typeof afterSchema>>;
export type Goal = z.infer<ReturnType<typeof goalSchema>>;
export type Schedule = z.infer<ReturnType<typeof scheduleSchema>>;

/** Fails to compile if a schema gains a transform or default: input and output would then differ, and `RulesFile` must split. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
// biome-ignore lint/correctness/noUnusedVariables: a compile-time assertion, never referenced
type InputIsOutput = Holds<
  Same<WidgetRule, z.output<ReturnType<typeof widgetSchema>>> & Same<z.input<ReturnType<typeof rulesEnvelopeSchema>>, z.output<ReturnType<typeof rulesEnvelopeSchema>>>
>;

/** A regular expression that compiles and cannot backtrack for seconds (see `regexHazard`). */
function regexString() {
  return z.string().check(
    z.superRefine((pattern, ctx) => {
      const hazard = typeof parseRegex(pattern) === "string" ? "is not a valid regular expression" : regexHazard(pattern);
      if (hazard) ctx.addIssue({ code: "custom", message: `${JSON.stringify(pattern)} ${hazard}`, input: pattern });
    }),
  );
}

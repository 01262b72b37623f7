import { closest, type RulesProblem } from "../rules/problems.js";
import { parseDuration } from "../rules/duration.js";
import { BASE_URL } from "./fake-env.js";
import type { JsonObject } from "../core/types.js";

/** What the timeline can check at a moment; each list names widget ids. */
export interface Expectation {
  /** On screen now. */
  shown?: string[];
  /** Not on screen now. */
  notShown?: string[];
  /** Converted at some point so far. */
  converted?: string[];
  notConverted?: string[];
  /** explain() of the widget names a reason containing this text, e.g. `{ "welcome-offer": "frequency.session" }`. */
  blockedBy?: Record<string, string>;
}

export type Action =
  | { kind: "page"; url: string }
  | { kind: "wait" | "advance"; ms: number }
  | { kind: "event"; name: string; props: JsonObject }
  | { kind: "call"; method: "cart.add" | "cart.remove" | "cart.set" | "cart.clear" | "purchase" | "identify" | "show" | "hide"; args: unknown[] }
  | { kind: "close"; reason: "button" | "escape" | "backdrop" | "dismiss" }
  | { kind: "click" | "convert" }
  | { kind: "expect"; expect: Expectation }
  | { kind: "explain"; id?: string }
  /** From the next page on, the rules with this widget in this variant (or "holdout"). */
  | { kind: "force"; widget: string; variant: string }
  /** A new visitor (nothing stored) whose first visit starts on this page, e.g. by a UTM link. */
  | { kind: "arrive"; url: string }
  /** The page scrolled this far down (percent): scroll triggers up to it fire. */
  | { kind: "scroll"; percent: number }
  /** The pointer leaves through the top of the window: exit_intent triggers fire. */
  | { kind: "exitIntent" }
  /** The visitor clicks an element matching this selector: click triggers on that selector fire. */
  | { kind: "clickOn"; selector: string }
  | { kind: "note" };

export type Step = Action & { index: number; note?: string };

export interface Visitor {
  id?: string;
  traits?: JsonObject;
  language: string;
  userAgent: string;
  width: number;
  seed: number;
}

export interface Timeline {
  /** As written; read in `timezone` once that is the process's zone. */
  start: string;
  timezone: string;
  visitor: Visitor;
  steps: Step[];
}

const KINDS = [
  "page",
  "wait",
  "advance",
  "event",
  "cart.add",
  "cart.remove",
  "cart.set",
  "cart.clear",
  "purchase",
  "identify",
  "close",
  "click",
  "convert",
  "show",
  "hide",
  "expect",
  "explain",
  "force",
  "arrive",
  "scroll",
  "exitIntent",
  "clickOn",
  "note",
];
const CLOSE_REASONS = ["button", "escape", "backdrop", "dismiss"] as const;
const EXPECT_KEYS = ["shown", "notShown", "converted", "notConverted", "blockedBy"];
const AGENTS: Record<string, string> = {
  desktop: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
  mobile: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
  tablet: "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const didYouMean = (word: string, candidates: readonly string[]) => {
  const guess = closest(word, candidates);
  return guess ? ` (did you mean "${guess}"?)` : "";
};

/**
 * Reads a timeline file: every problem comes with its JSON path (`steps[3]: unknown step "clik"`).
 * `widgetIds` are the rules file's widgets, so a misspelt id in an `expect` is caught before the run.
 */
export function parseTimeline(
  json: unknown,
  widgetIds: readonly string[],
  variants: Readonly<Record<string, readonly string[]>> = {},
): { timeline?: Timeline; problems: RulesProblem[] } {
  const problems: RulesProblem[] = [];
  const problem = (path: string, message: string) => void problems.push({ path, message });
  if (!isObject(json)) return { problems: [{ path: "(root)", message: 'expected an object: { "start": "2026-12-01T10:00:00", "steps": [...] }' }] };
  for (const key of Object.keys(json))
    if (!["$schema", "start", "timezone", "visitor", "steps", "note"].includes(key)) problem(key, `unknown key${didYouMean(key, ["start", "timezone", "visitor", "steps"])}`);

  const start = json.start;
  if (typeof start !== "string" || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(start) || Number.isNaN(Date.parse(start))) {
    problem("start", 'expected a date and time, e.g. "2026-12-01T10:00:00" (in the timeline\'s timezone)');
  }
  const timezone = json.timezone ?? "UTC";
  if (typeof timezone !== "string" || !validZone(timezone)) problem("timezone", `expected an IANA time zone such as "Europe/Paris", got ${JSON.stringify(timezone)}`);

  const visitor = readVisitor(json.visitor, problem);
  const steps: Step[] = [];
  if (!Array.isArray(json.steps)) problem("steps", "expected an array of steps");
  else
    json.steps.forEach((raw, index) => {
      const step = readStep(raw, `steps[${index}]`, widgetIds, variants, problem);
      if (step) steps.push({ ...step, index, ...(isObject(raw) && typeof raw.note === "string" ? { note: raw.note } : {}) });
    });
  // The visitor acts on a page: until the first one there is nothing to act on.
  const firstPage = steps.find((step) => step.kind === "page" || step.kind === "arrive")?.index ?? Infinity;
  const early = steps.find((step) => step.index < firstPage && ["event", "call", "close", "click", "convert", "scroll", "exitIntent", "clickOn"].includes(step.kind));
  if (early) problem(`steps[${early.index}]`, 'the visitor acts before viewing any page; start with a step such as { "page": "/shop/" }');
  if (problems.length) return { problems };
  return { timeline: { start: start as string, timezone: timezone as string, visitor, steps }, problems };
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function readVisitor(raw: unknown, problem: (path: string, message: string) => void): Visitor {
  const visitor: Visitor = { language: "en-US", userAgent: AGENTS.desktop, width: 1280, seed: 1 };
  if (raw === undefined) return visitor;
  if (!isObject(raw)) {
    problem("visitor", 'expected an object such as { "id": "v-42", "device": "mobile" }');
    return visitor;
  }
  const keys = ["id", "traits", "language", "device", "userAgent", "width", "seed"];
  for (const key of Object.keys(raw)) if (!keys.includes(key)) problem(`visitor.${key}`, `unknown key${didYouMean(key, keys)}`);
  if (raw.id !== undefined) typeof raw.id === "string" && raw.id ? (visitor.id = raw.id) : problem("visitor.id", "expected a non-empty string");
  if (raw.traits !== undefined) isObject(raw.traits) ? (visitor.traits = raw.traits as JsonObject) : problem("visitor.traits", "expected an object");
  if (raw.language !== undefined) typeof raw.language === "string" ? (visitor.language = raw.language) : problem("visitor.language", 'expected a language tag such as "fr-FR"');
  if (raw.device !== undefined) {
    if (typeof raw.device === "string" && AGENTS[raw.device]) {
      visitor.userAgent = AGENTS[raw.device];
      if (raw.device !== "desktop") visitor.width = raw.device === "mobile" ? 390 : 820;
    } else problem("visitor.device", 'expected "desktop", "mobile" or "tablet"');
  }
  if (raw.userAgent !== undefined) typeof raw.userAgent === "string" ? (visitor.userAgent = raw.userAgent) : problem("visitor.userAgent", "expected a string");
  if (raw.width !== undefined) typeof raw.width === "number" && raw.width > 0 ? (visitor.width = raw.width) : problem("visitor.width", "expected the viewport width in pixels");
  if (raw.seed !== undefined) Number.isInteger(raw.seed) ? (visitor.seed = raw.seed as number) : problem("visitor.seed", "expected an integer");
  return visitor;
}

function readStep(
  raw: unknown,
  path: string,
  widgetIds: readonly string[],
  variants: Readonly<Record<string, readonly string[]>>,
  problem: (path: string, message: string) => void,
): Action | undefined {
  if (!isObject(raw)) {
    problem(path, 'expected a step object such as { "page": "/shop/" } or { "wait": "5s" }');
    return undefined;
  }
  const keys = Object.keys(raw).filter((key) => key !== "note" && !(key === "props" && "event" in raw));
  const note = raw.note;
  if (note !== undefined && typeof note !== "string") problem(`${path}.note`, "expected a string");
  if (keys.length === 0) return note === undefined ? (problem(path, `empty step; expected one of ${KINDS.join(", ")}`), undefined) : { kind: "note" };
  const unknown = keys.find((key) => !KINDS.includes(key));
  if (unknown) {
    problem(path, `unknown step "${unknown}"${didYouMean(unknown, KINDS)}; expected one of ${KINDS.join(", ")}`);
    return undefined;
  }
  if (keys.length > 1) {
    problem(path, `one step at a time: found ${keys.map((k) => `"${k}"`).join(" and ")}`);
    return undefined;
  }
  const kind = keys[0];
  const value = raw[kind];
  const at = `${path}.${kind}`;
  const bad = (message: string) => void problem(at, message);
  const knownWidget = (id: unknown, where: string): id is string => {
    if (typeof id !== "string" || !id) return (problem(where, "expected a widget id"), false);
    if (!widgetIds.includes(id)) return (problem(where, `no widget "${id}" in the rules${didYouMean(id, widgetIds)}`), false);
    return true;
  };
  switch (kind) {
    case "page":
    case "arrive": {
      if (typeof value !== "string" || !value) return bad('expected a page such as "/shop/cart.html?utm_source=blog"');
      try {
        new URL(value, BASE_URL);
      } catch {
        return bad(`not a URL or path: ${JSON.stringify(value)}`);
      }
      return { kind, url: value };
    }
    case "force": {
      if (!isObject(value) || Object.keys(value).length !== 1) return bad('expected one widget and its variant, e.g. { "welcome-offer": "b" } or { "welcome-offer": "holdout" }');
      const [widget, variant] = Object.entries(value)[0];
      if (!knownWidget(widget, `${at}.${widget}`)) return undefined;
      const names = [...(variants[widget] ?? []), "holdout"];
      if (typeof variant !== "string" || !names.includes(variant))
        return void problem(`${at}.${widget}`, `expected one of ${names.map((n) => `"${n}"`).join(", ")}${typeof variant === "string" ? didYouMean(variant, names) : ""}`);
      return { kind, widget, variant };
    }
    case "scroll": {
      const percent = value === true ? 100 : value;
      if (typeof percent !== "number" || !(percent > 0 && percent <= 100)) return bad("expected how far down the page, in percent (1 to 100), or true for the bottom");
      return { kind, percent };
    }
    case "exitIntent":
      if (value !== true) return bad("expected true");
      return { kind };
    case "clickOn":
      if (typeof value !== "string" || !value.trim()) return bad('expected a CSS selector such as "#size-guide"');
      return { kind, selector: value };
    case "wait":
    case "advance": {
      const ms = parseDuration(value);
      if (ms === undefined) return bad('expected a duration such as "5s", "31m", "2h" or "2d"');
      return { kind, ms };
    }
    case "event": {
      if (typeof value !== "string" || !value) return bad('expected an event name such as "add_to_cart"');
      if (raw.props !== undefined && !isObject(raw.props)) return void problem(`${path}.props`, "expected an object");
      return { kind, name: value, props: (raw.props as JsonObject | undefined) ?? {} };
    }
    case "cart.add":
    case "purchase":
      if (!isObject(value))
        return bad(kind === "purchase" ? 'expected an order such as { "id": "1001", "value": 45 }' : 'expected an item such as { "id": "sku-1", "name": "Mug", "price": 12.5 }');
      return { kind: "call", method: kind, args: [value] };
    case "cart.remove":
      if (typeof value !== "string") return bad("expected the id of the item to remove");
      return { kind: "call", method: kind, args: [value] };
    case "cart.set":
      if (!Array.isArray(value)) return bad("expected an array of items");
      return { kind: "call", method: kind, args: [value] };
    case "cart.clear":
    case "hide":
    case "click":
    case "convert":
      if (value !== true) return bad("expected true");
      return kind === "click" || kind === "convert" ? { kind } : { kind: "call", method: kind, args: [] };
    case "identify": {
      const args = Array.isArray(value) ? value : [value];
      if (typeof args[0] !== "string" && args[0] !== null) return bad('expected a user id, or [id, traits] such as ["u1", { "firstName": "Ada" }]');
      return { kind: "call", method: kind, args };
    }
    case "show":
      if (!knownWidget(value, at)) return undefined;
      return { kind: "call", method: kind, args: [value] };
    case "close": {
      const reason = value === true ? "button" : value;
      if (!CLOSE_REASONS.includes(reason as never)) return bad(`expected how the visitor closes it: ${CLOSE_REASONS.map((r) => `"${r}"`).join(", ")}`);
      return { kind, reason: reason as (typeof CLOSE_REASONS)[number] };
    }
    case "explain":
      if (value === true) return { kind };
      return knownWidget(value, at) ? { kind, id: value } : undefined;
    case "expect":
      return readExpect(value, at, knownWidget, problem);
    default:
      return { kind: "note" };
  }
}

function readExpect(value: unknown, at: string, knownWidget: (id: unknown, where: string) => id is string, problem: (path: string, message: string) => void): Action | undefined {
  if (!isObject(value) || !Object.keys(value).length) return void problem(at, `expected checks such as { "shown": "welcome-offer" }: ${EXPECT_KEYS.join(", ")}`);
  const expect: Expectation = {};
  let ok = true;
  for (const [key, ids] of Object.entries(value)) {
    const where = `${at}.${key}`;
    if (key === "blockedBy") {
      if (!isObject(ids)) ok = (problem(where, 'expected { "<widget id>": "<text of a reason>" }'), false);
      else
        for (const [id, text] of Object.entries(ids)) {
          if (!knownWidget(id, `${where}.${id}`)) ok = false;
          else if (typeof text !== "string" || !text) ok = (problem(`${where}.${id}`, 'expected the text of a reason, e.g. "frequency.session"'), false);
        }
      if (ok) expect.blockedBy = ids as Record<string, string>;
    } else if (EXPECT_KEYS.includes(key)) {
      const list = Array.isArray(ids) ? ids : [ids];
      if (!list.length || !list.every((id, i) => knownWidget(id, Array.isArray(ids) ? `${where}[${i}]` : where))) ok = false;
      else expect[key as "shown"] = list as string[];
    } else {
      problem(where, `unknown check${didYouMean(key, EXPECT_KEYS)}; expected one of ${EXPECT_KEYS.join(", ")}`);
      ok = false;
    }
  }
  return ok ? { kind: "expect", expect } : undefined;
}

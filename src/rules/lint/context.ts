import { BUILTIN_EVENTS } from "../facts-catalog.js";
import { closest, type RulesProblem } from "../problems.js";

/*
 * What the checks beyond the schema know about the whole file: the names it declares (segments,
 * widget ids, traits, events, custom widget types) and the clock for "in the past".
 */

export interface LintContext {
  segments: readonly string[];
  widgetIds: readonly string[];
  /** Trait names under `attributes.`: `settings.traits` and the answers the file's forms, surveys and bots save. `x.*` allows a prefix. */
  traits: readonly string[];
  /** Event names: built in and `settings.events`. */
  events: readonly string[];
  /** Widget types besides the built-in ones: `settings.customWidgets` and the caller's. */
  customWidgets: readonly string[];
  /** Whether `settings.collector` is set (unique coupon codes and server-drawn wheels need it). */
  hasCollector: boolean;
  now: number;
}

export interface LintOptions {
  /** Now, for dates in the past (default: the clock). */
  now?: number;
  /** Widget types registered in code (the CLI's `--widget banner`), as if listed in `settings.customWidgets`. */
  widgetTypes?: readonly string[];
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** The context of a raw (not yet validated) rules file. */
export function lintContext(file: Record<string, unknown>, options: LintOptions = {}): LintContext {
  const settings = isObject(file.settings) ? file.settings : {};
  const widgets = Array.isArray(file.widgets) ? file.widgets.filter(isObject) : [];
  return {
    segments: isObject(file.segments) ? Object.keys(file.segments) : [],
    widgetIds: widgets.flatMap((w) => (typeof w.id === "string" ? [w.id] : [])),
    traits: [...strings(settings.traits), ...savedAnswers(widgets)],
    events: [...BUILTIN_EVENTS.map((e) => e.name), ...strings(settings.events)],
    customWidgets: [...strings(settings.customWidgets), ...(options.widgetTypes ?? [])],
    hasCollector: typeof settings.collector === "string" && settings.collector.length > 0,
    now: options.now ?? Date.now(),
  };
}

/**
 * Attribute names the file's own widgets write: lead form fields (`fields[].name`), chat-bot
 * answers (`saveAs`) and survey answers (`attribute` → `<attribute>_score`, `_group`, `_comment`).
 */
function savedAnswers(widgets: Record<string, unknown>[]): string[] {
  const names = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 12 || typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) return value.forEach((v) => visit(v, depth + 1));
    const node = value as Record<string, unknown>;
    if (typeof node.saveAs === "string") names.add(node.saveAs);
    else if (node.type === "ask" && typeof node.input === "string") names.add(node.input); // a chat-bot's email or phone
    if (Array.isArray(node.fields)) for (const field of node.fields) if (isObject(field) && typeof field.name === "string") names.add(field.name);
    for (const [key, child] of Object.entries(node)) if (key !== "__proto__") visit(child, depth + 1);
  };
  for (const widget of widgets) {
    visit(widget.content, 0);
    visit(widget.variants, 0);
    if (widget.type === "nps") {
      const contents = [widget.content, ...(Array.isArray(widget.variants) ? widget.variants.map((v) => (isObject(v) ? v.content : undefined)) : [])];
      for (const content of contents) {
        const base = isObject(content) && typeof content.attribute === "string" ? content.attribute : "nps";
        for (const suffix of ["_score", "_group", "_comment"]) names.add(base + suffix);
      }
    }
  }
  return [...names];
}

/** True when `name` (a trait path after `attributes.`) is declared, exactly or under a `prefix.*`. */
export function traitDeclared(name: string, traits: readonly string[]): boolean {
  return traits.some((t) => t === name || t === "*" || (t.endsWith(".*") && (name === t.slice(0, -2) || name.startsWith(t.slice(0, -1)))));
}

/** ` (did you mean "x"?)`, or "". */
export function suggestion(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  return match && match !== word ? ` (did you mean "${match}"?)` : "";
}

/** A warning about an event name that is neither built in nor in `settings.events`; undefined when known. */
export function unknownEventProblem(name: string, path: string, context: LintContext): RulesProblem | undefined {
  if (context.events.includes(name)) return undefined;
  return {
    path,
    severity: "warning",
    message: `"${name}" is not an event Nudge records${suggestion(name, context.events)}; if your site tracks it with track("${name}"), list it in "settings": {"events": ["${name}"]}`,
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

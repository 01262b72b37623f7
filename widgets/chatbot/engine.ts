import { compileCheckedCondition } from "../../src/rules/condition/compile.js";
import type { CompiledCondition } from "../../src/rules/public.js";
import type { ChatbotContent, ChatNode } from "./schema.js";

/*
 * The dialogue engine: pure functions from (content, chat, input, facts) to the next chat and
 * the effects the widget must carry out (answers, a lead, a host action, a conversion). No DOM,
 * no timers, no storage: the component renders a `Chat` and stores it with `saveState`.
 */

export type Answer = string | number | boolean;

/** One line of the transcript. */
export interface Entry {
  from: "bot" | "me";
  text: string;
}

/** Where a dialogue stands: what the widget stores to resume it after a reload or in another tab. */
export interface Chat {
  /** The node waiting for the visitor (or the last one reached, once `done`). */
  node: string;
  /** The transcript, oldest first, at most {@link MAX_LOG} lines. */
  log: Entry[];
  /** Answers given in this dialogue, by attribute name. */
  answers: Record<string, Answer>;
  done: boolean;
}

/** What the widget does after a step, in order. */
export type Effect =
  | { kind: "answer"; attributes: Record<string, Answer> }
  | { kind: "lead"; fields: Record<string, string> }
  | { kind: "action"; name: string; payload: Record<string, unknown> }
  | { kind: "convert" };

export interface Step {
  chat: Chat;
  effects: Effect[];
  /** How many lines at the end of `chat.log` are new in this step. */
  fresh: number;
}

/** Lines of transcript kept (and stored): the oldest go first. */
export const MAX_LOG = 60;
/** Longest free-text answer kept. */
export const MAX_TEXT = 500;
/** Automatic nodes walked in one step at most: a guard, since the schema rejects loops that never wait. */
const MAX_STEPS = 100;

type Content = Pick<ChatbotContent, "start" | "nodes">;

const nodeOf = (content: Content, id: string): ChatNode | undefined => (Object.prototype.hasOwnProperty.call(content.nodes, id) ? content.nodes[id] : undefined);

const says = (node: ChatNode): string[] => ("say" in node && node.say !== undefined ? (Array.isArray(node.say) ? node.say : [node.say]) : []);

/** The proactive message beside the launcher: `teaser`, else the first thing the dialogue says. */
export function teaserOf(content: Pick<ChatbotContent, "teaser" | "start" | "nodes">): string {
  if (content.teaser) return content.teaser;
  const start = nodeOf(content, content.start);
  return (start && says(start)[0]) || "";
}

/** Starts the dialogue at `start`: the bot's first messages, up to the first node that waits. */
export function begin(content: Content, facts: unknown): Step {
  const chat: Chat = { node: content.start, log: [], answers: {}, done: false };
  const effects: Effect[] = [];
  return finish(chat, enter(content, chat, content.start, facts, effects), effects);
}

/**
 * The visitor picked quick reply `index` of the node waiting now: their reply joins the
 * transcript, is saved under the node's `saveAs`, and the dialogue goes on. Undefined when there is
 * no such reply (a stale click).
 */
export function choose(content: Content, chat: Chat, index: number, facts: unknown): Step | undefined {
  const node = nodeOf(content, chat.node);
  if (chat.done || !node || (node.type !== "choice" && node.type !== "ask")) return undefined;
  const reply = node.replies?.[index];
  if (!reply) return undefined;
  const effects: Effect[] = [];
  let answers = chat.answers;
  if (node.type === "choice" && node.saveAs) {
    const attributes = { [node.saveAs]: reply.value ?? reply.label };
    answers = { ...answers, ...attributes };
    effects.push({ kind: "answer", attributes });
  }
  if (reply.action) effects.push({ kind: "action", name: reply.action, payload: { ...reply.payload, answers } });
  const next: Chat = { ...chat, log: [...chat.log, { from: "me", text: reply.label }], answers };
  return finish(chat, reply.next === undefined ? { ...next, done: true } : enter(content, next, reply.next, facts, effects), effects);
}

/** Why a typed answer was refused. */
export type InputError = "empty" | "email" | "phone";

/**
 * The visitor typed `text` into the node waiting now: checked for its input type (an email, a
 * phone), saved under `saveAs` (an email or phone by default under "email" / "phone"), sent as a
 * lead when the node says `lead`, and the dialogue goes on. `{ error }` when it is not valid.
 */
export function submit(content: Content, chat: Chat, text: string, facts: unknown): Step | { error: InputError } | undefined {
  const node = nodeOf(content, chat.node);
  if (chat.done || !node || node.type !== "ask") return undefined;
  const typed = text.trim().slice(0, MAX_TEXT);
  if (!typed) return { error: "empty" };
  let value = typed;
  if (node.input !== "text") {
    const parsed = node.input === "email" ? parseEmail(typed) : parsePhone(typed);
    if (parsed === undefined) return { error: node.input };
    value = parsed;
  }
  const key = node.saveAs ?? (node.input === "text" ? undefined : node.input);
  const effects: Effect[] = [];
  let answers = chat.answers;
  if (key) {
    answers = { ...answers, [key]: value };
    effects.push(node.lead && node.input !== "text" ? { kind: "lead", fields: { [key]: value } } : { kind: "answer", attributes: { [key]: value } });
  }
  const next: Chat = { ...chat, log: [...chat.log, { from: "me", text: typed }], answers };
  return finish(chat, node.next === undefined ? { ...next, done: true } : enter(content, next, node.next, facts, effects), effects);
}

/**
 * A stored chat, checked against the content it was stored with (the rules may have changed
 * since): undefined, to start afresh, when it is malformed, finished or at a node that is gone.
 */
export function resume(content: Content, saved: unknown): Chat | undefined {
  if (!isRecord(saved) || typeof saved.node !== "string" || saved.done !== false || !Array.isArray(saved.log) || !isRecord(saved.answers)) return undefined;
  const node = nodeOf(content, saved.node);
  if (!node || (node.type !== "choice" && node.type !== "ask")) return undefined;
  const log = saved.log.filter((e): e is Entry => isRecord(e) && (e.from === "bot" || e.from === "me") && typeof e.text === "string");
  const answers: Record<string, Answer> = {};
  for (const [key, value] of Object.entries(saved.answers)) if (["string", "number", "boolean"].includes(typeof value)) answers[key] = value as Answer;
  return { node: saved.node, log: bounded(log.map((e) => ({ from: e.from, text: e.text.slice(0, MAX_TEXT) }))), answers, done: false };
}

/** An email address as typed (trimmed), or undefined when it does not look like one. */
export function parseEmail(text: string): string | undefined {
  const email = text.trim();
  return email.length <= 254 && /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/.test(email) ? email : undefined;
}

/** A phone number without its formatting ("+7 (912) 345-67-89" → "+79123456789"): 7 to 15 digits, an optional leading +. */
export function parsePhone(text: string): string | undefined {
  const phone = text.trim().replace(/[\s().-]/g, "");
  return /^\+?\d{7,15}$/.test(phone) ? phone : undefined;
}

/** Walks from node `id`: says its messages, follows automatic nodes, stops at the first node that waits. */
function enter(content: Content, chat: Chat, id: string, facts: unknown, effects: Effect[]): Chat {
  let log = chat.log;
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    const node = nodeOf(content, id);
    if (!node) break;
    log = [...log, ...says(node).map((text) => ({ from: "bot" as const, text }))];
    let next: string | undefined;
    if (node.type === "choice" || node.type === "ask") return { ...chat, node: id, log, done: false };
    if (node.type === "end") {
      if (node.convert) effects.push({ kind: "convert" });
    } else if (node.type === "branch") {
      const withAnswers = withAnswersOf(facts, chat.answers);
      next = node.branches.find((branch) => compiled(branch.when)(withAnswers))?.next ?? node.else;
    } else {
      if (node.type === "handoff") effects.push({ kind: "action", name: node.action, payload: { ...node.payload, answers: chat.answers } });
      next = node.next;
    }
    if (next === undefined) break;
    id = next;
  }
  return { ...chat, node: id, log, done: true };
}

/** The step from `before` to `after`, its transcript bounded to {@link MAX_LOG} lines. */
function finish(before: Chat, after: Chat, effects: Effect[]): Step {
  const fresh = Math.min(after.log.length - before.log.length, MAX_LOG);
  return { chat: { ...after, log: bounded(after.log) }, effects, fresh };
}

/** The facts with this dialogue's answers in `attributes`, as the branches see them. */
function withAnswersOf(facts: unknown, answers: Record<string, Answer>): Record<string, unknown> {
  const base = isRecord(facts) ? facts : {};
  return { ...base, attributes: { ...(isRecord(base.attributes) ? base.attributes : {}), ...answers } };
}

const cache = new WeakMap<object, CompiledCondition>();
/** `$segment` reads the segments the visitor is in (`facts.segments`). */
const inSegment =
  (name: string): CompiledCondition =>
  (facts) =>
    isRecord(facts) && Array.isArray(facts.segments) && facts.segments.includes(name);

/**
 * A branch's condition, compiled once with the runtime's own compiler (shared with the runtime
 * chunk, not shipped twice). The validator checked it when the rules changed, as for `when`, so the
 * checker stays out of the page; a condition that still fails to compile never holds.
 */
function compiled(condition: Record<string, unknown>): CompiledCondition {
  let test = cache.get(condition);
  if (!test) {
    try {
      // `$regex` and the other extra operators are loaded by the definition's `prepare` when the bot uses them.
      test = compileCheckedCondition(condition, { segment: inSegment });
    } catch {
      test = () => false;
    }
    cache.set(condition, test);
  }
  return test;
}

function bounded(log: Entry[]): Entry[] {
  return log.length > MAX_LOG ? log.slice(-MAX_LOG) : log;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

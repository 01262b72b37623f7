/*
 * Shared fakes for the runtime tests: a manual clock behind the Env seam, a
 * spying KeyValueStore, test widgets, and helpers to read what is on screen.
 * Real timers stay real (module loading, settling promises); only Nudge's own
 * clock and timers (env.now/setTimeout) are fake and move when `advance` is called.
 */
import { h } from "preact";
import { vi } from "vitest";
import { createNudge, loadExplainWords, loadOccasionalCalls, type Nudge } from "../../../src/core/create-nudge.js";
import type { NudgeEvents, NudgeOptions } from "../../../src/core/types.js";
import { loadArgumentMessages } from "../../../src/core/rejections.js";
import type { NudgeProblem } from "../../../src/core/report.js";
import type { Env } from "../../../src/env/env.js";
import { memoryStore, type KeyValueStore } from "../../../src/profile/storage.js";
import type { WidgetDefinition, WidgetProps } from "../../../src/render/widget-api.js";
import { manualClock } from "../../../src/env/manual-clock.js";
import type { RulesFile } from "../../../src/rules/schema/rules-schema.js";
// Loaded up front so that showing the first widget does not wait on module loading.
import "../../../src/core/widget-mount.js";
import "../../../src/core/show-path.js";
import "../../../src/decide/modal-lock.js";

// The rarely called API (identify, consent, forget, registerWidget) is a chunk loaded on the first call; loaded
// up front here, these tests see each call apply at once, as it does once that code is there. The calls made
// before it arrives (queued, in order) are tested in a real browser: test/browser/lazy-chunks.test.ts.
await loadOccasionalCalls();
// So are the texts of rejected calls' warnings (a chunk loaded with the first wrong call; browser-tested in lazy-chunks).
await loadArgumentMessages();
// explain()'s words likewise: its first call in a page returns each gate's name while they load (tested in
// test/browser/explain-words.test.ts); here every explain() speaks in full.
await loadExplainWords();

export const MINUTE = 60_000;

/** A manual clock: `now` only moves with `advance`, which runs due timers in order, then lets promises settle. */
export function fakeClock(start: number) {
  return manualClock(start, () => settle());
}
export type FakeClock = ReturnType<typeof fakeClock>;

/** Lets pending promises (and a dynamic import already cached) run to the end. */
export async function settle(rounds = 5) {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A memory store whose every call is a spy. */
export function spyStore(inner: KeyValueStore = memoryStore()) {
  return {
    kind: "memory" as const,
    get: vi.fn((key: string) => inner.get(key)),
    set: vi.fn((key: string, value: unknown) => inner.set(key, value)),
    del: vi.fn((key: string) => inner.del(key)),
    clear: vi.fn(() => inner.clear()),
  };
}
export type SpyStore = ReturnType<typeof spyStore>;

/** A modal test widget: shows its title and closes through its button. */
export function TestWidget({ id, content, close }: WidgetProps<{ title?: string }>) {
  return h("div", { "data-widget": id }, h("h2", null, content.title ?? ""), h("button", { onClick: () => close("button") }, "close"));
}

/** A widget that throws while rendering. */
export function BrokenWidget(): never {
  throw new Error("broken widget render");
}

export const testWidgets: Record<string, WidgetDefinition> = {
  popup: { component: TestWidget, modal: true },
  banner: { component: TestWidget, modal: false },
  broken: { component: BrokenWidget as never, modal: false },
};

/** Ids of the widgets on screen now, read from Nudge's shadow root. */
export function onScreen(): string[] {
  const root = document.querySelector("nudge-root")?.shadowRoot;
  if (!root) return [];
  return [...root.querySelectorAll("[data-widget]")].map((el) => el.getAttribute("data-widget")!);
}

/** Clicks the close button of the widget on screen. */
export function clickClose() {
  const button = document.querySelector("nudge-root")?.shadowRoot?.querySelector("button");
  if (!button) throw new Error("no widget on screen to close");
  button.click();
}

export interface Harness {
  nudge: Nudge;
  clock: FakeClock;
  store: SpyStore;
  console: { info: ReturnType<typeof vi.fn>; warn: ReturnType<typeof vi.fn>; error: ReturnType<typeof vi.fn> };
  problems: NudgeProblem[];
  shown: string[];
  env: Partial<Env>;
}

const live: Nudge[] = [];

/**
 * Starts an instance with a fake clock, a spying memory store and the test
 * widgets; `problems` and `shown` collect `on("error")` and `on("shown")`.
 */
export function start(rules: RulesFile | Record<string, unknown> | string, options: Partial<NudgeOptions> & { clock?: FakeClock; store?: KeyValueStore } = {}): Harness {
  const clock = options.clock ?? fakeClock(new Date(2025, 2, 12, 12, 0, 0).getTime());
  const store = (options.store as SpyStore | undefined) ?? spyStore();
  const fakeConsole = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const env: Partial<Env> = {
    now: clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    random: clock.random,
    fetch: (() => Promise.reject(new Error("no network in tests"))) as unknown as typeof fetch,
    console: fakeConsole,
    ...options.env,
  };
  const { clock: _c, ...rest } = options;
  const nudge = createNudge({ widgets: testWidgets, ...rest, rules, env, store });
  live.push(nudge);
  const problems: NudgeProblem[] = [];
  const shown: string[] = [];
  on(nudge, "error", (p) => void problems.push(p));
  on(nudge, "shown", (e) => void shown.push(e.id));
  return { nudge, clock, store, console: fakeConsole, problems, shown, env };
}

/**
 * `nudge.on` with its payload typed by event name. (The instance's own `on` loses
 * the generic through its `safe()` wrapper: its handler gets the union of all payloads.)
 */
export function on<K extends keyof NudgeEvents>(nudge: Nudge, event: K, handler: (payload: NudgeEvents[K]) => void): () => void {
  return (nudge.on as unknown as (e: K, h: (p: NudgeEvents[K]) => void) => () => void)(event, handler);
}

/** Destroys every instance started by `start` and empties the page. */
export function cleanup() {
  for (const nudge of live.splice(0)) nudge.destroy();
  document.body.innerHTML = "";
  localStorage.clear();
  // Tests navigate with pushState; start the next one on a fresh URL so its first pushState is a real navigation.
  history.replaceState({}, "", "/");
}

export function rulesOf(widgets: unknown[], settings?: Record<string, unknown>): RulesFile {
  return { version: 1, ...(settings ? { settings } : {}), widgets } as RulesFile;
}

/** Every console warning line, for checking what a misuse said. */
export function warnings(h: Harness): string[] {
  return h.console.warn.mock.calls.map((call) => String(call[0]));
}

import type { Env } from "../env/env.js";
import type { KeyValueStore } from "../profile/storage.js";
import { own } from "../env/own.js";
import { EXTRA_OPERATORS, needsExtraOperators } from "./condition/operator-registry.js";
import { loadDerivedFacts } from "../profile/derived-slot.js";
import { hashString } from "./hash.js";
import { formatProblem, type RulesProblem } from "./problems.js";
import { trustedRules, type Ahead } from "./published.js";
import type { RulesFile } from "./schema/rules-schema.js";

const CACHE_KEY = "rules";
/** Rules files remembered, the most recently validated last: a cache-busting `?v=` per deploy cannot grow it without end. */
const CACHED_FILES = 4;

/** What is cached per rules file: its hash, and the usable part the validator left with what was computed ahead. */
interface CachedRules {
  hash: number;
  rules: RulesFile;
  ahead: Ahead;
  problems: RulesProblem[];
}

/**
 * The cache: one entry per rules URL (resolved against the page; "inline" for an object), so a
 * page whose own file fails falls back to that file's last good rules, never to another file's.
 */
type RulesCache = Record<string, CachedRules>;

/** Rules ready to compile: the file and what `nudge build` (or the browser's validator) computed ahead. */
export interface LoadedRules {
  rules: RulesFile;
  ahead: Ahead;
}

/** The rules file's text, or why it could not be had. Started at boot, before storage is open. */
export type FetchedRules = Promise<{ text: string } | { error: string }>;

export interface LoadRulesDeps {
  env: Env;
  store: KeyValueStore;
  report(where: string, message: string, level: "warn" | "error"): void;
  /** A hint for the site owner (console.info): not a problem, a better way. */
  hint?(message: string): void;
  /** The fetch already under way (see `fetchRules`); started here when not given. */
  fetched?: FetchedRules;
}

/** Starts reading the rules: a URL is fetched, an object is serialised (for its hash). Never rejects. */
export function fetchRules(source: string | object, env: Env): FetchedRules {
  const text = typeof source === "string" ? fetchText(source, env) : Promise.resolve().then(() => JSON.stringify(source));
  return text.then(
    (value) => ({ text: value }),
    (error: Error) => ({ error: `${error?.message ?? error}` }),
  );
}

/**
 * Loads a rules file from a URL or an object. A published file whose stamp matches (`nudge build`)
 * is used as it is; any other file is validated in the browser once per content (cached by its
 * hash), with a hint to publish it. The validator's code is fetched only then.
 * When the URL fails or returns invalid JSON, the last good rules are used.
 */
export async function loadRules(source: string | object, deps: LoadRulesDeps): Promise<LoadedRules | null> {
  const loaded = await readRules(source, deps);
  if (loaded) await loadCodeInUse(loaded.ahead, deps);
  return loaded;
}

/**
 * Loads the code the rules use beyond the decide core, before they compile: the facts learned from
 * the whole profile (`rfm`, `scores`, the usual time: all of them for a stamp too old to say), and the
 * extra operators (`$event`, versions, relative time). If those fail to load, their tests evaluate false.
 * Called early with the cached file's `ahead` too (see `readRules`), so the chunks travel beside the rules.
 */
async function loadCodeInUse(ahead: Ahead, deps: LoadRulesDeps) {
  const facts = !Array.isArray(ahead.facts) || ahead.facts.length > 0 ? loadDerivedFacts() : undefined;
  if (needsExtraOperators(ahead.operators)) await loadExtraOperators(ahead, deps);
  await facts;
}

async function loadExtraOperators(ahead: Ahead, deps: LoadRulesDeps) {
  // The chunks it imports, asked for at once: otherwise the browser learns of them only once the first arrived.
  await Promise.all([import("./condition/extra-operators.js"), import("./condition/event.js"), import("./condition/customer-operators.js")]).then(
    ([code]) => code.installExtraOperators(),
    (error: Error) =>
      deps.report(
        "rules",
        `the code of ${ahead.operators.filter((name) => EXTRA_OPERATORS.includes(name)).join(", ")} could not load (${error?.message ?? error}); those tests evaluate false`,
        "error",
      ),
  );
}

async function readRules(source: string | object, deps: LoadRulesDeps): Promise<LoadedRules | null> {
  const fetched = deps.fetched ?? fetchRules(source, deps.env);
  const stored = (await deps.store.get(CACHE_KEY).catch(() => undefined)) as RulesCache | undefined;
  // An entry of before the cache had one per URL (`{ hash, rules }`) belongs to an unknown URL: not used.
  const cache: RulesCache = stored && typeof stored === "object" && !("hash" in stored) ? stored : {};
  const url = cacheKey(source, deps.env);
  // An entry of before `ahead` existed is validated again, once.
  const cached = usable(own(cache, url));
  // The file is most likely unchanged: its code starts loading now, while the rules are still on their way.
  if (cached) void loadCodeInUse(cached.ahead, { ...deps, report: () => {} });
  const answer = await fetched;
  if ("error" in answer) return fallBack(cached, answer.error, deps);
  const text = answer.text;
  const hash = hashString(text);
  if (cached && cached.hash === hash) {
    reportProblems(cached.problems, deps);
    return { rules: cached.rules, ahead: cached.ahead };
  }
  let json: unknown;
  try {
    json = typeof source === "string" ? JSON.parse(text) : source;
  } catch (error) {
    return fallBack(cached, `${source} is not valid JSON (${(error as Error).message})`, deps);
  }
  let loaded: LoadedRules | undefined = trustedRules(json);
  let problems: RulesProblem[] = [];
  if (!loaded) {
    const { checkRules } = await import("./check-rules.js");
    const checked = checkRules(json, text.length, typeof source === "string" ? source : "the rules object");
    problems = checked.problems;
    reportProblems(problems, deps);
    deps.hint?.(checked.hint);
    if (!checked.rules || !checked.ahead) return fallBack(cached, "the rules file cannot be used", deps);
    loaded = { rules: checked.rules, ahead: checked.ahead };
  }
  const others = Object.entries(cache)
    .filter(([key]) => key !== url)
    .slice(1 - CACHED_FILES);
  await deps.store.set(CACHE_KEY, Object.fromEntries([...others, [url, { hash, ...loaded, problems } satisfies CachedRules]])).catch(() => {});
  return loaded;
}

function usable(entry: CachedRules | undefined): CachedRules | undefined {
  return entry?.rules && entry.ahead ? entry : undefined;
}

function cacheKey(source: string | object, env: Env): string {
  if (typeof source !== "string") return "inline";
  try {
    return new URL(source, env.document?.baseURI).href;
  } catch {
    return source;
  }
}

async function fetchText(url: string, env: Env): Promise<string> {
  if (!env.fetch) throw new Error("fetch is not available");
  const response = await env.fetch(url, { credentials: "same-origin" }).catch((error: Error) => {
    // A CORS refusal is a bare TypeError ("Failed to fetch"): name the likely fix.
    const page = env.window?.location;
    const foreign = !!page && new URL(url, page.href).origin !== page.origin;
    throw new Error(`${url} could not be fetched: ${foreign ? "from another origin, its server must send Access-Control-Allow-Origin" : error.message}`);
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.text();
}

function fallBack(cached: CachedRules | undefined, why: string, deps: LoadRulesDeps): LoadedRules | null {
  deps.report("rules", cached ? `${why}; using the last good rules` : `${why}; no widgets will show`, "error");
  return cached ? { rules: cached.rules, ahead: cached.ahead } : null;
}

function reportProblems(problems: RulesProblem[], deps: LoadRulesDeps) {
  for (const problem of problems) deps.report("rules", formatProblem(problem), "warn");
}

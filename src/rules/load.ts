import type { Env } from "../env/env.js";
import type { KeyValueStore } from "../profile/storage.js";
import { own } from "../env/own.js";
import { hashString } from "./hash.js";
import { formatProblem, type RulesProblem } from "./problems.js";
import type { RulesFile } from "./schema/rules-schema.js";

const CACHE_KEY = "rules";
/** Rules files remembered, the most recently validated last: a cache-busting `?v=` per deploy cannot grow it without end. */
const CACHED_FILES = 4;

/** What is cached per rules file: its hash, and the usable part the validator left. */
interface CachedRules {
  hash: number;
  rules: RulesFile;
  problems: RulesProblem[];
}

/**
 * The cache: one entry per rules URL (resolved against the page; "inline" for an object), so a
 * page whose own file fails falls back to that file's last good rules, never to another file's.
 */
type RulesCache = Record<string, CachedRules>;

export interface LoadRulesDeps {
  env: Env;
  store: KeyValueStore;
  report(where: string, message: string, level: "warn" | "error"): void;
}

/**
 * Loads a rules file from a URL or an object. A file already validated (same
 * content hash) skips the validator, whose code is then never even fetched.
 * When the URL fails or returns invalid JSON, the last good rules are used.
 */
export async function loadRules(source: string | object, deps: LoadRulesDeps): Promise<RulesFile | null> {
  const stored = (await deps.store.get(CACHE_KEY).catch(() => undefined)) as RulesCache | undefined;
  // An entry of before the cache had one per URL (`{ hash, rules }`) belongs to an unknown URL: not used.
  const cache: RulesCache = stored && typeof stored === "object" && !("hash" in stored) ? stored : {};
  const url = cacheKey(source, deps.env);
  const cached = own(cache, url);
  let text: string;
  try {
    text = typeof source === "string" ? await fetchText(source, deps.env) : JSON.stringify(source);
  } catch (error) {
    return fallBack(cached, `${(error as Error).message}`, deps);
  }
  const hash = hashString(text);
  if (cached && cached.hash === hash && cached.rules) {
    reportProblems(cached.problems, deps);
    return cached.rules;
  }
  let json: unknown;
  try {
    json = typeof source === "string" ? JSON.parse(text) : source;
  } catch (error) {
    return fallBack(cached, `${source} is not valid JSON (${(error as Error).message})`, deps);
  }
  const { validateRules } = await import("./validate.js");
  // Lenient: a widget type that is not built in may be registered with registerWidget() later.
  const { rules, problems } = validateRules(json, text.length, { lenientTypes: true });
  reportProblems(problems, deps);
  if (!rules) return fallBack(cached, "the rules file cannot be used", deps);
  const others = Object.entries(cache)
    .filter(([key]) => key !== url)
    .slice(1 - CACHED_FILES);
  await deps.store.set(CACHE_KEY, Object.fromEntries([...others, [url, { hash, rules, problems } satisfies CachedRules]])).catch(() => {});
  return rules;
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

function fallBack(cached: CachedRules | undefined, why: string, deps: LoadRulesDeps): RulesFile | null {
  deps.report("rules", cached ? `${why}; using the last good rules` : `${why}; no widgets will show`, "error");
  return cached?.rules ?? null;
}

function reportProblems(problems: RulesProblem[], deps: LoadRulesDeps) {
  for (const problem of problems) deps.report("rules", formatProblem(problem), "warn");
}

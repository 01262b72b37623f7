import type { Env } from "../env/env.js";
import type { Facts } from "../profile/facts.js";
import type { Profile } from "../profile/profile.js";
import type { RfmThresholds } from "../profile/rfm.js";
import type { CompiledRules, CompiledWidget } from "../rules/compile-rules.js";

/** The first decision waits this long at most for a card asked for before the rules loaded. */
export const CARD_WAIT_MS = 3000;

type Chunk = typeof import("./customer-chunk.js");

export interface CustomerDeps {
  env: Env;
  profile(): Profile;
  update(change: (profile: Profile) => Profile): void;
  rules(): CompiledRules | null;
  /** Why widgets may not be personalized now (no consent); undefined when they may. */
  blocked(): string | undefined;
  /** The facts changed (a card loaded): decide again. */
  changed(): void;
  warn(where: string, message: string): void;
  error(where: string, error: unknown): void;
}

/**
 * The customer card in the browser: loads it for `identify(id, traits, { token })`, adds
 * `customer.*` to the facts and holds widgets back by `settings.guards`. Its code is a lazy
 * chunk, loaded only for a visitor with a card, an order, or a token.
 */
export function createCustomer(deps: CustomerDeps) {
  let chunk: Chunk | undefined;
  let loading: Promise<Chunk | undefined> | undefined;
  /** Why the last token loaded no card (explain() says it). */
  let problem: string | undefined;
  const load = () =>
    (loading ??= import("./customer-chunk.js").then(
      (module) => (chunk = module),
      (error) => void deps.error("customer card", error),
    ));
  const needed = () => !!(deps.profile().customer || deps.profile().orders.count);
  let rulesLoaded: () => void;
  const rulesKnown = new Promise<void>((resolve) => (rulesLoaded = resolve));
  /** A card being fetched (the first decision waits for it, a little). */
  let fetching: Promise<void> | undefined;

  return {
    /**
     * Once the rules are loaded, before the first decision: the chunk when this visitor has a card
     * or an order, and a card asked for meanwhile (at most `CARD_WAIT_MS`), so the first decision
     * already sees it (a used code is not offered while the card is on its way).
     */
    prepare(): Promise<unknown> {
      rulesLoaded();
      const wait = () => new Promise((resolve) => deps.env.setTimeout(() => resolve(undefined), CARD_WAIT_MS));
      return Promise.all([needed() ? load() : undefined, fetching && Promise.race([fetching, wait()])]);
    },
    /** Adds `customer.*` (and, with a card, the merged `orders` and `rfm`) to the facts. */
    facts(facts: Facts, bounds: Partial<RfmThresholds> | undefined): void {
      if (!needed()) return;
      if (chunk) chunk.applyCustomer(facts, deps.profile(), bounds, deps.env.now());
      else if (!loading) void load().then(deps.changed); // an order on this page: once (a chunk that failed to load is not retried)
    },
    /** What `settings.guards` holds back (see src/decide/guards.ts). */
    guards: (widget: CompiledWidget, facts: Facts, content: Record<string, unknown>): string[] =>
      chunk ? chunk.guardBlocks(deps.rules()?.settings.guards, widget.type, content, facts) : [],
    /** For explain(): why a widget that reads customer facts has no card to read. */
    notes: (widget: CompiledWidget): string[] => (problem && JSON.stringify(widget.whenSource ?? {}).includes("customer") ? [`customer card not loaded: ${problem}`] : []),
    /** Loads the card the token names, once the rules say where from (src/profile/customer-load.ts). */
    identify(id: string | undefined, token: string): void {
      fetching = rulesKnown
        .then(load)
        .then(async (module) => {
          if (!module) return;
          problem = await module.loadCard(deps, id, token);
          deps.changed();
        })
        .catch((error) => deps.error("identify()", error));
    },
  };
}

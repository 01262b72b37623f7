import { browserEnv, type Env } from "../env/env.js";
import { createDecider, type Decider, type Explanation } from "../decide/decider.js";
import { gateOf, type Reason } from "../decide/reason.js";
import type { Placement } from "../rules/published.js";
import { buildFacts } from "../profile/build-facts.js";
import { addToCart, removeFromCart } from "../profile/cart.js";
import type { Facts, PageFacts } from "../profile/facts.js";
import { createProfileStore } from "../profile/profile-store.js";
import { dayOf, recordEvent, recordPageView, type Profile } from "../profile/profile.js";
import { memoryStore, openBestStore, type KeyValueStore } from "../profile/storage.js";
import type { AnyWidgetDefinition, Product, WidgetLoader } from "../render/widget-api.js";
import { compileRules, type CompiledRules, type RulesFeatures } from "../rules/compile-rules.js";
import { fetchRules, loadRules } from "../rules/load.js";
import type { Settings } from "../rules/schema/rules-schema.js";
import { watchDataLayer } from "../track/datalayer.js";
import { watchEngagement } from "../track/engagement.js";
import { siteClock } from "../track/signals/time-on-site.js";
import { readPage, watchNavigation } from "../track/page.js";
import { pageDialogOpen } from "../track/signals/page-dialog.js";
import { notePage, pageTrail } from "../track/page-trail.js";
import { metaPageType, PAGE_TYPES, pageType } from "../track/page-type.js";
import * as args from "./arguments.js";
import { builtinWidgets, modalOf } from "./builtin-widgets.js";
import { runCommand } from "./commands.js";
import { createEmitter } from "./emitter.js";
import { createReporter } from "./report.js";
import { createRejections } from "./rejections.js";
import type { CartItem, JsonObject, NudgeEvents, NudgeOptions, Order, PageProps, ViewedProduct } from "./types.js";
import { createLifecycle } from "./lifecycle.js";
import { createMeasure, type MeasureDeps } from "../measure/hook.js";
import { allConsent, type ConsentChoice, type ConsentState } from "./consent.js";
import { createCustomer } from "./customer.js";
import type * as Occasional from "./occasional-calls.js";
import type * as Words from "../decide/explain-words.js";

/** The rarely called API's code once loaded: shared by every instance (it is code, not state), so later calls run at once. */
let occasional: typeof Occasional | undefined;

/** Loads the rarely called API (identify, consent, forget, registerWidget); an instance's calls made before it arrives wait, in order. */
export const loadOccasionalCalls = () => import("./occasional-calls.js").then((chunk) => void (occasional = chunk));

/** explain()'s words (and the `when` tracer) once loaded: code shared by every instance, as above. */
let words: typeof Words | undefined;
let wording: Promise<void> | undefined;

/**
 * Loads explain()'s words: with the first `explain()`, the debug view, a `show()` that was refused,
 * or up front (`nudge simulate`). Developer diagnostics stay out of what every page view downloads.
 */
export function loadExplainWords(): Promise<void> {
  wording ??= import("../decide/explain-words.js").then((chunk) => void (words = chunk));
  return wording;
}

/** Reasons in words when they have loaded, else each gate's name. */
const sayOrName = (reasons: readonly Reason[]): string[] => (words ? words.say(reasons) : reasons.map(gateOf));

/**
 * Creates a Nudge instance: it tracks the visitor, keeps the profile, loads
 * the rules and shows widgets. Every method is safe to call at any time (calls
 * made before it is ready are applied in order once it is) and never throws.
 *
 * @example
 * import { createNudge } from "nudge-sdk";
 * const nudge = createNudge({ rules: "/nudge-rules.json" });
 * nudge.cart.add({ id: "sku-1", name: "Mug", price: 19.9 });
 * nudge.on("converted", (e) => analytics.track("nudge_conversion", e));
 */
/* @__NO_SIDE_EFFECTS__ */
export function createNudge(options: NudgeOptions) {
  const env: Env = { ...browserEnv(), ...options.env };
  const events = createEmitter<NudgeEvents>((event, error) => {
    // A throwing "error" listener is only logged, so reporting cannot loop.
    if (event === "error") env.console.error('[nudge] an on("error") listener threw', error);
    else reporter.error(`on("${event}") listener`, error);
  });
  const reporter = createReporter(env, (problem) => events.emit("error", problem));
  const reject = createRejections(reporter);
  const profiles = createProfileStore(env, (error) => reporter.error("storage", error));
  const widgets = new Map<string, AnyWidgetDefinition | WidgetLoader>(Object.entries({ ...builtinWidgets, ...options.widgets }));

  // Global Privacy Control, when the site asks to respect it, counts as "consent required" until consent(true).
  const gpc = options.respectGPC === true && (env.window?.navigator as { globalPrivacyControl?: unknown } | undefined)?.globalPrivacyControl === true;
  // "auto" starts as "required": the consent platform's signals (read in start()) grant.
  let consent: ConsentState = allConsent(options.consent !== "required" && options.consent !== "auto" && !gpc);
  /** Whether `store` is the real storage, not the memory placeholder. */
  let persistent = false;
  let destroyed = false;
  let opened = false;
  const pending: Array<() => void> = [];
  let store: KeyValueStore = memoryStore();
  let rules: CompiledRules | null = null;
  let decider: Decider | null = null;
  let page: PageFacts = readPage(env);
  let pageStart = env.now();
  /** The rules file's `settings.pageTypes` path patterns and `settings.rfm` score boundaries. */
  let pageTypes: Record<string, string> | undefined;
  let rfmBounds: Settings["rfm"];
  /** The host's page-type hint for this page view, from `page({ type })`. */
  let pageHint: string | undefined;
  /** Whether this page has been counted yet (with `trackPageViews: false`, the site's `page()` does it). */
  let pageCounted = false;
  const cleanups: Array<() => void> = [];
  // Visible time on the site this session: one clock for the facts and the time_on_site trigger; stored only with consent.
  const clock = siteClock(env, () => consent.storage);
  const engagement = watchEngagement(env, clock);
  cleanups.push(engagement.stop, clock.stop);

  const newId = () => `${env.now().toString(36)}-${Math.floor(env.random() * 2 ** 52).toString(36)}`;

  /** Runs a profile change now, or once the stored profile has been read. */
  function act(change: () => void) {
    if (destroyed) return;
    if (opened) change();
    else pending.push(change);
  }

  /** Calls made while the rarely called API's code downloads (null when none waits), replayed in order once it is there. */
  let waiting: Array<() => void> | null = null;
  let arriving: Promise<void> | undefined;

  function needOccasional(caller: string) {
    if (occasional || waiting || destroyed) return;
    waiting = [];
    arriving = loadOccasionalCalls()
      .catch((error) => reporter.error(caller, new Error(`its code failed to load: ${(error as Error)?.message}`))) // each waiting call then says it did not run
      .then(() => {
        const calls = waiting ?? [];
        waiting = null;
        for (const call of calls) call();
        void decider?.consider(); // decisions held back meanwhile (see `blocked`)
      });
  }

  /** While calls wait for that code, later calls join them: everything applies in the order it was called. */
  function inOrder<A extends unknown[], R>(fn: (...a: A) => R, promised = false): (...a: A) => R {
    return (...a: A) => {
      const queue = waiting;
      if (!queue) return fn(...a);
      if (!promised) return void queue.push(() => fn(...a)) as R;
      return new Promise((resolve) => queue.push(() => resolve(fn(...a)))) as R;
    };
  }

  /** A method of the rarely called API: its code (and its argument checks) loads on the first call. */
  function occasionalCall<K extends Occasional.Call>(method: K, fallback?: Occasional.Result<K>): (...a: Occasional.Args<K>) => Occasional.Result<K> {
    type A = Occasional.Args<K>;
    type R = Occasional.Result<K>;
    const name = `${method}()`;
    const call = inOrder(
      safe(
        name,
        (...a: A) => {
          if (occasional) return (occasional[method] as unknown as (instance: Occasional.Instance, ...a: A) => R)(occasionalInstance, ...a);
          if (destroyed) return fallback as R; // ignored after destroy(), as every call is
          throw new Error("its code did not load"); // the download's failure was reported with its reason
        },
        fallback,
      ),
      fallback !== undefined,
    );
    return (...a: A) => {
      needOccasional(name);
      return call(...a);
    };
  }

  /**
   * A common call that changes the profile: `check` takes its arguments (a wrong one throws, and the
   * call is dropped with a warning) and returns the change, applied in call order once the profile is read.
   */
  const recording = <A extends unknown[]>(name: string, check: (...a: A) => () => void) => inOrder(safe(name, (...a: A) => act(check(...a))));

  /** Wraps a public method: a wrong call is a warning, a failure is an error, neither reaches the page. */
  function safe<A extends unknown[], R>(name: string, fn: (...a: A) => R, fallback?: R): (...a: A) => R {
    return (...a: A) => {
      try {
        return fn(...a);
      } catch (error) {
        if (error instanceof args.ArgumentProblem) reject(name, error);
        else reporter.error(name, error);
        return fallback as R;
      }
    };
  }

  /**
   * The facts document. For decisions, `visitor.timezone` stays empty unless the rules mention
   * it: reading it is the page's first Intl call, which costs Chromium some 80 ms of loading ICU data.
   */
  function facts(forDecision = false): Facts {
    const type = pageType(page.path, pageTypes, pageHint ?? metaPageType(env));
    const skipTimezone = forDecision && !rules?.readsTimezone;
    const context = {
      page: { ...page, type },
      pageStart,
      isNew: profiles.isNew(),
      currency: rules?.settings.currency ?? "USD",
      visibleSeconds: engagement.visibleSeconds(),
      siteSeconds: Math.round(clock.total() / 1000),
      scrollDepth: engagement.scrollDepth(),
      rfm: rfmBounds,
      skipTimezone,
    };
    const base = buildFacts(profiles.get(), context, env);
    base.consent = { ...consent };
    customer.facts(base, rfmBounds);
    if (rules) base.segments = Object.keys(rules.segments).filter((name) => rules!.segments[name](base));
    return base;
  }

  function record(name: string, props: Record<string, unknown>, change?: (p: Profile) => Profile) {
    profiles.update((p) => recordEvent(change ? change(p) : p, name, env.now(), newId, props));
    events.emit("track", { name, props });
    lifecycle.tracked(name, props);
    void decider?.event(name, props);
  }

  const caps = () => ({ sessionId: profiles.get().session.id, day: dayOf(env.now()) });
  const lifecycle = createLifecycle({
    env,
    reporter,
    events,
    profiles,
    widgets,
    nonce: options.nonce,
    headless: options.headless,
    rules: () => rules,
    caps,
    closed: (id) => decider?.closed(id),
    record: (name, props) => record(name, props),
    catalog: () => (catalog ??= loadCatalog()),
    pageDialogOpen: () => pageDialogOpen(env),
  });
  const host = lifecycle.host;
  // The shop's customer card (identify with a token), its facts and settings.guards: a lazy chunk.
  const customer = createCustomer({
    env,
    profile: profiles.get,
    update: profiles.update,
    rules: () => rules,
    blocked: () => (consent.personalization ? undefined : "consent: personalization not granted"),
    changed: () => void decider?.consider(),
    warn: reporter.warn,
    error: reporter.error,
  });
  // Measurement: widget events to report() and the destinations (its chunk loads on the first one).
  const measure = createMeasure({
    env,
    reporter,
    destinations: options.destinations,
    consented: () => consent.measurement,
    store: () => store,
    rules: () => rules,
    on: events.on as MeasureDeps["on"],
    profile: profiles.get,
  });
  cleanups.push(measure.stop);

  /**
   * Counts the current page in the profile and notes it on the session's trail (for `page.landing` and `page.previous`).
   * When it starts a session, where the visit came from is classified by a lazy chunk: the promise the next decision waits for.
   */
  function countPage(): Promise<void> | undefined {
    pageCounted = true;
    // Read outside the change: another tab's write may make the store replay it later, after navigation.
    const { path, query, referrer } = page;
    profiles.update((p) => notePage(recordPageView(p, env.now(), newId), path));
    const { session } = profiles.get();
    const trail = pageTrail(profiles.get());
    page = { ...page, landing: trail.landing ?? page.path, previous: trail.previous ?? "" };
    if (session.pages !== 1 || session.source) return;
    const host = env.window?.location.hostname ?? "";
    return import("../track/source.js").then(
      (chunk) => profiles.update((p) => chunk.noteVisitSource(p, session.id, chunk.classifySource(query, referrer, host))),
      (error) => reporter.error("visit source", error),
    );
  }

  function pageView(previousUrl?: string, hint?: string) {
    page = readPage(env, previousUrl);
    pageStart = env.now();
    pageHint = hint;
    engagement.restart();
    const sourced = countPage();
    events.emit("track", { name: "page_view", props: { path: page.path } });
    lifecycle.tracked("page_view", { path: page.path });
    // A page view that starts a session is decided with the visit's source known.
    void (sourced ? sourced.then(() => decider?.pageView()) : decider?.pageView());
  }

  let catalog: Promise<Product[]> | undefined;
  /** The catalog feed is fetched and checked only when a widget first asks for it, in its own chunk. */
  function loadCatalog(): Promise<Product[]> {
    const source = options.catalog ?? rules?.settings.catalog;
    if (source === undefined) return Promise.resolve([]);
    return import("../catalog/catalog.js")
      .then((feed) => feed.loadCatalog(source, env, (where, message) => reporter.warn(where, message)))
      .catch((error) => {
        reporter.error("catalog", error);
        return [];
      });
  }

  /** Whether a widget shows as a modal: from its definition once known, before that from what was computed ahead. */
  function isModal(type: string, content: Record<string, unknown>, placement?: Placement): boolean {
    const entry = widgets.get(type);
    return typeof entry === "object" ? modalOf(entry, content) : placement === "modal";
  }

  /** Whether a widget is placed inside the page (see `DeciderDeps.isInline`), known as `isModal` is. */
  function isInline(type: string, content: Record<string, unknown>, placement?: Placement): boolean {
    const entry = widgets.get(type);
    return typeof entry === "object" ? !!entry.placement?.(content as never) : placement === "inline";
  }

  async function openStorage(): Promise<KeyValueStore> {
    if (options.store) return options.store;
    return openBestStore(env, (message) => env.console.info(`[nudge] storage: ${message}`));
  }

  /** Applies a consent choice: what is withdrawn stops at once, what is granted starts once Nudge is ready. */
  function setConsent(choice: ConsentChoice) {
    const was = consent;
    consent = { ...consent, ...choice };
    if (destroyed) return;
    if (was.personalization && !consent.personalization) host.hide();
    if (persistent && !consent.storage) {
      persistent = false;
      store = memoryStore();
      void profiles.moveTo(store);
    }
    void ready.then(async () => {
      if (consent.storage && !persistent) {
        persistent = true;
        const opened = await openStorage();
        if (!persistent) return; // withdrawn meanwhile
        store = opened;
        await profiles.adopt(store, newId);
      }
      measure.start();
      await decider?.consider();
    });
  }

  async function start(): Promise<void> {
    if (!env.window) return; // SSR: an inert instance
    // The rules travel while consent signals are read and storage opens: they are what the first decision waits on longest.
    const fetched = fetchRules(options.rules, env);
    // The consent platform's signals: their chunk loads only in "auto" mode, and the
    // dataLayer's consent entries are applied before storage is opened.
    const signalProblem = (error: unknown) => reporter.error("consent signals", error);
    const signals =
      options.consent === "auto"
        ? await import("./consent-signals.js").then((chunk) => chunk.followConsentSignals(env.window!, setConsent, signalProblem, gpc), signalProblem)
        : undefined;
    if (signals) cleanups.push(signals.stop);
    // GA4 ecommerce events the page already pushes (through a tag manager) need no code from the site.
    let layer: Promise<void> | undefined;
    if (options.dataLayer !== false || signals) {
      const name = typeof options.dataLayer === "string" ? options.dataLayer : "dataLayer";
      const watch = watchDataLayer(
        env.window,
        options.dataLayer === false ? null : (command) => instance.push(command),
        name,
        (error) => reporter.error("dataLayer", error),
        signals?.gtag,
      );
      cleanups.push(watch.stop);
      layer = watch.ready;
    }
    if (consent.storage) {
      const opened = await openStorage();
      // Withdrawn meanwhile: memory it stays; granted meanwhile: setConsent adopts the storage once ready.
      if (consent.storage) (store = opened), (persistent = true);
    }
    // The cached rules are read beside the profile: their code (extra operators, derived facts) starts loading before the rules arrive.
    const loading = loadRules(options.rules, {
      env,
      store,
      fetched,
      report: (where, message, level) => (level === "warn" ? reporter.warn(where, message) : reporter.error(where, new Error(message))),
      hint: (message) => env.console.info(`[nudge] ${message}`),
    });
    loading.catch(() => {}); // awaited below; this keeps a return on destroy() meanwhile quiet
    await profiles.open(store, newId);
    if (destroyed) return;
    opened = true;
    let sourced: Promise<void> | undefined;
    if (options.trackPageViews !== false) {
      sourced = countPage();
      cleanups.push(watchNavigation(env, (previous) => safe("page view", pageView)(previous)));
    }
    for (const change of pending.splice(0)) safe("queued call", change)();
    const flush = (event?: Event) => {
      // Into the back/forward cache: the tabs' channels close (a message there evicts the page); pageshow reopens them.
      const cached = (event as PageTransitionEvent)?.persisted;
      decider?.pageHidden(cached);
      void profiles.flushOnHide();
      if (cached) profiles.close();
    };
    const onHidden = () => env.document?.visibilityState === "hidden" && flush();
    // Back from the back/forward cache: a page view like any other (counted, profile re-read, rules decided, triggers re-armed).
    const onShow = (event: Event) =>
      (event as PageTransitionEvent).persisted &&
      !destroyed &&
      void profiles.resume().then(() => (options.trackPageViews !== false ? safe("page view", pageView)() : decider?.pageView()));
    env.window.addEventListener("pagehide", flush);
    env.window.addEventListener("pageshow", onShow);
    env.document?.addEventListener("visibilitychange", onHidden);
    cleanups.push(() => {
      env.window?.removeEventListener("pagehide", flush);
      env.window?.removeEventListener("pageshow", onShow);
      env.document?.removeEventListener("visibilitychange", onHidden);
    });

    const loaded = await loading;
    const file = loaded?.rules;
    await layer; // the events pushed before Nudge loaded count in the first decision
    await sourced; // and where the visit came from, when this page view started a session
    if (destroyed) return;
    pageTypes = file?.settings?.pageTypes;
    rfmBounds = file?.settings?.rfm;
    const usable = file ?? { version: 1, widgets: [] };
    // Schedules load only for a file that has one; if their code fails to load, those widgets are left out.
    const features: RulesFeatures = loaded?.ahead.features.includes("schedule")
      ? await import("../decide/schedule.js").catch((error) => (reporter.error("schedule", error), {}))
      : {};
    if (destroyed) return;
    if (waiting) await arriving; // identify() or consent() called before ready count in the first decision, as the calls around them do
    if (destroyed) return;
    rules = compileRules(usable, (path, error) => reporter.error(`rules ${path}`, error), features, loaded?.ahead);
    decider = createDecider({
      env,
      rules,
      facts: () => facts(true),
      history: () => profiles.get().widgets,
      caps,
      tab: newId(),
      showing: host.showing,
      skipped: host.skipped,
      isModal,
      isInline,
      eligible: lifecycle.eligible,
      prefetch: (widget) => lifecycle.prefetch(widget.type),
      show: (widget, snapshot, variant) => host.show(widget, snapshot, variant),
      close: (id) => host.hide(id),
      blocked: () => (destroyed ? "destroyed" : waiting ? "a call waits for its code to load" : consent.personalization ? undefined : "consent: personalization not granted"),
      sync: profiles.sync,
      mayStore: () => consent.storage,
      pageDialogOpen: () => pageDialogOpen(env),
      guards: customer.guards,
      notes: customer.notes,
    });
    await customer.prepare();
    events.emit("ready", { widgets: rules.widgets.length });
    measure.start();
    if (options.debug === true || /[?&]nudge_debug=1(&|$)/.test(env.window.location.search)) openDebugView();
    // Decide on this page only once it is counted; otherwise the site's page() call will.
    if (pageCounted) await decider.pageView();
  }

  /** Reasons in words, loading them first; each gate's name if they cannot load (that failure is reported). */
  const sayReasons = (reasons: readonly Reason[], caller: string) =>
    loadExplainWords().then(
      () => sayOrName(reasons),
      (error) => (reporter.error(caller, error), sayOrName(reasons)),
    );

  /** The debug view (facts and explain() live) is its own chunk, downloaded only when asked for, with explain()'s words. */
  function openDebugView() {
    Promise.all([import("../debug/panel.js"), sayReasons([], "debug view")])
      .then(([{ openDebugPanel }]) => {
        if (!destroyed) cleanups.push(openDebugPanel(env, instance));
      })
      .catch((error) => reporter.error("debug view", error));
  }

  /** What the rarely called API may touch (see occasional-calls.ts). */
  const occasionalInstance: Occasional.Instance = {
    env,
    reporter,
    profiles,
    widgets,
    ready: () => ready,
    act,
    newId,
    customer,
    store: () => store,
    setConsent,
    erase() {
      host.hide();
      measure.forget();
    },
    resetClock: () => clock.reset(),
  };

  const ready: Promise<void> = start().catch((error) => reporter.error("start", error));

  const instance = {
    /** Resolves once the profile and the rules are loaded and the first page view is decided (its widgets shown, with their data). */
    ready,

    /** Records a custom event, e.g. `track("signup", { plan: "pro" })`. */
    track: recording("track()", (name: string, props?: JsonObject) => {
      const event = args.eventName(name, "track()");
      const data = args.plainObject(props, "track() props");
      return () => record(event, data);
    }),

    /**
     * Records a page view; call it yourself only with `trackPageViews: false`.
     * `{ type: "product" }` tells the rules what kind of page it is (`page.type`).
     */
    page: recording("page()", (props?: PageProps) => {
      const { type } = args.pageProps(props, "page()", PAGE_TYPES);
      return () => pageView(undefined, type);
    }),

    /**
     * Names the visitor (a user id from your site) and stores traits such as `{ firstName }`.
     * The first id keeps the anonymous history; a different id later (someone else logged in)
     * starts a fresh profile that keeps only this device's widget history (see `identified`).
     * `{ token }` (signed by your server) loads the shop's customer card: `identify("c-1024", {}, { token })`.
     */
    identify: occasionalCall("identify"),

    /** Records that the visitor looked at a product (`view_item`): `viewItem({ id: "sku-1", name, price, category })`. */
    viewItem: recording("viewItem()", (product: ViewedProduct) => {
      const item = args.product(product, "viewItem()");
      return () => record("view_item", item);
    }),

    /** Records a site search (`search` with `{ query }`): `search("running shoes")`. */
    search: recording("search()", (query: string) => {
      const terms = args.searchQuery(query, "search()");
      return () => record("search", { query: terms });
    }),

    /** The visitor's cart, kept in step with your shop's cart. */
    cart: {
      /** Adds a product line (`add_to_cart`); the same id again adds to its quantity. */
      add: recording("cart.add()", (item: CartItem) => {
        const line = args.cartItem(item, "cart.add()");
        return () => record("add_to_cart", { ...line }, (p) => ({ ...p, cart: addToCart(p.cart, line) }));
      }),
      /** Removes the line, or `quantity` of it: `cart.remove("sku-1")`, `cart.remove("sku-1", 1)`. */
      remove: recording("cart.remove()", (id: string | number, quantity?: number) => {
        const key = args.identifier(id, "cart.remove()");
        // The quantity is checked like a cart item's ("cart.remove(): item.quantity must be a whole number ≥ 1…").
        const count = quantity === undefined ? undefined : args.cartItem({ id: key, quantity }, "cart.remove()").quantity;
        return () => record("remove_from_cart", count ? { id: key, quantity: count } : { id: key }, (p) => ({ ...p, cart: removeFromCart(p.cart, key, count) }));
      }),
      /** Replaces the whole cart with these lines (`cart_update`): for syncing with the shop's own cart. */
      set: recording("cart.set()", (items: readonly CartItem[]) => {
        const lines = args.cartItems(items, "cart.set()");
        return () => record("cart_update", { count: lines.length }, (p) => ({ ...p, cart: lines }));
      }),
      /** Empties the cart (`cart_update`), e.g. after the order. */
      clear: recording("cart.clear()", () => () => record("cart_update", { count: 0 }, (p) => ({ ...p, cart: [] }))),
    },

    /**
     * Records an order: `purchase({ id: "1001", value: 59.8, items, coupon? })`; the `purchase` event's props carry `coupon` (the code used) for goals.
     * The cart is emptied, as a placed order empties the shop's: no abandoned-cart widget after checkout.
     */
    purchase: recording("purchase()", (order: Order) => {
      const placed = args.order(order, "purchase()");
      // Item ids (when given) let recommendations skip what was just bought and learn what goes together.
      return () =>
        record(
          "purchase",
          { id: placed.id, value: placed.value, ...(placed.coupon ? { coupon: placed.coupon } : {}), ...(placed.items.length ? { items: placed.items.map((i) => i.id) } : {}) },
          (p) => ({
            ...p,
            cart: [],
            orders: { count: p.orders.count + 1, total: Math.round((p.orders.total + placed.value) * 100) / 100, last: { id: placed.id, value: placed.value, time: env.now() } },
          }),
        );
    }),

    /**
     * Gives or withdraws the visitor's consent: `true` / `false` for every category, or some of
     * them, e.g. `{ storage: true, personalization: true, measurement: false }` (see `ConsentChoice`).
     */
    consent: occasionalCall("consent"),

    /** Erases everything Nudge stored about the visitor, in every storage, and starts a new anonymous profile. */
    forget: occasionalCall("forget", Promise.resolve()),

    /** Shows a widget now, if its conditions and caps allow (`{ force: true }` skips them: for previews). */
    show: inOrder(
      safe(
        "show()",
        (id: string, opts?: { force?: boolean }) => {
          const widgetId = args.identifier(id, "show()");
          const force = !!opts?.force; // read now: a throwing getter later would reject the page's promise
          return ready.then(async () => {
            if (!decider) return false;
            const reasons = await decider.showNow(widgetId, force);
            if (reasons.length) reporter.warn(`show("${widgetId}")`, `not shown: ${(await sayReasons(reasons, "show()")).join("; ")}`);
            return reasons.length === 0;
          });
        },
        Promise.resolve(false),
      ),
      true,
    ),

    /** Closes the widget with this id, or every widget on screen. */
    hide: inOrder(safe("hide()", (id?: string) => host.hide(id === undefined ? undefined : args.identifier(id, "hide()")))),

    /**
     * Why each widget (or the one named) would or would not show now. The first call loads the
     * reasons' words: until they arrive (a moment later), each reason is its gate's name alone.
     */
    explain: safe(
      "explain()",
      (id?: string): Explanation[] => {
        if (!decider) return [];
        if (!wording) void sayReasons([], "explain()"); // once: a failed download is reported once, names stay meanwhile
        return decider.holds(id).map(({ id, type, reasons }) => ({ id, type, wouldShow: !reasons.length, blockedBy: sayOrName(reasons) }));
      },
      [],
    ),

    /**
     * Impressions, clicks, conversions, revenue and uplift per widget and variant, over what this
     * browser recorded (`log` holds those events; a collector runs `buildReport` from `nudge-sdk/measure`
     * over every visitor's), with `delivery` for each destination. Loads its code on first use.
     */
    report: safe("report()", measure.report, Promise.resolve()),

    /** The facts document the rules see now. */
    facts: safe("facts()", () => facts()),

    /** Listens to an event (see `NudgeEvents`); returns a function that stops listening. */
    on: safe(
      "on()",
      (event: keyof NudgeEvents, handler: (payload: never) => void): (() => void) => {
        const name = args.eventName(event, "on()") as keyof NudgeEvents;
        return events.on(name, args.handler(handler, name) as (payload: unknown) => void);
      },
      () => {},
    ) as <K extends keyof NudgeEvents>(event: K, handler: (payload: NudgeEvents[K]) => void) => () => void,

    /**
     * Adds a widget type (or replaces a built-in one): `{ component, styles?, modal?, placement?, schema? }`
     * with a Preact component, `{ mount, … }` drawn by other code (React: `reactWidget()` from
     * `nudge-sdk/react`), or a lazy loader of a module whose default export is one. `schema` (zod)
     * checks each widget's `content` before it shows; a misfit is reported with its path and skipped.
     */
    registerWidget: occasionalCall("registerWidget"),

    /** Stops everything: listeners, timers, widgets. Pending profile changes are written first. */
    destroy: safe("destroy()", () => {
      if (destroyed) return;
      destroyed = true;
      decider?.dispose();
      for (const cleanup of cleanups.splice(0)) cleanup();
      void profiles.flush().then(() => profiles.close());
      host.destroy();
      events.clear();
    }),

    /**
     * Runs a command in the script-tag queue format: `["track", "signup", {…}]`,
     * `["cart.add", item]`, or a function called with the instance.
     */
    push: safe("push()", (command: unknown): number => runCommand(instance, command), 0),
  };
  return instance;
}

export type Nudge = ReturnType<typeof createNudge>;

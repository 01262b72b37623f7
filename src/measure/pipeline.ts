/**
 * The measurement chunk: turns lifecycle events into measured events, keeps
 * this browser's log for `report()`, and sends each event to the configured
 * destinations. Loaded on the first widget event, or at start when a
 * destination is configured.
 */
import type { Reporter } from "../core/report.js";
import type { Env } from "../env/env.js";
import type { KeyValueStore } from "../profile/storage.js";
import type { CompiledRules } from "../rules/compile-rules.js";
import type { DeliveryStats } from "./destination-types.js";
import { createDestinations } from "./destinations.js";
import { envelope, type EnvelopeInput, type LifecyclePayload } from "./envelope.js";
import type { MeasuredEventName, MeasureEvent } from "./event.js";
import { leadPost } from "./lead-post.js";
import { createLog } from "./log.js";
import type { Report } from "./report.js";

export interface PipelineDeps {
  env: Env;
  reporter: Reporter;
  /** The `destinations` option, as given (checked here). */
  destinations?: unknown;
  consented(): boolean;
  /** The instance's store (it changes with consent). */
  store(): KeyValueStore;
  rules(): CompiledRules | null;
}

/** A lifecycle event noted by the hook at the moment it happened. */
export interface Captured {
  name: MeasuredEventName;
  payload: LifecyclePayload;
  time: number;
  profile: EnvelopeInput["profile"];
  path: string;
}

/** What `nudge.report()` returns: the report over this browser's events, the events, and how each destination is doing. */
export interface LocalReport extends Report {
  /** The measured events this browser recorded (the newest 1000): export them for the report page. */
  log: MeasureEvent[];
  delivery: DeliveryStats[];
}

/** A unique id: a random UUID where the browser has one, else time and randomness. */
function eventId(env: Env): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID === "function") return crypto.randomUUID();
  return `${env.now().toString(36)}-${Math.floor(env.random() * 2 ** 52).toString(36)}-${Math.floor(Math.random() * 2 ** 52).toString(36)}`;
}

export function createPipeline(deps: PipelineDeps) {
  const { env, reporter } = deps;
  const log = createLog(env, deps.store, (error) => reporter.error("measurement log", error));
  const { senders, problems } = createDestinations(deps.destinations, {
    env,
    consented: deps.consented,
    problem: (where, error) => reporter.error(where, error),
  });
  for (const problem of problems) reporter.warn(problem.slice(0, problem.indexOf(":")), problem);
  // Hidden (tab switch, app switch): write now, the page may be killed. Page exit: through the journal too.
  const hideLog = () => log.hide();
  const hiddenLog = () => env.document?.visibilityState === "hidden" && void log.flush();
  env.window?.addEventListener("pagehide", hideLog);
  env.document?.addEventListener("visibilitychange", hiddenLog);
  for (const sender of senders) sender.start?.();
  const counts = senders.map(() => 0);

  return {
    record(captured: Captured): void {
      // Nothing is recorded or sent without consent (a widget hidden by consent(false) included).
      // Checked here, when the chunk has loaded, not at the event: conservative (an event just
      // before a withdrawal is dropped) and a few bytes fewer on every page.
      if (!deps.consented()) return;
      const rules = deps.rules();
      const event = envelope({
        ...captured,
        id: eventId(env),
        widget: rules?.widgets.find((w) => w.id === captured.payload.id),
        currency: rules?.settings.currency,
        siteHoldout: rules?.settings.holdout,
      });
      log.add(event);
      const lead = event.name === "lead" ? leadPost(event, captured.payload.fields, captured.payload.consent) : undefined;
      senders.forEach((sender, i) => {
        try {
          sender.send(event);
          counts[i]++;
          if (lead) sender.lead?.(lead);
        } catch (error) {
          reporter.error(sender.name, error);
        }
      });
    },
    async report(): Promise<LocalReport> {
      // The statistics load only when a report is asked for.
      const [events, { buildReport }] = await Promise.all([log.read(), import("./report.js")]);
      return { ...buildReport(events), log: events, delivery: senders.map((s, i) => s.stats?.() ?? { destination: s.name, sent: counts[i] }) };
    },
    forget(): void {
      log.forget();
      for (const sender of senders) sender.forget?.();
    },
    stop(): void {
      void log.flush();
      env.window?.removeEventListener("pagehide", hideLog);
      env.document?.removeEventListener("visibilitychange", hiddenLog);
      for (const sender of senders) sender.stop?.();
    },
  };
}

export type Pipeline = ReturnType<typeof createPipeline>;

/**
 * The part of measurement that every page view pays for: it notes each widget
 * lifecycle event with what it needs from that moment (the profile, the page),
 * and hands it to the pipeline chunk, loaded on the first such event, or at
 * start when destinations are configured (to send what earlier pages queued).
 */
import type { Reporter } from "../core/report.js";
import { MEASURED_EVENTS } from "./event.js";
import type { Captured, LocalReport, Pipeline, PipelineDeps } from "./pipeline.js";

export interface MeasureDeps extends PipelineDeps {
  reporter: Reporter;
  /** Subscribes to an instance event (the instance's emitter). */
  on(event: string, listener: (payload: Captured["payload"]) => void): unknown;
  profile(): Captured["profile"];
}

export function createMeasure(deps: MeasureDeps) {
  let loading: Promise<Pipeline | void> | undefined;
  /** Bumped by forget(): events noted before it are not recorded. */
  let generation = 0;
  const load = () =>
    (loading ??= import("./pipeline.js").then(
      (module) => module.createPipeline(deps),
      (error) => {
        deps.reporter.error("measurement", error);
        loading = undefined;
      },
    ));

  for (const name of MEASURED_EVENTS) {
    deps.on(name, (payload) => {
      const captured: Captured = { name, payload, time: deps.env.now(), profile: deps.profile(), path: deps.env.window?.location.pathname ?? "" };
      const mine = generation;
      // Promise callbacks run in order: events are recorded in the order they happened.
      void load().then((pipeline) => mine === generation && pipeline?.record(captured));
    });
  }

  return {
    /** Sends what earlier pages queued, when a destination is configured. */
    start: (): void => void ((deps.destinations as unknown[] | undefined)?.length && deps.consented() && load()),
    report: (): Promise<LocalReport | void> => load().then((pipeline) => pipeline?.report()),
    /** Drops everything measured and queued (the stores themselves are cleared by `forget()`). */
    forget(): void {
      generation++;
      void loading?.then((pipeline) => pipeline?.forget());
    },
    stop: (): void => void loading?.then((pipeline) => pipeline?.stop()),
  };
}

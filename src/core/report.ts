import type { Env } from "../env/env.js";

/** A problem Nudge noticed and survived; passed to `on("error")` listeners. */
export interface NudgeProblem {
  /** Where it happened, e.g. `rules`, `widgets[2].when`, `track()`, `widget:popup`. */
  where: string;
  message: string;
  error?: unknown;
}

export interface Reporter {
  /** Something the site owner should fix (bad call, bad rule): one console warning per distinct message. */
  warn(where: string, message: string): void;
  /** Something that failed: one console error per distinct message; never throws. */
  error(where: string, error: unknown): void;
}

/** Reports each distinct problem once, so a broken rule does not flood the console. */
export function createReporter(env: Env, onProblem: (problem: NudgeProblem) => void): Reporter {
  const seen = new Set<string>();
  function report(level: "warn" | "error", problem: NudgeProblem) {
    // Argument problems already start with the call's name ("track(): …"); don't say it twice.
    const line = problem.message.startsWith(problem.where) ? `[nudge] ${problem.message}` : `[nudge] ${problem.where}: ${problem.message}`;
    if (seen.has(line)) return;
    seen.add(line);
    try {
      env.console[level](line);
      onProblem(problem);
    } catch {
      // A broken console or listener must not turn a report into a crash.
    }
  }
  return {
    warn: (where, message) => report("warn", { where, message }),
    error: (where, error) => report("error", { where, message: describe(error), error }),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : "unknown error";
}

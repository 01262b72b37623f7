import type * as Messages from "./argument-messages.js";
import type { ArgumentProblem } from "./arguments.js";
import type { Reporter } from "./report.js";

/** The warning texts once loaded: shared by every instance (code, not state), so later warnings are immediate. */
let messages: typeof Messages | undefined;

/** Loads the texts of rejected calls' warnings (tests load them up front to see warnings at once). */
export const loadArgumentMessages = () => import("./argument-messages.js").then((chunk) => void (messages = chunk));

/**
 * Reports rejected calls as warnings, in call order. The call is dropped either way; its
 * warning waits for the texts' chunk when they are not there yet, and later warnings wait behind it.
 */
export function createRejections(reporter: Reporter) {
  let waiting = 0;
  let queue: Promise<unknown> = Promise.resolve();
  return (where: string, problem: ArgumentProblem) => {
    // Without the texts (their chunk failed to load), the warning still names the call.
    const say = () =>
      reporter.warn(where, !problem.why ? problem.message : messages ? messages.describeProblem(problem) : `${problem.why[0]}: a wrong argument (its message failed to load)`);
    if (!waiting && (messages || !problem.why)) return say();
    waiting++;
    queue = queue
      .then(() => messages ?? loadArgumentMessages())
      .catch(() => {})
      .then(say)
      .finally(() => waiting--);
  };
}

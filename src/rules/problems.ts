/** One thing wrong in a rules file (or catalog), with where it is. */
export interface RulesProblem {
  /** JSON path, e.g. `widgets[1].frequency.session`. */
  path: string;
  message: string;
  /**
   * "warning": probably a mistake, but the widget still runs (an unknown fact path, an end date
   * in the past). Absent: an error, and the widget (or, in the envelope, the file) is skipped.
   */
  severity?: "warning";
}

/** A warning at `path`. */
export function warning(path: string, message: string): RulesProblem {
  return { path, message, severity: "warning" };
}

/** True for an error: a problem that makes its widget (or the file) unusable. */
export function isError(problem: RulesProblem): boolean {
  return problem.severity !== "warning";
}

/** `["widgets", 1, "trigger"]` → `widgets[1].trigger` */
export function jsonPath(parts: ReadonlyArray<PropertyKey>, prefix = ""): string {
  let path = prefix;
  for (const part of parts) {
    if (typeof part === "number") path += `[${part}]`;
    else path += path ? `.${String(part)}` : String(part);
  }
  return path || "(root)";
}

/** `path: message`, and `path: warning: message` for a warning. */
export function formatProblem(problem: RulesProblem): string {
  return `${problem.path}: ${problem.severity === "warning" ? "warning: " : ""}${problem.message}`;
}

/** The candidate closest to `word` by edit distance, if it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

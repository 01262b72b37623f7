import { closest } from "../../src/rules/problems.js";
import type { Answer, Question } from "./schema.js";

/** The end of a survey, as a `next`. */
export const END = "end";

/** One problem in the question list, at its path inside `content`. */
export interface QuestionProblem {
  path: Array<string | number>;
  message: string;
}

/** The question after `index` when nothing says otherwise: the next in the list, or the end. */
const following = (questions: readonly Question[], index: number) => questions[index + 1]?.id ?? END;

/**
 * Where a question can go, each with the path of the field that says so (`next` by default).
 * A single choice whose every option names its `next` cannot fall through to the default.
 */
export function links(questions: readonly Question[], index: number): Array<{ path: Array<string | number>; next: string }> {
  const q = questions[index];
  const out: Array<{ path: Array<string | number>; next: string }> = [];
  let fallsThrough = true;
  if (q.type === "single" || q.type === "multiple") {
    q.options.forEach((o, i) => o.next !== undefined && out.push({ path: ["options", i, "next"], next: o.next }));
    if (q.type === "single" && !q.optional && q.options.every((o) => o.next !== undefined)) fallsThrough = false;
  }
  if (q.type === "rating") q.branches?.forEach((b, i) => out.push({ path: ["branches", i, "next"], next: b.next }));
  if (fallsThrough) out.push({ path: ["next"], next: q.next ?? following(questions, index) });
  return out;
}

/** The question after `q` given its answer (undefined: skipped), by its branches, else `next`, else the list's order. */
export function nextAfter(questions: readonly Question[], index: number, answer: Answer | undefined): string {
  const q = questions[index];
  if ((q.type === "single" || q.type === "multiple") && answer !== undefined) {
    const chosen = Array.isArray(answer) ? answer : [answer];
    const hit = q.options.find((o) => o.next !== undefined && chosen.includes(o.value ?? o.label));
    if (hit?.next) return hit.next;
  }
  if (q.type === "rating" && typeof answer === "number") {
    const hit = q.branches?.find((b) => answer >= (b.min ?? 1) && answer <= (b.max ?? 5));
    if (hit) return hit.next;
  }
  return q.next ?? following(questions, index);
}

/** How many questions are left from `id` on the default route (no branch taken), this one included: for the progress. */
export function remaining(questions: readonly Question[], id: string): number {
  const seen = new Set<string>();
  let at = id;
  while (at !== END && !seen.has(at)) {
    const index = questions.findIndex((q) => q.id === at);
    if (index < 0) break;
    seen.add(at);
    at = questions[index].next ?? following(questions, index);
  }
  return seen.size;
}

/**
 * Cross-references of the question list: ids are unique, every `next` names a question or "end"
 * and does not go back to the question itself, and every question is reachable from the first.
 *
 * @example
 * questionProblems([{ id: "a", type: "text", text: "Why?", next: "b" }]);
 * // [{ path: ["questions", 0, "next"], message: 'no question "b" (use "end" to finish the survey)' }]
 */
export function questionProblems(questions: readonly Question[]): QuestionProblem[] {
  const problems: QuestionProblem[] = [];
  const ids = questions.map((q) => q.id);
  const indexOf = new Map<string, number>();
  questions.forEach((q, i) => {
    if (q.id === END) problems.push({ path: ["questions", i, "id"], message: `"${END}" is reserved for finishing the survey: name the question otherwise` });
    else if (indexOf.has(q.id)) problems.push({ path: ["questions", i, "id"], message: `"${q.id}" is already the id of questions[${indexOf.get(q.id)}]` });
    else indexOf.set(q.id, i);
  });
  questions.forEach((q, i) => {
    for (const link of links(questions, i)) {
      if (link.next === END) continue;
      if (!indexOf.has(link.next)) {
        const suggestion = closest(link.next, ids);
        problems.push({
          path: ["questions", i, ...link.path],
          message: `no question "${link.next}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""} (use "${END}" to finish the survey)`,
        });
      } else if (link.next === q.id) problems.push({ path: ["questions", i, ...link.path], message: `leads back to "${q.id}" itself: the survey would never end` });
    }
  });
  if (!questions.length) return problems;
  const reached = new Set([0]);
  const queue = [0];
  while (queue.length) {
    for (const { next } of links(questions, queue.shift()!)) {
      const to = indexOf.get(next);
      if (to !== undefined && !reached.has(to)) reached.add(to), queue.push(to);
    }
  }
  questions.forEach((q, i) => {
    if (!reached.has(i) && indexOf.get(q.id) === i)
      problems.push({ path: ["questions", i], message: `"${q.id}" is never reached: no question leads here from "${questions[0].id}"` });
  });
  return problems;
}

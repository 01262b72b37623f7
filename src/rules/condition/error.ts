import type { ConditionProblem } from "./types.js";

/** Thrown by `compileCondition` when the condition has problems; lists all of them. */
export class ConditionError extends Error {
  readonly problems: ConditionProblem[];

  constructor(problems: ConditionProblem[]) {
    super(describeProblems(problems));
    this.name = "ConditionError";
    this.problems = problems;
  }
}

function describeProblems(problems: readonly ConditionProblem[]): string {
  const lines = problems.map((problem) => `  ${problem.path || "(condition)"}: ${problem.message}`);
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return `Invalid condition (${count}):\n${lines.join("\n")}`;
}

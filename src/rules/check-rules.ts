import { computeAhead } from "./publish.js";
import type { Ahead } from "./published.js";
import type { RulesProblem } from "./problems.js";
import type { RulesFile } from "./schema/rules-schema.js";
import { validateRules } from "./validate.js";

/**
 * The browser's path for a rules file that is not published (the validator chunk's entry):
 * validates it and works out what `nudge build` would have put in `ahead`.
 */
export function checkRules(json: unknown, length: number): { rules: RulesFile | null; ahead?: Ahead; problems: RulesProblem[] } {
  const { rules, problems } = validateRules(json, length);
  return { rules, problems, ahead: rules ? computeAhead(rules) : undefined };
}

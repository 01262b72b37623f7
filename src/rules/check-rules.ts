import { computeAhead } from "./publish.js";
import { looksPublished, type Ahead } from "./published.js";
import type { RulesProblem } from "./problems.js";
import type { RulesFile } from "./schema/rules-schema.js";
import { validateRules } from "./validate.js";

/**
 * The browser's path for a rules file that is not published, or was edited since (the validator
 * chunk's entry): validates it, works out what `nudge build` would have put in `ahead`, and says
 * how to publish it (`hint`; the texts live here, not in the runtime every page pays for).
 */
export function checkRules(json: unknown, length: number, where: string): { rules: RulesFile | null; ahead?: Ahead; problems: RulesProblem[]; hint: string } {
  const edited = looksPublished(json);
  // Lenient: a widget type that is not built in may be registered with registerWidget() later.
  const { rules, problems } = validateRules(edited ? json.rules : json, length, { lenientTypes: true });
  const hint = edited
    ? `rules: ${where} was changed after \`nudge build\` (its stamp does not match), so this browser checked it. Build it again: npx nudge build <rules.json>`
    : `rules: ${where} is not published, so this browser downloaded the validator to check it. Publish it with \`npx nudge build <rules.json>\` and visitors' browsers skip that step`;
  return { rules, problems, ahead: rules ? computeAhead(rules) : undefined, hint };
}

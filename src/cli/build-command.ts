/// <reference types="node" />
import { writeFile } from "node:fs/promises";
import { readRulesFile } from "./read-rules-file.js";
import { formatProblem, isError } from "../rules/problems.js";
import { publishRules } from "../rules/publish.js";
import { looksPublished } from "../rules/published.js";
import { validateRules } from "../rules/validate.js";

/**
 * `nudge build <rules.json> [-o <out.json>]`: validates a rules file and writes the published
 * file that browsers trust without downloading the validator. A file with problems is not
 * published (exit 1); the output defaults to `<name>.published.json` beside the input.
 */
export async function buildCommand(args: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const outFlag = args.findIndex((a) => a === "-o" || a === "--out");
  const target = outFlag >= 0 ? args[outFlag + 1] : undefined;
  const inputs = args.filter((a, i) => !a.startsWith("-") && (outFlag < 0 || i !== outFlag + 1));
  if (inputs.length !== 1 || (outFlag >= 0 && !target)) {
    err("Usage: nudge build <rules.json> [-o <out.json>]");
    return 2;
  }
  const [file] = inputs;
  const read = await readRulesFile(file, err);
  if ("exit" in read) return read.exit;
  const { json, length } = read;
  // Building a published file again (e.g. after editing it by hand) publishes its rules part.
  const source = looksPublished(json) ? json.rules : json;
  const { rules, problems } = validateRules(source, length);
  const errors = problems.filter(isError);
  if (errors.length || !rules) {
    err(`${file}: ${errors.length} error(s); nothing written`);
    for (const problem of problems) err(`  ${formatProblem(problem)}`);
    return 1;
  }
  // Warnings do not stop publishing (the widgets run), but the marketer sees them once more.
  for (const problem of problems) err(`  ${formatProblem(problem)}`);
  const published = publishRules(rules);
  const output = target ?? file.replace(/(\.json)?$/, ".published.json");
  try {
    await writeFile(output, `${JSON.stringify(published, null, 2)}\n`);
  } catch (error) {
    err(`${output}: ${(error as Error).message}`);
    return 2;
  }
  const { operators, features } = published.ahead;
  out(`${output}: published ${rules.widgets.length} widget(s), stamp ${published.hash}`);
  out(`  operators: ${operators.join(" ") || "none"}; features: ${features.join(" ") || "none"}`);
  out("  browsers use it as it is, without downloading the validator; point data-rules at this file");
  return 0;
}
